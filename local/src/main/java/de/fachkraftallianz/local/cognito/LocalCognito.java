package de.fachkraftallianz.local.cognito;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import com.fasterxml.jackson.jr.ob.JSON;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import de.fachkraftallianz.http.UrlEncoding;

/**
 * A local stand-in for Amazon Cognito's managed login (never deployed): an OpenID Connect provider on 127.0.0.1
 * that speaks the authorization-code flow the way a Cognito user pool's domain does, so the office's
 * backend-for-frontend signs staff in locally with the code it runs against Cognito on AWS, configured with
 * {@link #issuer()} and {@link #authBase()} instead of the pool's issuer and domain.
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code GET {issuer}/.well-known/openid-configuration} and {@code GET {issuer}/.well-known/jwks.json},
 *       where the issuer is {@code {authBase}/{userPoolId}} (on AWS
 *       {@code https://cognito-idp.{region}.amazonaws.com/{userPoolId}});</li>
 *   <li>{@code GET /oauth2/authorize}: {@code response_type=code}, {@code client_id}, {@code redirect_uri} (exactly
 *       one of the client's callback URLs), {@code code_challenge} with {@code code_challenge_method=S256} (required;
 *       {@code plain} is refused), {@code scope} (of {@code openid email profile}; all three if absent),
 *       {@code state} and {@code nonce} passed through. Shows the German sign-in form, or, within an hour of a
 *       sign-in in the same browser, redirects at once;</li>
 *   <li>{@code POST /login}: the form's fields {@code login_id}, {@code username}, {@code password}; 302 to
 *       {@code redirect_uri?code=…&state=…}, or the form again with status 400;</li>
 *   <li>{@code POST /oauth2/token}: {@code authorization_code} (with {@code code_verifier} and the same
 *       {@code redirect_uri}; a code is single-use and lasts five minutes) and {@code refresh_token}; client
 *       authentication by HTTP Basic or {@code client_id} + {@code client_secret} in the body;</li>
 *   <li>{@code POST /oauth2/revoke}: revokes a refresh token;</li>
 *   <li>{@code GET /logout?client_id=…&logout_uri=…}: ends the provider session and redirects to
 *       {@code logout_uri}, which must be one of the client's sign-out URLs.</li>
 * </ul>
 *
 * <h2>Seeded users (local only)</h2>
 * {@link #DEFAULT_USERS}: {@code amt} / {@value #AMT_PASSWORD} (group {@code jugendamt}), {@code pkd} /
 * {@value #PKD_PASSWORD} (group {@code pflegekinderdienst}), {@code admin} / {@value #ADMIN_PASSWORD} (group
 * {@code admin}). They exist only in this class: the user pool on AWS has its own users, and Cognito's default
 * password policy would not even accept these passwords (no capital letter).
 *
 * <h2>Why not a ready-made server</h2>
 * {@code no.nav.security:mock-oauth2-server} signs in whoever types any name (no passwords), serves other paths than
 * Cognito's domain and puts an {@code aud} into access tokens; {@code cognito-local} answers {@code /logout} with
 * 404 and hard-codes port 9229 into its discovery document. The office's sign-in and sign-out would therefore run
 * other code locally than on AWS.
 *
 * <h2>Where it differs from Cognito</h2>
 * Plain HTTP on 127.0.0.1 (so the session cookie is not {@code Secure}); the form is served by
 * {@code /oauth2/authorize} itself instead of a redirect to {@code /login}; PKCE is required; the signing key is
 * new on every start; the refresh token is an opaque random string (Cognito's is an encrypted JWT); no
 * {@code /oauth2/userInfo}, no {@code prompt}, {@code identity_provider} or {@code lang} parameters, no lockout
 * after failed attempts. Cookies are not separated by port, so the session cookie (named
 * {@value #SESSION_COOKIE}, not Cognito's {@code cognito}) also reaches other servers on 127.0.0.1.
 *
 * <p>Logs nothing but unexpected failures (exception type and message): never a password, code or token.
 */
public final class LocalCognito implements AutoCloseable {

    /** A staff member: {@code sub} is the stable UUID Cognito assigns; {@code groups} become {@code cognito:groups}. */
    public record User(String username, String password, String sub, String name, String email, List<String> groups) {
        public User {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
            groups = List.copyOf(groups);
            if (!UUID_PATTERN.matcher(Objects.requireNonNull(sub, "sub")).matches()) {
                throw new IllegalArgumentException("sub must be a UUID, as Cognito's are: " + sub);
            }
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "User[" + username + ", sub " + sub + ", groups " + groups + "]";
        }
    }

    /** A confidential app client: its secret, callback URLs and sign-out URLs (each matched exactly). */
    public record Client(String clientId, String clientSecret, List<String> callbackUrls, List<String> logoutUrls) {
        public Client {
            Objects.requireNonNull(clientId, "clientId");
            if (clientSecret == null || clientSecret.isEmpty()) {
                throw new IllegalArgumentException("client " + clientId + " needs a secret (a confidential client)");
            }
            callbackUrls = List.copyOf(callbackUrls);
            logoutUrls = List.copyOf(logoutUrls);
            for (String url : callbackUrls) {
                requireAbsoluteUrl(url);
            }
            for (String url : logoutUrls) {
                requireAbsoluteUrl(url);
            }
        }

        /** Without the secret. */
        @Override
        public String toString() {
            return "Client[" + clientId + ", callbacks " + callbackUrls + ", sign-out " + logoutUrls + "]";
        }
    }

    // Before DEFAULT_USERS: constructing a User reads it.
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public static final String AMT_PASSWORD = "amt-lokal-2026";
    public static final String PKD_PASSWORD = "pkd-lokal-2026";
    public static final String ADMIN_PASSWORD = "admin-lokal-2026";

    /** Three fictitious staff members, one per group the office knows; their passwords work only here. */
    public static final List<User> DEFAULT_USERS = List.of(
            new User("amt", AMT_PASSWORD, "6f1c2a3b-4d5e-4f60-8a71-b2c3d4e5f601", "Anna Amt (Beispiel)",
                    "amt@example.org", List.of("jugendamt")),
            new User("pkd", PKD_PASSWORD, "6f1c2a3b-4d5e-4f60-8a71-b2c3d4e5f602", "Paul Pflege (Beispiel)",
                    "pkd@example.org", List.of("pflegekinderdienst")),
            new User("admin", ADMIN_PASSWORD, "6f1c2a3b-4d5e-4f60-8a71-b2c3d4e5f603", "Ada Admin (Beispiel)",
                    "admin@example.org", List.of("admin")));

    /** The provider session's cookie. */
    public static final String SESSION_COOKIE = "local-cognito-session";
    /** How long a sign-in is remembered in the browser (Cognito's managed-login session). */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(1);
    /** How long an authorization code can be exchanged (as on Cognito). */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    /** How long a refresh token works (Cognito's default). */
    public static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
    /** How long a sign-in form can be sent. */
    public static final Duration LOGIN_LIFETIME = Duration.ofMinutes(15);

    /** Cognito's pattern for a user pool id ({@code region_id}); it can never clash with the domain's own paths. */
    private static final Pattern USER_POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final List<String> SCOPES = List.of("openid", "email", "profile");
    private static final int MAX_BODY_BYTES = 16 * 1024;
    /** Compared with when the user name is unknown, so that case takes as long as a wrong password. */
    private static final String NO_PASSWORD = Secrets.random();

    /** A checked authorize request, waiting for a sign-in or turned into a code. */
    private record Authorization(Client client, String redirectUri, String scope, String codeChallenge,
                                 String state, String nonce) {
    }

    private record Login(Authorization authorization, Instant expiresAt) {
    }

    private record Session(User user, Instant authTime, String eventId, Instant expiresAt) {
    }

    private record Code(Authorization authorization, Session session, Instant expiresAt) {
    }

    private record Refresh(String clientId, TokenClaims.SignIn signIn, String scope, Instant expiresAt) {
    }

    /** An answer: status, headers, body. */
    private record Reply(int status, Map<String, String> headers, byte[] body) {
        Reply with(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    /** A request refused with this answer. */
    private static final class Refused extends Exception {
        private final transient Reply reply;

        Refused(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    private final String userPoolId;
    private final Clock clock;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Client> clients = new HashMap<>();
    private final RSAKey signingKey;
    private final RSASSASigner signer;
    private final Server server;
    private final ServerConnector connector;
    private final Map<String, Login> logins = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();

    private LocalCognito(int port, String userPoolId, List<User> users, List<Client> clients, Clock clock)
            throws JOSEException {
        if (!USER_POOL_ID.matcher(userPoolId).matches()) {
            throw new IllegalArgumentException("not a Cognito user pool id (region_id): " + userPoolId);
        }
        this.userPoolId = userPoolId;
        this.clock = clock;
        for (User user : users) {
            if (this.users.put(user.username().toLowerCase(Locale.ROOT), user) != null) {
                throw new IllegalArgumentException("user name given twice: " + user.username());
            }
        }
        for (Client client : clients) {
            if (this.clients.put(client.clientId(), client) != null) {
                throw new IllegalArgumentException("client id given twice: " + client.clientId());
            }
        }
        signingKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        signer = new RSASSASigner(signingKey);

        QueuedThreadPool threads = new QueuedThreadPool(16, 2, 60_000);
        threads.setName("local-cognito");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        server.setHandler(new Endpoints());
    }

    /** Listens on 127.0.0.1:{@code port} (0 for a free port). */
    public static LocalCognito start(int port, String userPoolId, List<User> users, List<Client> clients)
            throws IOException {
        return start(port, userPoolId, users, clients, Clock.systemUTC());
    }

    /** As {@link #start(int, String, List, List)}, with the clock for every expiry and token time (for tests). */
    public static LocalCognito start(int port, String userPoolId, List<User> users, List<Client> clients, Clock clock)
            throws IOException {
        LocalCognito cognito;
        try {
            cognito = new LocalCognito(port, userPoolId, users, clients, clock);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the signing key", e);
        }
        try {
            cognito.server.start();
        } catch (Exception e) {
            cognito.close();
            throw new IOException("LocalCognito cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        return cognito;
    }

    /** A random client secret (256 bits), for the caller that registers a client. */
    public static String randomSecret() {
        return Secrets.random();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The managed-login domain's base URL (on AWS {@code https://{domain}.auth.{region}.amazoncognito.com}). */
    public String authBase() {
        return "http://127.0.0.1:" + port();
    }

    /** The {@code iss} of every token; the discovery document and JWKS are below it. */
    public String issuer() {
        return authBase() + "/" + userPoolId;
    }

    public String jwksUri() {
        return issuer() + "/.well-known/jwks.json";
    }

    /**
     * Creates one more user while the provider runs, as an administrator does on Cognito with AdminCreateUser (for
     * tests that need someone the seeded users are not, for example a member of staff in no group).
     */
    public void addUser(User user) {
        if (users.putIfAbsent(user.username().toLowerCase(Locale.ROOT), user) != null) {
            throw new IllegalArgumentException("user name taken: " + user.username());
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("[cognito] stopping failed: " + e);
        }
    }

    private final class Endpoints extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Reply reply;
            try {
                reply = route(request);
            } catch (Exception e) {
                System.err.println("[cognito] " + request.getMethod() + " " + request.getHttpURI().getPath()
                        + " failed: " + e.getClass().getName() + ": " + e.getMessage());
                reply = page(500, "Interner Fehler", "Die lokale Anmeldung hat einen Fehler. Die Konsole nennt ihn.");
            }
            response.setStatus(reply.status());
            reply.headers().forEach(response.getHeaders()::put);
            response.getHeaders().put("content-length", Integer.toString(reply.body().length));
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            return true;
        }
    }

    private Reply route(Request request) throws IOException {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        String wellKnown = "/" + userPoolId + "/.well-known/";
        String allowed;
        if (path.equals("/oauth2/authorize") || path.equals("/logout") || path.equals(wellKnown + "jwks.json")
                || path.equals(wellKnown + "openid-configuration")) {
            allowed = "GET";
        } else if (path.equals("/login") || path.equals("/oauth2/token") || path.equals("/oauth2/revoke")) {
            allowed = "POST";
        } else {
            return page(404, "Nicht gefunden", "Diese Adresse gibt es bei der lokalen Anmeldung nicht.");
        }
        if (!method.equals(allowed)) {
            return page(405, "Nicht erlaubt", "Diese Adresse nimmt nur " + allowed + "-Anfragen an.")
                    .with("allow", allowed);
        }
        if (allowed.equals("GET")) {
            Map<String, String> query;
            try {
                query = parameters(Objects.requireNonNullElse(request.getHttpURI().getQuery(), ""));
            } catch (IllegalArgumentException e) {
                return page(400, "Anfrage fehlerhaft", "Die Adresse enthält fehlerhafte oder doppelte Angaben.");
            }
            return switch (path) {
                case "/oauth2/authorize" -> authorize(query, sessionOf(request));
                case "/logout" -> logout(query, request);
                default -> path.endsWith("jwks.json")
                        ? json(200, new JWKSet(signingKey.toPublicJWK()).toJSONObject())
                        : json(200, discovery());
            };
        }
        Map<String, String> form = formBody(request);
        if (path.equals("/login")) {
            return form == null
                    ? page(400, "Anfrage fehlerhaft", "Das Formular kam nicht lesbar an. Bitte melden Sie sich erneut "
                            + "über die Anwendung an.")
                    : login(form);
        }
        if (form == null) {
            return oauthError(400, "invalid_request");
        }
        Client client;
        try {
            client = authenticateClient(request.getHeaders().get("authorization"), form);
        } catch (Refused e) {
            return e.reply;
        }
        return path.equals("/oauth2/token") ? token(client, form) : revoke(client, form);
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer());
        document.put("authorization_endpoint", authBase() + "/oauth2/authorize");
        document.put("token_endpoint", authBase() + "/oauth2/token");
        document.put("revocation_endpoint", authBase() + "/oauth2/revoke");
        document.put("end_session_endpoint", authBase() + "/logout");
        document.put("jwks_uri", jwksUri());
        document.put("response_types_supported", List.of("code"));
        document.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("scopes_supported", SCOPES);
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        return document;
    }

    // --- the browser's part: authorize, sign in, sign out ---

    private Reply authorize(Map<String, String> query, Session session) {
        Client client = clients.get(query.getOrDefault("client_id", ""));
        if (client == null) {
            return page(400, "Anmeldung nicht möglich", "Die Anwendung, die Sie hierher geschickt hat, ist bei der "
                    + "lokalen Anmeldung nicht eingetragen (client_id).");
        }
        String redirectUri = query.get("redirect_uri");
        if (redirectUri == null || !client.callbackUrls().contains(redirectUri)) {
            // Never redirect to an address the client did not register: the browser stays here.
            return page(400, "Anmeldung nicht möglich", "Die Rücksprungadresse (redirect_uri) ist für diese "
                    + "Anwendung nicht eingetragen.");
        }
        String state = query.get("state");
        if (!"code".equals(query.get("response_type"))) {
            return redirect(redirectUri, query.containsKey("response_type") ? "unsupported_response_type"
                    : "invalid_request", "error", state);
        }
        String challenge = query.get("code_challenge");
        if (!"S256".equals(query.get("code_challenge_method")) || !Pkce.isChallenge(challenge)) {
            return redirect(redirectUri, "invalid_request", "error", state);
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(query.getOrDefault("scope", String.join(" ", SCOPES))
                .trim().split(" +")));
        if (!SCOPES.containsAll(scopes)) {
            return redirect(redirectUri, "invalid_scope", "error", state);
        }
        Authorization authorization = new Authorization(client, redirectUri, String.join(" ", scopes), challenge,
                state, query.get("nonce"));
        if (session != null) {
            return codeRedirect(authorization, session);
        }
        String loginId = Secrets.random();
        Instant now = clock.instant();
        logins.values().removeIf(login -> now.isAfter(login.expiresAt()));
        logins.put(loginId, new Login(authorization, now.plus(LOGIN_LIFETIME)));
        return html(200, LoginPage.form(loginId, "", null));
    }

    private Reply login(Map<String, String> form) {
        String loginId = form.getOrDefault("login_id", "");
        Login login = logins.get(loginId);
        Instant now = clock.instant();
        if (login == null || now.isAfter(login.expiresAt())) {
            return page(400, "Anmeldung abgelaufen", "Diese Anmeldung ist abgelaufen oder schon abgeschlossen. Bitte "
                    + "kehren Sie zur Anwendung zurück und melden Sie sich dort erneut an.");
        }
        String username = form.getOrDefault("username", "");
        User user = users.get(username.toLowerCase(Locale.ROOT));
        boolean passwordMatches = Secrets.equal(form.getOrDefault("password", ""),
                user == null ? NO_PASSWORD : user.password());
        if (user == null || !passwordMatches) {
            return html(400, LoginPage.form(loginId, username, LoginPage.WRONG_CREDENTIALS));
        }
        if (!logins.remove(loginId, login)) {
            return page(400, "Anmeldung abgelaufen", "Diese Anmeldung ist schon abgeschlossen. Bitte kehren Sie zur "
                    + "Anwendung zurück.");
        }
        Session session = new Session(user, now, UUID.randomUUID().toString(), now.plus(SESSION_LIFETIME));
        String sessionId = Secrets.random();
        sessions.values().removeIf(s -> now.isAfter(s.expiresAt()));
        sessions.put(sessionId, session);
        return codeRedirect(login.authorization(), session).with("set-cookie", SESSION_COOKIE + "=" + sessionId
                + "; Path=/; Max-Age=" + SESSION_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax");
    }

    private Reply codeRedirect(Authorization authorization, Session session) {
        String code = Secrets.random();
        Instant now = clock.instant();
        codes.values().removeIf(c -> now.isAfter(c.expiresAt()));
        codes.put(code, new Code(authorization, session, now.plus(CODE_LIFETIME)));
        return redirect(authorization.redirectUri(), code, "code", authorization.state());
    }

    private Reply logout(Map<String, String> query, Request request) {
        Client client = clients.get(query.getOrDefault("client_id", ""));
        String logoutUri = query.get("logout_uri");
        if (client == null || logoutUri == null || !client.logoutUrls().contains(logoutUri)) {
            return page(400, "Abmeldung nicht möglich", "Die Abmeldeadresse (logout_uri) ist für diese Anwendung "
                    + "nicht eingetragen.");
        }
        String sessionId = cookie(request);
        if (sessionId != null) {
            sessions.remove(sessionId);
        }
        return new Reply(302, new LinkedHashMap<>(), new byte[0])
                .with("location", logoutUri)
                .with("cache-control", "no-store")
                .with("set-cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    }

    private Session sessionOf(Request request) {
        String sessionId = cookie(request);
        Session session = sessionId == null ? null : sessions.get(sessionId);
        return session == null || clock.instant().isAfter(session.expiresAt()) ? null : session;
    }

    private static String cookie(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(SESSION_COOKIE)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    // --- the back channel: token and revoke ---

    /** The client that authenticated by HTTP Basic or by {@code client_id} and {@code client_secret} in the body. */
    private Client authenticateClient(String authorization, Map<String, String> form) throws Refused {
        String clientId;
        String secret;
        if (authorization != null) {
            if (form.containsKey("client_secret") || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                throw new Refused(oauthError(400, "invalid_request"));
            }
            String credentials;
            try {
                credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Refused(oauthError(401, "invalid_client"));
            }
            int colon = credentials.indexOf(':');
            clientId = colon < 0 ? credentials : credentials.substring(0, colon);
            secret = colon < 0 ? "" : credentials.substring(colon + 1);
            if (form.containsKey("client_id") && !form.get("client_id").equals(clientId)) {
                throw new Refused(oauthError(401, "invalid_client"));
            }
        } else {
            clientId = form.getOrDefault("client_id", "");
            secret = form.getOrDefault("client_secret", "");
        }
        Client client = clients.get(clientId);
        boolean secretMatches = Secrets.equal(secret, client == null ? NO_PASSWORD : client.clientSecret());
        if (client == null || !secretMatches) {
            throw new Refused(oauthError(401, "invalid_client"));
        }
        return client;
    }

    private Reply token(Client client, Map<String, String> form) {
        String grantType = form.get("grant_type");
        if (grantType == null) {
            return oauthError(400, "invalid_request");
        }
        Instant now = clock.instant();
        switch (grantType) {
            case "authorization_code": {
                String value = form.get("code");
                String redirectUri = form.get("redirect_uri");
                String verifier = form.get("code_verifier");
                if (value == null || redirectUri == null || verifier == null) {
                    return oauthError(400, "invalid_request");
                }
                // Removed before it is checked: whatever follows, a code is never accepted a second time.
                Code code = codes.remove(value);
                if (code == null || now.isAfter(code.expiresAt())
                        || !code.authorization().client().clientId().equals(client.clientId())
                        || !code.authorization().redirectUri().equals(redirectUri)
                        || !Pkce.matches(verifier, code.authorization().codeChallenge())) {
                    return oauthError(400, "invalid_grant");
                }
                Session session = code.session();
                TokenClaims.SignIn signIn = new TokenClaims.SignIn(session.user(), session.authTime(),
                        session.eventId(), UUID.randomUUID().toString());
                String refreshToken = Secrets.random();
                refreshTokens.values().removeIf(r -> now.isAfter(r.expiresAt()));
                refreshTokens.put(refreshToken, new Refresh(client.clientId(), signIn,
                        code.authorization().scope(), now.plus(REFRESH_LIFETIME)));
                return tokens(client, signIn, code.authorization().scope(), code.authorization().nonce(),
                        refreshToken, now);
            }
            case "refresh_token": {
                String value = form.get("refresh_token");
                if (value == null) {
                    return oauthError(400, "invalid_request");
                }
                Refresh refresh = refreshTokens.get(value);
                if (refresh == null || now.isAfter(refresh.expiresAt())
                        || !refresh.clientId().equals(client.clientId())) {
                    return oauthError(400, "invalid_grant");
                }
                // As Cognito without refresh-token rotation: new ID and access tokens, the same refresh token.
                return tokens(client, refresh.signIn(), refresh.scope(), null, null, now);
            }
            default:
                return oauthError(400, "unsupported_grant_type");
        }
    }

    private Reply tokens(Client client, TokenClaims.SignIn signIn, String scope, String nonce, String refreshToken,
                         Instant now) {
        String accessToken = sign(TokenClaims.accessToken(issuer(), client.clientId(), signIn, scope, now));
        Map<String, Object> answer = new LinkedHashMap<>();
        if (List.of(scope.split(" ")).contains("openid")) {
            answer.put("id_token", sign(TokenClaims.idToken(issuer(), client.clientId(), signIn, nonce, accessToken,
                    now)));
        }
        answer.put("access_token", accessToken);
        if (refreshToken != null) {
            answer.put("refresh_token", refreshToken);
        }
        answer.put("expires_in", TokenClaims.LIFETIME.toSeconds());
        answer.put("token_type", "Bearer");
        return json(200, answer);
    }

    private Reply revoke(Client client, Map<String, String> form) {
        String token = form.get("token");
        if (token == null) {
            return oauthError(400, "invalid_request");
        }
        Refresh refresh = refreshTokens.get(token);
        if (refresh != null && !refresh.clientId().equals(client.clientId())) {
            return oauthError(400, "invalid_request");
        }
        refreshTokens.remove(token);
        // An unknown token is no error (RFC 7009): the client's aim, a token that no longer works, is met.
        return new Reply(200, new LinkedHashMap<>(), new byte[0]).with("cache-control", "no-store");
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    // --- reading and answering ---

    /**
     * A query string or form body: a parameter without a value counts as absent (RFC 6749, section 3.1), one sent
     * twice, a malformed escape or bytes that are not UTF-8 make it malformed ({@link IllegalArgumentException}).
     */
    static Map<String, String> parameters(String encoded) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = UrlEncoding.decodeFormStrict(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : UrlEncoding.decodeFormStrict(pair.substring(equals + 1));
            if (!value.isEmpty() && parameters.put(name, value) != null) {
                throw new IllegalArgumentException("parameter given twice: " + name);
            }
        }
        return parameters;
    }

    /** The form body, or null if it is not one, too large or malformed. */
    private static Map<String, String> formBody(Request request) throws IOException {
        String type = request.getHeaders().get("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return null;
        }
        try {
            return parameters(UrlEncoding.Utf8.decodeStrict(body));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 302 to a registered redirect URI with one parameter (a code or an error) and the state. */
    private static Reply redirect(String redirectUri, String value, String name, String state) {
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                .append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        if (state != null) {
            location.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
        }
        return new Reply(302, new LinkedHashMap<>(), new byte[0])
                .with("location", location.toString())
                .with("cache-control", "no-store");
    }

    private static Reply html(int status, String page) {
        return new Reply(status, new LinkedHashMap<>(), page.getBytes(StandardCharsets.UTF_8))
                .with("content-type", "text/html; charset=utf-8")
                .with("cache-control", "no-store")
                .with("content-security-policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'")
                .with("x-frame-options", "DENY")
                .with("x-content-type-options", "nosniff")
                .with("referrer-policy", "no-referrer");
    }

    private static Reply page(int status, String heading, String text) {
        return html(status, LoginPage.message(heading, text));
    }

    private static Reply json(int status, Map<String, ?> body) {
        try {
            return new Reply(status, new LinkedHashMap<>(), JSON.std.asBytes(body))
                    .with("content-type", "application/json;charset=UTF-8")
                    .with("cache-control", "no-store")
                    .with("pragma", "no-cache");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OAuth 2.0 error as Cognito gives it: {@code {"error": "…"}} only. */
    private static Reply oauthError(int status, String error) {
        Reply reply = json(status, Map.of("error", error));
        return status == 401 ? reply.with("www-authenticate", "Basic realm=\"LocalCognito\"") : reply;
    }

    private static void requireAbsoluteUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute() || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("not an absolute URL without fragment: " + url);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }
}
