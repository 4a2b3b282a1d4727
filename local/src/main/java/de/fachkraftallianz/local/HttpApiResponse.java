package de.fachkraftallianz.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

/**
 * A Lambda's answer read the way API Gateway's HTTP API reads payload format 2.0: a JSON object with statusCode
 * gives status, headers (plus multiValueHeaders), cookies (each a Set-Cookie header), body and isBase64Encoded;
 * any other valid JSON becomes a 200 with content-type application/json and that JSON as body.
 *
 * @param headers lower-case names
 */
public record HttpApiResponse(int statusCode, Map<String, List<String>> headers, byte[] body) {

    /** Thrown for output API Gateway cannot use; it answers 502 then. */
    public static final class MalformedResponse extends Exception {
        MalformedResponse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static HttpApiResponse parse(byte[] output) throws MalformedResponse {
        Object value;
        try {
            value = JSON.std.anyFrom(output);
        } catch (IOException e) {
            throw new MalformedResponse("The handler's output is not JSON", e);
        }
        if (value == null && output.length == 0) {
            throw new MalformedResponse("The handler wrote no output", null);
        }
        if (!(value instanceof Map<?, ?> map) || !map.containsKey("statusCode")) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("content-type", List.of("application/json"));
            return new HttpApiResponse(200, headers, output);
        }
        try {
            int status = ((Number) map.get("statusCode")).intValue();
            if (status < 100 || status > 599) {
                throw new MalformedResponse("statusCode " + status + " is not an HTTP status", null);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            if (map.get("headers") instanceof Map<?, ?> single) {
                single.forEach((name, v) -> add(headers, name, v));
            }
            if (map.get("multiValueHeaders") instanceof Map<?, ?> multi) {
                multi.forEach((name, values) -> {
                    if (values instanceof List<?> list) {
                        list.forEach(v -> add(headers, name, v));
                    }
                });
            }
            if (map.get("cookies") instanceof List<?> cookies) {
                cookies.forEach(cookie -> add(headers, "set-cookie", cookie));
            }
            byte[] body = new byte[0];
            if (map.get("body") instanceof String text) {
                body = Boolean.TRUE.equals(map.get("isBase64Encoded"))
                        ? Base64.getDecoder().decode(text)
                        : text.getBytes(StandardCharsets.UTF_8);
            }
            return new HttpApiResponse(status, headers, body);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new MalformedResponse("The handler's response does not follow payload format 2.0", e);
        }
    }

    private static void add(Map<String, List<String>> headers, Object name, Object value) {
        if (name != null && value != null) {
            headers.computeIfAbsent(name.toString().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(value.toString());
        }
    }
}
