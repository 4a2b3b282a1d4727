package de.fachkraftallianz.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one percent-decoder: form bodies and query strings ('+' is a space) and path segments ('+' stays), strict
 * (malformed escapes and invalid UTF-8 are refused) or lenient (a malformed escape stays as sent, as API Gateway
 * passes it on).
 */
public final class UrlEncoding {

    private UrlEncoding() {
    }

    /** Thrown by the strict decoders: a malformed escape or bytes that are not UTF-8. */
    public static final class MalformedException extends IllegalArgumentException {
        MalformedException(String message) {
            super(message, null);
        }
    }

    /** application/x-www-form-urlencoded: '+' is a space; anything malformed is refused. */
    public static String decodeFormStrict(String encoded) {
        return decode(encoded, true, true);
    }

    /** A query parameter as API Gateway decodes it: '+' is a space, a malformed escape stays as sent. */
    public static String decodeQueryLenient(String encoded) {
        return decode(encoded, true, false);
    }

    /** A path segment: '+' stays; a malformed escape or bytes that are not UTF-8 are refused. */
    public static String decodePathStrict(String encoded) {
        return decode(encoded, false, true);
    }

    /** A path segment: '+' stays, a malformed escape stays as sent. */
    public static String decodePathLenient(String encoded) {
        return decode(encoded, false, false);
    }

    private static String decode(String encoded, boolean plusIsSpace, boolean strict) {
        if (encoded.indexOf('%') < 0 && (!plusIsSpace || encoded.indexOf('+') < 0)) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()
                    && Character.digit(encoded.charAt(i + 1), 16) >= 0
                    && Character.digit(encoded.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(encoded, i + 1, i + 3, 16));
                i += 2;
            } else if (c == '%' && strict) {
                throw new MalformedException("malformed percent escape");
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return strict ? Utf8.decodeStrict(bytes.toByteArray()) : bytes.toString(StandardCharsets.UTF_8);
    }

    /** Strict UTF-8, both ways. */
    public static final class Utf8 {

        private Utf8() {
        }

        /** The text of these bytes, or a {@link MalformedException} if they are not UTF-8. */
        public static String decodeStrict(byte[] bytes) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new MalformedException("not UTF-8");
            }
        }

        /** Whether these bytes are valid UTF-8. */
        public static boolean isValid(byte[] bytes) {
            try {
                decodeStrict(bytes);
                return true;
            } catch (MalformedException e) {
                return false;
            }
        }

        /** The UTF-8 bytes of this text, or a {@link MalformedException} if it holds a lone surrogate. */
        public static byte[] encodeStrict(String text) {
            try {
                ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(java.nio.CharBuffer.wrap(text));
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (CharacterCodingException e) {
                throw new MalformedException("lone surrogate");
            }
        }
    }
}
