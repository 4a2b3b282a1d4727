package de.fachkraftallianz.office;

import de.fachkraftallianz.Env;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.TextInput;
import de.fachkraftallianz.http.ApiRequest;
import de.fachkraftallianz.http.ApiResponse;
import de.fachkraftallianz.http.HttpFunction;
import de.fachkraftallianz.http.RequestLog;
import de.fachkraftallianz.office.auth.Cookies;
import de.fachkraftallianz.office.auth.Oidc;
import de.fachkraftallianz.office.auth.Pkce;
import de.fachkraftallianz.office.pages.OfficePages;
import de.fachkraftallianz.store.AuditLog;
import de.fachkraftallianz.office.pages.Views;
import de.fachkraftallianz.store.DynamoClients;
import de.fachkraftallianz.store.Inbox;
import de.fachkraftallianz.store.MatchStore;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.OfficeStore.StaffMember;
import de.fachkraftallianz.store.SessionStore;
import de.fachkraftallianz.store.SessionStore.Session;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Workflow;
import de.fachkraftallianz.submit.References;
import de.fachkraftallianz.submit.RequestBody;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The office's function: sign-in and sign-out (a backend-for-frontend: the browser holds only an HttpOnly session
 * cookie, every token stays here), the inbox, the detail of a submission and its changes. Pages are rendered here
 * and work without JavaScript; every change is a POST with the session's CSRF token, answered with 303 (post,
 * redirect, get). Whatever is refused is answered with a German page in the office's frame.
 */
public final class OfficeHandler extends HttpFunction {

    public static final String INBOX = "GET /intern";
    public static final String CASE = "GET /intern/vorgang/{reference}";
    public static final String STATUS = "POST /intern/vorgang/{reference}/status";
    public static final String ASSIGN = "POST /intern/vorgang/{reference}/zuweisung";
    public static final String NOTE = "POST /intern/vorgang/{reference}/notiz";
    /** Administrators: send given-up notifications again ({@code aktion=erneut}) or not ({@code aktion=verwerfen}). */
    public static final String NOTIFY = "POST /intern/vorgang/{reference}/benachrichtigung";
    public static final String ERASE_CONFIRM = "GET /intern/vorgang/{reference}/loeschen";
    public static final String ERASE = "POST /intern/vorgang/{reference}/loeschen";
    public static final String EXPORT = "GET /intern/export";
    public static final String AUDIT = "GET /intern/protokoll";
    public static final String SIGNED_OUT = "GET /intern/abgemeldet";
    public static final String OTHER = "ANY /intern/{proxy+}";
    public static final String SUGGESTIONS = "GET /intern/vorgang/{reference}/vorschlaege";
    public static final String MATCH = "POST /intern/vorgang/{reference}/vermittlung";
    public static final String CANCEL_MATCH = "POST /intern/vorgang/{reference}/vermittlung/aufheben";
    public static final String LAGEBILD = "GET /intern/lagebild";
    public static final String LOGIN = "GET /api/office/login";
    public static final String CALLBACK = "GET /api/office/callback";
    public static final String LOGOUT = "POST /api/office/logout";
    /** Review, correct, publish and withdraw a counselling channel's entry in the site's directory (Publications). */
    public static final String PUBLICATION_PAGE = "GET /intern/vorgang/{reference}/veroeffentlichung";
    public static final String PUBLICATION = "POST /intern/vorgang/{reference}/veroeffentlichung";
    public static final String DIRECTORY = "GET /intern/verzeichnis";
    private static final List<String> ROUTE_KEYS =
            List.of(INBOX, CASE, STATUS, ASSIGN, NOTE, NOTIFY, ERASE_CONFIRM, ERASE, EXPORT, AUDIT, SIGNED_OUT, OTHER,
                    LOGIN, CALLBACK, LOGOUT, SUGGESTIONS, MATCH, CANCEL_MATCH, LAGEBILD, PUBLICATION_PAGE, PUBLICATION,
                    DIRECTORY);

    public static final String HOME = "/intern";
    /** {@code /intern/export?…&inhalt=vermittlungen}: the matches of a request form's submissions instead. */
    public static final String MATCHES_EXPORT = "vermittlungen";
    /** How many submissions with undelivered notifications an administrator's inbox lists (newest first). */
    static final int UNDELIVERED_SHOWN = 50;
    /** Where the sign-in provider returns to; registered with the client (template.yaml, the local stack). */
    public static final String CALLBACK_PATH = "/api/office/callback";
    public static final String SIGNED_OUT_PATH = "/intern/abgemeldet";
    static final int PAGE_SIZE = 25;

    private final FormCatalog forms;
    private final OfficeStore store;
    private final SessionStore sessions;
    private final AuditLog audit;
    /** Built on first use: the sign-in's JOSE machinery stays out of the cold start of every other page. */
    private final java.util.function.Supplier<Oidc> oidc;
    private final Clock clock;
    private final Publications publications;
    /** Suggestions, matches and the overview (README, "Matching"). */
    private final MatchingRoutes matching;

    /** For the Lambda runtime: configuration from the environment, clients built once. */
    public OfficeHandler() {
        this(Env.system());
    }

    /** For the local stack, which passes the environment template.yaml would set. */
    public OfficeHandler(Env env) {
        this(env, DynamoClients.fromEnv(env));
        registerForSnapStart();
    }

    private OfficeHandler(Env env, DynamoDbClient dynamoDb) {
        this(FormCatalog.load(), new OfficeStore(dynamoDb, env.required("TABLE_NAME")),
                new SessionStore(dynamoDb, env.required("TABLE_NAME")), new AuditLog(dynamoDb, env.required("TABLE_NAME")),
                oidc(env), Clock.systemUTC(), env.required(ORIGIN_SECRET_ENV),
                env.optionalInt(Publications.RECHECK_DAYS_ENV, Publications.DEFAULT_RECHECK_DAYS));
    }

    /** For tests. */
    public OfficeHandler(FormCatalog forms, OfficeStore store, SessionStore sessions, AuditLog audit, Oidc oidc,
            Clock clock, String originSecret) {
        this(forms, store, sessions, audit, () -> oidc, clock, originSecret, Publications.DEFAULT_RECHECK_DAYS);
    }

    private OfficeHandler(FormCatalog forms, OfficeStore store, SessionStore sessions, AuditLog audit,
            java.util.function.Supplier<Oidc> oidc, Clock clock, String originSecret, int recheckDays) {
        super(originSecret);
        this.forms = forms;
        this.store = store;
        this.sessions = sessions;
        this.audit = audit;
        this.oidc = oidc;
        this.clock = clock;
        this.publications = new Publications(this, forms, store == null ? null : store.directory(), clock,
                recheckDays);
        this.matching = new MatchingRoutes(this, forms, store == null ? null : new MatchStore(store), clock);
    }

    /** The configuration is read now (a missing variable fails at once); the client is built when first needed. */
    private static java.util.function.Supplier<Oidc> oidc(Env env) {
        String site = env.required("SITE_URL");
        String issuer = env.required("OIDC_ISSUER");
        String loginBase = env.required("OIDC_LOGIN_BASE");
        String clientId = env.required("OIDC_CLIENT_ID");
        String clientSecret = env.required("OIDC_CLIENT_SECRET");
        return new java.util.function.Supplier<>() {
            private volatile Oidc built;

            @Override
            public Oidc get() {
                Oidc oidc = built;
                if (oidc == null) {
                    synchronized (this) {
                        if (built == null) {
                            built = new Oidc(issuer, loginBase, clientId, clientSecret, site + CALLBACK_PATH,
                                    site + SIGNED_OUT_PATH);
                        }
                        oidc = built;
                    }
                }
                return oidc;
            }
        };
    }

    @Override
    public List<String> routeKeys() {
        return ROUTE_KEYS;
    }

    @Override
    protected ApiResponse handle(ApiRequest request, RequestLog log) {
        try {
            ApiResponse response = route(request, log);
            return response.withHeader("x-robots-tag", "noindex, nofollow");
        } catch (StoreUnavailableException e) {
            log.outcome("store-unavailable");
            log.put("exception", e.kind());
            return OfficePages.message(503, null, "Gerade nicht erreichbar", List.of("Der Dienstbereich kann "
                    + "gerade nicht auf die Daten zugreifen. Bitte versuchen Sie es in einigen Minuten noch einmal. "
                    + "Was Sie eingegeben hatten, finden Sie mit der Zurück-Funktion Ihres Browsers."), HOME, "Zum Eingang");
        }
    }

    private ApiResponse route(ApiRequest request, RequestLog log) {
        switch (request.routeKey()) {
            case LOGIN:
                return login(request, log);
            case CALLBACK:
                return callback(request, log);
            case SIGNED_OUT:
                log.outcome("signed-out-page");
                return OfficePages.message(200, null, "Sie sind abgemeldet", List.of("Sie haben sich vom "
                        + "Dienstbereich der Fachkraftallianz abgemeldet."), "/api/office/login", "Wieder anmelden");
            default:
                break;
        }
        Instant now = clock.instant();
        Optional<Session> found = sessions.find(request.cookie(Cookies.SESSION), now);
        if (found.isEmpty()) {
            return signInFirst(request, log);
        }
        Session session = found.get();
        Access access = new Access(session.groups());
        if (request.routeKey().equals(LOGOUT)) {
            return logout(request, session, log);
        }
        if (!access.any()) {
            log.outcome("no-group");
            return OfficePages.noAccess(OfficePages.frame(session));
        }
        switch (request.routeKey()) {
            case INBOX:
                return inbox(request, session, access, log);
            case CASE:
                return detail(request, session, access, log);
            case STATUS:
            case ASSIGN:
            case NOTE:
                return change(request, session, access, log);
            case NOTIFY:
                if (!access.admin()) {
                    log.outcome("forbidden");
                    return OfficePages.forbidden(OfficePages.frame(session));
                }
                return change(request, session, access, log);
            case EXPORT:
                return export(request, session, access, log);
            case ERASE_CONFIRM:
            case ERASE:
                return erase(request, session, access, log);
            case AUDIT:
                return audit(request, session, access, log);
            case SUGGESTIONS:
                return matching.suggestions(request, session, access, log);
            case MATCH:
                return matching.match(request, session, access, log);
            case CANCEL_MATCH:
                return matching.cancel(request, session, access, log);
            case LAGEBILD:
                return matching.lagebild(request, session, access, log);
            case PUBLICATION_PAGE:
            case PUBLICATION:
            case DIRECTORY:
                return publications.handle(request, session, access, log);
            default:
                log.outcome("not-found");
                return OfficePages.notFound(OfficePages.frame(session));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sign-in and sign-out
    // ---------------------------------------------------------------------------------------------------------------

    private ApiResponse login(ApiRequest request, RequestLog log) {
        String state = Pkce.random();
        String verifier = Pkce.random();
        String nonce = Pkce.random();
        sessions.startLogin(state, new SessionStore.Login(verifier, nonce, safeNext(request.queryParameter("next"))),
                clock.instant());
        log.outcome("login-started");
        return ApiResponse.seeOther(oidc.get().authorizationUrl(state, verifier, nonce))
                .withCookie(Cookies.login(state, SessionStore.LOGIN_VALID));
    }

    private ApiResponse callback(ApiRequest request, RequestLog log) {
        String state = request.queryParameter("state");
        String code = request.queryParameter("code");
        if (request.queryParameter("error") != null || state == null || code == null) {
            log.outcome("login-cancelled");
            return OfficePages.message(400, null, "Anmeldung nicht abgeschlossen", List.of("Die Anmeldung wurde "
                    + "abgebrochen oder ist nicht gelungen. Bitte melden Sie sich noch einmal an."),
                    "/api/office/login", "Anmelden").withCookie(Cookies.clear(Cookies.LOGIN));
        }
        String bound = request.cookie(Cookies.LOGIN);
        Optional<SessionStore.Login> login = bound != null && constantTimeEquals(bound, state)
                ? sessions.takeLogin(state, clock.instant()) : Optional.empty();
        if (login.isEmpty()) {
            log.outcome("login-state-refused");
            return OfficePages.message(400, null, "Anmeldung abgelaufen", List.of("Diese Anmeldung ist abgelaufen "
                    + "oder wurde in einem anderen Browserfenster begonnen. Bitte melden Sie sich noch einmal an."),
                    "/api/office/login", "Anmelden").withCookie(Cookies.clear(Cookies.LOGIN));
        }
        Oidc.Identity identity;
        try {
            identity = oidc.get().signIn(code, login.get().codeVerifier(), login.get().nonce());
        } catch (Oidc.SignInFailed e) {
            log.outcome("login-refused");
            log.put("reason", e.getMessage());
            return OfficePages.message(400, null, "Anmeldung fehlgeschlagen", List.of("Die Anmeldung konnte nicht "
                    + "bestätigt werden. Bitte melden Sie sich noch einmal an. Wenn es wieder nicht gelingt, wenden "
                    + "Sie sich an die Administration."), "/api/office/login", "Anmelden")
                    .withCookie(Cookies.clear(Cookies.LOGIN));
        }
        Instant now = clock.instant();
        String sessionId = Pkce.random();
        sessions.create(sessionId, new Session(identity.subject(), identity.username(), identity.name(),
                identity.groups(), Pkce.random(), now, now));
        store.saveStaff(new Person(identity.subject(), identity.name()), identity.groups(), now);
        log.outcome("signed-in");
        return OfficePages.signedIn(login.get().next())
                .withCookie(Cookies.session(sessionId))
                .withCookie(Cookies.clear(Cookies.LOGIN));
    }

    private ApiResponse logout(ApiRequest request, Session session, RequestLog log) {
        Optional<Map<String, List<String>>> form = postedForm(request, session, log);
        if (form.isEmpty()) {
            return OfficePages.forbiddenRequest(OfficePages.frame(session));
        }
        sessions.delete(request.cookie(Cookies.SESSION));
        log.outcome("signed-out");
        // A page, not a 303: browsers apply the CSP's form-action 'self' to a form's redirects, and the provider's
        // sign-out is another origin.
        return OfficePages.signingOut(oidc.get().logoutUrl()).withCookie(Cookies.clear(Cookies.SESSION));
    }

    /** Without a valid session: a page request goes to the sign-in (and back afterwards); a change is not saved. */
    private ApiResponse signInFirst(ApiRequest request, RequestLog log) {
        log.outcome("no-session");
        if (request.method().equals("GET")) {
            String query = request.queryParameters().isEmpty() ? "" : "?" + rawQuery(request);
            return ApiResponse.seeOther("/api/office/login?next=" + UrlEncodingForm.encode(safeNext(request.path() + query)))
                    .withCookie(Cookies.clear(Cookies.SESSION));
        }
        return OfficePages.message(401, null, "Bitte melden Sie sich an", List.of("Sie sind nicht (mehr) angemeldet, "
                + "zum Beispiel weil Sie länger als 30 Minuten nichts getan haben. Ihre Änderung wurde nicht "
                + "gespeichert. Mit der Zurück-Funktion Ihres Browsers finden Sie, was Sie eingegeben hatten."),
                "/api/office/login", "Anmelden").withCookie(Cookies.clear(Cookies.SESSION));
    }

    /**
     * Only a path of the office itself is a place to return to after sign-in: never another host, nor a path that a
     * browser resolves to outside the office ({@code .} or {@code ..} segments). The office's paths need no escapes,
     * so a path with {@code %} (an escaped dot, slash or backslash) is refused too; the query may have them.
     */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.contains("\\") || next.contains("//") || next.indexOf('\u0000') >= 0
                || !(next.equals(HOME) || next.startsWith(HOME + "/") || next.startsWith(HOME + "?"))) {
            return HOME;
        }
        for (int i = 0; i < next.length(); i++) {
            if (next.charAt(i) < 0x21 || next.charAt(i) > 0x7e) {
                return HOME;
            }
        }
        int query = next.indexOf('?');
        String path = query < 0 ? next : next.substring(0, query);
        if (path.indexOf('%') >= 0) {
            return HOME;
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return HOME;
            }
        }
        return next;
    }

    private static String rawQuery(ApiRequest request) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> parameter : request.queryParameters().entrySet()) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(UrlEncodingForm.encode(parameter.getKey())).append('=')
                    .append(UrlEncodingForm.encode(parameter.getValue()));
        }
        return query.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Inbox and detail
    // ---------------------------------------------------------------------------------------------------------------

    private ApiResponse inbox(ApiRequest request, Session session, Access access, RequestLog log) {
        InboxParameters parameters = InboxParameters.read(request, access);
        if (reversed(parameters)) {
            log.outcome("dates-reversed");
            return reversedDates(session);
        }
        Inbox.Page page = store.inbox(new Inbox.Query(parameters.formIds(access), parameters.status(),
                access.admin(), parameters.mine() ? Optional.of(session.userId()) : Optional.empty(),
                parameters.unassigned(), parameters.fromInstant(), parameters.untilInstant(), parameters.before(),
                PAGE_SIZE));
        var counts = store.counts(parameters.formIds(access),
                access.statuses().stream().filter(status -> !status.isClosed()).toList());
        log.outcome("inbox");
        log.put("rows", page.rows().size());
        String erased = request.queryParameter("geloescht");
        String notice = erased != null && References.FORMAT.matcher(erased).matches()
                ? "Der Vorgang " + erased + " ist gelöscht." : null;
        // Administrators see what the notifier gave up on (one Query on the outbox index's second partition).
        List<OfficeStore.UndeliveredEntry> undelivered = access.admin() ? store.undelivered(UNDELIVERED_SHOWN)
                : List.of();
        return ApiResponse.html(200, OfficePages.inbox(OfficePages.frame(session), forms, access, parameters, page,
                counts, notice, undelivered));
    }

    private ApiResponse detail(ApiRequest request, Session session, Access access, RequestLog log) {
        Optional<CaseFile> found = readable(request, access, log);
        if (found.isEmpty()) {
            return refusal(session, log);
        }
        CaseFile file = found.get();
        Person me = new Person(session.userId(), session.name());
        List<String> readers = access.readers(file.formId());
        if (!file.openedIn().containsAll(readers)) {
            store.markOpened(file.reference(), readers, me, clock.instant());
        }
        log.outcome("case");
        log.put("reference", file.reference());
        String saved = request.queryParameter("gespeichert");
        MatchingRoutes.Shown shown = matching.section(file, access);
        if (shown != null && shown.version() != file.version()) {
            // Reading the matches finished or cancelled something on this item: show it (and its version) as it is.
            file = store.find(file.reference()).orElse(file);
        }
        return ApiResponse.html(200, OfficePages.detail(OfficePages.frame(session), forms, access, file,
                assignable(access, file, me), saved != null ? "Gespeichert." : null, null, null, Views.Typed.none(),
                shown == null ? null : shown.section()));
    }

    /** What a refused read or change was (kept in the log by readable/ownership checks). */
    private ApiResponse refusal(Session session, RequestLog log) {
        return "forbidden".equals(log.get("outcome")) ? OfficePages.forbidden(OfficePages.frame(session))
                : OfficePages.notFound(OfficePages.frame(session));
    }

    /** The submission of the path, if it exists and this person may see it; the log says why not. */
    private Optional<CaseFile> readable(ApiRequest request, Access access, RequestLog log) {
        String reference = request.pathParameter("reference");
        if (reference == null || !References.FORMAT.matcher(reference).matches()) {
            log.outcome("not-found");
            return Optional.empty();
        }
        Optional<CaseFile> file = store.find(reference);
        if (file.isEmpty()) {
            log.outcome("not-found");
            return Optional.empty();
        }
        if (!access.maySee(file.get().formId(), file.get().status())) {
            log.outcome("forbidden");
            return Optional.empty();
        }
        return file;
    }

    private List<StaffMember> assignable(Access access, CaseFile file, Person me) {
        List<StaffMember> staff = store.staff();
        boolean listed = staff.stream().anyMatch(m -> m.person().id().equals(me.id()));
        if (!listed) {
            staff = new java.util.ArrayList<>(staff);
            staff.add(new StaffMember(me, access.groups()));
        }
        return access.assignable(file.formId(), me.id(), staff);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Export, erasure and their log
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The inbox's current filter as a CSV file for Excel: one form (its columns), what the person may see, nothing
     * past its expiry, streamed page by page. The export is logged before any row leaves (who, when, which filter)
     * and its number of rows added when it is written.
     */
    private ApiResponse export(ApiRequest request, Session session, Access access, RequestLog log) {
        InboxParameters parameters = InboxParameters.read(request, access);
        if (reversed(parameters)) {
            log.outcome("dates-reversed");
            return reversedDates(session);
        }
        String asked = request.queryParameter("formular");
        if (asked != null && !asked.isEmpty() && parameters.formId().isEmpty()) {
            // A form this person may not see (or none of that name): said as such, not as "choose a form".
            boolean known = forms.find(asked).isPresent();
            log.outcome(known ? "export-forbidden" : "export-unknown-form");
            return known
                    ? OfficePages.message(403, OfficePages.frame(session), "Kein Zugriff auf dieses Formular", List.of(
                            "Die Vorgänge dieses Formulars gehören zu einem Bereich, für den Sie nicht freigeschaltet "
                                    + "sind. Deshalb können Sie sie auch nicht herunterladen."), HOME, "Zum Eingang")
                    : OfficePages.message(400, OfficePages.frame(session), "Unbekanntes Formular", List.of(
                            "Ein Formular dieses Namens gibt es nicht. Bitte wählen Sie im Eingang ein Formular und "
                                    + "laden Sie die Datei dann herunter."), HOME, "Zum Eingang");
        }
        if (parameters.formId().isEmpty()) {
            log.outcome("export-without-form");
            return OfficePages.message(400, OfficePages.frame(session), "Bitte ein Formular wählen", List.of(
                    "Eine CSV-Datei enthält die Vorgänge eines Formulars, mit einer Spalte je Frage. Bitte wählen Sie "
                            + "im Eingang ein Formular und laden Sie die Datei dann herunter."), HOME, "Zum Eingang");
        }
        String formId = parameters.formId().get();
        de.fachkraftallianz.forms.FormDefinition form = forms.find(formId).orElseThrow();
        boolean matches = MATCHES_EXPORT.equals(request.queryParameter("inhalt"));
        if (matches && !de.fachkraftallianz.matching.Facts.isRequest(formId)) {
            log.outcome("matches-export-refused");
            return OfficePages.message(400, OfficePages.frame(session), "Keine Vermittlungen", List.of(
                    "Vermittlungen gibt es zu Anfragen von Einrichtungen und Pflegefamilien. Bitte wählen Sie im "
                            + "Eingang eines dieser Formulare."), HOME, "Zum Eingang");
        }
        Inbox.Query query = new Inbox.Query(List.of(formId), parameters.status(), access.admin(),
                parameters.mine() ? Optional.of(session.userId()) : Optional.empty(), parameters.unassigned(),
                parameters.fromInstant(), parameters.untilInstant(), Optional.empty(), 0);
        Instant now = clock.instant();
        Person me = new Person(session.userId(), session.name());
        Map<String, String> filter = new java.util.LinkedHashMap<>();
        filter.put("Formular", form.title());
        filter.put("Inhalt", matches ? "Vermittlungen" : "Vorgänge");
        filter.put("Status", parameters.status().map(Status::label).orElse("alle"));
        filter.put("Zuständig", parameters.mine() ? "mir" : parameters.unassigned() ? "niemand" : "alle");
        java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy");
        filter.put("Eingang ab", parameters.from().map(day::format).orElse("–"));
        filter.put("Eingang bis", parameters.until().map(day::format).orElse("–"));
        String entry = audit.record(AuditLog.EXPORT, me, now, filter);
        log.outcome("export");
        log.put("formId", formId);
        String file = "fachkraftallianz-" + (matches ? "vermittlungen-" : "") + formId + "-"
                + LocalDate.ofInstant(now, OfficePages.ZONE) + ".csv";
        if (matches) {
            return ApiResponse.streamed(200, "text/csv; charset=utf-8", out -> {
                int rows = 0;
                try (de.fachkraftallianz.office.export.MatchesCsv csv =
                        new de.fachkraftallianz.office.export.MatchesCsv(out)) {
                    try {
                        store.exportItems(formId, query,
                                item -> csv.write(de.fachkraftallianz.store.MatchMapper.fromItem(item)));
                    } catch (StoreUnavailableException e) {
                        log.outcome("export-incomplete");
                        csv.incomplete("Der Export ist unvollständig: Die Daten waren nicht vollständig erreichbar. "
                                + "Bitte laden Sie die Datei noch einmal herunter.");
                    }
                    rows = csv.rows();
                }
                log.put("rows", rows);
                try {
                    audit.complete(entry, Map.of("Zeilen", Integer.toString(rows)));
                } catch (StoreUnavailableException e) {
                    log.put("auditIncomplete", true);
                }
            }).withHeader("content-disposition", "attachment; filename=\"" + file + "\"")
                    .withHeader("x-robots-tag", "noindex, nofollow");
        }
        return ApiResponse.streamed(200, "text/csv; charset=utf-8", out -> {
            int rows = 0;
            try (de.fachkraftallianz.office.export.CsvExport csv = new de.fachkraftallianz.office.export.CsvExport(form, out)) {
                try {
                    rows = store.export(formId, query, csv::write);
                } catch (StoreUnavailableException e) {
                    // The head of the answer is sent: the file itself must say that it is incomplete.
                    log.outcome("export-incomplete");
                    csv.incomplete("Der Export ist unvollständig: Die Daten waren nicht vollständig erreichbar. "
                            + "Bitte laden Sie die Datei noch einmal herunter.");
                }
            }
            log.put("rows", rows);
            try {
                audit.complete(entry, Map.of("Zeilen", Integer.toString(rows)));
            } catch (StoreUnavailableException e) {
                log.put("auditIncomplete", true);
            }
        }).withHeader("content-disposition", "attachment; filename=\"" + file + "\"")
                .withHeader("x-robots-tag", "noindex, nofollow");
    }

    /** "Eingang bis" before "Eingang ab": no range a Query could ask for. */
    private static boolean reversed(InboxParameters parameters) {
        return parameters.from().isPresent() && parameters.until().isPresent()
                && parameters.until().get().isBefore(parameters.from().get());
    }

    private static ApiResponse reversedDates(Session session) {
        return OfficePages.message(400, OfficePages.frame(session), "Zeitraum nicht möglich", List.of(
                "„Eingang bis“ liegt vor „Eingang ab“. Bitte tauschen Sie die beiden Daten oder lassen Sie eines "
                        + "leer."), HOME, "Zum Eingang");
    }

    /** Administrators only: a confirmation page, then the erasure of the submission with everything it holds. */
    private ApiResponse erase(ApiRequest request, Session session, Access access, RequestLog log) {
        if (!access.admin()) {
            log.outcome("forbidden");
            return OfficePages.forbidden(OfficePages.frame(session));
        }
        Map<String, List<String>> form = Map.of();
        if (request.routeKey().equals(ERASE)) {
            Optional<Map<String, List<String>>> posted = postedForm(request, session, log);
            if (posted.isEmpty()) {
                return OfficePages.forbiddenRequest(OfficePages.frame(session));
            }
            form = posted.get();
        }
        Optional<CaseFile> found = readable(request, access, log);
        if (found.isEmpty()) {
            return refusal(session, log);
        }
        CaseFile file = found.get();
        log.put("reference", file.reference());
        if (request.routeKey().equals(ERASE_CONFIRM)) {
            log.outcome("erase-confirm");
            return OfficePages.eraseConfirm(200, OfficePages.frame(session), forms, file, null, "",
                    matching.erasureNote(file), null);
        }
        String reason = text(form, "grund");
        if (reason.isEmpty() || reason.length() > 300) {
            log.outcome("erase-reason-refused");
            return OfficePages.eraseConfirm(422, OfficePages.frame(session), forms, file, reason.isEmpty()
                    ? "Bitte geben Sie einen Grund an." : "Der Grund darf höchstens 300 Zeichen lang sein (jetzt: "
                    + reason.length() + "). Bitte kürzen Sie ihn.", reason, matching.erasureNote(file), null);
        }
        Person me = new Person(session.userId(), session.name());
        // Logged first: an erasure that is cut short is in the log and is finished by erasing again.
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("Vorgang", file.reference());
        details.put("Formular", OfficePages.formTitle(forms, file.formId()));
        details.put("Grund", reason);
        audit.record(AuditLog.ERASURE, me, clock.instant(), details);
        // A request's or offer's matches are ended first (the other side's professionals or need come back).
        if (matching.erase(store, file, me) == OfficeStore.Erased.CHANGED) {
            log.outcome("erase-conflict");
            CaseFile now = store.find(file.reference()).orElse(file);
            return OfficePages.eraseConfirm(409, OfficePages.frame(session), forms, now, null, reason,
                    matching.erasureNote(now), "Während des Löschens wurde zu diesem Vorgang immer wieder neu "
                            + "vermittelt. Er ist noch nicht gelöscht. Bitte versuchen Sie es gleich noch einmal.");
        }
        log.outcome("erased");
        return ApiResponse.seeOther(HOME + "?geloescht=" + file.reference());
    }

    private ApiResponse audit(ApiRequest request, Session session, Access access, RequestLog log) {
        if (!access.admin()) {
            log.outcome("forbidden");
            return OfficePages.message(403, OfficePages.frame(session), "Kein Zugriff", List.of("Das Protokoll "
                    + "sehen nur Administratorinnen und Administratoren."), HOME, "Zum Eingang");
        }
        java.time.YearMonth now = java.time.YearMonth.from(clock.instant().atZone(OfficePages.ZONE));
        java.time.YearMonth month = now;
        String asked = request.queryParameter("monat");
        if (asked != null) {
            try {
                java.time.YearMonth parsed = java.time.YearMonth.parse(asked);
                month = parsed.isAfter(now) ? now : parsed;
            } catch (DateTimeParseException e) {
                // The current month.
            }
        }
        log.outcome("audit");
        return ApiResponse.html(200, OfficePages.audit(OfficePages.frame(session), month, audit.month(month), now));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Changes: status, assignment, note
    // ---------------------------------------------------------------------------------------------------------------

    private ApiResponse change(ApiRequest request, Session session, Access access, RequestLog log) {
        Optional<Map<String, List<String>>> posted = postedForm(request, session, log);
        if (posted.isEmpty()) {
            return "malformed".equals(log.get("outcome"))
                    ? OfficePages.message(400, OfficePages.frame(session), "Anfrage nicht lesbar",
                            List.of("Ihre Eingabe konnte nicht gelesen werden. Bitte versuchen Sie es noch einmal."),
                            HOME, "Zum Eingang")
                    : OfficePages.forbiddenRequest(OfficePages.frame(session));
        }
        Map<String, List<String>> form = posted.get();
        Optional<CaseFile> found = readable(request, access, log);
        if (found.isEmpty()) {
            return refusal(session, log);
        }
        CaseFile file = found.get();
        log.put("reference", file.reference());
        Person me = new Person(session.userId(), session.name());
        List<StaffMember> assignable = assignable(access, file, me);
        long version;
        try {
            version = Long.parseLong(first(form, "version"));
        } catch (NumberFormatException | NullPointerException e) {
            log.outcome("bad-version");
            return invalid(400, session, access, file, assignable, null, "Die Seite war nicht vollständig. Bitte "
                    + "laden Sie den Vorgang neu und versuchen Sie es noch einmal.", Views.Typed.none());
        }
        if (version != file.version()) {
            // Changed since the person saw it: whatever they chose was chosen on a state that no longer exists.
            log.outcome("conflict");
            return conflict(session, access, file, assignable, switch (request.routeKey()) {
                case STATUS -> Views.Typed.reason(text(form, "grund"));
                case ASSIGN, NOTIFY -> Views.Typed.none();
                default -> Views.Typed.note(text(form, "text"));
            });
        }
        Instant now = clock.instant();
        OfficeStore.Result result;
        Views.Typed typed;
        switch (request.routeKey()) {
            case STATUS: {
                String reason = text(form, "grund");
                typed = Views.Typed.reason(reason);
                Status to;
                try {
                    to = Status.valueOf(String.valueOf(first(form, "status")));
                } catch (IllegalArgumentException e) {
                    to = null;
                }
                if (to == null || !access.moves(file.status()).contains(to)) {
                    log.outcome("transition-refused");
                    return invalid(422, session, access, file, assignable, "status", "Dieser Statuswechsel ist von „"
                            + file.status().label() + "“ aus nicht möglich. Bitte wählen Sie einen der angebotenen.",
                            typed);
                }
                Optional<String> problem = checkText(reason, Workflow.needsReason(to), "Begründung");
                if (problem.isPresent()) {
                    log.outcome(problem.get().startsWith("Bitte schreiben") ? "reason-missing" : "text-refused");
                    return invalid(problem.get().startsWith("Bitte schreiben") ? 422 : 400, session, access, file,
                            assignable, "grund", problem.get(), typed);
                }
                result = store.changeStatus(file.reference(), version, file.status(), to, me, now,
                        reason.isEmpty() ? null : reason, file.formId(), retentionDays(file.formId()));
                log.put("to", to.name());
                break;
            }
            case ASSIGN: {
                typed = Views.Typed.none();
                String personId = first(form, "person");
                String current = file.assignee() == null ? "" : file.assignee().id();
                if ((personId == null ? "" : personId).equals(current)) {
                    // Unchanged (the list shows who has it, a colleague of another department too): nothing to write.
                    log.outcome("assign-unchanged");
                    return ApiResponse.seeOther(OfficePages.casePath(file.reference()));
                }
                Person assignee = null;
                if (personId != null && !personId.isEmpty()) {
                    Optional<StaffMember> member = assignable.stream()
                            .filter(m -> m.person().id().equals(personId)).findFirst();
                    if (member.isEmpty()) {
                        log.outcome("assignee-refused");
                        return invalid(422, session, access, file, assignable, "person", "Diese Person kann den "
                                + "Vorgang nicht übernehmen: Zuweisen können Sie sich selbst und Kolleginnen und Kollegen Ihres "
                                + "Bereichs.", typed);
                    }
                    assignee = member.get().person();
                }
                result = store.assign(file.reference(), version, assignee, me, now, file.assignee(),
                        TableKeys.timeSortKey(file.createdAt(), file.reference()));
                break;
            }
            case NOTIFY: {
                typed = Views.Typed.none();
                String action = String.valueOf(first(form, "aktion"));
                if (file.undelivered().isEmpty()) {
                    log.outcome("nothing-undelivered");
                    return invalid(422, session, access, file, assignable, null, "Für diesen Vorgang wartet keine "
                            + "nicht zugestellte Benachrichtigung auf eine Entscheidung.", typed);
                }
                List<de.fachkraftallianz.submission.Notification> which = file.undelivered().stream()
                        .map(CaseFile.Undelivered::notification).toList();
                if (action.equals("erneut")) {
                    result = store.resendNotifications(file.reference(), version, which, me, now);
                } else if (action.equals("verwerfen")) {
                    result = store.dismissNotifications(file.reference(), version, which, me, now);
                } else {
                    log.outcome("bad-action");
                    return invalid(400, session, access, file, assignable, null, "Bitte wählen Sie „Erneut senden“ "
                            + "oder „Nicht erneut senden“.", typed);
                }
                log.put("action", action);
                break;
            }
            default: {
                String note = text(form, "text");
                typed = Views.Typed.note(note);
                Optional<String> problem = checkText(note, true, "Notiz");
                if (problem.isPresent()) {
                    log.outcome(problem.get().startsWith("Bitte schreiben") ? "note-empty" : "text-refused");
                    return invalid(400, session, access, file, assignable, "text", problem.get(), typed);
                }
                result = store.addNote(file.reference(), version, note, me, now);
                break;
            }
        }
        if (result instanceof OfficeStore.Changed) {
            log.outcome("changed");
            return ApiResponse.seeOther(OfficePages.casePath(file.reference()) + "?gespeichert=1");
        }
        if (result instanceof OfficeStore.Conflict conflict) {
            log.outcome("conflict");
            return conflict(session, access, conflict.now(), assignable, typed);
        }
        log.outcome("not-found");
        return OfficePages.notFound(OfficePages.frame(session));
    }

    private int retentionDays(String formId) {
        return forms.find(formId).orElseThrow(() -> new IllegalStateException("unknown form " + formId))
                .retentionDays();
    }

    /** 409: the submission as it is now, the person's text kept in the field, nothing saved. */
    private ApiResponse conflict(Session session, Access access, CaseFile now, List<StaffMember> assignable,
            Views.Typed typed) {
        return ApiResponse.html(409, OfficePages.detail(OfficePages.frame(session), forms, access, now, assignable,
                null, OfficePages.changedMeanwhile(now, session.userId()) + " Unten sehen Sie ihn, wie "
                        + "er jetzt ist. Ihre Änderung ist nicht gespeichert; was Sie geschrieben hatten, steht noch im "
                        + "Feld. Bitte prüfen Sie und versuchen Sie es dann noch einmal.", null, typed));
    }

    private ApiResponse invalid(int status, Session session, Access access, CaseFile file,
            List<StaffMember> assignable, String field, String message, Views.Typed typed) {
        return ApiResponse.html(status, OfficePages.detail(OfficePages.frame(session), forms, access, file, assignable,
                null, null, new Views.InputError(field, message), typed));
    }

    /** A note or reason: cleaned like every input; too long, or holding invisible characters, is refused. */
    static Optional<String> checkText(String text, boolean required, String what) {
        if (text.isEmpty()) {
            return required ? Optional.of("Bitte schreiben Sie eine kurze " + what + ".") : Optional.empty();
        }
        if (text.length() > Workflow.MAX_TEXT) {
            return Optional.of("Die " + what + " darf höchstens " + Workflow.MAX_TEXT + " Zeichen lang sein (jetzt: "
                    + text.length() + "). Bitte kürzen Sie sie.");
        }
        return Optional.empty();
    }

    static String text(Map<String, List<String>> form, String name) {
        String raw = first(form, name);
        TextInput.Cleaned cleaned = TextInput.clean(raw == null ? "" : raw, true);
        return cleaned.text();
    }

    /**
     * A state-changing request's form: refused (empty, with the reason in the log) unless it carries the session's
     * CSRF token and, where the browser says where it comes from, comes from this site.
     */
    Optional<Map<String, List<String>>> postedForm(ApiRequest request, Session session, RequestLog log) {
        String site = request.header("sec-fetch-site");
        if (site != null && !site.equals("same-origin")) {
            log.outcome("cross-site-refused");
            return Optional.empty();
        }
        Map<String, List<String>> form;
        try {
            form = RequestBody.parseUrlEncoded(request.body());
        } catch (RequestBody.MalformedBodyException e) {
            log.outcome("malformed");
            return Optional.empty();
        }
        String token = first(form, "_csrf");
        if (token == null || !constantTimeEquals(token, session.csrf())) {
            log.outcome("csrf-refused");
            return Optional.empty();
        }
        return Optional.of(form);
    }

    static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** SnapStart: render the pages once (templates, formats) and load the read path; nothing is written. */
    @Override
    protected void prime() {
        OfficePages.prime(forms);
        Publications.prime(forms);
        store.find("PRIMING");
        // The snapshot may hold the sign-in's classes (no keys are fetched: that happens at the first sign-in).
        oidc.get().authorizationUrl("priming", "priming", "priming");
    }

    /** Percent-encoding for a query value (the one place the office builds a URL from a value). */
    static final class UrlEncodingForm {
        private UrlEncodingForm() {
        }

        static String encode(String value) {
            return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    /** The inbox's filters as the address gives them; anything unknown is ignored, never an error. */
    record InboxParameters(Optional<String> formId, Optional<Status> status, String assigned, Optional<LocalDate> from,
                           Optional<LocalDate> until, Optional<String> before) implements OfficePages.InboxParameters {

        static InboxParameters read(ApiRequest request, Access access) {
            Optional<String> formId = Optional.ofNullable(request.queryParameter("formular"))
                    .filter(access.forms()::contains);
            Optional<Status> status = Optional.empty();
            try {
                status = Optional.ofNullable(request.queryParameter("status")).filter(s -> !s.isEmpty())
                        .map(Status::valueOf).filter(access.statuses()::contains);
            } catch (IllegalArgumentException e) {
                // An unknown status: all.
            }
            String assigned = request.queryParameter("zustaendig");
            if (!"mir".equals(assigned) && !"niemand".equals(assigned)) {
                assigned = "alle";
            }
            Optional<String> before = Optional.ofNullable(request.queryParameter("vor"))
                    .filter(v -> v.matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z#[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}"));
            return new InboxParameters(formId, status, assigned, date(request.queryParameter("von")),
                    date(request.queryParameter("bis")), before);
        }

        private static Optional<LocalDate> date(String value) {
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(LocalDate.parse(value));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        List<String> formIds(Access access) {
            return formId.map(List::of).orElse(access.forms());
        }

        boolean mine() {
            return assigned.equals("mir");
        }

        boolean unassigned() {
            return assigned.equals("niemand");
        }

        Optional<Instant> fromInstant() {
            return from.map(d -> d.atStartOfDay(OfficePages.ZONE).toInstant());
        }

        /** "Bis" is the whole day, so up to the start of the next. */
        Optional<Instant> untilInstant() {
            return until.map(d -> d.plusDays(1).atStartOfDay(OfficePages.ZONE).toInstant());
        }

        @Override
        public boolean any() {
            return formId.isPresent() || status.isPresent() || !assigned.equals("alle") || from.isPresent()
                    || until.isPresent();
        }
    }
}
