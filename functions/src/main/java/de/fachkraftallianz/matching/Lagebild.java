package de.fachkraftallianz.matching;

import de.fachkraftallianz.forms.FormDefinition.Option;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The overview: open need against free capacity, now and week by week, and by kind of help, qualification or place.
 * Computed from the open requests and offers (status new or in progress) as the indexes list them, and the number of
 * matches made this week; nothing else. Pure: the office reads, this counts.
 *
 * <p>What counts: a request's open need is the professionals it still needs; an offer's capacity is its free
 * professionals, counted only if they may work in a kind of help whose requests the person sees (the Jugendamt's
 * facilities, the Pflegekinderdienst's foster families). An offer for several kinds, qualifications or places, and a
 * request for several qualifications, count in every group they belong to; groups therefore add up to more than the
 * totals.
 */
public final class Lagebild {

    /** Weeks shown, this one first. */
    public static final int WEEKS = 8;

    /** An open request (number: professionals still needed) or offer (number: professionals free). */
    public record Row(String reference, String formId, Facts facts, int number) {
    }

    /** How the "now" chart groups need and capacity; {@code key} is its value in the page's address. */
    public enum Dimension {
        AREA("art", "Art der Hilfe"), QUALIFICATION("abschluss", "Abschluss"), PLACE("region", "Postleitzahl");

        private final String key;
        private final String label;

        Dimension(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        public static Dimension byKey(String key) {
            for (Dimension dimension : values()) {
                if (dimension.key.equals(key)) {
                    return dimension;
                }
            }
            return AREA;
        }
    }

    /** One week from Monday: open need of the requests and free professionals of the offers whose period touches it. */
    public record Week(LocalDate monday, int number, int need, int free) {
    }

    /**
     * One group of the "now" chart; {@code need} or {@code free} null where that side has nothing to say (no request
     * asks for "the whole county", capacity cannot be told apart for requests that ask no qualification).
     */
    public record Group(String label, Integer need, Integer free) {
    }

    public record Figures(int openRequests, int covered, int openNeed, int openOffers, int freeProfessionals,
                          int matchesThisWeek, List<Week> weeks, Dimension dimension, List<Group> groups) {
    }

    private Lagebild() {
    }

    /**
     * @param requests the open requests of the forms the person sees
     * @param offers   the open offers
     * @param areas    the kinds of help of those requests (an offer counts if it serves one of them)
     */
    public static Figures compute(List<Row> requests, List<Row> offers, Set<String> areas, int matchesThisWeek,
            LocalDate today, Dimension dimension, Vocabulary words) {
        int covered = 0;
        int need = 0;
        for (Row request : requests) {
            need += request.number();
            if (request.number() == 0) {
                covered++;
            }
        }
        List<Row> capacity = new ArrayList<>();
        int free = 0;
        for (Row offer : offers) {
            if (offer.facts() != null && serves(offer.facts(), areas)) {
                capacity.add(offer);
                free += offer.number();
            }
        }
        List<Week> weeks = new ArrayList<>();
        LocalDate monday = today.with(DayOfWeek.MONDAY);
        for (int i = 0; i < WEEKS; i++) {
            LocalDate start = monday.plusWeeks(i);
            LocalDate end = start.plusDays(6);
            weeks.add(new Week(start, start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), sum(requests, start, end),
                    sum(capacity, start, end)));
        }
        List<Group> groups = switch (dimension) {
            case AREA -> byArea(requests, capacity, areas, words);
            case QUALIFICATION -> byQualification(requests, capacity, words);
            case PLACE -> byPlace(requests, capacity, words);
        };
        return new Figures(requests.size(), covered, need, capacity.size(), free, matchesThisWeek, List.copyOf(weeks),
                dimension, List.copyOf(groups));
    }

    private static boolean serves(Facts offer, Set<String> areas) {
        for (String area : offer.areas()) {
            if (areas.contains(area)) {
                return true;
            }
        }
        return false;
    }

    private static int sum(List<Row> rows, LocalDate start, LocalDate end) {
        int sum = 0;
        for (Row row : rows) {
            if (row.facts() != null && new Period(row.facts().from(), row.facts().until()).touches(start, end)) {
                sum += row.number();
            }
        }
        return sum;
    }

    private static List<Group> byArea(List<Row> requests, List<Row> offers, Set<String> areas, Vocabulary words) {
        List<Group> groups = new ArrayList<>();
        for (Option area : words.areas()) {
            if (!areas.contains(area.value())) {
                continue;
            }
            int need = 0;
            for (Row request : requests) {
                if (request.facts() != null && request.facts().areas().contains(area.value())) {
                    need += request.number();
                }
            }
            int free = 0;
            for (Row offer : offers) {
                if (offer.facts().areas().contains(area.value())) {
                    free += offer.number();
                }
            }
            groups.add(new Group(area.label(), need, free));
        }
        return groups;
    }

    private static List<Group> byQualification(List<Row> requests, List<Row> offers, Vocabulary words) {
        List<Group> groups = new ArrayList<>();
        for (Option qualification : words.qualifications()) {
            int need = 0;
            for (Row request : requests) {
                if (request.facts() != null && request.facts().qualifications().contains(qualification.value())) {
                    need += request.number();
                }
            }
            int free = 0;
            for (Row offer : offers) {
                if (offer.facts().qualifications().contains(qualification.value())) {
                    free += offer.number();
                }
            }
            groups.add(new Group(qualification.label(), need, free));
        }
        int unspecified = 0;
        boolean any = false;
        for (Row request : requests) {
            if (request.facts() != null && request.facts().qualifications().isEmpty()) {
                unspecified += request.number();
                any = true;
            }
        }
        if (any) {
            groups.add(new Group("Kein bestimmter Abschluss gefragt (Pflegefamilien)", unspecified, null));
        }
        return groups;
    }

    /** Every postcode a request names or an offer lists; an offer counts at each it covers (county-wide: all inside). */
    private static List<Group> byPlace(List<Row> requests, List<Row> offers, Vocabulary words) {
        Set<String> postcodes = new TreeSet<>();
        int unspecified = 0;
        boolean any = false;
        for (Row request : requests) {
            if (request.facts() == null) {
                continue;
            }
            if (request.facts().postcodes().isEmpty()) {
                unspecified += request.number();
                any = true;
            } else {
                postcodes.addAll(request.facts().postcodes());
            }
        }
        for (Row offer : offers) {
            postcodes.addAll(offer.facts().postcodes());
        }
        List<Group> groups = new ArrayList<>();
        for (String postcode : postcodes) {
            int need = 0;
            for (Row request : requests) {
                if (request.facts() != null && request.facts().postcodes().contains(postcode)) {
                    need += request.number();
                }
            }
            int free = 0;
            for (Row offer : offers) {
                if (offer.facts().countyWide() ? words.inCounty(postcode) : offer.facts().postcodes().contains(postcode)) {
                    free += offer.number();
                }
            }
            groups.add(new Group(postcode, need, free));
        }
        int countyWide = 0;
        boolean anyCountyWide = false;
        for (Row offer : offers) {
            if (offer.facts().countyWide()) {
                countyWide += offer.number();
                anyCountyWide = true;
            }
        }
        if (anyCountyWide) {
            groups.add(new Group("ganzer Landkreis (Angebote ohne bestimmte Orte)", null, countyWide));
        }
        if (any) {
            groups.add(new Group("ohne Postleitzahl", unspecified, null));
        }
        return groups;
    }
}
