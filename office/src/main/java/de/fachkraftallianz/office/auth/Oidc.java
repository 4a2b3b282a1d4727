package de.fachkraftallianz.office.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import de.fachkraftallianz.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The office's side of OpenID Connect with Amazon Cognito's managed login (locally: the Cognito-shaped provider of
 * the local stack; the code is the same, only the addresses differ): the authorization-code flow with PKCE (S256)
 * for a confidential client, the code exchanged at the token endpoint with the client secret, and the ID token
 * verified with nimbus-jose-jwt: RS256 signature against the provider's published keys (JWKS, fetched once and
 * cached), issuer, audience, expiry, {@code token_use} and the nonce of this sign-in. The tokens are not kept: the
 * office's own session (in the table) is what a signed-in browser has. Every call has a time limit.
 *
 * @param issuer      e.g. https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc
 * @param loginBase   the managed-login domain, e.g. https://fachkraftallianz.auth.eu-central-1.amazoncognito.com
 * @param redirectUri the office's callback, registered with the client
 * @param logoutUri   where the provider sends the browser after sign-out, registered with the client
 */
public final class Oidc {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(4);
    /** The provider's clock and ours may differ a little. */
    static final int CLOCK_SKEW_SECONDS = 60;

    private final String issuer;
    private final String loginBase;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private final String logoutUri;
    private final DefaultJWTProcessor<SecurityContext> idTokens;

    public Oidc(String issuer, String loginBase, String clientId, String clientSecret, String redirectUri,
            String logoutUri) {
        this(issuer, loginBase, clientId, clientSecret, redirectUri, logoutUri, publishedKeys(issuer));
    }

    /**
     * With the provider's keys given instead of fetched from {@code {issuer}/.well-known/jwks.json}: for tests, which
     * sign their own tokens without a network. Everything else, verification included, is the same.
     */
    public Oidc(String issuer, String loginBase, String clientId, String clientSecret, String redirectUri,
            String logoutUri, JWKSource<SecurityContext> keys) {
        this.issuer = issuer;
        this.loginBase = loginBase;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
        this.logoutUri = logoutUri;
        idTokens = new DefaultJWTProcessor<>();
        idTokens.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "id").build(),
                new HashSet<>(List.of("sub", "exp", "iat", "nonce")));
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        idTokens.setJWTClaimsSetVerifier(claims);
    }

    /** The provider's published keys, fetched on first use and cached, every fetch with a time limit. */
    private static JWKSource<SecurityContext> publishedKeys(String issuer) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(issuer + "/.well-known/jwks.json").toURL(),
                            new DefaultResourceRetriever((int) CONNECT_TIMEOUT.toMillis(), (int) READ_TIMEOUT.toMillis(),
                                    64 * 1024))
                    .build();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("issuer is not a URL: " + issuer, e);
        }
    }

    /** Where the browser goes to sign in. */
    public String authorizationUrl(String state, String codeVerifier, String nonce) {
        return loginBase + "/oauth2/authorize?response_type=code&client_id=" + encode(clientId)
                + "&redirect_uri=" + encode(redirectUri) + "&scope=" + encode("openid email profile")
                + "&state=" + encode(state) + "&nonce=" + encode(nonce)
                + "&code_challenge=" + encode(Pkce.challenge(codeVerifier)) + "&code_challenge_method=S256";
    }

    /** Where the browser goes to end the provider's own session too, and from there to the signed-out page. */
    public String logoutUrl() {
        return loginBase + "/logout?client_id=" + encode(clientId) + "&logout_uri=" + encode(logoutUri);
    }

    /** The person who signed in. */
    public record Identity(String subject, String username, String name, String email, List<String> groups) {
    }

    /** Refused: the code, the token or the provider's answer is not what a genuine sign-in gives. */
    public static final class SignInFailed extends Exception {
        public SignInFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Exchanges the code (with this sign-in's PKCE verifier) and verifies the ID token it returns. */
    public Identity signIn(String code, String codeVerifier, String nonce) throws SignInFailed {
        String idToken = exchange(code, codeVerifier);
        return verify(idToken, nonce);
    }

    /**
     * Verifies an ID token: signature (RS256, a key of the provider's JWKS), issuer, audience (this client only),
     * {@code token_use}, expiry, nonce.
     */
    public Identity verify(String idToken, String nonce) throws SignInFailed {
        JWTClaimsSet claims;
        try {
            claims = idTokens.process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new SignInFailed("ID token refused: " + e.getMessage(), e);
        }
        if (!claims.getAudience().equals(List.of(clientId))) {
            // OpenID Connect Core 3.1.3.7: refused if it also names audiences this client does not trust.
            throw new SignInFailed("ID token refused: issued for further audiences", null);
        }
        if (!nonce.equals(claims.getClaim("nonce"))) {
            throw new SignInFailed("ID token refused: nonce does not match this sign-in", null);
        }
        List<String> groups = new ArrayList<>();
        try {
            List<String> claimed = claims.getStringListClaim("cognito:groups");
            if (claimed != null) {
                groups.addAll(claimed);
            }
            String username = claims.getStringClaim("cognito:username");
            String name = claims.getStringClaim("name");
            return new Identity(claims.getSubject(), username == null ? claims.getSubject() : username,
                    name == null ? (username == null ? claims.getSubject() : username) : name,
                    claims.getStringClaim("email"), List.copyOf(groups));
        } catch (ParseException e) {
            throw new SignInFailed("ID token refused: " + e.getMessage(), e);
        }
    }

    private String exchange(String code, String codeVerifier) throws SignInFailed {
        String body = "grant_type=authorization_code&client_id=" + encode(clientId) + "&code=" + encode(code)
                + "&redirect_uri=" + encode(redirectUri) + "&code_verifier=" + encode(codeVerifier);
        String basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(loginBase + "/oauth2/token").toURL().openConnection();
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("Authorization", "Basic " + basic);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                Map<String, Object> answer = in == null ? Map.of() : Json.readObject(in);
                if (status != 200 || !(answer.get("id_token") instanceof String idToken)) {
                    throw new SignInFailed("token endpoint answered " + status + " " + answer.get("error"), null);
                }
                return idToken;
            }
        } catch (IOException e) {
            throw new SignInFailed("token endpoint not reachable in time: " + e.getClass().getSimpleName(), e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public String issuer() {
        return issuer;
    }
}
