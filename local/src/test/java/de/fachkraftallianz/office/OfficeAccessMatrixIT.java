package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.office.auth.Cookies;
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

    /** An action on one submission: the route it uses, the request for it, and whether only administrators may. */
    record Action(String routeKey, Function<CaseFile, Map<String, String>> form, boolean adminOnly) {
        Action(String routeKey, Function<CaseFile, Map<String, String>> form) {
            this(routeKey, form, false);
        }

        boolean isPost() {
            return routeKey.startsWith("POST ");
        }

        String path(String reference) {
            return routeKey.substring(routeKey.indexOf(' ') + 1).replace("{reference}", reference);
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
        ACTIONS.put("erase-confirm", new Action(OfficeHandler.ERASE_CONFIRM, file -> Map.of(), true));
        ACTIONS.put("erase", new Action(OfficeHandler.ERASE, file -> Map.of("grund", "Antrag nach Art. 17 DSGVO"), true));
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
                    // The form is not one of the person's: no form chosen, nothing exported.
                    assertThat(export.statusCode()).isEqualTo(400);
                    assertThat(page.body()).contains("Bitte ein Formular wählen").doesNotContain(reference);
                }
            }
            return;
        }

        Action action = ACTIONS.get(actionName);
        allowed = allowed && (!action.adminOnly() || (persona.groups != null && persona.groups.contains(Access.ADMIN)));
        Map<String, String> form = new LinkedHashMap<>(action.form().apply(before));
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
        if (persona.groups != null && !persona.groups.isEmpty()) {
            if (allowed) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(action.isPost() ? 303 : 200);
                if (action.isPost()) {
                    assertThat(response.headers().firstValue("location")).contains("/intern/vorgang/" + reference
                            + "?gespeichert=1");
                    assertThat(after.version()).as("changed, with its history entry").isEqualTo(before.version() + 1);
                    assertThat(after.history()).hasSize(before.history().size() + 1);
                } else {
                    assertThat(response.body()).contains(reference);
                }
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
                assertThat(response.body()).contains("Kein Zugriff auf diesen Vorgang");
                if (!persona.maySee(formId, spam)) {
                    assertThat(response.body()).doesNotContain(reference);
                }
            }
        }
        if (!allowed || !action.isPost()) {
            assertThat(after.version()).as("nothing changed").isEqualTo(before.version());
            assertThat(after.status()).isEqualTo(before.status());
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
