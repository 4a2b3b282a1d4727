package de.fachkraftallianz.office.pages;

import static de.fachkraftallianz.office.pages.OfficePages.WHEN;
import static de.fachkraftallianz.office.pages.OfficePages.casePath;

import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.Lagebild;
import de.fachkraftallianz.matching.Match;
import de.fachkraftallianz.matching.MatchFile;
import de.fachkraftallianz.matching.Period;
import de.fachkraftallianz.matching.Proposal;
import de.fachkraftallianz.matching.Ranking;
import de.fachkraftallianz.matching.Vocabulary;
import de.fachkraftallianz.office.pages.MatchingViews.Bar;
import de.fachkraftallianz.office.pages.MatchingViews.Chart;
import de.fachkraftallianz.office.pages.MatchingViews.Fact;
import de.fachkraftallianz.office.pages.MatchingViews.FieldError;
import de.fachkraftallianz.office.pages.MatchingViews.Label;
import de.fachkraftallianz.office.pages.MatchingViews.Line;
import de.fachkraftallianz.office.pages.MatchingViews.MatchLine;
import de.fachkraftallianz.office.pages.MatchingViews.Rule;
import de.fachkraftallianz.office.pages.MatchingViews.TableRow;
import de.fachkraftallianz.store.MatchStore.Contact;
import de.fachkraftallianz.submission.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The matching pages: a request's suggestions with their reasons and match forms, the overview ("Lagebild") with its
 * two charts (SVG drawn here, each beside a table with every number and a sentence saying what it shows), and the
 * section a request's or offer's page gets. Texts in German; option texts only from the form definitions.
 */
public final class MatchingPages {

    /** Suggestions per page. */
    public static final int PAGE = 10;
    private static final String[] SIGNS = {"✓", "◐", "✗", "–"};

    private MatchingPages() {
    }

    public static String suggestionsPath(String reference) {
        return casePath(reference) + "/vorschlaege";
    }

    public static String lagebildPath() {
        return "/intern/lagebild";
    }

    /** A match form the person sent and the server refused: its values and its errors (field → message). */
    public record Attempt(String offer, String matchId, Map<String, String> values, Map<String, String> errors) {
    }

    /** Everything the suggestions page shows, as the handler read and ranked it. */
    public record Suggestions(MatchFile request, String formTitle, Ranking.Result result, int page,
                              Map<String, Contact> contacts, Map<String, String> matchIds, Attempt attempt,
                              boolean mayMatch, Predicate<String> maySeeForm, Predicate<Match> present) {
    }

    public static String suggestions(Views.Frame frame, Vocabulary words, Suggestions in, String notice,
            String conflict, LocalDate today) {
        MatchFile request = in.request();
        Facts facts = request.facts();
        String reference = request.file().reference();
        Status status = request.file().status();
        boolean open = status == Status.NEW || status == Status.IN_PROGRESS;
        int needed = facts == null ? 0 : facts.count();
        int still = request.number() == null ? 0 : request.number();
        List<Fact> need = new ArrayList<>();
        if (facts != null) {
            need.add(new Fact("Art der Hilfe", words.area(facts.areas().get(0))));
            need.add(new Fact("Abschluss", facts.qualifications().isEmpty() ? "Kein bestimmter Abschluss gefragt"
                    : String.join("; ", words.qualificationLabels(facts.qualifications()))));
            need.add(new Fact("Zeitraum", span(facts.from(), facts.until())));
            need.add(new Fact("Stunden pro Woche je Fachkraft", facts.hours() == null ? "keine Angabe"
                    : Integer.toString(facts.hours())));
            need.add(new Fact("Postleitzahl", facts.postcodes().isEmpty() ? "keine Angabe"
                    : String.join(", ", facts.postcodes())));
            need.add(new Fact("Fachkräfte", "gebraucht " + needed + ", vermittelt " + (needed - still) + ", offen "
                    + still));
        }
        List<MatchLine> matches = matchLines(request, true, in.maySeeForm(), in.present(), in.mayMatch());
        boolean canMatch = open && still > 0 && in.mayMatch();
        boolean covered = open && still == 0 && facts != null && in.mayMatch();
        String closedNote = open ? null : "Der Vorgang ist „" + status.label() + "“. Vorschläge gibt es nur für offene "
                + "Vorgänge (neu oder in Bearbeitung).";
        String closeReason = "Bedarf vollständig gedeckt: " + matches.size() + " Vermittlung"
                + (matches.size() == 1 ? "" : "en") + ".";

        List<MatchingViews.Suggestion> suggestions = new ArrayList<>();
        String excluded = null;
        String earlier = null;
        String later = null;
        String shown = null;
        List<FieldError> allErrors = new ArrayList<>();
        if (canMatch && in.result() != null) {
            Ranking.Result result = in.result();
            int from = Math.min((in.page() - 1) * PAGE, Math.max(0, result.ranked().size() - 1));
            int to = Math.min(result.ranked().size(), from + PAGE);
            for (int i = from; i < to; i++) {
                suggestions.add(suggestion(i + 1, result.ranked().get(i), in, words, today, allErrors));
            }
            if (in.attempt() != null && allErrors.isEmpty()) {
                // The offer of the refused form is no longer among the suggestions: its errors still head the page.
                for (String message : in.attempt().errors().values()) {
                    allErrors.add(new FieldError(null, message));
                }
            }
            List<String> parts = new ArrayList<>();
            if (result.noneFree() > 0) {
                parts.add(result.noneFree() + " ohne freie Fachkräfte");
            }
            if (result.otherArea() > 0) {
                parts.add(result.otherArea() + " nicht für diese Art der Hilfe");
            }
            if (result.noOverlap() > 0) {
                parts.add(result.noOverlap() + " ohne gemeinsamen Zeitraum");
            }
            excluded = "Geprüft: " + result.considered() + (result.considered() == 1 ? " offenes Angebot"
                    : " offene Angebote") + "; passend: " + result.ranked().size() + "."
                    + (parts.isEmpty() ? "" : " Nicht vorgeschlagen: " + String.join(", ", parts) + ".");
            if (!result.ranked().isEmpty()) {
                shown = "Vorschläge " + (from + 1) + " bis " + to + " von " + result.ranked().size();
            }
            if (from > 0) {
                earlier = suggestionsPath(reference) + "?seite=" + (in.page() - 1);
            }
            if (to < result.ranked().size()) {
                later = suggestionsPath(reference) + "?seite=" + (in.page() + 1);
            }
        }
        return OfficePages.render("matching/suggestions.jte", new MatchingViews.SuggestionsView(frame, reference,
                casePath(reference), suggestionsPath(reference), casePath(reference) + "/vermittlung",
                casePath(reference) + "/vermittlung/aufheben", in.formTitle(), status.label(), need, matches, canMatch,
                covered, closedNote, Long.toString(request.file().version()), closeReason, ORDER, excluded, suggestions,
                notice, conflict, allErrors, earlier, later, shown));
    }

    /** How the list is ordered, as the page says it. */
    static final String ORDER = "Vorgeschlagen werden nur Angebote, deren Fachkräfte in dieser Art der Hilfe arbeiten "
            + "können (die erste Zeile jedes Vorschlags), die noch Fachkräfte frei haben und deren Zeitraum sich mit dem "
            + "Bedarf überschneidet. Reihenfolge: Zuerst zählt, ob der Abschluss passt, dann der Einsatzort, die "
            + "Anreise, der Zeitraum, die Stunden und die Anzahl; jeweils kommt „passt“ vor „teilweise“ vor "
            + "„passt nicht“. Bei Gleichstand steht das Angebot mit dem längeren gemeinsamen Zeitraum vorn, dann das, "
            + "das mehr vom offenen Bedarf deckt, dann das ältere Angebot.";

    private static MatchingViews.Suggestion suggestion(int rank, Ranking.Suggestion suggestion, Suggestions in,
            Vocabulary words, LocalDate today, List<FieldError> allErrors) {
        String offer = suggestion.offer().reference();
        Facts facts = suggestion.offer().facts();
        Contact contact = in.contacts().getOrDefault(offer, new Contact(null, null, null, null));
        List<Fact> shown = new ArrayList<>();
        shown.add(new Fact("Frei", suggestion.offer().free() + " von " + facts.count()));
        shown.add(new Fact("Verfügbar", span(facts.from(), facts.until())));
        shown.add(new Fact("Stunden pro Woche je Fachkraft", facts.hours() == null ? "keine Angabe"
                : Integer.toString(facts.hours())));
        List<Line> reasons = new ArrayList<>();
        for (Ranking.Reason reason : suggestion.reasons()) {
            int sign = switch (reason.fit()) {
                case FITS -> 0;
                case PARTLY -> 1;
                case MISSES -> 2;
                case NOT_ASKED -> 3;
            };
            reasons.add(new Line(SIGNS[sign], reason.fit().label() + ":", reason.text(),
                    reason.fit().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
        Period overlap = suggestion.overlap();
        String persons = Integer.toString(suggestion.persons());
        String from = overlap.from().toString();
        String until = overlap.until() == null ? "" : overlap.until().toString();
        String hours = Integer.toString(suggestion.hours());
        String matchId = in.matchIds().get(offer);
        List<FieldError> errors = new ArrayList<>();
        Attempt attempt = in.attempt();
        if (attempt != null && attempt.offer().equals(offer)) {
            persons = attempt.values().getOrDefault(Proposal.PERSONS, persons);
            from = attempt.values().getOrDefault(Proposal.FROM, from);
            until = attempt.values().getOrDefault(Proposal.UNTIL, until);
            hours = attempt.values().getOrDefault(Proposal.HOURS, hours);
            matchId = attempt.matchId();
            for (Map.Entry<String, String> error : attempt.errors().entrySet()) {
                FieldError fieldError = new FieldError(error.getKey() + "-" + offer, error.getValue());
                errors.add(fieldError);
                allErrors.add(fieldError);
            }
        }
        int maxPersons = Math.max(1, Math.min(suggestion.offer().free(),
                in.request().number() == null ? 1 : in.request().number()));
        return new MatchingViews.Suggestion(rank, offer, casePath(offer), orNone(contact.organisation()),
                orNone(contact.person()), orNone(contact.phone()), orNone(contact.email()), shown, reasons, matchId,
                offer, persons, maxPersons, from, until, hours, facts.hours() == null ? 60 : facts.hours(),
                span(overlap.from(), overlap.until()), errors);
    }

    /** The lines of a request's matches (other side: the offer) or an offer's (other side: the request). */
    static List<MatchLine> matchLines(MatchFile file, boolean ofRequest, Predicate<String> maySeeForm,
            Predicate<Match> present, boolean mayCancel) {
        List<MatchLine> lines = new ArrayList<>();
        if (file.entries() == null) {
            return lines;
        }
        for (Match match : file.entries().values()) {
            if (match.state() == Match.State.ABORTED || match.state() == Match.State.RELEASED) {
                continue;
            }
            String other = ofRequest ? match.offer() : match.request();
            String otherForm = ofRequest ? Facts.OFFER_FORM : match.requestForm();
            // A side that no longer exists (erased, past its retention period, or a later case under its reference)
            // is named, never linked.
            boolean gone = !present.test(match);
            lines.add(new MatchLine(match.id(), other, !gone && maySeeForm.test(otherForm) ? casePath(other) : null,
                    Ranking.persons(match.persons()), span(match.from(), match.until()),
                    match.hours() + " Stunden pro Woche je Fachkraft", state(match),
                    WHEN.format(match.at()) + ", " + match.by().name(),
                    mayCancel && ofRequest && match.state() == Match.State.ACTIVE, gone));
        }
        return lines;
    }

    /** A match's state; for one that was cancelled, also when, by whom and why (not only in the history). */
    static String state(Match match) {
        if (match.state() != Match.State.CANCELLED || match.cancelled() == null) {
            return match.state().label();
        }
        return match.state().label() + " am " + WHEN.format(match.cancelled())
                + (match.cancelledBy() == null ? "" : ", " + match.cancelledBy().name())
                + (match.reason() == null || match.reason().isBlank() ? "" : ": " + match.reason());
    }

    /** The section on a request's page: its need and its matches, and the way to the suggestions. */
    public static MatchingViews.Section requestSection(MatchFile request, Predicate<String> maySeeForm,
            Predicate<Match> present, boolean mayMatch) {
        Facts facts = request.facts();
        List<Fact> numbers = new ArrayList<>();
        if (facts != null && request.number() != null) {
            numbers.add(new Fact("Gebraucht", Ranking.persons(facts.count())));
            numbers.add(new Fact("Vermittelt", Ranking.persons(facts.count() - request.number())));
            numbers.add(new Fact("Offen", Ranking.persons(request.number())));
        }
        Status status = request.file().status();
        boolean open = status == Status.NEW || status == Status.IN_PROGRESS;
        return new MatchingViews.Section("vermittlung", "Vermittlung", numbers,
                matchLines(request, true, maySeeForm, present, false), "Vermittlungen zu diesem Vorgang", "Angebot",
                mayMatch && facts != null ? suggestionsPath(request.file().reference()) : null,
                open ? null : "Neue Vermittlungen gibt es nur für offene Vorgänge.");
    }

    /** The section on an offer's page: its capacity and the matches that hold it (requests by reference only). */
    public static MatchingViews.Section offerSection(MatchFile offer, Predicate<String> maySeeForm,
            Predicate<Match> present) {
        Facts facts = offer.facts();
        List<Fact> numbers = new ArrayList<>();
        if (facts != null && offer.number() != null) {
            int matched = 0;
            int settling = 0;
            for (Match match : offer.entries().values()) {
                if (match.state() == Match.State.ACTIVE) {
                    matched += match.persons();
                } else if (match.state().holdsCapacity()) {
                    settling += match.persons();
                }
            }
            numbers.add(new Fact("Angeboten", Ranking.persons(facts.count())));
            numbers.add(new Fact("Vermittelt", Ranking.persons(matched)));
            if (settling > 0) {
                numbers.add(new Fact("In Bearbeitung (Vermittlung oder Aufhebung läuft)", Ranking.persons(settling)));
            }
            numbers.add(new Fact("Frei", Ranking.persons(offer.number())));
        }
        return new MatchingViews.Section("kapazitaet", "Kapazität", numbers,
                matchLines(offer, false, maySeeForm, present, false),
                "Vermittlungen aus diesem Angebot", "Vorgang", null, null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The overview
    // ---------------------------------------------------------------------------------------------------------------

    public static String lagebild(Views.Frame frame, Lagebild.Figures figures, String scope, String countsNote,
            Instant asOf) {
        List<Fact> counts = List.of(
                new Fact("Offene Anfragen (neu oder in Bearbeitung)", Integer.toString(figures.openRequests())),
                new Fact("davon Bedarf vollständig gedeckt", Integer.toString(figures.covered())),
                new Fact("Offener Bedarf", Ranking.persons(figures.openNeed())),
                new Fact("Freie Fachkräfte", Ranking.persons(figures.freeProfessionals()) + " in "
                        + offers(figures.openOffers())),
                new Fact("Vermittlungen diese Woche", Integer.toString(figures.matchesThisWeek())));
        List<TableRow> weekRows = new ArrayList<>();
        List<String> weekLabels = new ArrayList<>();
        List<Integer> needs = new ArrayList<>();
        List<Integer> frees = new ArrayList<>();
        for (Lagebild.Week week : figures.weeks()) {
            String label = "KW " + week.number();
            weekLabels.add(label);
            needs.add(week.need());
            frees.add(week.free());
            weekRows.add(new TableRow(label + " (ab " + Ranking.day(week.monday(), LocalDate.MIN) + ")",
                    Integer.toString(week.need()), Integer.toString(week.free())));
        }
        Chart weeks = columns("wochen", "Offener Bedarf und freie Fachkräfte je Woche", weekSummary(figures.weeks()),
                weekLabels, needs, frees);
        List<TableRow> groupRows = new ArrayList<>();
        for (Lagebild.Group group : figures.groups()) {
            groupRows.add(new TableRow(group.label(), group.need() == null ? "–" : group.need().toString(),
                    group.free() == null ? "–" : group.free().toString()));
        }
        Chart groups = rows("gruppen", "Offener Bedarf und freie Fachkräfte nach " + figures.dimension().label(),
                groupSummary(figures), figures.groups());
        List<MatchingViews.Choice> choices = new ArrayList<>();
        for (Lagebild.Dimension dimension : Lagebild.Dimension.values()) {
            choices.add(new MatchingViews.Choice(lagebildPath() + "?nach=" + dimension.key(), dimension.label(),
                    dimension == figures.dimension()));
        }
        String groupsNote = "Alle offenen Vorgänge, gleich für welchen Zeitraum. Ein Angebot für mehrere Bereiche, "
                + "Abschlüsse oder Orte und eine Anfrage, die mehrere Abschlüsse zulässt, zählen in jeder Zeile, zu der "
                + "sie gehören; die Zeilen ergeben zusammen deshalb mehr als die Summen oben."
                + (figures.dimension() == Lagebild.Dimension.PLACE ? " Ein Angebot für den ganzen Landkreis zählt bei "
                        + "jeder Postleitzahl im Landkreis." : "");
        return OfficePages.render("matching/lagebild.jte", new MatchingViews.LagebildView(frame, scope, counts,
                countsNote, weeks, weekRows, choices, figures.dimension().label(), groups, groupRows, groupsNote,
                "Stand: " + WHEN.format(asOf)));
    }

    private static String weekSummary(List<Lagebild.Week> weeks) {
        int short_ = 0;
        Lagebild.Week worst = null;
        for (Lagebild.Week week : weeks) {
            int gap = week.need() - week.free();
            if (gap > 0) {
                short_++;
                if (worst == null || gap > worst.need() - worst.free()) {
                    worst = week;
                }
            }
        }
        String range = "von KW " + weeks.get(0).number() + " bis KW " + weeks.get(weeks.size() - 1).number();
        if (worst == null) {
            return "Säulendiagramm " + range + ": In keiner Woche ist der offene Bedarf größer als die Zahl der freien "
                    + "Fachkräfte. Die Zahlen stehen in der Tabelle unter dem Diagramm.";
        }
        return "Säulendiagramm " + range + ": In " + short_ + " von " + weeks.size() + " Wochen ist der offene Bedarf "
                + "größer als die Zahl der freien Fachkräfte, am deutlichsten in KW " + worst.number() + " (Bedarf "
                + worst.need() + ", frei " + worst.free() + "). Die Zahlen stehen in der Tabelle unter dem Diagramm.";
    }

    private static String groupSummary(Lagebild.Figures figures) {
        Lagebild.Group most = null;
        for (Lagebild.Group group : figures.groups()) {
            if (group.need() != null && (most == null || group.need() > most.need())) {
                most = group;
            }
        }
        String start = "Balkendiagramm nach " + figures.dimension().label() + " mit " + figures.groups().size()
                + " Zeilen. ";
        if (most == null || most.need() == 0) {
            return start + "Es gibt keinen offenen Bedarf. Die Zahlen stehen in der Tabelle unter dem Diagramm.";
        }
        return start + "Den größten offenen Bedarf hat „" + most.label() + "“: " + most.need() + " gebraucht, "
                + (most.free() == null ? "freie Fachkräfte nicht zuzuordnen" : most.free() + " frei")
                + ". Die Zahlen stehen in der Tabelle unter dem Diagramm.";
    }

    /** A column chart: two columns (need, free) per label. */
    static Chart columns(String id, String title, String description, List<String> labels, List<Integer> need,
            List<Integer> free) {
        double width = 640;
        double left = 40;
        double right = 632;
        double top = 14;
        double bottom = 232;
        int max = 1;
        for (int i = 0; i < labels.size(); i++) {
            max = Math.max(max, Math.max(need.get(i), free.get(i)));
        }
        int step = niceStep(max);
        int ceiling = (max + step - 1) / step * step;
        double scale = (bottom - top) / ceiling;
        List<Rule> rules = new ArrayList<>();
        List<Label> texts = new ArrayList<>();
        for (int value = 0; value <= ceiling; value += step) {
            double y = bottom - value * scale;
            rules.add(new Rule(n(left), n(y), n(right), n(y), value == 0));
            texts.add(new Label(n(left - 6), n(y + 4), Integer.toString(value), "end"));
        }
        List<Bar> bars = new ArrayList<>();
        double group = (right - left) / labels.size();
        double bar = group * 0.34;
        for (int i = 0; i < labels.size(); i++) {
            double x = left + i * group + group * 0.13;
            bars.add(column(x, bar, bottom, scale, need.get(i), "need"));
            bars.add(column(x + bar + group * 0.06, bar, bottom, scale, free.get(i), "free"));
            texts.add(new Label(n(left + i * group + group / 2), n(bottom + 20), labels.get(i), "middle"));
        }
        return new Chart(id, title, description, "0 0 " + n(width) + " " + n(bottom + 30), rules, bars, texts);
    }

    private static Bar column(double x, double width, double bottom, double scale, int value, String series) {
        double height = value * scale;
        return new Bar(n(x), n(bottom - height), n(width), n(height), n(x + width / 2), n(bottom - height - 5),
                Integer.toString(value), "middle", series);
    }

    /** A bar chart: per group its label, then a need bar and a free bar; a side without a number has no bar. */
    static Chart rows(String id, String title, String description, List<Lagebild.Group> groups) {
        double left = 8;
        double right = 560;
        double block = 58;
        int max = 1;
        for (Lagebild.Group group : groups) {
            max = Math.max(max, Math.max(group.need() == null ? 0 : group.need(), group.free() == null ? 0 : group.free()));
        }
        double scale = (right - left) / max;
        List<Bar> bars = new ArrayList<>();
        List<Label> texts = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        double y = 4;
        for (Lagebild.Group group : groups) {
            texts.add(new Label(n(left), n(y + 14), group.label(), "start"));
            bars.add(row(left, y + 20, scale, group.need(), "need"));
            bars.add(row(left, y + 38, scale, group.free(), "free"));
            y += block;
        }
        rules.add(new Rule(n(left), "0", n(left), n(Math.max(y, 10)), true));
        return new Chart(id, title, description, "0 0 640 " + n(Math.max(y, 10)), rules, bars, texts);
    }

    private static Bar row(double left, double y, double scale, Integer value, String series) {
        if (value == null) {
            return new Bar(n(left), n(y), "0", "14", n(left + 6), n(y + 12), "keine Angabe", "start", series);
        }
        double width = value * scale;
        return new Bar(n(left), n(y), n(width), "14", n(left + width + 6), n(y + 12), Integer.toString(value), "start",
                series);
    }

    /** 1, 2, 5, 10, 20, 50 … so that the axis has at most five steps. */
    static int niceStep(int max) {
        int magnitude = 1;
        while (true) {
            for (int factor : new int[] {1, 2, 5}) {
                int step = factor * magnitude;
                if ((max + step - 1) / step <= 5) {
                    return step;
                }
            }
            magnitude *= 10;
        }
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** "ab 04.05.2026 bis 15.05.2026" or "ab 04.05.2026, ohne Enddatum". */
    static String span(LocalDate from, LocalDate until) {
        return "ab " + Ranking.day(from, LocalDate.MIN)
                + (until == null ? ", ohne Enddatum" : " bis " + Ranking.day(until, LocalDate.MIN));
    }

    static String offers(int count) {
        return count == 1 ? "1 offenen Angebot" : count + " offenen Angeboten";
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "keine Angabe" : value;
    }

    /** The field ids of a suggestion's form, as the error summary links them. */
    public static Map<String, String> fieldIds(String offer) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String field : List.of(Proposal.PERSONS, Proposal.FROM, Proposal.UNTIL, Proposal.HOURS)) {
            ids.put(field, field + "-" + offer);
        }
        return ids;
    }
}
