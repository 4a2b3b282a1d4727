package de.fachkraftallianz.submit;

import de.fachkraftallianz.Json;
import de.fachkraftallianz.http.UrlEncoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a form submission body, URL-encoded (the plain HTML form) or JSON (an API client), into field name →
 * values. Anything that is not a well-formed body of that kind is a {@link MalformedBodyException}: bytes that are
 * not UTF-8, malformed escapes, and in JSON a key given twice (which a URL-encoded body may only do for the values
 * of one check box group, a list in JSON).
 */
public final class RequestBody {

    /** More distinct fields than any form has, with room to spare. */
    static final int MAX_FIELDS = 200;

    private RequestBody() {
    }

    public static Map<String, List<String>> parseUrlEncoded(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        try {
            String text = UrlEncoding.Utf8.decodeStrict(body);
            if (text.isEmpty()) {
                return fields;
            }
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                add(fields, UrlEncoding.decodeFormStrict(equals < 0 ? pair : pair.substring(0, equals)),
                        equals < 0 ? "" : UrlEncoding.decodeFormStrict(pair.substring(equals + 1)));
            }
        } catch (UrlEncoding.MalformedException e) {
            throw new MalformedBodyException(e.getMessage());
        }
        return fields;
    }

    public static Map<String, List<String>> parseJson(byte[] body) {
        Object parsed;
        try {
            // Jackson rejects malformed UTF-8 and (Json's strict mode) a key given twice: parse exceptions.
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

    /** The body could not be read as a form submission; the message is for logs, not for visitors. */
    public static final class MalformedBodyException extends RuntimeException {
        public MalformedBodyException(String message) {
            super(message, null, false, false);
        }
    }
}
