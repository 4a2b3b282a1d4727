package de.fachkraftallianz.local.cognito;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

/** PKCE (RFC 7636) with the one method Cognito accepts, S256; {@code plain} is never a match. */
final class Pkce {

    /** 43 to 128 unreserved characters (RFC 7636, section 4.1). */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** An S256 challenge: a SHA-256 digest in base64url without padding, always 43 characters. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Pkce() {
    }

    static boolean isChallenge(String challenge) {
        return challenge != null && CHALLENGE.matcher(challenge).matches();
    }

    /** BASE64URL(SHA256(ASCII(verifier))). */
    static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.sha256(verifier));
    }

    /** Whether the verifier is well-formed and its S256 digest is the challenge (compared in constant time). */
    static boolean matches(String verifier, String challenge) {
        return verifier != null && VERIFIER.matcher(verifier).matches() && isChallenge(challenge)
                && MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                        challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
