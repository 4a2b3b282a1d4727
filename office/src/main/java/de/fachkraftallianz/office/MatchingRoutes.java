package de.fachkraftallianz.office;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Option;
import de.fachkraftallianz.forms.TextInput;
import de.fachkraftallianz.http.ApiRequest;
import de.fachkraftallianz.http.ApiResponse;
import de.fachkraftallianz.http.RequestLog;
import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.Lagebild;
import de.fachkraftallianz.matching.Listed;
import de.fachkraftallianz.matching.Match;
import de.fachkraftallianz.matching.MatchFile;
import de.fachkraftallianz.matching.MatchService;
import de.fachkraftallianz.matching.Period;
import de.fachkraftallianz.matching.Proposal;
import de.fachkraftallianz.matching.Ranking;
import de.fachkraftallianz.matching.Vocabulary;
import de.fachkraftallianz.office.pages.MatchingPages;
import de.fachkraftallianz.office.pages.MatchingViews;
import de.fachkraftallianz.office.pages.OfficePages;
import de.fachkraftallianz.store.MatchStore;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.SessionStore.Session;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Retention;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Workflow;
import de.fachkraftallianz.submit.References;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The office's matching routes: a request's suggestions, making and cancelling a match, the overview, and the section
 * a request's or offer's page gets. Who may: a person who may see the request may see its suggestions and match it
 * (the Jugendamt facilities' requests, the Pflegekinderdienst foster families'; administrators both); both see the
 * offers. What each sees of the other side is limited: an offer's page names the requests it serves by reference
 * only, linked where the person may open them; a suggestion shows of an offer its organisation, contact, numbers and
 * period.
 */
final class MatchingRoutes {

    private static final Pattern MATCH_ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What each request form is called in the overview's sentence about what it counts. */
    private static final Map<String, String> REQUESTS_OF = Map.of(
            Facts.FACILITY_FORM, "Anfragen von Einrichtungen", Facts.FOSTER_FORM, "Anfragen von Pflegefamilien");

    private final OfficeHandler office;
    private final FormCatalog forms;
    private final MatchStore store;
    private final MatchService service;
    private final Clock clock;
    private volatile Vocabulary words;

    MatchingRoutes(OfficeHandler office, FormCatalog forms, MatchStore store, Clock clock) {
        this.office = office;
        this.forms = forms;
        this.store = store;
        this.service = store == null ? null : new MatchService(store, clock);
        this.clock = clock;
    }

    private Vocabulary words() {
        Vocabulary vocabulary = words;
        if (vocabulary == null) {
            vocabulary = Vocabulary.of(forms);
            words = vocabulary;
        }
        return vocabulary;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Suggestions
    // ---------------------------------------------------------------------------------------------------------------

    ApiResponse suggestions(ApiRequest request, Session session, Access access, RequestLog log) {
        Optional<MatchFile> found = readableRequest(request, access, log);
        if (found.isEmpty()) {
            return refusal(session, log);
        }
        int page = 1;
        String asked = request.queryParameter("seite");
        if (asked != null && asked.matches("[1-9][0-9]{0,3}")) {
            page = Integer.parseInt(asked);
        }
        String notice = request.queryParameter("vermittelt") != null ? "Vermittlung gespeichert."
                : request.queryParameter("aufgehoben") != null ? "Vermittlung aufgehoben." : null;
        log.outcome("suggestions");
        log.put("reference", found.get().file().reference());
        return ApiResponse.html(200, page(session, access, found.get(), page, null, notice, null));
    }

    /** The suggestions page as things stand (ranked now), with an attempt's errors or a conflict if given. */
    private String page(Session session, Access access, MatchFile asRead, int page, MatchingPages.Attempt attempt,
            String notice, String conflict) {
        Checked checked = checkOtherSides(asRead);
        MatchFile request = checked.file();
        Ranking.Result result = null;
        Map<String, MatchStore.Contact> contacts = Map.of();
        Map<String, String> ids = new HashMap<>();
        Status status = request.file().status();
        boolean open = status == Status.NEW || status == Status.IN_PROGRESS;
        if (open && request.facts() != null && request.number() != null && request.number() > 0) {
            LocalDate today = service.today();
            result = Ranking.rank(request.facts(), request.number(), openOffers(), today, words());
            if (attempt != null) {
                for (int i = 0; i < result.ranked().size(); i++) {
                    if (result.ranked().get(i).offer().reference().equals(attempt.offer())) {
                        page = i / MatchingPages.PAGE + 1;
                    }
                }
            }
            int pages = Math.max(1, (result.ranked().size() + MatchingPages.PAGE - 1) / MatchingPages.PAGE);
            page = Math.min(page, pages);
            List<String> shown = new ArrayList<>();
            for (int i = (page - 1) * MatchingPages.PAGE; i < Math.min(result.ranked().size(), page * MatchingPages.PAGE);
                    i++) {
                String offer = result.ranked().get(i).offer().reference();
                shown.add(offer);
                ids.put(offer, newMatchId());
            }
            contacts = store.contacts(shown);
        }
        FormDefinition form = forms.find(request.file().formId()).orElseThrow();
        return MatchingPages.suggestions(OfficePages.frame(session), words(), new MatchingPages.Suggestions(request,
                form.title(), result, page, contacts, ids, attempt, true, maySee(access), checked.present()),
                notice, conflict,
                service.today());
    }

    /** The open offers, each ready to rank: stored before matching → initialised; an old unfinished flow → repaired. */
    private List<Ranking.Candidate> openOffers() {
        List<Ranking.Candidate> candidates = new ArrayList<>();
        for (Listed row : ready(store.open(Facts.OFFER_FORM))) {
            if (row.facts() != null && row.number() != null) {
                candidates.add(new Ranking.Candidate(row.reference(), row.createdAt(), row.facts(), row.number()));
            }
        }
        return candidates;
    }

    /**
     * The rows as matching needs them: a row without facts (stored before matching existed) is initialised, an offer
     * with a marker older than {@link MatchService#STALE} is repaired first; both re-read that one item.
     */
    private List<Listed> ready(List<Listed> rows) {
        Instant stale = clock.instant().minus(MatchService.STALE);
        List<Listed> ready = new ArrayList<>(rows.size());
        for (Listed row : rows) {
            boolean old = false;
            for (String marker : row.unsettled()) {
                old |= !MatchService.since(marker).isAfter(stale);
            }
            Optional<MatchFile> fresh = Optional.empty();
            if (old) {
                fresh = service.repair(row.reference(), true);
            } else if (row.facts() == null || row.number() == null) {
                fresh = service.find(row.reference());
            }
            if (fresh.isPresent()) {
                MatchFile file = fresh.get();
                ready.add(new Listed(row.reference(), row.formId(), file.file().status(), row.createdAt(), file.facts(),
                        file.number(), file.unsettled()));
            } else {
                ready.add(row);
            }
        }
        return ready;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Making and cancelling a match
    // ---------------------------------------------------------------------------------------------------------------

    ApiResponse match(ApiRequest request, Session session, Access access, RequestLog log) {
        Optional<Map<String, List<String>>> posted = office.postedForm(request, session, log);
        if (posted.isEmpty()) {
            return postRefused(session, log);
        }
        Map<String, List<String>> form = posted.get();
        Optional<MatchFile> found = readableRequest(request, access, log);
        if (found.isEmpty()) {
            return refusal(session, log);
        }
        MatchFile file = found.get();
        log.put("reference", file.file().reference());
        String id = first(form, "vermittlung");
        String offerRef = first(form, "angebot");
        if (id == null || !MATCH_ID.matcher(id).matches() || offerRef == null
                || !References.FORMAT.matcher(offerRef).matches()) {
            log.outcome("malformed");
            return conflict(400, session, access, file, "Die Seite war nicht vollständig. Bitte wählen Sie das Angebot "
                    + "unten noch einmal.");
        }
        Optional<MatchFile> offer = service.find(offerRef);
        if (offer.isEmpty() || !offer.get().isOffer() || !access.maySee(offer.get().file().formId(),
                offer.get().file().status())) {
            log.outcome("offer-missing");
            return conflict(409, session, access, file, "Dieses Angebot gibt es nicht (mehr). Es wurde nichts "
                    + "vermittelt.");
        }
        log.put("offer", offerRef);
        Person me = new Person(session.userId(), session.name());
        Proposal proposal = null;
        if (MatchService.entries(offer.get()).get(id) == null) {
            // A new match: checked against how both stand now. (The same form sent again skips this: it continues.)
            if (!open(file.file().status())) {
                log.outcome("match-refused");
                log.put("why", "REQUEST_CLOSED");
                return conflict(409, session, access, file, refusedText(MatchService.Why.REQUEST_CLOSED, null, file));
            }
            if (!open(offer.get().file().status())) {
                log.outcome("match-refused");
                log.put("why", "OFFER_CLOSED");
                return conflict(409, session, access, file, refusedText(MatchService.Why.OFFER_CLOSED, offer.get(),
                        file));
            }
            LocalDate today = service.today();
            Period needed = new Period(file.facts().from(), file.facts().until()).from(today);
            Period available = new Period(offer.get().facts().from(), offer.get().facts().until()).from(today);
            Period overlap = needed == null || available == null ? null : needed.intersect(available);
            Map<String, String> values = new LinkedHashMap<>();
            for (String field : List.of(Proposal.PERSONS, Proposal.FROM, Proposal.UNTIL, Proposal.HOURS)) {
                String value = first(form, field);
                values.put(field, value == null ? "" : value.length() > 20 ? value.substring(0, 20) : value);
            }
            Proposal.Checked checked = Proposal.check(values.get(Proposal.PERSONS), values.get(Proposal.FROM),
                    values.get(Proposal.UNTIL), values.get(Proposal.HOURS), file.number(), offer.get().number(),
                    overlap, offer.get().facts().hours());
            if (checked instanceof Proposal.Invalid invalid) {
                log.outcome("match-invalid");
                log.put("fields", String.join(",", invalid.errors().keySet()));
                return ApiResponse.html(422, page(session, access, file, 1,
                        new MatchingPages.Attempt(offerRef, id, values, invalid.errors()), null, null));
            }
            proposal = ((Proposal.Valid) checked).proposal();
        }
        MatchService.Outcome outcome = service.match(id, file.file().reference(), offerRef, proposal, me);
        if (outcome instanceof MatchService.Matched matched) {
            log.outcome(matched.before() ? "matched-before" : "matched");
            return ApiResponse.seeOther(MatchingPages.suggestionsPath(file.file().reference()) + "?vermittelt=1");
        }
        MatchService.Refused refused = (MatchService.Refused) outcome;
        log.outcome("match-refused");
        log.put("why", refused.why().name());
        MatchFile now = service.find(file.file().reference()).orElse(file);
        return conflict(409, session, access, now, refusedText(refused.why(), service.find(offerRef).orElse(null), now));
    }

    ApiResponse cancel(ApiRequest request, Session session, Access access, RequestLog log) {
        Optional<Map<String, List<String>>> posted = office.postedForm(request, session, log);
        if (posted.isEmpty()) {
            return postRefused(session, log);
        }
        Map<String, List<String>> form = posted.get();
        Optional<MatchFile> found = readableRequest(request, access, log);
        if (found.isEmpty()) {
            return refusal(session, log);
        }
        MatchFile file = found.get();
        log.put("reference", file.file().reference());
        String id = first(form, "vermittlung");
        Match entry = id == null ? null : MatchService.entries(file).get(id);
        if (entry == null || entry.state() == Match.State.ABORTED) {
            log.outcome("match-unknown");
            return OfficePages.notFound(OfficePages.frame(session));
        }
        String raw = first(form, "grund");
        String reason = TextInput.clean(raw == null ? "" : raw, true).text();
        if (reason.length() > Workflow.MAX_TEXT) {
            log.outcome("text-refused");
            return conflict(422, session, access, file, "Der Grund darf höchstens " + Workflow.MAX_TEXT
                    + " Zeichen lang sein (jetzt: " + reason.length() + "). Bitte kürzen Sie ihn.");
        }
        MatchService.Outcome outcome = service.cancel(file.file().reference(), id,
                new Person(session.userId(), session.name()), reason.isEmpty() ? null : reason);
        if (outcome instanceof MatchService.Cancelled cancelled) {
            log.outcome(cancelled.before() ? "cancelled-before" : "cancelled");
            return ApiResponse.seeOther(MatchingPages.suggestionsPath(file.file().reference()) + "?aufgehoben=1");
        }
        log.outcome("cancel-refused");
        log.put("why", ((MatchService.Refused) outcome).why().name());
        return conflict(409, session, access, service.find(file.file().reference()).orElse(file),
                refusedText(((MatchService.Refused) outcome).why(), null, file));
    }

    private ApiResponse conflict(int status, Session session, Access access, MatchFile request, String message) {
        return ApiResponse.html(status, page(session, access, request, 1, null, null, message));
    }

    private static String refusedText(MatchService.Why why, MatchFile offer, MatchFile request) {
        return switch (why) {
            case OFFER_CLOSED -> "Das Angebot ist inzwischen abgeschlossen. Es wurde nichts vermittelt.";
            case TOO_FEW_FREE -> "Inzwischen hat jemand anderes Fachkräfte aus diesem Angebot vermittelt: Frei sind nur "
                    + "noch " + (offer == null || offer.number() == null ? "wenige" : Ranking.persons(offer.number()))
                    + ". Es wurde nichts vermittelt. Unten sehen Sie die Vorschläge, wie sie jetzt sind.";
            case REQUEST_CLOSED -> "Der Vorgang ist inzwischen abgeschlossen. Es wurde nichts vermittelt.";
            case NEED_COVERED -> "Inzwischen hat jemand anderes für diesen Vorgang vermittelt: Offen sind nur noch "
                    + (request == null || request.number() == null ? "wenige" : Ranking.persons(request.number()))
                    + ". Es wurde nichts vermittelt. Unten sehen Sie den Vorgang, wie er jetzt ist.";
            case ABORTED -> "Diese Vermittlung ist nicht zustande gekommen und kann nicht wiederholt werden. Bitte "
                    + "wählen Sie das Angebot unten neu.";
            case CANCELLED -> "Diese Vermittlung wurde inzwischen aufgehoben.";
            case MISSING -> "Das Angebot oder der Vorgang besteht nicht mehr. Es wurde nichts vermittelt.";
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The overview
    // ---------------------------------------------------------------------------------------------------------------

    ApiResponse lagebild(ApiRequest request, Session session, Access access, RequestLog log) {
        List<String> requestForms = new ArrayList<>();
        Set<String> areas = new LinkedHashSet<>();
        for (String formId : Facts.REQUEST_FORMS) {
            if (access.forms().contains(formId)) {
                requestForms.add(formId);
                areas.addAll(areasOf(formId));
            }
        }
        List<Lagebild.Row> requests = new ArrayList<>();
        int matches = 0;
        Instant now = clock.instant();
        for (String formId : requestForms) {
            for (Listed row : ready(store.open(formId))) {
                requests.add(new Lagebild.Row(row.reference(), formId, row.facts(),
                        row.number() == null ? 0 : row.number()));
            }
            matches += store.matchesInWeek(formId, MatchStore.monday(now));
        }
        List<Lagebild.Row> offers = new ArrayList<>();
        if (access.forms().contains(Facts.OFFER_FORM)) {
            for (Listed row : ready(store.open(Facts.OFFER_FORM))) {
                offers.add(new Lagebild.Row(row.reference(), Facts.OFFER_FORM, row.facts(),
                        row.number() == null ? 0 : row.number()));
            }
        }
        Lagebild.Figures figures = Lagebild.compute(requests, offers, areas, matches, service.today(),
                Lagebild.Dimension.byKey(request.queryParameter("nach")), words());
        List<String> scope = new ArrayList<>();
        for (String formId : requestForms) {
            scope.add(REQUESTS_OF.get(formId));
        }
        log.outcome("lagebild");
        String counted = String.join(" und ", scope);
        return ApiResponse.html(200, MatchingPages.lagebild(OfficePages.frame(session), figures,
                "Offener Bedarf und freie Fachkräfte, soweit Sie sie sehen dürfen: " + counted + ", dazu die Angebote "
                        + "der Träger.",
                "Gezählt werden " + counted + " mit dem Status „Neu“ oder „In Bearbeitung“ (so viele zeigt auch der "
                        + "Eingang) und offene Angebote, deren Fachkräfte in " + (areas.size() == 1 ? "diesem Bereich"
                        : "diesen Bereichen") + " arbeiten dürfen: " + String.join(", ", areaLabels(areas)) + ".",
                now));
    }

    /** The kinds of help a request form's requests ask: a facility's choice, or the foster family's. */
    private List<String> areasOf(String formId) {
        if (Facts.FOSTER_FORM.equals(formId)) {
            return List.of(Facts.FOSTER_AREA);
        }
        List<String> areas = new ArrayList<>();
        for (Option option : forms.find(formId).orElseThrow().field("einsatzbereich").orElseThrow().options()) {
            areas.add(option.value());
        }
        return areas;
    }

    private List<String> areaLabels(Set<String> areas) {
        List<String> labels = new ArrayList<>();
        for (Option option : words().areas()) {
            if (areas.contains(option.value())) {
                labels.add(option.label());
            }
        }
        return labels;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The section on a submission's page
    // ---------------------------------------------------------------------------------------------------------------

    /** A submission's matching section and the version the submission has after what reading it repaired. */
    record Shown(MatchingViews.Section section, long version) {
    }

    /**
     * The request's "Vermittlung" or the offer's "Kapazität" (an offer's unfinished flows finished first, matches
     * whose other side is gone cancelled first); else null.
     */
    Shown section(CaseFile file, Access access) {
        if (store == null || !Facts.matches(file.formId())) {
            return null;
        }
        Optional<MatchFile> found = Facts.isOffer(file.formId()) ? service.repair(file.reference(), false)
                : service.find(file.reference());
        if (found.isEmpty() || !found.get().initialised()) {
            return null;
        }
        Checked checked = checkOtherSides(found.get());
        return new Shown(Facts.isOffer(file.formId())
                ? MatchingPages.offerSection(checked.file(), maySee(access), checked.present())
                : MatchingPages.requestSection(checked.file(), maySee(access), checked.present(), true),
                checked.file().file().version());
    }

    /** A request or offer as a page shows it, and which of its matches still have their other side. */
    private record Checked(MatchFile file, Predicate<Match> present) {
    }

    /**
     * Looks up the other sides of the file's matches (one BatchGetItem): a side that no longer exists is shown by
     * reference, never as a link. An ACTIVE match whose other side is gone (DynamoDB's time to live deleted it before
     * the retention sweeper ended its matches, or it is past its expiry and about to go) is cancelled first, so an
     * offer never keeps professionals for a request that is gone, nor a request counts those of an offer that is gone.
     */
    private Checked checkOtherSides(MatchFile file) {
        Set<String> others = new LinkedHashSet<>();
        for (Match match : MatchService.entries(file).values()) {
            if (match.state() != Match.State.ABORTED && match.state() != Match.State.RELEASED) {
                others.add(file.isRequest() ? match.offer() : match.request());
            }
        }
        if (others.isEmpty()) {
            return new Checked(file, match -> false);
        }
        Map<String, Instant> received = store.present(others, clock.instant());
        // The other side is the one the match was made with only if it was received before the match: a case sent
        // again with the content of an erased one can carry its reference (MatchStore#present).
        Predicate<Match> present = match -> {
            Instant at = received.get(file.isRequest() ? match.offer() : match.request());
            return at != null && !at.isAfter(match.at());
        };
        boolean changed = false;
        for (Match match : MatchService.entries(file).values()) {
            if (match.state() == Match.State.ACTIVE && !present.test(match)) {
                if (file.isRequest()) {
                    service.cancel(file.file().reference(), match.id(), MatchService.REPAIR,
                            "Das Angebot besteht nicht mehr.");
                } else {
                    service.cancelFromOffer(match, MatchService.REPAIR, "Der Vorgang besteht nicht mehr.");
                }
                changed = true;
            }
        }
        return new Checked(changed ? service.find(file.file().reference()).orElse(file) : file, present);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Erasing a request or offer
    // ---------------------------------------------------------------------------------------------------------------

    /** Why the other side's history says a match ended when an administrator erased this side. */
    static final String ERASED = "Der Vorgang wurde gelöscht.";

    /**
     * Erases a submission now; a request or offer only after its matches are ended (MatchService#endAll: each
     * cancelled through the protocol, so the offer's professionals are free again or the request's need open again,
     * with the other side's history saying so), and on condition that it is still at the version they were ended at.
     * A match made meanwhile changes that version: its matches are ended again, at most three times.
     */
    OfficeStore.Erased erase(OfficeStore office, CaseFile file, Person by) {
        if (store == null || !Facts.matches(file.formId())) {
            return office.erase(file.reference(), null);
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<MatchFile> ended = service.endAll(file.reference(), by, ERASED);
            if (ended.isEmpty()) {
                return OfficeStore.Erased.NONE;
            }
            OfficeStore.Erased erased = office.erase(file.reference(), ended.get().file().version());
            if (erased != OfficeStore.Erased.CHANGED) {
                return erased;
            }
        }
        return OfficeStore.Erased.CHANGED;
    }

    /** What erasing the request or offer does to its matches, in German; null if none holds professionals. */
    String erasureNote(CaseFile file) {
        if (store == null || !Facts.matches(file.formId())) {
            return null;
        }
        Optional<MatchFile> found = store.find(file.reference());
        int matches = 0;
        int persons = 0;
        for (Match match : found.isEmpty() ? List.<Match>of() : MatchService.entries(found.get()).values()) {
            if (match.state().holdsCapacity()) {
                matches++;
                persons += match.persons();
            }
        }
        if (matches == 0) {
            return null;
        }
        String count = (matches == 1 ? "1 Vermittlung" : matches + " Vermittlungen") + " (" + Ranking.persons(persons)
                + ")";
        String exist = matches == 1 ? " besteht " : " bestehen ";
        String cancelled = "Mit dem Löschen " + (matches == 1 ? "wird sie" : "werden sie") + " aufgehoben: ";
        return Facts.isOffer(file.formId())
                ? "Aus diesem Angebot" + exist + count + ". " + cancelled + "Der Bedarf der Vorgänge, für die die "
                        + "Fachkräfte vermittelt sind, ist dann wieder offen, und deren Verlauf vermerkt es."
                : "Zu diesem Vorgang" + exist + count + ". " + cancelled + "Die Fachkräfte sind in ihren Angeboten "
                        + "dann wieder frei, und deren Verlauf vermerkt es.";
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The request of the path, if it exists, the person may see it, and it is a request; the log says why not. */
    private Optional<MatchFile> readableRequest(ApiRequest request, Access access, RequestLog log) {
        String reference = request.pathParameter("reference");
        if (reference == null || !References.FORMAT.matcher(reference).matches()) {
            log.outcome("not-found");
            return Optional.empty();
        }
        Optional<MatchFile> file = service.find(reference);
        if (file.isEmpty() || Retention.expired(file.get().file().expiresAt(), clock.instant())) {
            // Past its expiry a submission is gone for the office, deleted or not yet.
            log.outcome("not-found");
            return Optional.empty();
        }
        if (!access.maySee(file.get().file().formId(), file.get().file().status())) {
            log.outcome("forbidden");
            return Optional.empty();
        }
        if (!file.get().isRequest() || !file.get().initialised()) {
            log.outcome("not-a-request");
            return Optional.empty();
        }
        return file;
    }

    private static ApiResponse refusal(Session session, RequestLog log) {
        return "forbidden".equals(log.get("outcome")) ? OfficePages.forbidden(OfficePages.frame(session))
                : OfficePages.notFound(OfficePages.frame(session));
    }

    private static ApiResponse postRefused(Session session, RequestLog log) {
        return "malformed".equals(log.get("outcome"))
                ? OfficePages.message(400, OfficePages.frame(session), "Anfrage nicht lesbar",
                        List.of("Ihre Eingabe konnte nicht gelesen werden. Bitte versuchen Sie es noch einmal."),
                        OfficeHandler.HOME, "Zum Eingang")
                : OfficePages.forbiddenRequest(OfficePages.frame(session));
    }

    private static Predicate<String> maySee(Access access) {
        List<String> visible = access.forms();
        return visible::contains;
    }

    private static boolean open(Status status) {
        return status == Status.NEW || status == Status.IN_PROGRESS;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A fresh match id for a suggestion's form: 128 random bits. */
    static String newMatchId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
