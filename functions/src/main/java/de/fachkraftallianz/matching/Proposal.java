package de.fachkraftallianz.matching;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A match as the office's form proposes it (number, period, hours), checked against what the request still needs and
 * the offer still has. Every error at once, each in German, keyed by the form's field.
 */
public record Proposal(int persons, LocalDate from, LocalDate until, int hours) {

    public static final String PERSONS = "anzahl";
    public static final String FROM = "von";
    public static final String UNTIL = "bis";
    public static final String HOURS = "stunden";
    /** The most hours per week anyone may agree (as the forms allow). */
    static final int MAX_HOURS = 60;

    /** The proposal, or the errors of the form. */
    public sealed interface Checked permits Valid, Invalid {
    }

    public record Valid(Proposal proposal) implements Checked {
    }

    public record Invalid(Map<String, String> errors) implements Checked {
    }

    /**
     * Checks the form's values.
     *
     * @param open    professionals the request still needs
     * @param free    professionals the offer still has
     * @param overlap the days both share from today (null: none left)
     * @param offered hours per week and professional the offer gives (null: not given, up to {@value #MAX_HOURS})
     */
    public static Checked check(String persons, String from, String until, String hours, int open, int free,
            Period overlap, Integer offered) {
        Map<String, String> errors = new LinkedHashMap<>();
        int most = Math.min(open, free);
        Integer count = integer(persons);
        if (count == null || count < 1 || count > most) {
            errors.put(PERSONS, most < 1
                    ? "Es kann niemand vermittelt werden: Das Angebot hat " + Ranking.persons(free) + " frei, der "
                            + "Vorgang braucht noch " + open + "."
                    : (most == 1 ? "Geben Sie als Anzahl 1 an"
                            : "Geben Sie als Anzahl eine ganze Zahl von 1 bis " + most + " an")
                            + ": Das Angebot hat " + Ranking.persons(free) + " frei, der Vorgang braucht noch " + open
                            + ".");
        }
        String window = overlap == null ? null : Ranking.span(overlap, LocalDate.MIN).replace(", ohne Enddatum", "");
        LocalDate start = date(from);
        LocalDate end = until == null || until.isBlank() ? null : date(until);
        if (overlap == null) {
            errors.put(FROM, "Die Zeiträume von Angebot und Vorgang überschneiden sich nicht mehr.");
        } else {
            if (start == null) {
                errors.put(FROM, "Geben Sie an, ab wann die Fachkräfte kommen, als Datum " + window + ".");
            } else if (start.isBefore(overlap.from()) || overlap.until() != null && start.isAfter(overlap.until())) {
                errors.put(FROM, "Der Beginn muss in der Zeit liegen, die Angebot und Vorgang gemeinsam haben: "
                        + window + ".");
            }
            if (until != null && !until.isBlank() && end == null) {
                errors.put(UNTIL, "Geben Sie das Ende als Datum an, zum Beispiel "
                        + Ranking.day(overlap.from().plusDays(13), LocalDate.MIN) + ", oder lassen Sie es leer.");
            } else if (end == null && overlap.until() != null) {
                errors.put(UNTIL, "Geben Sie an, bis wann die Fachkräfte kommen, spätestens bis "
                        + Ranking.day(overlap.until(), LocalDate.MIN) + ".");
            } else if (end != null && (overlap.until() != null && end.isAfter(overlap.until())
                    || start != null && end.isBefore(start) || end.isBefore(overlap.from()))) {
                errors.put(UNTIL, "Das Ende muss nach dem Beginn und in der Zeit liegen, die Angebot und Vorgang "
                        + "gemeinsam haben: " + window + ".");
            }
        }
        int ceiling = offered == null ? MAX_HOURS : offered;
        Integer perWeek = integer(hours);
        if (perWeek == null || perWeek < 1 || perWeek > ceiling) {
            errors.put(HOURS, (ceiling == 1 ? "Geben Sie als Stunden pro Woche je Fachkraft 1 an"
                    : "Geben Sie die Stunden pro Woche je Fachkraft als ganze Zahl von 1 bis " + ceiling + " an")
                    + (offered == null ? "." : ": So viele bietet der Träger je Fachkraft an."));
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new Proposal(count, start, end, perWeek));
    }

    private static Integer integer(String value) {
        if (value == null || !value.strip().matches("\\d{1,3}")) {
            return null;
        }
        return Integer.valueOf(value.strip());
    }

    private static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
