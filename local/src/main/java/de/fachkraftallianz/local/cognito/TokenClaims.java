package de.fachkraftallianz.local.cognito;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;

import de.fachkraftallianz.local.cognito.LocalCognito.User;

/**
 * The claims of the ID and access tokens, shaped as Cognito shapes them for a sign-in through managed login
 * (no pre-token-generation trigger). Pure: the caller signs them.
 */
final class TokenClaims {

    /** ID and access tokens last an hour (Cognito's default for both). */
    static final Duration LIFETIME = Duration.ofHours(1);

    /**
     * One sign-in as the tokens describe it: who, when ({@code auth_time}), the authentication event
     * ({@code event_id}) and the family of tokens issued for it ({@code origin_jti}, kept when they are refreshed).
     */
    record SignIn(User user, Instant authTime, String eventId, String originJti) {
    }

    private TokenClaims() {
    }

    /** The access token: {@code client_id} and no {@code aud}, as Cognito issues it. */
    static JWTClaimsSet accessToken(String issuer, String clientId, SignIn signIn, String scope, Instant now) {
        return common(issuer, signIn, now)
                .claim("version", 2)
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .claim("scope", scope)
                .claim("username", signIn.user().username())
                .build();
    }

    /** The ID token; {@code nonce} only if the authorize request had one, {@code at_hash} of the access token. */
    static JWTClaimsSet idToken(String issuer, String clientId, SignIn signIn, String nonce, String accessToken,
                                Instant now) {
        User user = signIn.user();
        JWTClaimsSet.Builder claims = common(issuer, signIn, now)
                .audience(clientId)
                .claim("token_use", "id")
                .claim("cognito:username", user.username())
                .claim("name", user.name())
                .claim("email", user.email())
                .claim("email_verified", true)
                .claim("at_hash", atHash(accessToken));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return claims.build();
    }

    /** The left half of the access token's SHA-256, base64url (OpenID Connect Core, section 3.1.3.6). */
    static String atHash(String accessToken) {
        byte[] digest = Secrets.sha256(accessToken);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }

    private static JWTClaimsSet.Builder common(String issuer, SignIn signIn, Instant now) {
        Instant issued = Instant.ofEpochSecond(now.getEpochSecond());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(signIn.user().sub())
                .claim("origin_jti", signIn.originJti())
                .claim("event_id", signIn.eventId())
                .claim("auth_time", signIn.authTime().getEpochSecond())
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
        // Cognito leaves the claim out for a user in no group.
        if (!signIn.user().groups().isEmpty()) {
            claims.claim("cognito:groups", signIn.user().groups());
        }
        return claims;
    }
}
