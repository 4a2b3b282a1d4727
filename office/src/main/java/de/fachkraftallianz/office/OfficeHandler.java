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
import de.fachkraftallianz.store.DynamoClients;
import de.fachkraftallianz.store.Inbox;
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
    public static final String SIGNED_OUT = "GET /intern/abgemeldet";
    public static final String OTHER = "ANY /intern/{proxy+}";
    public static final String LOGIN = "GET /api/office/login";
    public static final String CALLBACK = "GET /api/office/callback";
    public static final String LOGOUT = "POST /api/office/logout";
    /** Review, correct, publish and withdraw a counselling channel's entry in the site's directory (Publications). */
    public static final String PUBLICATION_PAGE = "GET /intern/vorgang/{reference}/veroeffentlichung";
    public static final String PUBLICATION = "POST /intern/vorgang/{reference}/veroeffentlichung";
    public static final String DIRECTORY = "GET /intern/verzeichnis";
    private static final List<String> ROUTE_KEYS =
            List.of(INBOX, CASE, STATUS, ASSIGN, NOTE, SIGNED_OUT, OTHER, LOGIN, CALLBACK, LOGOUT, PUBLICATION_PAGE,
                    PUBLICATION, DIRECTORY);

    public static final String HOME = "/intern";
    /** Where the sign-in provider returns to; registered with the client (template.yaml, the local stack). */
    public static final String CALLBACK_PATH = "/api/office/callback";
    public static final String SIGNED_OUT_PATH = "/intern/abgemeldet";
    static final int PAGE_SIZE = 25;

    private final FormCatalog forms;
    private final OfficeStore store;
    private final SessionStore sessions;
    /** Built on first use: the sign-in's JOSE machinery stays out of the cold start of every other page. */
    private final java.util.function.Supplier<Oidc> oidc;
    private final Clock clock;
    private final Publications publications;

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
                new SessionStore(dynamoDb, env.required("TABLE_NAME")), oidc(env), Clock.systemUTC(),
                env.required(ORIGIN_SECRET_ENV),
                env.optionalInt(Publications.RECHECK_DAYS_ENV, Publications.DEFAULT_RECHECK_DAYS));
    }

    /** For tests. */
    public OfficeHandler(FormCatalog forms, OfficeStore store, SessionStore sessions, Oidc oidc, Clock clock,
            String originSecret) {
        this(forms, store, sessions, () -> oidc, clock, originSecret, Publications.DEFAULT_RECHECK_DAYS);
    }

    private OfficeHandler(FormCatalog forms, OfficeStore store, SessionStore sessions,
            java.util.function.Supplier<Oidc> oidc, Clock clock, String originSecret, int recheckDays) {
        super(originSecret);
        this.forms = forms;
        this.store = store;
        this.sessions = sessions;
        this.oidc = oidc;
        this.clock = clock;
        this.publications = new Publications(this, forms, store == null ? null : store.directory(), clock,
                recheckDays);
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
        return ApiResponse.seeOther(oidc.get().logoutUrl()).withCookie(Cookies.clear(Cookies.SESSION));
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

    /** Only a path of the office itself is a place to return to after sign-in: never another host. */
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
        Inbox.Page page = store.inbox(new Inbox.Query(parameters.formIds(access), parameters.status(),
                access.admin(), parameters.mine() ? Optional.of(session.userId()) : Optional.empty(),
                parameters.unassigned(), parameters.fromInstant(), parameters.untilInstant(), parameters.before(),
                PAGE_SIZE));
        var counts = store.counts(parameters.formIds(access),
                access.statuses().stream().filter(status -> !status.isClosed()).toList());
        log.outcome("inbox");
        log.put("rows", page.rows().size());
        return ApiResponse.html(200, OfficePages.inbox(OfficePages.frame(session), forms, access, parameters, page,
                counts));
    }

    private ApiResponse detail(ApiRequest request, Session session, Access access, RequestLog log) {
        Optional<CaseFile> found = readable(request, access, log);
        if (found.isEmpty()) {
            return refusal(session, log);
        }
        CaseFile file = found.get();
        Person me = new Person(session.userId(), session.name());
        if (file.openedAt() == null) {
            store.markOpened(file.reference(), me, clock.instant());
        }
        log.outcome("case");
        log.put("reference", file.reference());
        String saved = request.queryParameter("gespeichert");
        return ApiResponse.html(200, OfficePages.detail(OfficePages.frame(session), forms, access, file,
                assignable(access, file, me), saved != null ? "Gespeichert." : null, null, null, ""));
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
            return invalid(400, session, access, file, assignable, "Die Seite war nicht vollständig. Bitte laden Sie "
                    + "den Vorgang neu und versuchen Sie es noch einmal.", "");
        }
        if (version != file.version()) {
            // Changed since the person saw it: whatever they chose was chosen on a state that no longer exists.
            log.outcome("conflict");
            return conflict(session, access, file, assignable,
                    text(form, request.routeKey().equals(STATUS) ? "grund" : "text"));
        }
        Instant now = clock.instant();
        OfficeStore.Result result;
        String typed;
        switch (request.routeKey()) {
            case STATUS: {
                typed = text(form, "grund");
                Status to;
                try {
                    to = Status.valueOf(String.valueOf(first(form, "status")));
                } catch (IllegalArgumentException e) {
                    to = null;
                }
                if (to == null || !access.moves(file.status()).contains(to)) {
                    log.outcome("transition-refused");
                    return invalid(422, session, access, file, assignable, "Dieser Statuswechsel ist von „"
                            + file.status().label() + "“ aus nicht möglich. Bitte wählen Sie einen der angebotenen.",
                            typed);
                }
                Optional<String> problem = checkText(typed, Workflow.needsReason(to), "Begründung");
                if (problem.isPresent()) {
                    log.outcome(problem.get().startsWith("Bitte schreiben") ? "reason-missing" : "text-refused");
                    return invalid(problem.get().startsWith("Bitte schreiben") ? 422 : 400, session, access, file,
                            assignable, problem.get(), typed);
                }
                result = store.changeStatus(file.reference(), version, file.status(), to, me, now,
                        typed.isEmpty() ? null : typed, file.formId());
                log.put("to", to.name());
                break;
            }
            case ASSIGN: {
                typed = "";
                String personId = first(form, "person");
                Person assignee = null;
                if (personId != null && !personId.isEmpty()) {
                    Optional<StaffMember> member = assignable.stream()
                            .filter(m -> m.person().id().equals(personId)).findFirst();
                    if (member.isEmpty()) {
                        log.outcome("assignee-refused");
                        return invalid(422, session, access, file, assignable, "Diese Person kann den Vorgang nicht "
                                + "übernehmen: Zuweisen können Sie sich selbst und Kolleginnen und Kollegen Ihres "
                                + "Bereichs.", "");
                    }
                    assignee = member.get().person();
                }
                result = store.assign(file.reference(), version, assignee, me, now, file.assignee(),
                        TableKeys.timeSortKey(file.createdAt(), file.reference()));
                break;
            }
            default: {
                typed = text(form, "text");
                Optional<String> problem = checkText(typed, true, "Notiz");
                if (problem.isPresent()) {
                    log.outcome(problem.get().startsWith("Bitte schreiben") ? "note-empty" : "text-refused");
                    return invalid(400, session, access, file, assignable, problem.get(), typed);
                }
                result = store.addNote(file.reference(), version, typed, me, now);
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

    /** 409: the submission as it is now, the person's text kept in the field, nothing saved. */
    private ApiResponse conflict(Session session, Access access, CaseFile now, List<StaffMember> assignable,
            String typed) {
        return ApiResponse.html(409, OfficePages.detail(OfficePages.frame(session), forms, access, now, assignable,
                null, "Jemand anderes hat den Vorgang geändert, während Sie ihn offen hatten. Unten sehen Sie ihn, wie "
                        + "er jetzt ist. Ihre Änderung ist nicht gespeichert; was Sie geschrieben hatten, steht noch im "
                        + "Feld. Bitte prüfen Sie und versuchen Sie es dann noch einmal.", null, typed));
    }

    private ApiResponse invalid(int status, Session session, Access access, CaseFile file,
            List<StaffMember> assignable, String message, String typed) {
        return ApiResponse.html(status, OfficePages.detail(OfficePages.frame(session), forms, access, file, assignable,
                null, null, message, typed));
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
