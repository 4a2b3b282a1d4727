package de.fachkraftallianz.office.pages;

import java.util.List;

/**
 * What the matching pages show (suggestions, the overview, the section on a submission's page), already in German
 * and formatted; the templates under src/main/jte/matching only place and escape these values.
 */
public final class MatchingViews {

    private MatchingViews() {
    }

    /** A label and its value. */
    public record Fact(String label, String value) {
    }

    /** One reason of a suggestion: a sign for the eye, the word for a screen reader, the German sentence. */
    public record Line(String sign, String word, String text, String kind) {
    }

    /** An error of the match form, with the id of its field (the summary links to it), or null if not shown. */
    public record FieldError(String field, String message) {
    }

    /** A match as one side lists it; {@code otherHref} null where the person may not open the other side. */
    public record MatchLine(String id, String other, String otherHref, String persons, String period, String hours,
                            String state, String made, boolean cancellable, boolean gone) {
    }

    /**
     * One suggested offer with its reasons and its match form.
     *
     * @param key      the offer's reference, used in field ids
     * @param errors   messages for this form's fields (after a refused attempt)
     */
    public record Suggestion(int rank, String offer, String offerHref, String organisation, String person,
                             String phone, String email, List<Fact> facts, List<Line> reasons, String matchId,
                             String key, String persons, int maxPersons, String from, String until, String hours,
                             int maxHours, String window, List<FieldError> errors) {
        /** The error of a field of this form ("anzahl", "von", "bis", "stunden"), or null. */
        public String error(String field) {
            for (FieldError error : errors) {
                if (error.field().equals(field + "-" + key)) {
                    return error.message();
                }
            }
            return null;
        }
    }

    /**
     * The suggestions page of a request.
     *
     * @param need        what the request asks (kind, qualifications, period, hours, place, professionals)
     * @param matches     its matches so far
     * @param canMatch    the request is open and still needs professionals
     * @param covered     the request is open and its need fully covered (it can be closed)
     * @param conflict    a refusal because of how things stand now (409)
     * @param errors      every error of the refused form, for the summary (422)
     */
    public record SuggestionsView(Views.Frame frame, String reference, String caseHref, String ownHref,
                                  String matchAction, String cancelAction, String formTitle, String status, List<Fact> need, List<MatchLine> matches,
                                  boolean canMatch, boolean covered, String closedNote, String version,
                                  String closeReason, String order, String excluded, List<Suggestion> suggestions,
                                  String notice, String conflict, List<FieldError> errors, String earlierHref,
                                  String laterHref, String shown) {
    }

    /** A rectangle of a chart (SVG user units) with its value and what it stands for. */
    public record Bar(String x, String y, String width, String height, String valueX, String valueY, String value,
                      String anchor, String series) {
    }

    /** A label placed in a chart. */
    public record Label(String x, String y, String text, String anchor) {
    }

    /** A line of a chart: an axis or a grid line. */
    public record Rule(String x1, String y1, String x2, String y2, boolean axis) {
    }

    /**
     * A bar chart: a data table next to it holds every number; {@code description} says in words what it shows.
     *
     * @param id    unique on the page (title, description, pattern)
     */
    public record Chart(String id, String title, String description, String viewBox, List<Rule> rules,
                        List<Bar> bars, List<Label> labels) {
    }

    /** A row of a chart's data table. */
    public record TableRow(String label, String need, String free) {
    }

    /** A choice of the "now" chart's grouping. */
    public record Choice(String href, String label, boolean current) {
    }

    public record LagebildView(Views.Frame frame, String scope, List<Fact> counts, String countsNote, Chart weeks,
                               List<TableRow> weekRows, List<Choice> choices, String dimension, Chart groups,
                               List<TableRow> groupRows, String groupsNote, String asOf) {
    }

    /**
     * The matching section of a submission's page: for a request its need and matches, for an offer its capacity
     * ("Kapazität") and the matches it holds.
     */
    public record Section(String id, String heading, List<Fact> facts, List<MatchLine> lines, String linesCaption,
                          String otherColumn, String suggestionsHref, String note) {
    }
}
