package de.fachkraftallianz.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jwt.JWTClaimsSet;

import de.fachkraftallianz.local.cognito.LocalCognito.User;

/** The pure parts of the local Cognito: PKCE, token claims, the sign-in page, parameters, the seeded users. */
class LocalCognitoTest {

    private static final String ISSUER = "http://127.0.0.1:9999/eu-central-1_Test1";
    private static final Instant AUTH_TIME = Instant.parse("2026-05-04T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-05-04T08:20:30.700Z");
    private static final User AMT = LocalCognito.DEFAULT_USERS.get(0);
    private static final TokenClaims.SignIn SIGN_IN = new TokenClaims.SignIn(AMT, AUTH_TIME, "event-1", "origin-1");

    // --- PKCE (RFC 7636, appendix B gives this pair) ---

    private static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void s256_turns_the_rfc_example_verifier_into_its_challenge() {
        assertThat(Pkce.s256(RFC_VERIFIER)).isEqualTo(RFC_CHALLENGE);
        assertThat(Pkce.matches(RFC_VERIFIER, RFC_CHALLENGE)).isTrue();
    }

    @Test
    void a_verifier_that_differs_in_one_character_does_not_match() {
        assertThat(Pkce.matches(RFC_VERIFIER.replace('X', 'Y'), RFC_CHALLENGE)).isFalse();
    }

    @Test
    void the_plain_method_never_matches_a_verifier_sent_as_its_own_challenge() {
        assertThat(Pkce.matches(RFC_CHALLENGE, RFC_CHALLENGE)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX k", "dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk"})
    void malformed_verifiers_never_match_even_with_their_own_digest(String verifier) {
        assertThat(Pkce.matches(verifier, Pkce.s256(verifier))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM"})
    void only_43_base64url_characters_are_an_s256_challenge(String challenge) {
        assertThat(Pkce.isChallenge(challenge)).isFalse();
        assertThat(Pkce.isChallenge(RFC_CHALLENGE)).isTrue();
    }

    // --- token claims ---

    @Test
    void at_hash_is_the_left_half_of_the_access_tokens_sha256_as_in_the_openid_example() {
        // OpenID Connect Core 1.0, appendix A.3.
        assertThat(TokenClaims.atHash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y")).isEqualTo("77QmUPtjPfzWtF2AnpK9RQ");
    }

    @Test
    void the_id_token_has_cognitos_claims_for_the_client_and_the_sign_in() throws Exception {
        JWTClaimsSet claims = TokenClaims.idToken(ISSUER, "office", SIGN_IN, "nonce-1", "access-token", NOW);

        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly("office");
        assertThat(claims.getSubject()).isEqualTo(AMT.sub());
        assertThat(claims.getStringClaim("token_use")).isEqualTo("id");
        assertThat(claims.getStringClaim("cognito:username")).isEqualTo("amt");
        assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("jugendamt");
        assertThat(claims.getStringClaim("email")).isEqualTo("amt@example.org");
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
        assertThat(claims.getStringClaim("name")).isEqualTo("Anna Amt (Beispiel)");
        assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-1");
        assertThat(claims.getStringClaim("event_id")).isEqualTo("event-1");
        assertThat(claims.getStringClaim("origin_jti")).isEqualTo("origin-1");
        assertThat(claims.getStringClaim("at_hash")).isEqualTo(TokenClaims.atHash("access-token"));
        assertThat(claims.getLongClaim("auth_time")).isEqualTo(AUTH_TIME.getEpochSecond());
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-05-04T08:20:30Z"));
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-05-04T09:20:30Z"));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void the_id_token_of_a_request_without_nonce_has_none_and_a_user_without_groups_no_groups_claim() {
        User noGroups = new User("x", "pw", "00000000-0000-4000-8000-000000000000", "X", "x@example.org", List.of());
        JWTClaimsSet claims = TokenClaims.idToken(ISSUER, "office",
                new TokenClaims.SignIn(noGroups, AUTH_TIME, "e", "o"), null, "access-token", NOW);
        assertThat(claims.getClaims()).doesNotContainKeys("nonce", "cognito:groups");
    }

    @Test
    void the_access_token_names_its_client_in_client_id_and_has_no_audience() throws Exception {
        JWTClaimsSet claims = TokenClaims.accessToken(ISSUER, "office", SIGN_IN, "openid email", NOW);

        assertThat(claims.getAudience()).isEmpty();
        assertThat(claims.getClaims()).doesNotContainKeys("aud", "email", "nonce");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("office");
        assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
        assertThat(claims.getStringClaim("scope")).isEqualTo("openid email");
        assertThat(claims.getStringClaim("username")).isEqualTo("amt");
        assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("jugendamt");
        assertThat(claims.getSubject()).isEqualTo(AMT.sub());
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000L);
        assertThat(claims.getJWTID()).isNotBlank();
    }

    // --- the sign-in page ---

    @Test
    void the_sign_in_page_escapes_what_it_writes_and_has_neither_script_nor_style() {
        String page = LoginPage.form("id\"><b>", "\"><script>alert(1)</script>", "<i>Fehler</i>");

        assertThat(page).contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .contains("value=\"id&quot;&gt;&lt;b&gt;\"")
                .contains("&lt;i&gt;Fehler&lt;/i&gt;")
                .doesNotContain("<script", "<b>", "<i>", "<style", "style=");
    }

    @Test
    void the_sign_in_page_is_a_german_form_with_labelled_fields_and_says_fehler_in_its_title_after_a_failure() {
        String fresh = LoginPage.form("id", "", null);
        assertThat(fresh).contains("<html lang=\"de\">", "<h1>Anmelden</h1>", "<form method=\"post\" action=\"/login\"",
                "<label for=\"username\">", "id=\"username\" name=\"username\"", "<label for=\"password\">",
                "id=\"password\" name=\"password\" type=\"password\"")
                .doesNotContain("Fehler", "role=\"alert\"");

        String failed = LoginPage.form("id", "amt", LoginPage.WRONG_CREDENTIALS);
        assertThat(failed).contains("<title>Fehler: Anmelden", "role=\"alert\"", LoginPage.WRONG_CREDENTIALS,
                "aria-invalid=\"true\"");
    }

    // --- parameters, secrets, users ---

    @Test
    void parameters_without_value_count_as_absent_and_a_parameter_given_twice_is_refused() {
        assertThat(LocalCognito.parameters("a=1&b=&c&d=x+y%C3%BC")).isEqualTo(Map.of("a", "1", "d", "x yü"));
        assertThatThrownBy(() -> LocalCognito.parameters("a=1&a=2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCognito.parameters("a=%E")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secrets_are_equal_only_when_they_are_the_same() {
        assertThat(Secrets.equal("geheim", "geheim")).isTrue();
        assertThat(Secrets.equal("geheim", "Geheim")).isFalse();
        assertThat(Secrets.equal("geheim", "geheim ")).isFalse();
    }

    @Test
    void the_seeded_users_are_fictitious_one_per_group_with_local_passwords_and_example_org_addresses() {
        assertThat(LocalCognito.DEFAULT_USERS).extracting(User::username).containsExactly("amt", "pkd", "admin");
        assertThat(LocalCognito.DEFAULT_USERS).extracting(User::groups)
                .containsExactly(List.of("jugendamt"), List.of("pflegekinderdienst"), List.of("admin"));
        assertThat(LocalCognito.DEFAULT_USERS).extracting(User::password)
                .containsExactly(LocalCognito.AMT_PASSWORD, LocalCognito.PKD_PASSWORD, LocalCognito.ADMIN_PASSWORD)
                .allSatisfy(password -> assertThat(password).contains("lokal"));
        assertThat(LocalCognito.DEFAULT_USERS).allSatisfy(user -> {
            assertThat(user.name()).endsWith("(Beispiel)");
            assertThat(user.email()).endsWith("@example.org");
            assertThat(user.toString()).doesNotContain(user.password());
        });
        assertThat(LocalCognito.DEFAULT_USERS).extracting(User::sub).doesNotHaveDuplicates();
    }

    @Test
    void a_client_without_secret_and_a_user_whose_sub_is_no_uuid_are_refused() {
        assertThatThrownBy(() -> new LocalCognito.Client("c", "", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new User("u", "p", "not-a-uuid", "U", "u@example.org", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new LocalCognito.Client("c", "s3cret", List.of("http://127.0.0.1/cb"), List.of()).toString())
                .doesNotContain("s3cret");
    }
}
