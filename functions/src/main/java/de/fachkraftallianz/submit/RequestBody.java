package de.fachkraftallianz.submit;

import de.fachkraftallianz.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a form submission body, URL-encoded (the plain HTML form) or JSON (the enhanced form), into field name →
 * values. Anything that is not a well-formed body of that kind is a {@link MalformedBodyException}.
 */
public final class RequestBody {

    /** More distinct fields than any form has, with room to spare. */
    static final int MAX_FIELDS = 200;

    private RequestBody() {
    }

    public static Map<String, List<String>> parseUrlEncoded(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String text = utf8(body);
        if (text.isEmpty()) {
            return fields;
        }
        try {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] parts = pair.split("=", 2);
                add(fields, decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedBodyException("bad percent-encoding");
        }
        return fields;
    }

    /** Percent-decoding that refuses invalid UTF-8 instead of replacing it. */
    private static String decode(String encoded) {
        String latin1 = URLDecoder.decode(encoded, StandardCharsets.ISO_8859_1);
        return utf8(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Map<String, List<String>> parseJson(byte[] body) {
        Object parsed;
        try {
            // Jackson rejects malformed UTF-8 itself (a parse exception).
            parsed = Json.read(body);
        } catch (IOException e) {
            throw new MalformedBodyException("invalid JSON");
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            throw new MalformedBodyException("JSON body is not an object");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String name = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (value instanceof List<?> list) {
                fields.computeIfAbsent(name, k -> new ArrayList<>());
                for (Object item : list) {
                    add(fields, name, scalar(item));
                }
            } else if (value != null) {
                add(fields, name, scalar(value));
            }
        }
        return fields;
    }

    private static String scalar(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new MalformedBodyException("JSON values must be strings, numbers, booleans or lists of them");
    }

    private static void add(Map<String, List<String>> fields, String name, String value) {
        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        if (fields.size() > MAX_FIELDS) {
            throw new MalformedBodyException("too many fields");
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("body is not UTF-8");
        }
    }

    /** The body could not be read as a form submission; the message is for logs, not for visitors. */
    public static final class MalformedBodyException extends RuntimeException {
        public MalformedBodyException(String message) {
            super(message, null, false, false);
        }
    }
}
