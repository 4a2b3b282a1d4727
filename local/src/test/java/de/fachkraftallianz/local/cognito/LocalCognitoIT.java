package de.fachkraftallianz.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.jr.ob.JSON;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import de.fachkraftallianz.local.cognito.LocalCognito.Client;

/**
 * The local Cognito over real HTTP, as the office's backend and a browser speak to it: discovery, the code flow with
 * PKCE and the sign-in form, token checks with nimbus against the JWKS fetched over HTTP, every refusal, the
 * provider session and sign-out. Redirects are never followed: each one is checked.
 */
class LocalCognitoIT {

    private static final String POOL = "eu-central-1_LocalTest1";
    private static final String CALLBACK = "http://127.0.0.1:3000/api/office/callback";
    private static final String SIGNED_OUT = "http://127.0.0.1:3000/buero/abgemeldet/";
    private static final Client OFFICE = new Client("office-bff", "office-secret-local", List.of(CALLBACK),
            List.of(SIGNED_OUT));
    private static final Client OTHER = new Client("other-app", "other-secret-local",
            List.of("http://127.0.0.1:4000/callback"), List.of("http://127.0.0.1:4000/"));
    private static final Pattern LOGIN_ID = Pattern.compile("name=\"login_id\" value=\"([^\"]+)\"");

    private static final MutableClock CLOCK = new MutableClock();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static LocalCognito cognito;

    @BeforeAll
    static void start() throws IOException {
        cognito = LocalCognito.start(0, POOL, LocalCognito.DEFAULT_USERS, List.of(OFFICE, OTHER), CLOCK);
    }

    @AfterAll
    static void stop() {
        cognito.close();
    }

    @BeforeEach
    void now() {
        // Real time, so nimbus's own expiry check agrees; a test that moves the clock starts from here.
        CLOCK.set(Instant.now());
    }

    // --- the code flow ---

    @Test
    void the_discovery_document_names_the_issuer_and_the_managed_login_endpoints() throws Exception {
        String base = "http://127.0.0.1:" + cognito.port();
        assertThat(cognito.authBase()).isEqualTo(base);
        assertThat(cognito.issuer()).isEqualTo(base + "/" + POOL);

        HttpResponse<String> response = get(cognito.issuer() + "/.well-known/openid-configuration", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        Map<String, Object> document = JSON.std.mapFrom(response.body());
        assertThat(document)
                .containsEntry("issuer", cognito.issuer())
                .containsEntry("jwks_uri", cognito.issuer() + "/.well-known/jwks.json")
                .containsEntry("authorization_endpoint", base + "/oauth2/authorize")
                .containsEntry("token_endpoint", base + "/oauth2/token")
                .containsEntry("revocation_endpoint", base + "/oauth2/revoke")
                .containsEntry("end_session_endpoint", base + "/logout")
                .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"))
                .containsEntry("response_types_supported", List.of("code"))
                .containsEntry("code_challenge_methods_supported", List.of("S256"));
        assertThat(cognito.jwksUri()).isEqualTo(document.get("jwks_uri"));
    }

    @Test
    void the_jwks_holds_the_public_signing_key_only() throws Exception {
        JWKSet keys = jwks();
        assertThat(keys.getKeys()).hasSize(1);
        JWK key = keys.getKeys().get(0);
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.getKeyID()).isNotBlank();
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(get(cognito.jwksUri(), null).body()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void a_staff_member_signs_in_with_the_code_flow_and_gets_tokens_shaped_as_cognito_shapes_them() throws Exception {
        Pkce pkce = new Pkce();
        Map<String, String> parameters = authorizeParameters(pkce);

        HttpResponse<String> form = get(authorizeUrl(parameters), null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(form.body()).contains("<html lang=\"de\">", "<h1>", "<label for=\"username\">",
                "name=\"username\"", "<label for=\"password\">", "name=\"password\"", "method=\"post\"")
                .doesNotContain("<script", "<style", "style=", parameters.get("state"));

        HttpResponse<String> signedIn = postForm(cognito.authBase() + "/login", Map.of("login_id", loginId(form),
                "username", "amt", "password", LocalCognito.AMT_PASSWORD), null);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String location = signedIn.headers().firstValue("location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?");
        Map<String, String> callback = query(location);
        assertThat(callback).containsEntry("state", parameters.get("state")).containsKey("code");
        HttpResponse<String> sentAgain = postForm(cognito.authBase() + "/login", Map.of("login_id", loginId(form),
                "username", "amt", "password", LocalCognito.AMT_PASSWORD), null);
        assertThat(sentAgain.statusCode()).isEqualTo(400);
        assertThat(sentAgain.body()).contains("Anmeldung abgelaufen");

        HttpResponse<String> exchanged = exchange(tokenRequest(callback.get("code"), pkce.verifier()));
        assertThat(exchanged.statusCode()).isEqualTo(200);
        assertThat(exchanged.headers().firstValue("cache-control")).hasValue("no-store");
        Map<String, Object> tokens = JSON.std.mapFrom(exchanged.body());
        assertThat(tokens).containsEntry("expires_in", 3600).containsEntry("token_type", "Bearer")
                .containsKeys("id_token", "access_token", "refresh_token");
        assertThat((String) tokens.get("refresh_token")).doesNotContain(".");

        JWTClaimsSet id = verify((String) tokens.get("id_token"), OFFICE.clientId(), Map.of("token_use", "id"));
        assertThat(id.getIssuer()).isEqualTo(cognito.issuer());
        assertThat(id.getAudience()).containsExactly(OFFICE.clientId());
        assertThat(id.getSubject()).isEqualTo(LocalCognito.DEFAULT_USERS.get(0).sub());
        assertThat(id.getStringClaim("cognito:username")).isEqualTo("amt");
        assertThat(id.getStringListClaim("cognito:groups")).containsExactly("jugendamt");
        assertThat(id.getStringClaim("nonce")).isEqualTo(parameters.get("nonce"));
        assertThat(id.getStringClaim("email")).isEqualTo("amt@example.org");
        assertThat(id.getStringClaim("at_hash")).isEqualTo(atHash((String) tokens.get("access_token")));
        assertThat(id.getExpirationTime()).isAfter(id.getIssueTime());
        assertThat(id.getExpirationTime().getTime() - id.getIssueTime().getTime()).isEqualTo(3_600_000L);
        assertThat(id.getClaims()).containsKeys("auth_time", "event_id", "origin_jti", "jti", "email_verified");

        JWTClaimsSet access = verify((String) tokens.get("access_token"), null, Map.of("token_use", "access"));
        assertThat(access.getAudience()).isEmpty();
        assertThat(access.getClaims()).doesNotContainKey("aud");
        assertThat(access.getStringClaim("client_id")).isEqualTo(OFFICE.clientId());
        assertThat(access.getStringClaim("scope")).isEqualTo("openid email profile");
        assertThat(access.getStringClaim("username")).isEqualTo("amt");
        assertThat(access.getStringListClaim("cognito:groups")).containsExactly("jugendamt");
        assertThat(access.getSubject()).isEqualTo(id.getSubject());
        assertThat(access.getStringClaim("origin_jti")).isEqualTo(id.getStringClaim("origin_jti"));
    }

    @Test
    void the_client_secret_in_the_body_authenticates_as_well_as_http_basic() throws Exception {
        Pkce pkce = new Pkce();
        TokenRequest request = tokenRequest(code(signIn("pkd", LocalCognito.PKD_PASSWORD, pkce)), pkce.verifier());
        request.basic = null;
        request.form.put("client_id", OFFICE.clientId());
        request.form.put("client_secret", OFFICE.clientSecret());

        HttpResponse<String> response = exchange(request);
        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet id = verify((String) JSON.std.mapFrom(response.body()).get("id_token"), OFFICE.clientId(),
                Map.of());
        assertThat(id.getStringListClaim("cognito:groups")).containsExactly("pflegekinderdienst");
    }

    @Test
    void without_the_openid_scope_there_is_no_id_token() throws Exception {
        Pkce pkce = new Pkce();
        Map<String, String> parameters = authorizeParameters(pkce);
        parameters.put("scope", "email");
        HttpResponse<String> form = get(authorizeUrl(parameters), null);
        HttpResponse<String> signedIn = postForm(cognito.authBase() + "/login", Map.of("login_id", loginId(form),
                "username", "admin", "password", LocalCognito.ADMIN_PASSWORD), null);

        Map<String, Object> tokens = JSON.std.mapFrom(exchange(tokenRequest(code(signedIn), pkce.verifier())).body());
        assertThat(tokens).containsKey("access_token").doesNotContainKey("id_token");
        assertThat(verify((String) tokens.get("access_token"), null, Map.of()).getStringClaim("scope"))
                .isEqualTo("email");
    }

    @Test
    void a_refresh_token_gets_new_tokens_of_the_same_sign_in_until_it_is_revoked() throws Exception {
        Pkce pkce = new Pkce();
        Map<String, Object> first = JSON.std.mapFrom(exchange(tokenRequest(
                code(signIn("amt", LocalCognito.AMT_PASSWORD, pkce)), pkce.verifier())).body());
        String refreshToken = (String) first.get("refresh_token");
        JWTClaimsSet firstId = verify((String) first.get("id_token"), OFFICE.clientId(), Map.of());

        CLOCK.advance(Duration.ofMinutes(70));
        HttpResponse<String> refreshed = exchange(refreshRequest(refreshToken));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        Map<String, Object> second = JSON.std.mapFrom(refreshed.body());
        assertThat(second).containsKeys("id_token", "access_token").doesNotContainKey("refresh_token");
        JWTClaimsSet secondId = com.nimbusds.jwt.SignedJWT.parse((String) second.get("id_token")).getJWTClaimsSet();
        assertThat(secondId.getLongClaim("auth_time")).isEqualTo(firstId.getLongClaim("auth_time"));
        assertThat(secondId.getStringClaim("origin_jti")).isEqualTo(firstId.getStringClaim("origin_jti"));
        assertThat(secondId.getIssueTime()).isAfter(firstId.getIssueTime());
        assertThat(secondId.getClaims()).doesNotContainKey("nonce");

        HttpResponse<String> revokedByOther = postForm(cognito.authBase() + "/oauth2/revoke",
                Map.of("token", refreshToken), basic(OTHER.clientId(), OTHER.clientSecret()));
        assertThat(revokedByOther.statusCode()).isEqualTo(400);
        assertThat(exchange(refreshRequest(refreshToken)).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = postForm(cognito.authBase() + "/oauth2/revoke", Map.of("token", refreshToken),
                basic(OFFICE.clientId(), OFFICE.clientSecret()));
        assertThat(revoked.statusCode()).isEqualTo(200);
        HttpResponse<String> afterRevoke = exchange(refreshRequest(refreshToken));
        assertThat(afterRevoke.statusCode()).isEqualTo(400);
        assertThat(JSON.std.mapFrom(afterRevoke.body())).isEqualTo(Map.of("error", "invalid_grant"));
    }

    @Test
    void a_refresh_token_ends_after_thirty_days_and_works_for_its_own_client_only() throws Exception {
        Pkce pkce = new Pkce();
        String refreshToken = (String) JSON.std.mapFrom(exchange(tokenRequest(
                code(signIn("amt", LocalCognito.AMT_PASSWORD, pkce)), pkce.verifier())).body()).get("refresh_token");

        TokenRequest otherClient = refreshRequest(refreshToken);
        otherClient.basic = basic(OTHER.clientId(), OTHER.clientSecret());
        assertThat(exchange(otherClient).body()).isEqualTo("{\"error\":\"invalid_grant\"}");

        CLOCK.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(exchange(refreshRequest(refreshToken)).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(2));
        assertThat(exchange(refreshRequest(refreshToken)).body()).isEqualTo("{\"error\":\"invalid_grant\"}");
    }

    // --- refusals ---

    static Stream<Arguments> wrong_credentials() {
        return Stream.of(
                Arguments.of("wrong password", "amt", "amt-lokal-2025"),
                Arguments.of("unknown user", "niemand", LocalCognito.AMT_PASSWORD),
                Arguments.of("another user's password", "pkd", LocalCognito.AMT_PASSWORD),
                Arguments.of("nothing typed", "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrong_credentials")
    void wrong_credentials_show_the_form_again_with_one_german_message_and_status_400(
            String name, String username, String password) throws Exception {
        Pkce pkce = new Pkce();
        HttpResponse<String> form = get(authorizeUrl(authorizeParameters(pkce)), null);

        HttpResponse<String> refused = postForm(cognito.authBase() + "/login", Map.of("login_id", loginId(form),
                "username", username, "password", password), null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("set-cookie")).isEmpty();
        assertThat(refused.headers().firstValue("location")).isEmpty();
        assertThat(refused.body()).contains("<title>Fehler: ", LoginPage.WRONG_CREDENTIALS, "name=\"username\"",
                "name=\"password\"", "value=\"" + username + "\"");
        if (!password.isEmpty()) {
            assertThat(refused.body()).doesNotContain(password);
        }

        // The same form, sent again with the right password, signs in.
        HttpResponse<String> signedIn = postForm(cognito.authBase() + "/login", Map.of("login_id", loginId(refused),
                "username", "amt", "password", LocalCognito.AMT_PASSWORD), null);
        assertThat(signedIn.statusCode()).isEqualTo(302);
    }

    static Stream<Arguments> authorize_requests_refused() {
        return Stream.of(
                Arguments.of("no code_challenge", "invalid_request",
                        (Consumer<Map<String, String>>) p -> p.remove("code_challenge")),
                Arguments.of("method plain", "invalid_request",
                        (Consumer<Map<String, String>>) p -> p.put("code_challenge_method", "plain")),
                Arguments.of("no method (plain by default)", "invalid_request",
                        (Consumer<Map<String, String>>) p -> p.remove("code_challenge_method")),
                Arguments.of("a challenge that is no S256 digest", "invalid_request",
                        (Consumer<Map<String, String>>) p -> p.put("code_challenge", "too-short")),
                Arguments.of("no response_type", "invalid_request",
                        (Consumer<Map<String, String>>) p -> p.remove("response_type")),
                Arguments.of("response_type token (implicit flow)", "unsupported_response_type",
                        (Consumer<Map<String, String>>) p -> p.put("response_type", "token")),
                Arguments.of("a scope the pool does not know", "invalid_scope",
                        (Consumer<Map<String, String>>) p -> p.put("scope", "openid admin")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authorize_requests_refused")
    void authorize_requests_with_a_registered_redirect_uri_but_a_bad_parameter_go_back_with_an_oauth_error(
            String name, String error, Consumer<Map<String, String>> change) throws Exception {
        Map<String, String> parameters = authorizeParameters(new Pkce());
        change.accept(parameters);

        HttpResponse<String> response = get(authorizeUrl(parameters), null);
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?");
        assertThat(query(location)).containsEntry("error", error)
                .containsEntry("state", parameters.get("state")).doesNotContainKey("code");
    }

    static Stream<Arguments> authorize_requests_that_cannot_go_back() {
        return Stream.of(
                Arguments.of("unregistered redirect_uri", "redirect_uri", "http://127.0.0.1:3000/anderswo"),
                Arguments.of("registered redirect_uri with more appended", "redirect_uri", CALLBACK + "?x=1"),
                Arguments.of("another client's redirect_uri", "redirect_uri", "http://127.0.0.1:4000/callback"),
                Arguments.of("unknown client", "client_id", "unbekannt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authorize_requests_that_cannot_go_back")
    void authorize_requests_that_cannot_go_back_get_a_german_page_with_status_400(
            String name, String parameter, String value) throws Exception {
        Map<String, String> parameters = authorizeParameters(new Pkce());
        parameters.put(parameter, value);

        HttpResponse<String> response = get(authorizeUrl(parameters), null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("location")).isEmpty();
        assertThat(response.body()).contains("<html lang=\"de\">", "Anmeldung nicht möglich")
                .doesNotContain("name=\"password\"");
    }

    static Stream<Arguments> token_requests_refused() {
        return Stream.of(
                Arguments.of("wrong code_verifier", 400, "invalid_grant",
                        (Consumer<TokenRequest>) r -> r.form.put("code_verifier", new Pkce().verifier())),
                Arguments.of("code used twice", 400, "invalid_grant", (Consumer<TokenRequest>) r -> {
                    assertThat(exchange(r).statusCode()).isEqualTo(200);
                }),
                Arguments.of("code expired after five minutes", 400, "invalid_grant",
                        (Consumer<TokenRequest>) r -> CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1))),
                Arguments.of("wrong client secret", 401, "invalid_client",
                        (Consumer<TokenRequest>) r -> r.basic = basic(OFFICE.clientId(), "falsch")),
                Arguments.of("no client authentication", 401, "invalid_client",
                        (Consumer<TokenRequest>) r -> r.basic = null),
                Arguments.of("wrong client secret in the body", 401, "invalid_client", (Consumer<TokenRequest>) r -> {
                    r.basic = null;
                    r.form.put("client_id", OFFICE.clientId());
                    r.form.put("client_secret", "falsch");
                }),
                Arguments.of("client_id in the body differing from HTTP Basic", 401, "invalid_client",
                        (Consumer<TokenRequest>) r -> r.form.put("client_id", OTHER.clientId())),
                Arguments.of("client secret both in HTTP Basic and in the body", 400, "invalid_request",
                        (Consumer<TokenRequest>) r -> r.form.put("client_secret", OFFICE.clientSecret())),
                Arguments.of("code of another client", 400, "invalid_grant",
                        (Consumer<TokenRequest>) r -> r.basic = basic(OTHER.clientId(), OTHER.clientSecret())),
                Arguments.of("redirect_uri differing from the authorize request", 400, "invalid_grant",
                        (Consumer<TokenRequest>) r -> r.form.put("redirect_uri", CALLBACK + "/")),
                Arguments.of("no code_verifier", 400, "invalid_request",
                        (Consumer<TokenRequest>) r -> r.form.remove("code_verifier")),
                Arguments.of("unknown grant type", 400, "unsupported_grant_type",
                        (Consumer<TokenRequest>) r -> r.form.put("grant_type", "password")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("token_requests_refused")
    void token_requests_are_refused_with_an_oauth_error(String name, int status, String error,
                                                        Consumer<TokenRequest> change) throws Exception {
        Pkce pkce = new Pkce();
        TokenRequest request = tokenRequest(code(signIn("amt", LocalCognito.AMT_PASSWORD, pkce)), pkce.verifier());
        change.accept(request);

        HttpResponse<String> response = exchange(request);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(JSON.std.mapFrom(response.body())).isEqualTo(Map.of("error", error));
    }

    @Test
    void a_code_exchanged_just_inside_five_minutes_still_works() throws Exception {
        Pkce pkce = new Pkce();
        TokenRequest request = tokenRequest(code(signIn("amt", LocalCognito.AMT_PASSWORD, pkce)), pkce.verifier());
        CLOCK.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(exchange(request).statusCode()).isEqualTo(200);
    }

    @Test
    void a_sign_in_form_left_open_longer_than_a_quarter_of_an_hour_has_expired() throws Exception {
        HttpResponse<String> form = get(authorizeUrl(authorizeParameters(new Pkce())), null);
        CLOCK.advance(Duration.ofMinutes(15).plusSeconds(1));
        HttpResponse<String> late = postForm(cognito.authBase() + "/login", Map.of("login_id", loginId(form),
                "username", "amt", "password", LocalCognito.AMT_PASSWORD), null);
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("<html lang=\"de\">", "Anmeldung abgelaufen");
        assertThat(late.headers().firstValue("location")).isEmpty();
    }

    @Test
    void the_sign_in_form_is_sent_by_post_only() throws Exception {
        HttpResponse<String> response = get(cognito.authBase() + "/login", null);
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("POST");
    }

    // --- the provider session and sign-out ---

    @Test
    void a_second_authorize_within_the_hour_redirects_at_once_without_the_form() throws Exception {
        Pkce first = new Pkce();
        HttpResponse<String> signedIn = signIn("amt", LocalCognito.AMT_PASSWORD, first);
        String cookie = sessionCookie(signedIn);
        JWTClaimsSet firstId = idToken(exchange(tokenRequest(code(signedIn), first.verifier())));

        CLOCK.advance(Duration.ofMinutes(59));
        Pkce second = new Pkce();
        Map<String, String> parameters = authorizeParameters(second);
        HttpResponse<String> again = get(authorizeUrl(parameters), cookie);
        assertThat(again.statusCode()).isEqualTo(302);
        Map<String, String> callback = query(again.headers().firstValue("location").orElseThrow());
        assertThat(callback).containsEntry("state", parameters.get("state"));

        JWTClaimsSet secondId = com.nimbusds.jwt.SignedJWT.parse((String) JSON.std.mapFrom(
                exchange(tokenRequest(callback.get("code"), second.verifier())).body()).get("id_token")).getJWTClaimsSet();
        assertThat(secondId.getSubject()).isEqualTo(firstId.getSubject());
        assertThat(secondId.getLongClaim("auth_time")).isEqualTo(firstId.getLongClaim("auth_time"));
        assertThat(secondId.getStringClaim("nonce")).isEqualTo(parameters.get("nonce"));
    }

    @Test
    void after_an_hour_the_provider_asks_for_the_password_again() throws Exception {
        String cookie = sessionCookie(signIn("amt", LocalCognito.AMT_PASSWORD, new Pkce()));
        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
        HttpResponse<String> again = get(authorizeUrl(authorizeParameters(new Pkce())), cookie);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("name=\"password\"");
    }

    @Test
    void after_logout_the_provider_asks_for_the_password_again_even_with_the_old_cookie() throws Exception {
        String cookie = sessionCookie(signIn("amt", LocalCognito.AMT_PASSWORD, new Pkce()));

        HttpResponse<String> loggedOut = get(cognito.authBase() + "/logout?client_id=" + enc(OFFICE.clientId())
                + "&logout_uri=" + enc(SIGNED_OUT), cookie);
        assertThat(loggedOut.statusCode()).isEqualTo(302);
        assertThat(loggedOut.headers().firstValue("location")).hasValue(SIGNED_OUT);
        assertThat(loggedOut.headers().firstValue("set-cookie").orElseThrow())
                .startsWith(LocalCognito.SESSION_COOKIE + "=;").contains("Max-Age=0");

        HttpResponse<String> again = get(authorizeUrl(authorizeParameters(new Pkce())), cookie);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("name=\"password\"");
    }

    static Stream<Arguments> logout_requests_refused() {
        return Stream.of(
                Arguments.of("unregistered logout_uri", OFFICE.clientId(), "http://127.0.0.1:3000/anderswo"),
                Arguments.of("another client's logout_uri", OFFICE.clientId(), "http://127.0.0.1:4000/"),
                Arguments.of("unknown client", "unbekannt", SIGNED_OUT),
                Arguments.of("no logout_uri", OFFICE.clientId(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logout_requests_refused")
    void logout_to_an_unregistered_address_gets_a_german_page_with_status_400_and_keeps_the_session(
            String name, String clientId, String logoutUri) throws Exception {
        String cookie = sessionCookie(signIn("amt", LocalCognito.AMT_PASSWORD, new Pkce()));

        HttpResponse<String> refused = get(cognito.authBase() + "/logout?client_id=" + enc(clientId)
                + (logoutUri == null ? "" : "&logout_uri=" + enc(logoutUri)), cookie);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("location")).isEmpty();
        assertThat(refused.headers().firstValue("set-cookie")).isEmpty();
        assertThat(refused.body()).contains("<html lang=\"de\">", "Abmeldung nicht möglich");

        assertThat(get(authorizeUrl(authorizeParameters(new Pkce())), cookie).statusCode()).isEqualTo(302);
    }

    // --- helpers: a browser without redirects, the backend's token requests, nimbus as the backend uses it ---

    /** A PKCE pair computed here, independently of the server's code. */
    private record Pkce(String verifier, String challenge) {
        Pkce() {
            this(randomVerifier());
        }

        private Pkce(String verifier) {
            this(verifier, challengeOf(verifier));
        }

        private static String randomVerifier() {
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        private static String challengeOf(String verifier) {
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What the backend sends to the token endpoint: a form and (or not) HTTP Basic. */
    static final class TokenRequest {
        final Map<String, String> form = new LinkedHashMap<>();
        String basic = basic(OFFICE.clientId(), OFFICE.clientSecret());
    }

    private static Map<String, String> authorizeParameters(Pkce pkce) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", OFFICE.clientId());
        parameters.put("redirect_uri", CALLBACK);
        parameters.put("scope", "openid email profile");
        parameters.put("state", "state-" + new Pkce().verifier());
        parameters.put("nonce", "nonce-" + new Pkce().verifier());
        parameters.put("code_challenge", pkce.challenge());
        parameters.put("code_challenge_method", "S256");
        return parameters;
    }

    private static String authorizeUrl(Map<String, String> parameters) {
        return cognito.authBase() + "/oauth2/authorize?" + encode(parameters);
    }

    /** Authorize, then the form with these credentials: the answer to the form. */
    private static HttpResponse<String> signIn(String username, String password, Pkce pkce) throws Exception {
        HttpResponse<String> form = get(authorizeUrl(authorizeParameters(pkce)), null);
        HttpResponse<String> signedIn = postForm(cognito.authBase() + "/login", Map.of("login_id", loginId(form),
                "username", username, "password", password), null);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return signedIn;
    }

    private static String code(HttpResponse<String> redirect) {
        return query(redirect.headers().firstValue("location").orElseThrow()).get("code");
    }

    private static String sessionCookie(HttpResponse<String> signedIn) {
        String header = signedIn.headers().firstValue("set-cookie").orElseThrow();
        assertThat(header).startsWith(LocalCognito.SESSION_COOKIE + "=").contains("HttpOnly", "Max-Age=3600");
        return header.substring(0, header.indexOf(';'));
    }

    private static TokenRequest tokenRequest(String code, String verifier) {
        TokenRequest request = new TokenRequest();
        request.form.put("grant_type", "authorization_code");
        request.form.put("code", code);
        request.form.put("redirect_uri", CALLBACK);
        request.form.put("code_verifier", verifier);
        return request;
    }

    private static TokenRequest refreshRequest(String refreshToken) {
        TokenRequest request = new TokenRequest();
        request.form.put("grant_type", "refresh_token");
        request.form.put("refresh_token", refreshToken);
        return request;
    }

    private static HttpResponse<String> exchange(TokenRequest request) {
        try {
            return postForm(cognito.authBase() + "/oauth2/token", request.form, request.basic);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWKSet jwks() throws Exception {
        return JWKSet.parse(get(cognito.jwksUri(), null).body());
    }

    /** Verifies signature (against the JWKS fetched over HTTP), issuer, expiry, audience and the given claims. */
    private static JWTClaimsSet verify(String token, String audience, Map<String, Object> exact) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks())));
        JWTClaimsSet.Builder expected = new JWTClaimsSet.Builder().issuer(cognito.issuer());
        exact.forEach(expected::claim);
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience, expected.build(),
                Set.of("sub", "iat", "exp", "jti", "token_use")));
        return processor.process(token, null);
    }

    private static JWTClaimsSet idToken(HttpResponse<String> tokenResponse) throws Exception {
        return verify((String) JSON.std.mapFrom(tokenResponse.body()).get("id_token"), OFFICE.clientId(), Map.of());
    }

    private static String atHash(String accessToken) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    private static String loginId(HttpResponse<String> form) {
        Matcher matcher = LOGIN_ID.matcher(form.body());
        assertThat(matcher.find()).as("the form has a login_id").isTrue();
        return matcher.group(1);
    }

    private static Map<String, String> query(String location) {
        Map<String, String> parameters = new HashMap<>();
        String query = URI.create(location).getRawQuery();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> get(String url, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postForm(String url, Map<String, String> form, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A clock the tests move forward. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.now();

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
