package de.fachkraftallianz.forms;

import de.fachkraftallianz.forms.FormDefinition.AtLeastOne;
import de.fachkraftallianz.forms.FormDefinition.DateOrder;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.RequiredIf;
import de.fachkraftallianz.forms.FormDefinition.Rule;
import de.fachkraftallianz.forms.FormDefinition.WithinDays;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a submission against its form definition and returns every problem at once, as German messages per
 * field. Never throws for bad input: whatever a visitor sends ends in a {@link ValidationResult}.
 */
public final class Validator {

    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Dates further ahead than this are typing mistakes, not plans. */
    static final int MAX_YEARS_AHEAD = 3;

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)*\\.[^\\s@.]{2,}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s/()\\-.]");
    /** German numbers: national (0…) or international (+49/0049 …) with 6 to 15 digits after the prefix. */
    private static final Pattern PHONE = Pattern.compile("(\\+49|0049|0)[1-9]\\d{4,14}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

    private final Clock clock;

    public Validator(Clock clock) {
        this.clock = clock;
    }

    public ValidationResult validate(FormDefinition form, Map<String, List<String>> input) {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        List<Field> fields = form.fields();
        for (Field field : fields) {
            if (field.showIf() != null && !field.showIf().holds(values)) {
                continue; // a question that does not apply to the answers before it: its value is ignored
            }
            Given cleaned = clean(field, input.getOrDefault(field.name(), List.of()));
            List<String> given = cleaned.values();
            if (!given.isEmpty()) {
                values.put(field.name(), given);
            }
            Optional<String> problem = cleaned.problem() != TextInput.Problem.NONE
                    ? Optional.of(characterMessage(field, cleaned.problem()))
                    : check(field, given, today);
            if (problem.isPresent()) {
                errors.put(field.name(), problem.get());
            } else if (field.type() == FieldType.DATE && !given.isEmpty()) {
                values.put(field.name(), List.of(parseDate(given.get(0)).orElseThrow().toString()));
            }
        }
        for (Rule rule : form.rules()) {
            if (noneIn(rule.fields(), errors)) {
                Optional<String> field = broken(rule, values, today);
                if (field.isPresent()) {
                    errors.put(field.get(), rule.message());
                }
            }
        }
        return new ValidationResult(values, sortByFormOrder(fields, errors));
    }

    /** The values as {@link TextInput} cleans them, empty ones dropped, and why any was refused. */
    private static Given clean(Field field, List<String> raw) {
        List<String> cleaned = new ArrayList<>();
        TextInput.Problem problem = TextInput.Problem.NONE;
        for (String value : raw) {
            TextInput.Cleaned one = TextInput.clean(value, field.type() == FieldType.TEXTAREA);
            if (one.problem().ordinal() > problem.ordinal()) {
                problem = one.problem();
            }
            if (!one.text().isEmpty()) {
                cleaned.add(one.text());
            }
        }
        return new Given(field.type().isMultiValued() ? List.copyOf(new LinkedHashSet<>(cleaned)) : cleaned, problem);
    }

    private record Given(List<String> values, TextInput.Problem problem) {
    }

    private static String characterMessage(Field field, TextInput.Problem problem) {
        return problem == TextInput.Problem.UNREADABLE
                ? "„" + field.label() + "“ enthält Zeichen, die wir nicht lesen können. Bitte geben Sie die Angabe "
                        + "noch einmal ein."
                : "„" + field.label() + "“ enthält unsichtbare Zeichen oder Steuerzeichen, etwa aus einem kopierten "
                        + "Text. Bitte tippen Sie die Angabe noch einmal selbst ein.";
    }

    private Optional<String> check(Field field, List<String> values, LocalDate today) {
        FieldType type = field.type();
        if (values.isEmpty()) {
            return field.required() ? Optional.of(message(field, "required", requiredMessage(field))) : Optional.empty();
        }
        if (!type.isMultiValued() && values.size() > 1) {
            return Optional.of(message(field, "single", "Bitte geben Sie bei „" + field.label() + "“ nur einen Wert an."));
        }
        String value = values.get(0);
        if (field.maxLength() != null && longest(values) > field.maxLength()) {
            return Optional.of(message(field, "maxLength", "„" + field.label() + "“ darf höchstens "
                    + field.maxLength() + " Zeichen lang sein (jetzt: " + value.length() + ")."));
        }
        Optional<String> problem = switch (type) {
            case EMAIL -> EMAIL.matcher(value).matches() ? Optional.empty() : Optional.of(message(field, "format",
                    "Bitte geben Sie bei „" + field.label() + "“ eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de."));
            case TEL -> isPhone(value) ? Optional.empty() : Optional.of(message(field, "format",
                    "Bitte geben Sie bei „" + field.label() + "“ eine Telefonnummer mit Vorwahl an, zum Beispiel "
                            + "030 23125 456 oder +49 30 23125 456."));
            case URL -> isWebAddress(value) ? Optional.empty() : Optional.of(message(field, "format",
                    "Bitte geben Sie bei „" + field.label() + "“ eine vollständige Internetadresse an, "
                            + "die mit https:// beginnt."));
            case NUMBER -> checkNumber(field, value);
            case DATE -> checkDate(field, value, today);
            case SELECT, RADIO, CHECKBOXES -> allOffered(field, values) ? Optional.empty()
                    : Optional.of(message(field, "option", "Bitte wählen Sie bei „" + field.label()
                            + "“ eine der angebotenen Möglichkeiten aus."));
            case CHECKBOX, CONSENT -> FieldType.TICKED.equals(value) ? Optional.empty()
                    : Optional.of(message(field, "required", requiredMessage(field)));
            case TEXT, TEXTAREA -> Optional.empty();
        };
        if (problem.isPresent()) {
            return problem;
        }
        if (field.pattern() != null && !value.matches(field.pattern())) {
            return Optional.of(message(field, "pattern", field.patternMessage() != null ? field.patternMessage()
                    : "Bitte prüfen Sie die Angabe bei „" + field.label() + "“."));
        }
        return Optional.empty();
    }

    private static boolean allOffered(Field field, List<String> values) {
        for (String value : values) {
            if (field.option(value).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static int longest(List<String> values) {
        int longest = 0;
        for (String value : values) {
            longest = Math.max(longest, value.length());
        }
        return longest;
    }

    private static String requiredMessage(Field field) {
        return switch (field.type()) {
            case SELECT, RADIO -> "Bitte wählen Sie bei „" + field.label() + "“ eine Antwort aus.";
            case CHECKBOXES -> "Bitte wählen Sie bei „" + field.label() + "“ mindestens eine Möglichkeit aus.";
            case CONSENT -> "Bitte bestätigen Sie, dass Sie die Hinweise zum Datenschutz gelesen haben.";
            case CHECKBOX -> "Bitte setzen Sie das Häkchen bei „" + field.label() + "“.";
            default -> "Bitte füllen Sie das Feld „" + field.label() + "“ aus.";
        };
    }

    /** A message the definition overrides for this field, or the default. */
    private static String message(Field field, String kind, String fallback) {
        return field.messages().getOrDefault(kind, fallback);
    }

    private static boolean isPhone(String value) {
        String digits = PHONE_SEPARATORS.matcher(value.replace("(0)", "")).replaceAll("");
        return PHONE.matcher(digits).matches();
    }

    private static boolean isWebAddress(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getHost().contains(".");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Optional<String> checkNumber(Field field, String value) {
        boolean inRange = INTEGER.matcher(value).matches()
                && Integer.parseInt(value) >= field.min() && Integer.parseInt(value) <= field.max();
        return inRange ? Optional.empty() : Optional.of(message(field, "range", "Bitte geben Sie bei „"
                + field.label() + "“ eine ganze Zahl von " + field.min() + " bis " + field.max() + " an."));
    }

    private static Optional<String> checkDate(Field field, String value, LocalDate today) {
        Optional<LocalDate> date = parseDate(value);
        if (date.isEmpty()) {
            return Optional.of(message(field, "format", "Bitte geben Sie bei „" + field.label()
                    + "“ ein gültiges Datum an, zum Beispiel 15.04.2026."));
        }
        if (field.notInPast() && date.get().isBefore(today)) {
            return Optional.of(message(field, "notInPast", "„" + field.label()
                    + "“ darf nicht in der Vergangenheit liegen."));
        }
        if (date.get().isAfter(today.plusYears(MAX_YEARS_AHEAD)) || date.get().getYear() < 2000) {
            return Optional.of(message(field, "range", "Bitte prüfen Sie das Datum bei „" + field.label()
                    + "“: Es darf höchstens " + MAX_YEARS_AHEAD + " Jahre in der Zukunft liegen."));
        }
        return Optional.empty();
    }

    /** Accepts ISO dates (what input type=date sends) and German dd.mm.yyyy (what people type). */
    static Optional<LocalDate> parseDate(String value) {
        try {
            return Optional.of(value.contains(".") ? LocalDate.parse(value, GermanDate.FORMAT) : LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Built on first use only: most dates arrive as ISO dates from the browser's date field. */
    private static final class GermanDate {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT);
    }

    /** The field a broken rule reports on, if the rule is broken. */
    private static Optional<String> broken(Rule rule, Map<String, List<String>> values, LocalDate today) {
        if (rule instanceof DateOrder r) {
            Optional<LocalDate> from = first(values, r.from()).flatMap(Validator::parseDate);
            Optional<LocalDate> until = first(values, r.until()).flatMap(Validator::parseDate);
            boolean broken = from.isPresent() && until.isPresent() && until.get().isBefore(from.get());
            return broken ? Optional.of(r.until()) : Optional.empty();
        }
        if (rule instanceof RequiredIf r) {
            boolean applies = values.getOrDefault(r.when(), List.of()).contains(r.equals());
            return applies && !values.containsKey(r.field()) ? Optional.of(r.field()) : Optional.empty();
        }
        if (rule instanceof WithinDays r) {
            Optional<LocalDate> date = first(values, r.field()).flatMap(Validator::parseDate);
            boolean applies = values.getOrDefault(r.when(), List.of()).contains(r.equals());
            return applies && date.isPresent() && date.get().isAfter(today.plusDays(r.days()))
                    ? Optional.of(r.field()) : Optional.empty();
        }
        AtLeastOne r = (AtLeastOne) rule;
        return noneIn(r.fields(), values) ? Optional.of(r.fields().get(0)) : Optional.empty();
    }

    private static Optional<String> first(Map<String, List<String>> values, String name) {
        return Optional.ofNullable(values.get(name)).map(v -> v.get(0));
    }

    private static Map<String, String> sortByFormOrder(List<Field> fields, Map<String, String> errors) {
        Map<String, String> sorted = new LinkedHashMap<>();
        for (Field field : fields) {
            String message = errors.get(field.name());
            if (message != null) {
                sorted.put(field.name(), message);
            }
        }
        return sorted;
    }

    private static boolean noneIn(List<String> names, Map<String, ?> map) {
        for (String name : names) {
            if (map.containsKey(name)) {
                return false;
            }
        }
        return true;
    }
}
