package de.fachkraftallianz.matching;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What matching compares of a request or an offer, in the vocabulary the three forms share (README, "The forms"): the
 * kind(s) of help, qualifications, where, whether the professionals travel themselves, the period, hours per week and
 * professional, and how many professionals. Taken from the answers when a submission is stored and kept beside them
 * (and in the indexes), so lists never read a submission's answers to rank or count.
 *
 * @param areas          a request: the one kind of help asked ({@code pflegefamilie} for a foster family); an offer:
 *                       every kind its professionals may work in
 * @param qualifications a facility's request: acceptable qualifications; an offer: those its professionals hold; a
 *                       foster family's request asks none (empty)
 * @param countyWide     an offer for the whole county (else only {@code postcodes}); false for requests
 * @param postcodes      a request: its postcode (none if a foster family gave none); an offer: the places it covers
 * @param mobile         an offer: whether the professionals get to the place themselves; null for requests
 * @param until          the last day, or null while the end is open
 * @param hours          hours per week and professional, or null where the request gives none
 * @param count          professionals asked (a foster family: one) or offered
 */
public record Facts(List<String> areas, List<String> qualifications, boolean countyWide, List<String> postcodes,
                    Boolean mobile, LocalDate from, LocalDate until, Integer hours, int count) {

    public static final String FACILITY_FORM = "bedarf-einrichtung";
    public static final String FOSTER_FORM = "hilfe-pflegefamilie";
    public static final String OFFER_FORM = "angebot-traeger";
    /** The kind of help of every foster family's request (the form does not ask it: it is the form). */
    public static final String FOSTER_AREA = "pflegefamilie";
    /** The forms whose submissions are requests for professionals. */
    public static final List<String> REQUEST_FORMS = List.of(FACILITY_FORM, FOSTER_FORM);

    public Facts {
        areas = List.copyOf(areas);
        qualifications = List.copyOf(qualifications);
        postcodes = List.copyOf(postcodes);
    }

    public static boolean isRequest(String formId) {
        return FACILITY_FORM.equals(formId) || FOSTER_FORM.equals(formId);
    }

    public static boolean isOffer(String formId) {
        return OFFER_FORM.equals(formId);
    }

    /** Whether submissions of the form take part in matching. */
    public static boolean matches(String formId) {
        return isRequest(formId) || isOffer(formId);
    }

    /**
     * The facts of a submission's cleaned answers, or null for a form outside matching or answers that lack what
     * matching needs (only possible for data not stored through the form's validation).
     */
    public static Facts of(String formId, Map<String, List<String>> values) {
        LocalDate from;
        LocalDate until;
        Integer hours = number(values, "stunden_pro_woche");
        if (FACILITY_FORM.equals(formId)) {
            from = date(values, "einsatz_von");
            until = date(values, "einsatz_bis");
            Integer count = number(values, "anzahl_fachkraefte");
            String area = first(values, "einsatzbereich");
            if (from == null || count == null || area == null) {
                return null;
            }
            return new Facts(List.of(area), all(values, "qualifikationen"), false, all(values, "plz"), null, from,
                    until, hours, count);
        }
        if (FOSTER_FORM.equals(formId)) {
            from = date(values, "einsatz_von");
            until = date(values, "einsatz_bis");
            if (from == null) {
                return null;
            }
            return new Facts(List.of(FOSTER_AREA), List.of(), false, all(values, "plz"), null, from, until, hours, 1);
        }
        if (OFFER_FORM.equals(formId)) {
            from = date(values, "verfuegbar_von");
            until = date(values, "verfuegbar_bis");
            Integer count = number(values, "anzahl_fachkraefte");
            List<String> areas = all(values, "einsatzbereiche");
            if (from == null || count == null || areas.isEmpty()) {
                return null;
            }
            boolean countyWide = !"orte".equals(first(values, "einsatzgebiet"));
            List<String> places = countyWide ? List.of() : postcodes(first(values, "einsatzorte"));
            String mobil = first(values, "mobil");
            return new Facts(areas, all(values, "qualifikationen"), countyWide, places,
                    mobil == null ? null : Boolean.valueOf("ja".equals(mobil)), from, until, hours, count);
        }
        return null;
    }

    /** The postcodes of the offer's list ("01796, 01809 01814"), each once, in the order given. */
    static List<String> postcodes(String list) {
        List<String> codes = new ArrayList<>();
        if (list == null) {
            return codes;
        }
        for (String part : list.split("[ ,]+")) {
            if (part.length() == 5 && !codes.contains(part)) {
                codes.add(part);
            }
        }
        return codes;
    }

    private static String first(Map<String, List<String>> values, String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() || list.get(0).isEmpty() ? null : list.get(0);
    }

    private static List<String> all(Map<String, List<String>> values, String name) {
        List<String> list = values.get(name);
        return list == null ? List.of() : list;
    }

    private static Integer number(Map<String, List<String>> values, String name) {
        String value = first(values, name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(Map<String, List<String>> values, String name) {
        String value = first(values, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
