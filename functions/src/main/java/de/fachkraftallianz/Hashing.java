package de.fachkraftallianz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one hash this code uses (references, content identity, rate-limit keys). */
public final class Hashing {

    private Hashing() {
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The first {@code bytes} bytes of the SHA-256 of the text, in hex. */
    public static String sha256Hex(String text, int bytes) {
        return HexFormat.of().formatHex(sha256(text), 0, bytes);
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text, 32);
    }
}
