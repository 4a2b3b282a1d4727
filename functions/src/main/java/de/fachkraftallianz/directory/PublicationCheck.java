package de.fachkraftallianz.directory;

import de.fachkraftallianz.forms.FieldType;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.ValidationResult;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.web.FormPages;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What may be published of a submission, and whether it may be published at all.
 *
 * <ul>
 *   <li>Only the fields the form marks {@code "public": true} are ever published (never the contact person's name or
 *       e-mail, which the form does not mark), and of those only the ones that apply (a chat address only with the
 *       way "Chat").</li>
 *   <li>The office may correct them (typos, hours); the corrected values are checked with the form's own rules
 *       ({@link Validator}: required, lengths, options, dates, invisible characters), and more strictly for what
 *       becomes a link: a web address must be a full {@code https://} address and a phone number one that can be
 *       dialled ({@link Contacts}). Every problem gets a German message at its field.</li>
 *   <li>Publishing needs the organisation's consent: the form's consent field, as the organisation sent it (the
 *       office cannot tick it for them).</li>
 * </ul>
 */
public final class PublicationCheck {

    /** The public fields as they would be published (cleaned, in the form's order), and every problem by field. */
    public record Result(Map<String, List<String>> fields, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private PublicationCheck() {
    }

    /** The form's consent field (type consent), if it has one. */
    public static Field consentField(FormDefinition form) {
        for (Field field : form.fields()) {
            if (field.type() == FieldType.CONSENT) {
                return field;
            }
        }
        return null;
    }

    /** Whether the organisation ticked the form's consent to publication when it sent the form. */
    public static boolean consented(FormDefinition form, Map<String, List<String>> original) {
        Field consent = consentField(form);
        return consent != null && original.getOrDefault(consent.name(), List.of()).contains(FieldType.TICKED);
    }

    /** The form's public fields that apply to these answers and have a value, in the form's order. */
    public static Map<String, List<String>> publicFields(FormDefinition form, Map<String, List<String>> values) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (!field.published() || (field.showIf() != null && !field.showIf().holds(values))) {
                continue;
            }
            List<String> given = values.get(field.name());
            if (given != null && !given.isEmpty()) {
                fields.put(field.name(), List.copyOf(given));
            }
        }
        return EntryHtml.inFormOrder(form, fields);
    }

    /**
     * Checks the public fields the office proposes to publish ({@code proposed}; a public field missing there is
     * empty), on top of the organisation's other answers ({@code original}).
     */
    public static Result check(FormDefinition form, Map<String, List<String>> original,
            Map<String, List<String>> proposed, Clock clock) {
        Map<String, List<String>> input = new LinkedHashMap<>(original);
        for (Field field : form.fields()) {
            if (field.published()) {
                input.put(field.name(), proposed.getOrDefault(field.name(), List.of()));
            }
        }
        ValidationResult validated = new Validator(clock).validate(form, input);
        Map<String, List<String>> fields = publicFields(form, validated.values());
        Map<String, String> errors = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (!field.published()) {
                continue;
            }
            String error = validated.errors().get(field.name());
            List<String> values = fields.get(field.name());
            if (error == null && values != null) {
                error = linkProblem(field, values.get(0));
            }
            if (error != null) {
                errors.put(field.name(), error);
            }
        }
        return new Result(fields, errors);
    }

    /** What keeps a valid answer from becoming a link on the site, or null. */
    private static String linkProblem(Field field, String value) {
        return switch (field.type()) {
            case URL -> Contacts.httpsLink(value).isPresent() ? null : "Bei „" + field.label() + "“ wird nur eine "
                    + "vollständige Adresse veröffentlicht, die mit https:// beginnt, zum Beispiel "
                    + "https://www.beispiel.de/beratung. Bitte korrigieren Sie die Adresse oder fragen Sie beim Träger nach.";
            case TEL -> Contacts.telHref(value).isPresent() ? null : "„" + value + "“ ist keine Telefonnummer, die man "
                    + "so wählen kann. Bitte geben Sie bei „" + field.label() + "“ eine deutsche Nummer mit Vorwahl an, "
                    + "zum Beispiel 030 23125 456.";
            case EMAIL -> Contacts.mailtoHref(value).isPresent() ? null : "Bitte geben Sie bei „" + field.label()
                    + "“ eine gültige E-Mail-Adresse an, zum Beispiel beratung@beispiel.de.";
            default -> null;
        };
    }

    /**
     * The corrections between two versions of the public fields, one line each, for the history:
     * {@code Name des Angebots: „Jugendclb“ → „Jugendclub“}.
     */
    public static List<String> changes(FormDefinition form, Map<String, List<String>> before,
            Map<String, List<String>> after) {
        List<String> changes = new ArrayList<>();
        for (Field field : form.fields()) {
            if (!field.published()) {
                continue;
            }
            List<String> was = before.getOrDefault(field.name(), List.of());
            List<String> now = after.getOrDefault(field.name(), List.of());
            if (!was.equals(now)) {
                changes.add(field.label() + ": " + shown(field, was) + " → " + shown(field, now));
            }
        }
        return changes;
    }

    private static String shown(Field field, List<String> values) {
        if (values.isEmpty()) {
            return "keine Angabe";
        }
        List<String> shown = new ArrayList<>();
        for (String value : values) {
            shown.add(FormPages.shown(field, value));
        }
        return "„" + String.join(", ", shown) + "“";
    }
}
