package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.office.auth.Cookies;
import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.MatchFixtures;
import de.fachkraftallianz.matching.MatchService;
import de.fachkraftallianz.matching.Proposal;
import de.fachkraftallianz.store.MatchStore;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.SessionStore;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Workflow;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what, through HTTP against the running local stack: every persona (no session, signed in without a
 * group, each department, both departments, administration) × every form (from the catalog) × ordinary and
 * suspected-spam submissions × every office action (from the handler's routes). The expectations come from the
 * need-to-know rules written out here, not from the code under test; a new form or route makes this test fail until
 * it is given its row.
 */
class OfficeAccessMatrixIT {

    /** Need to know (SGB VIII § 65), as the issue states it: which department works on which form. */
    private static final Map<String, Set<String>> DEPARTMENTS_OF_FORM = Map.of(
            "bedarf-einrichtung", Set.of(Access.JUGENDAMT),
            "hilfe-pflegefamilie", Set.of(Access.PFLEGEKINDERDIENST),
            "angebot-traeger", Set.of(Access.JUGENDAMT, Access.PFLEGEKINDERDIENST),
            "beratungsangebot", Set.of(Access.JUGENDAMT),
            "barriere-melden", Set.of(Access.JUGENDAMT));

    enum Persona {
        NO_SESSION(null),
        NO_GROUP(List.of()),
        JUGENDAMT(List.of(Access.JUGENDAMT)),
        PFLEGEKINDERDIENST(List.of(Access.PFLEGEKINDERDIENST)),
        BOTH_DEPARTMENTS(List.of(Access.JUGENDAMT, Access.PFLEGEKINDERDIENST)),
        ADMIN(List.of(Access.ADMIN));

        final List<String> groups;

        Persona(List<String> groups) {
            this.groups = groups;
        }

        boolean maySee(String formId, boolean spam) {
            if (groups == null) {
                return false;
            }
            if (groups.contains(Access.ADMIN)) {
                return true;
            }
            return !spam && DEPARTMENTS_OF_FORM.get(formId).stream().anyMatch(groups::contains);
        }
    }

    /**
     * An action on one submission: the route it uses and the request for it; what is prepared before (matching: an
     * offer, a match to cancel; its result reaches the form); for whom of those who may see the submission it is
     * made (the others who may see it get {@code otherwise}: matching is for open requests only); where a change
     * sends the browser; whether only administrators may.
     */
    record Action(String routeKey, Function<String, String> prepare, BiFunction<CaseFile, String, Map<String, String>> form,
                  BiPredicate<String, Boolean> applies, BiFunction<String, Boolean, Integer> otherwise, String after,
                  boolean adminOnly) {

        /** An action on every submission the person may see (status, assignment, note, the page itself). */
        Action(String routeKey, Function<CaseFile, Map<String, String>> form) {
            this(routeKey, form, false);
        }

        /** An action on every submission, for administrators only if {@code adminOnly} (erasure). */
        Action(String routeKey, Function<CaseFile, Map<String, String>> form, boolean adminOnly) {
            this(routeKey, reference -> null, (file, prepared) -> form.apply(file), (formId, spam) -> true,
                    (formId, spam) -> 0, "?gespeichert=1", adminOnly);
        }

        /** A matching action (for everyone who may see the request). */
        Action(String routeKey, Function<String, String> prepare, BiFunction<CaseFile, String, Map<String, String>> form,
               BiPredicate<String, Boolean> applies, BiFunction<String, Boolean, Integer> otherwise, String after) {
            this(routeKey, prepare, form, applies, otherwise, after, false);
        }

        boolean isPost() {
            return routeKey.startsWith("POST ");
        }

        String path(String reference) {
            return routeKey.substring(routeKey.indexOf(' ') + 1).replace("{reference}", reference);
        }

        /** Where a change made sends the browser. */
        String location(String reference) {
            return after.startsWith("?") ? "/intern/vorgang/" + reference + after : after.replace("{reference}", reference);
        }
    }

    /** The list is the inbox, filtered to the form; every other action works on the submission's own address. */
    private static final String LIST = "list";
    private static final Map<String, Action> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("detail", new Action(OfficeHandler.CASE, file -> Map.of()));
        ACTIONS.put("status", new Action(OfficeHandler.STATUS, file -> Map.of("version", Long.toString(file.version()),
                "status", Workflow.next(file.status()).get(0).name(), "grund", "Geprüft.")));
        ACTIONS.put("assign", new Action(OfficeHandler.ASSIGN, file -> Map.of("version", Long.toString(file.version()),
                "person", "SELF")));
        ACTIONS.put("note", new Action(OfficeHandler.NOTE, file -> Map.of("version", Long.toString(file.version()),
                "text", "Rückruf vereinbart.")));
        // Matching: only on requests (other forms: 404 for those who may see them); on an open request only (a
        // suspected-spam one, which only administrators see: its page says so, a match is refused with 409).
        BiPredicate<String, Boolean> openRequest = (formId, spam) -> Facts.isRequest(formId) && !spam;
        ACTIONS.put("suggestions", new Action(OfficeHandler.SUGGESTIONS, reference -> null, (file, p) -> Map.of(),
                (formId, spam) -> Facts.isRequest(formId), (formId, spam) -> 404, null));
        ACTIONS.put("match", new Action(OfficeHandler.MATCH, reference -> new MatchFixtures(OfficeAccessMatrixIT.stack).offer(2),
                (file, offer) -> matchForm(file, offer), openRequest,
                (formId, spam) -> Facts.isRequest(formId) ? 409 : 404,
                "/intern/vorgang/{reference}/vorschlaege?vermittelt=1"));
        ACTIONS.put("cancel", new Action(OfficeHandler.CANCEL_MATCH, OfficeAccessMatrixIT::matchToCancel,
                (file, id) -> Map.of("vermittlung", id == null ? "0".repeat(32) : id, "grund", "Abgesagt."),
                openRequest, (formId, spam) -> 404, "/intern/vorgang/{reference}/vorschlaege?aufgehoben=1"));
        ACTIONS.put("notify", new Action(OfficeHandler.NOTIFY, file -> Map.of("version", Long.toString(file.version()),
                "aktion", "erneut"), true));
        ACTIONS.put("erase-confirm", new Action(OfficeHandler.ERASE_CONFIRM, file -> Map.of(), true));
        ACTIONS.put("erase", new Action(OfficeHandler.ERASE, file -> Map.of("grund", "Antrag nach Art. 17 DSGVO"), true));
    }

    /** A match form for the request with a fresh offer (the samples share 60 days from at least a week on). */
    private static Map<String, String> matchForm(CaseFile request, String offer) {
        String from = request.values().getOrDefault("einsatz_von", List.of("")).get(0);
        if (from.compareTo(MatchFixtures.TODAY.plusDays(7).toString()) < 0) {
            from = MatchFixtures.TODAY.plusDays(7).toString();
        }
        return Map.of("vermittlung", MatchFixtures.id(), "angebot", offer, "anzahl", "1", "von", from,
                "bis", MatchFixtures.TODAY.plusDays(60).toString(), "stunden", "1");
    }

    /** For an open request, a match to cancel (made before the person acts); else nothing. */
    private static String matchToCancel(String reference) {
        CaseFile request = store.find(reference).orElseThrow();
        if (!Facts.isRequest(request.formId()) || request.status().isSpam()) {
            return null;
        }
        String id = MatchFixtures.id();
        Map<String, String> form = matchForm(request, new MatchFixtures(stack).offer(2));
        MatchService.Outcome made = new MatchService(new MatchStore(store), java.time.Clock.systemUTC()).match(id,
                reference, form.get("angebot"), new Proposal(1, java.time.LocalDate.parse(form.get("von")),
                        java.time.LocalDate.parse(form.get("bis")), 1), new CaseFile.Person("matrix", "Matrix (Beispiel)"));
        assertThat(made).isInstanceOf(MatchService.Matched.class);
        return id;
    }

    /** The export is of one form; it is the list's column in CSV. */
    private static final String EXPORT = "export";

    /** Routes that do not act on one submission, and why they are outside the matrix. */
    private static final Map<String, String> OUTSIDE = Map.ofEntries(
            Map.entry(OfficeHandler.INBOX, "the matrix's \"list\" column"),
            Map.entry(OfficeHandler.EXPORT, "the matrix's \"export\" column"),
            Map.entry(OfficeHandler.AUDIT, "administrators' log (OfficeExportIT)"),
            Map.entry(OfficeHandler.SIGNED_OUT, "public page after sign-out (OfficeIT)"),
            Map.entry(OfficeHandler.OTHER, "unknown office paths: 404 or sign-in (OfficeIT)"),
            Map.entry(OfficeHandler.LOGIN, "starts the sign-in (OfficeIT)"),
            Map.entry(OfficeHandler.CALLBACK, "ends the sign-in (OfficeIT)"),
            Map.entry(OfficeHandler.LOGOUT, "signs out (OfficeIT)"),
            Map.entry(OfficeHandler.LAGEBILD,
                    "the overview of all requests and offers a person may see: its own test below"),
            Map.entry(OfficeHandler.PUBLICATION_PAGE,
                    "counselling channels only, publishers only: PublicationIT's own matrix"),
            Map.entry(OfficeHandler.PUBLICATION,
                    "counselling channels only, publishers only: PublicationIT's own matrix"),
            Map.entry(OfficeHandler.DIRECTORY, "publishers only: PublicationIT's own matrix"));

    static LocalStack stack;
    static OfficeStore store;
    static SessionStore sessions;
    static final Map<Persona, String[]> SESSIONS = new EnumMap<>(Persona.class);
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
        store = new OfficeStore(stack.dynamoDb(), stack.tableName());
        sessions = new SessionStore(stack.dynamoDb(), stack.tableName());
        for (Persona persona : Persona.values()) {
            if (persona.groups == null) {
                continue;
            }
            String id = UUID.randomUUID().toString();
            String csrf = UUID.randomUUID().toString();
            String userId = "matrix-" + persona.name().toLowerCase();
            sessions.create(id, new SessionStore.Session(userId, userId, "Test " + persona.name() + " (Beispiel)",
                    persona.groups, csrf, Instant.now(), Instant.now()));
            SESSIONS.put(persona, new String[] {id, csrf, userId});
        }
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void every_office_route_is_in_the_matrix_or_said_why_not() {
        List<String> routes = new OfficeHandler(FormCatalog.load(), null, null, null, null, null, "x").routeKeys();
        List<String> covered = new ArrayList<>(OUTSIDE.keySet());
        ACTIONS.values().forEach(a -> covered.add(a.routeKey()));
        assertThat(covered).as("a new route needs its place in the matrix").containsExactlyInAnyOrderElementsOf(routes);
        assertThat(DEPARTMENTS_OF_FORM.keySet()).as("a new form needs its departments here")
                .containsExactlyInAnyOrderElementsOf(FormCatalog.FORM_IDS);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Persona persona : Persona.values()) {
            for (String formId : FormCatalog.FORM_IDS) {
                for (boolean spam : List.of(false, true)) {
                    cases.add(Arguments.of(persona, formId, spam, LIST));
                    cases.add(Arguments.of(persona, formId, spam, EXPORT));
                    ACTIONS.keySet().forEach(action -> cases.add(Arguments.of(persona, formId, spam, action)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} spam={2} {3}")
    @MethodSource("cases")
    void the_persona_may_do_exactly_what_need_to_know_allows(Persona persona, String formId, boolean spam,
            String actionName) throws Exception {
        String reference = OfficeIT.submit(stack, formId, spam);
        if (actionName.equals("notify")) {
            OfficeIT.giveUpNotifications(stack, reference);
        }
        CaseFile before = store.find(reference).orElseThrow();
        assertThat(before.status()).isEqualTo(spam ? Status.SUSPECTED_SPAM : Status.NEW);
        boolean allowed = persona.maySee(formId, spam);

        if (actionName.equals(LIST)) {
            String query = "?formular=" + formId + (spam ? "&status=" + Status.SUSPECTED_SPAM.name() : "");
            HttpResponse<String> inbox = request(persona, "GET", "/intern" + query, Map.of());
            expectSignInOrNoAccess(persona, inbox);
            if (persona.groups != null && !persona.groups.isEmpty()) {
                assertThat(inbox.statusCode()).isEqualTo(200);
                if (allowed) {
                    assertThat(inbox.body()).contains(reference);
                } else {
                    assertThat(inbox.body()).doesNotContain(reference);
                }
            }
            return;
        }

        if (actionName.equals(EXPORT)) {
            String query = "?formular=" + formId + (spam ? "&status=" + Status.SUSPECTED_SPAM.name() : "");
            HttpResponse<String> page = request(persona, "GET", "/intern/export" + query, Map.of());
            expectSignInOrNoAccess(persona, page);
            if (persona.groups != null && !persona.groups.isEmpty()) {
                HttpResponse<byte[]> export = HTTP.send(HttpRequest.newBuilder(stack.uri("/intern/export" + query))
                        .header("cookie", Cookies.SESSION + "=" + SESSIONS.get(persona)[0]).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (allowed) {
                    assertThat(export.statusCode()).isEqualTo(200);
                    assertThat(OfficeExportIT.csv(export)).contains(reference);
                } else if (export.statusCode() == 200) {
                    assertThat(OfficeExportIT.csv(export)).doesNotContain(reference);
                } else {
                    // The form is not one of the person's: refused as such, nothing exported.
                    assertThat(export.statusCode()).isEqualTo(403);
                    assertThat(page.body()).contains("Kein Zugriff auf dieses Formular").doesNotContain(reference);
                }
            }
            return;
        }

        Action action = ACTIONS.get(actionName);
        String prepared = action.prepare().apply(reference);
        before = store.find(reference).orElseThrow();
        allowed = allowed && (!action.adminOnly() || (persona.groups != null && persona.groups.contains(Access.ADMIN)));
        Map<String, String> form = new LinkedHashMap<>(action.form().apply(before, prepared));
        if ("SELF".equals(form.get("person"))) {
            form.put("person", persona.groups == null ? "nobody" : SESSIONS.get(persona)[2]);
        }
        HttpResponse<String> response = request(persona, action.isPost() ? "POST" : "GET", action.path(reference), form);
        if (action.routeKey().equals(OfficeHandler.ERASE) && allowed) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
            assertThat(store.find(reference)).as("erased").isEmpty();
            return;
        }
        CaseFile after = store.find(reference).orElseThrow();

        expectSignInOrNoAccess(persona, response);
        boolean made = allowed && action.applies().test(formId, spam);
        if (persona.groups != null && !persona.groups.isEmpty()) {
            if (made) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(action.isPost() ? 303 : 200);
                if (action.isPost()) {
                    assertThat(response.headers().firstValue("location")).contains(action.location(reference));
                    assertThat(after.version()).as("changed, with its history entry").isEqualTo(before.version() + 1);
                    assertThat(after.history().size() - before.history().size()).as("its history entry (and a new "
                            + "request's move to in progress)").isBetween(1, 2);
                } else {
                    assertThat(response.body()).contains(reference);
                }
            } else if (allowed) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(action.otherwise().apply(formId, spam));
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
                assertThat(response.body()).contains("Kein Zugriff auf diesen Vorgang");
                if (!persona.maySee(formId, spam)) {
                    assertThat(response.body()).doesNotContain(reference);
                }
            }
        }
        if (!made || !action.isPost()) {
            assertThat(after.version()).as("nothing changed").isEqualTo(before.version());
            assertThat(after.status()).isEqualTo(before.status());
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Persona.class)
    void the_overview_counts_only_the_requests_the_persona_may_see(Persona persona) throws Exception {
        HttpResponse<String> page = request(persona, "GET", "/intern/lagebild", Map.of());
        expectSignInOrNoAccess(persona, page);
        if (persona.groups != null && !persona.groups.isEmpty()) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body().contains("Anfragen von Einrichtungen")).isEqualTo(persona.maySee(Facts.FACILITY_FORM,
                    false));
            assertThat(page.body().contains("Anfragen von Pflegefamilien")).isEqualTo(persona.maySee(Facts.FOSTER_FORM,
                    false));
        }
    }

    /** No session: pages lead to the sign-in, changes are refused with 401. No group: the "no access" page. */
    private static void expectSignInOrNoAccess(Persona persona, HttpResponse<String> response) {
        if (persona.groups == null) {
            if (response.request().method().equals("GET")) {
                assertThat(response.statusCode()).isEqualTo(303);
                assertThat(response.headers().firstValue("location").orElseThrow()).startsWith("/api/office/login?next=");
            } else {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.body()).contains("Bitte melden Sie sich an");
            }
        } else if (persona.groups.isEmpty()) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("Kein Zugang");
        }
    }

    private static HttpResponse<String> request(Persona persona, String method, String path, Map<String, String> form)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.uri(path));
        Map<String, String> fields = new LinkedHashMap<>();
        if (persona.groups != null) {
            request.header("cookie", Cookies.SESSION + "=" + SESSIONS.get(persona)[0]);
            fields.put("_csrf", SESSIONS.get(persona)[1]);
        }
        fields.putAll(form);
        if (method.equals("POST")) {
            StringBuilder body = new StringBuilder();
            fields.forEach((name, value) -> body.append(body.length() > 0 ? "&" : "")
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            request.header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.GET();
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
