package de.fachkraftallianz.matching;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which open offers fit a request, and in which order: rules a caseworker can follow line by line, no score.
 *
 * <p>An offer is not suggested at all when it has no free professional, when its professionals may not work in the
 * request's kind of help, or when its period shares no day with the request's (from today on). Every other offer is
 * suggested with one line per criterion saying whether and how it fits. The order compares the criteria one after
 * the other, each "fits" before "partly" before "does not fit": qualification, place, travel, period, hours,
 * professionals; then the longer shared period, then the offer that covers more of the open need, then the older
 * offer (who offered first), then the reference.
 */
public final class Ranking {

    /** How well one criterion is met. A criterion the request does not ask counts as met. */
    public enum Fit {
        FITS("Passt", 2), PARTLY("Teilweise", 1), MISSES("Passt nicht", 0), NOT_ASKED("Keine Vorgabe", 2);

        private final String label;
        private final int rank;

        Fit(String label, int rank) {
            this.label = label;
            this.rank = rank;
        }

        /** The word a screen reader says before the line (the page shows a sign). */
        public String label() {
            return label;
        }

        public boolean met() {
            return this == FITS || this == NOT_ASKED;
        }
    }

    /** The criteria, in the order they rank. */
    public enum Criterion {
        AREA("Einsatzbereich"), QUALIFICATION("Abschluss"), PLACE("Einsatzort"), TRAVEL("Anreise"),
        PERIOD("Zeitraum"), HOURS("Stunden"), PERSONS("Anzahl");

        private final String label;

        Criterion(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** An open offer as the index gives it. */
    public record Candidate(String reference, Instant createdAt, Facts facts, int free) {
    }

    /** One line of a suggestion: the criterion, how it fits, and why in German. */
    public record Reason(Criterion criterion, Fit fit, String text) {
    }

    /**
     * A suggested offer with its reasons, the days both periods share (from today), and what the match form offers
     * first: as many professionals as both can, for the shared period, the hours asked (at most the offer's).
     */
    public record Suggestion(Candidate offer, List<Reason> reasons, Period overlap, int persons, int hours) {
    }

    /** The ranked suggestions, and how many open offers were looked at and left out for which reason. */
    public record Result(List<Suggestion> ranked, int considered, int noneFree, int otherArea, int noOverlap) {
    }

    /** How far an open end counts when two shared periods are compared (both open: equal). */
    static final int HORIZON_DAYS = 365;

    private Ranking() {
    }

    /**
     * Ranks the open offers for a request.
     *
     * @param request its facts
     * @param open    professionals it still needs (at least 1)
     */
    public static Result rank(Facts request, int open, List<Candidate> offers, LocalDate today, Vocabulary words) {
        Period needed = new Period(request.from(), request.until()).from(today);
        String area = request.areas().get(0);
        List<Suggestion> suggestions = new ArrayList<>();
        int noneFree = 0;
        int otherArea = 0;
        int noOverlap = 0;
        for (Candidate offer : offers) {
            if (offer.free() < 1) {
                noneFree++;
                continue;
            }
            if (!offer.facts().areas().contains(area)) {
                otherArea++;
                continue;
            }
            Period available = new Period(offer.facts().from(), offer.facts().until()).from(today);
            Period overlap = needed == null || available == null ? null : needed.intersect(available);
            if (overlap == null) {
                noOverlap++;
                continue;
            }
            suggestions.add(suggest(request, open, offer, needed, available, overlap, today, words));
        }
        LocalDate horizon = needed == null ? today.plusDays(HORIZON_DAYS) : needed.from().plusDays(HORIZON_DAYS);
        suggestions.sort(order(open, horizon));
        return new Result(List.copyOf(suggestions), offers.size(), noneFree, otherArea, noOverlap);
    }

    private static Suggestion suggest(Facts request, int open, Candidate offer, Period needed, Period available,
            Period overlap, LocalDate today, Vocabulary words) {
        Facts facts = offer.facts();
        List<Reason> reasons = new ArrayList<>();
        reasons.add(new Reason(Criterion.AREA, Fit.FITS, "Einsatzbereich passt: " + words.area(request.areas().get(0))));
        reasons.add(qualification(request, facts, words));
        reasons.add(place(request, facts, words));
        reasons.add(facts.mobile() == null ? new Reason(Criterion.TRAVEL, Fit.NOT_ASKED, "Keine Angabe zur Anreise")
                : facts.mobile() ? new Reason(Criterion.TRAVEL, Fit.FITS, "Kommen selbst zum Einsatzort")
                : new Reason(Criterion.TRAVEL, Fit.MISSES, "Kommen nicht selbst zum Einsatzort"));
        reasons.add(period(needed, available, overlap, new Period(request.from(), request.until()),
                new Period(facts.from(), facts.until()), today));
        reasons.add(hours(request, facts));
        int free = offer.free();
        reasons.add(free >= open
                ? new Reason(Criterion.PERSONS, Fit.FITS, persons(free) + " frei, " + open + " gebraucht: deckt den "
                        + "offenen Bedarf")
                : new Reason(Criterion.PERSONS, Fit.PARTLY, persons(free) + " frei, " + open + " gebraucht: deckt den "
                        + "offenen Bedarf zum Teil"));
        int hours = facts.hours() == null ? 0 : facts.hours();
        if (request.hours() != null && (hours == 0 || request.hours() < hours)) {
            hours = request.hours();
        }
        return new Suggestion(offer, List.copyOf(reasons), overlap, Math.min(free, open), hours);
    }

    private static Reason qualification(Facts request, Facts offer, Vocabulary words) {
        if (request.qualifications().isEmpty()) {
            return new Reason(Criterion.QUALIFICATION, Fit.NOT_ASKED, "Kein bestimmter Abschluss gefragt");
        }
        List<String> shared = new ArrayList<>();
        for (String qualification : offer.qualifications()) {
            if (request.qualifications().contains(qualification)) {
                shared.add(qualification);
            }
        }
        if (!shared.isEmpty()) {
            return new Reason(Criterion.QUALIFICATION, Fit.FITS, "Abschluss passt: "
                    + String.join("; ", words.qualificationLabels(shared)));
        }
        return new Reason(Criterion.QUALIFICATION, Fit.MISSES, "Kein gefragter Abschluss: angeboten "
                + String.join("; ", words.qualificationLabels(offer.qualifications())) + "; gefragt "
                + String.join("; ", words.qualificationLabels(request.qualifications())));
    }

    private static Reason place(Facts request, Facts offer, Vocabulary words) {
        if (request.postcodes().isEmpty()) {
            return new Reason(Criterion.PLACE, Fit.NOT_ASKED, "Keine Postleitzahl angegeben");
        }
        String postcode = request.postcodes().get(0);
        if (offer.countyWide()) {
            return words.inCounty(postcode)
                    ? new Reason(Criterion.PLACE, Fit.FITS, "Einsatzgebiet: ganzer Landkreis, also auch " + postcode)
                    : new Reason(Criterion.PLACE, Fit.MISSES, "Einsatzgebiet: nur der Landkreis; " + postcode
                            + " liegt außerhalb");
        }
        if (offer.postcodes().contains(postcode)) {
            return new Reason(Criterion.PLACE, Fit.FITS, "Postleitzahl " + postcode + " liegt im Einsatzgebiet");
        }
        return new Reason(Criterion.PLACE, Fit.MISSES, "Einsatzgebiet nur " + String.join(", ", offer.postcodes())
                + ", nicht " + postcode);
    }

    /**
     * Compared are the periods from today on ({@code needed}, {@code available}); said are the periods as the request
     * and the offer give them ({@code asked}, {@code offered}), so the line agrees with the dates the page shows next
     * to it, and the days both share from today. Once one date of the line lies in another year, every date carries
     * its year.
     */
    private static Reason period(Period needed, Period available, Period overlap, Period asked, Period offered,
            LocalDate today) {
        if (available.covers(needed)) {
            boolean years = otherYear(today, offered, asked);
            return new Reason(Criterion.PERIOD, Fit.FITS, "Zeitraum passt: verfügbar " + span(offered, years)
                    + ", gebraucht " + span(asked, years));
        }
        boolean years = otherYear(today, overlap, asked);
        return new Reason(Criterion.PERIOD, Fit.PARTLY, "Zeitraum überschneidet sich nur "
                + (overlap.until() == null ? "ab " + day(overlap.from(), years)
                        : "vom " + day(overlap.from(), years) + " bis " + day(overlap.until(), years))
                + " (gebraucht " + span(asked, years) + ")");
    }

    private static Reason hours(Facts request, Facts offer) {
        if (offer.hours() == null) {
            return new Reason(Criterion.HOURS, Fit.NOT_ASKED, "Keine Stundenzahl angeboten");
        }
        if (request.hours() == null) {
            return new Reason(Criterion.HOURS, Fit.NOT_ASKED, offer.hours() + " Stunden pro Woche je Fachkraft "
                    + "(keine Stundenzahl gefragt)");
        }
        if (offer.hours() >= request.hours()) {
            return new Reason(Criterion.HOURS, Fit.FITS, offer.hours() + " Stunden pro Woche je Fachkraft (gefragt: "
                    + request.hours() + ")");
        }
        return new Reason(Criterion.HOURS, Fit.PARTLY, "Nur " + offer.hours() + " Stunden pro Woche je Fachkraft "
                + "(gefragt: " + request.hours() + ")");
    }

    /**
     * "ab 04.05. bis 15.05." or "ab 04.05., ohne Enddatum"; with the year on every date once one of them lies in
     * another year than today: "ab 20.12.2026 bis 10.01.2027".
     */
    static String span(Period period, LocalDate today) {
        return span(period, otherYear(today, period));
    }

    private static String span(Period period, boolean years) {
        return "ab " + day(period.from(), years)
                + (period.until() == null ? ", ohne Enddatum" : " bis " + day(period.until(), years));
    }

    /** Whether a date of the periods lies in another year than today. */
    private static boolean otherYear(LocalDate today, Period... periods) {
        for (Period period : periods) {
            if (period.from().getYear() != today.getYear()
                    || period.until() != null && period.until().getYear() != today.getYear()) {
                return true;
            }
        }
        return false;
    }

    private static String day(LocalDate date, boolean year) {
        return day(date, year ? LocalDate.MIN : date);
    }

    /** "04.05." in the current year, "04.05.2027" in another. */
    public static String day(LocalDate date, LocalDate today) {
        String day = two(date.getDayOfMonth()) + "." + two(date.getMonthValue()) + ".";
        return date.getYear() == today.getYear() ? day : day + date.getYear();
    }

    public static String persons(int count) {
        return count == 1 ? "1 Fachkraft" : count + " Fachkräfte";
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    private static Comparator<Suggestion> order(int open, LocalDate horizon) {
        return (a, b) -> {
            for (int i = 0; i < a.reasons().size(); i++) {
                int byFit = Integer.compare(b.reasons().get(i).fit().rank, a.reasons().get(i).fit().rank);
                if (byFit != 0) {
                    return byFit;
                }
            }
            int byOverlap = Long.compare(b.overlap().days(horizon), a.overlap().days(horizon));
            if (byOverlap != 0) {
                return byOverlap;
            }
            int byCover = Integer.compare(Math.min(b.offer().free(), open), Math.min(a.offer().free(), open));
            if (byCover != 0) {
                return byCover;
            }
            int byAge = a.offer().createdAt().compareTo(b.offer().createdAt());
            return byAge != 0 ? byAge : a.offer().reference().compareTo(b.offer().reference());
        };
    }
}
