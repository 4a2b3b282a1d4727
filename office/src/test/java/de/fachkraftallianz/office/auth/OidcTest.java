package de.fachkraftallianz.office.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The ID token check of the office's sign-in, through Oidc's own verification (the same processor and claims check
 * as in production; only the provider's keys are given instead of fetched). Every token is made here: signed with
 * RSA keys generated for the test, in the shape Cognito issues.
 */
class OidcTest {

    static final String ISSUER = "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_TEST";
    static final String LOGIN_BASE = "https://fachkraftallianz.auth.eu-central-1.amazoncognito.com";
    static final String CLIENT_ID = "office-client";
    static final String REDIRECT = "https://fachkraftallianz.example/api/office/callback";
    static final String LOGOUT = "https://fachkraftallianz.example/intern/abgemeldet";
    static final String NONCE = "nonce-of-this-sign-in";

    static final RSAKey PROVIDER_KEY = rsa("provider-key");
    /** Another key under the provider's key id: what a forger has. */
    static final RSAKey FORGER_KEY_SAME_KID = rsa("provider-key");
    static final RSAKey UNKNOWN_KEY = rsa("unknown-key");

    final Oidc oidc = new Oidc(ISSUER, LOGIN_BASE, CLIENT_ID, "secret", REDIRECT, LOGOUT,
            new ImmutableJWKSet<>(new JWKSet(PROVIDER_KEY.toPublicJWK())));

    // -------------------------------------------------------------------------------------------------------------
    // Accepted
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void accepts_a_genuine_id_token_and_maps_the_person() throws Exception {
        Oidc.Identity identity = oidc.verify(signed(claims()), NONCE);

        assertThat(identity.subject()).isEqualTo("7f1c-sub");
        assertThat(identity.username()).isEqualTo("amt");
        assertThat(identity.name()).isEqualTo("Erika Beispiel");
        assertThat(identity.email()).isEqualTo("amt@example.org");
        assertThat(identity.groups()).containsExactly("jugendamt", "admin");
    }

    @Test
    void without_cognito_groups_the_person_has_no_groups_and_is_not_refused() throws Exception {
        Oidc.Identity identity = oidc.verify(signed(claims(c -> c.claim("cognito:groups", null))), NONCE);

        assertThat(identity.groups()).isEmpty();
        assertThat(identity.subject()).isEqualTo("7f1c-sub");
    }

    @Test
    void without_username_and_name_the_subject_stands_in() throws Exception {
        Oidc.Identity identity = oidc.verify(signed(claims(c -> c.claim("cognito:username", null)
                .claim("name", null))), NONCE);

        assertThat(identity.username()).isEqualTo("7f1c-sub");
        assertThat(identity.name()).isEqualTo("7f1c-sub");
    }

    @Test
    void accepts_a_token_just_expired_within_the_allowed_clock_skew() throws Exception {
        Instant past = Instant.now().minusSeconds(Oidc.CLOCK_SKEW_SECONDS / 2);

        assertThat(oidc.verify(signed(claims(c -> c.expirationTime(Date.from(past)))), NONCE).subject())
                .isEqualTo("7f1c-sub");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Refused: signature and algorithm
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void refuses_a_token_signed_by_another_key_under_the_providers_key_id() throws Exception {
        assertRefused(signed(claims(), FORGER_KEY_SAME_KID, JWSAlgorithm.RS256));
    }

    @Test
    void refuses_a_token_whose_signature_no_longer_matches_its_claims() throws Exception {
        String genuine = signed(claims());
        String[] parts = genuine.split("\\.");
        String otherPayload = signed(claims(c -> c.claim("cognito:groups", List.of("admin")))).split("\\.")[1];

        assertRefused(parts[0] + "." + otherPayload + "." + parts[2]);
    }

    @Test
    void refuses_a_token_with_an_unknown_key_id() throws Exception {
        assertRefused(signed(claims(), UNKNOWN_KEY, JWSAlgorithm.RS256));
    }

    @Test
    void refuses_an_unsigned_token_alg_none() {
        String plain = new PlainJWT(claims().build()).serialize();

        assertThat(plain).endsWith(".");
        assertRefused(plain);
    }

    @Test
    void refuses_an_unsigned_token_that_still_names_the_providers_key() {
        // {"alg":"none","kid":"provider-key"} with the genuine claims and an empty signature.
        String header = base64url("{\"alg\":\"none\",\"kid\":\"provider-key\"}");
        String payload = base64url(claims().build().toString());

        assertRefused(header + "." + payload + ".");
    }

    @Test
    void refuses_hs256_signed_with_the_providers_public_key_as_secret() throws Exception {
        byte[] publicKey = PROVIDER_KEY.toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(PROVIDER_KEY.getKeyID()).build(),
                claims().build());
        jwt.sign(new MACSigner(publicKey));

        assertRefused(jwt.serialize());
    }

    @Test
    void refuses_hs256_with_any_shared_secret() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(PROVIDER_KEY.getKeyID()).build(),
                claims().build());
        jwt.sign(new MACSigner("a-shared-secret-of-at-least-256-bits!!".getBytes(StandardCharsets.UTF_8)));

        assertRefused(jwt.serialize());
    }

    @Test
    void refuses_another_rsa_algorithm_even_with_the_providers_key() throws Exception {
        assertRefused(signed(claims(), PROVIDER_KEY, JWSAlgorithm.RS512));
        assertRefused(signed(claims(), PROVIDER_KEY, JWSAlgorithm.PS256));
    }

    @Test
    void does_not_trust_a_key_the_token_brings_in_its_own_header() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(PROVIDER_KEY.getKeyID())
                .jwk(FORGER_KEY_SAME_KID.toPublicJWK()).build(), claims().build());
        jwt.sign(new RSASSASigner(FORGER_KEY_SAME_KID));

        assertRefused(jwt.serialize());
    }

    @Test
    void refuses_what_is_not_a_token() {
        assertRefused("");
        assertRefused("not-a-token");
        assertRefused("a.b.c");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Refused: claims
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void refuses_another_issuer() throws Exception {
        assertRefused(signed(claims(c -> c.issuer("https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_OTHER"))));
        assertRefused(signed(claims(c -> c.issuer(ISSUER + "/"))));
        assertRefused(signed(claims(c -> c.issuer(null))));
    }

    @Test
    void refuses_another_audience() throws Exception {
        assertRefused(signed(claims(c -> c.audience("another-client"))));
        assertRefused(signed(claims(c -> c.audience((String) null))));
    }

    @Test
    void refuses_a_token_for_further_audiences_besides_this_client() throws Exception {
        // OpenID Connect Core 3.1.3.7 (3): refuse additional audiences the client does not trust.
        assertRefused(signed(claims(c -> c.audience(List.of(CLIENT_ID, "another-client")))));
    }

    @Test
    void refuses_an_expired_token_beyond_the_clock_skew() throws Exception {
        Instant expired = Instant.now().minusSeconds(Oidc.CLOCK_SKEW_SECONDS * 2L);

        assertRefused(signed(claims(c -> c.expirationTime(Date.from(expired))
                .issueTime(Date.from(expired.minusSeconds(3600))))));
    }

    @Test
    void refuses_a_token_without_expiry() throws Exception {
        assertRefused(signed(claims(c -> c.expirationTime(null))));
    }

    @Test
    void refuses_a_token_not_yet_valid_beyond_the_clock_skew() throws Exception {
        Instant later = Instant.now().plusSeconds(Oidc.CLOCK_SKEW_SECONDS * 2L);

        assertRefused(signed(claims(c -> c.notBeforeTime(Date.from(later)))));
    }

    @Test
    void refuses_an_access_token() throws Exception {
        assertRefused(signed(claims(c -> c.claim("token_use", "access"))));
        assertRefused(signed(claims(c -> c.claim("token_use", null))));
    }

    @Test
    void refuses_a_token_of_another_sign_in() throws Exception {
        assertRefused(signed(claims(c -> c.claim("nonce", "nonce-of-another-sign-in"))));
    }

    @Test
    void refuses_a_token_without_nonce() throws Exception {
        assertRefused(signed(claims(c -> c.claim("nonce", null))));
    }

    @Test
    void refuses_a_token_without_subject() throws Exception {
        assertRefused(signed(claims(c -> c.subject(null))));
    }

    @Test
    void refuses_groups_that_are_not_a_list_of_names() throws Exception {
        assertRefused(signed(claims(c -> c.claim("cognito:groups", Map.of("admin", true)))));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Addresses
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void authorization_url_asks_for_the_code_flow_with_pkce_s256() {
        String verifier = Pkce.random();
        String state = Pkce.random();
        String nonce = Pkce.random();

        String url = oidc.authorizationUrl(state, verifier, nonce);

        assertThat(url).startsWith(LOGIN_BASE + "/oauth2/authorize?");
        Map<String, String> query = query(url);
        assertThat(query).containsOnlyKeys("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
                "code_challenge", "code_challenge_method");
        assertThat(query).containsEntry("response_type", "code")
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", REDIRECT)
                .containsEntry("state", state)
                .containsEntry("nonce", nonce)
                .containsEntry("code_challenge", Pkce.challenge(verifier))
                .containsEntry("code_challenge_method", "S256");
        assertThat(query.get("scope").split(" ")).contains("openid");
        assertThat(url).doesNotContain(verifier);
    }

    @Test
    void authorization_url_encodes_every_value() {
        Oidc odd = new Oidc(ISSUER, LOGIN_BASE, "client&x=1", "secret", "https://h.example/cb?a=1&b=2#f", LOGOUT,
                new ImmutableJWKSet<>(new JWKSet()));

        Map<String, String> query = query(odd.authorizationUrl("s&t=u", "v", "n o"));

        assertThat(query).containsEntry("client_id", "client&x=1")
                .containsEntry("redirect_uri", "https://h.example/cb?a=1&b=2#f")
                .containsEntry("state", "s&t=u")
                .containsEntry("nonce", "n o")
                .doesNotContainKeys("x", "b", "t");
    }

    @Test
    void logout_url_is_cognitos_logout_with_client_and_sign_out_address() {
        String url = oidc.logoutUrl();

        assertThat(url).startsWith(LOGIN_BASE + "/logout?");
        assertThat(query(url)).containsExactlyInAnyOrderEntriesOf(Map.of("client_id", CLIENT_ID, "logout_uri", LOGOUT));
    }

    // -------------------------------------------------------------------------------------------------------------

    /** The ID token Cognito issues for this client and this sign-in, valid for an hour from now. */
    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(CLIENT_ID)
                .subject("7f1c-sub")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("auth_time", now.getEpochSecond())
                .claim("token_use", "id")
                .claim("nonce", NONCE)
                .claim("cognito:username", "amt")
                .claim("cognito:groups", List.of("jugendamt", "admin"))
                .claim("name", "Erika Beispiel")
                .claim("email", "amt@example.org");
    }

    static JWTClaimsSet.Builder claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(claims());
    }

    static String signed(JWTClaimsSet.Builder claims) throws JOSEException {
        return signed(claims, PROVIDER_KEY, JWSAlgorithm.RS256);
    }

    static String signed(JWTClaimsSet.Builder claims, RSAKey key, JWSAlgorithm algorithm) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    void assertRefused(String token) {
        assertThatThrownBy(() -> oidc.verify(token, NONCE)).isInstanceOf(Oidc.SignInFailed.class);
    }

    static RSAKey rsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64url(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            assertThat(parameters).as("parameter %s given once", name).doesNotContainKey(name);
            parameters.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
