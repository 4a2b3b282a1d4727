package de.fachkraftallianz.http;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as API Gateway's HTTP API hands it to a function (payload format 2.0): the route key it matched,
 * header names in lower case, cookies as "name=value" strings, the body as the bytes the client sent.
 */
public record ApiRequest(
        String routeKey,
        String method,
        String path,
        Map<String, String> headers,
        List<String> cookies,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        byte[] body,
        String sourceIp,
        String requestId) {

    /** The event cannot be read as a request (a body flagged base64 that is not, text that is not Unicode). */
    public static final class MalformedRequestException extends RuntimeException {
        MalformedRequestException(String message) {
            super(message, null, false, false);
        }
    }

    @SuppressWarnings("unchecked")
    public static ApiRequest fromEvent(Map<String, Object> event) {
        Map<String, Object> context = map(event.get("requestContext"));
        Map<String, Object> http = map(context.get("http"));
        List<String> cookies = new ArrayList<>();
        if (event.get("cookies") instanceof List<?> list) {
            for (Object cookie : list) {
                cookies.add(String.valueOf(cookie));
            }
        }
        String routeKey = String.valueOf(event.getOrDefault("routeKey", context.getOrDefault("routeKey", "$default")));
        return new ApiRequest(
                routeKey,
                String.valueOf(http.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT),
                String.valueOf(http.getOrDefault("path", event.getOrDefault("rawPath", "/"))),
                (Map<String, String>) (Map<String, ?>) map(event.get("headers")),
                List.copyOf(cookies),
                (Map<String, String>) (Map<String, ?>) map(event.get("pathParameters")),
                (Map<String, String>) (Map<String, ?>) map(event.get("queryStringParameters")),
                body(event),
                String.valueOf(http.getOrDefault("sourceIp", "")),
                String.valueOf(context.getOrDefault("requestId", "")));
    }

    /**
     * The bytes the client sent: base64-decoded when the event says so (strictly: a body that is not base64 is
     * malformed), else the text's UTF-8 (a lone surrogate, which no valid UTF-8 body can produce, is malformed).
     */
    private static byte[] body(Map<String, Object> event) {
        Object body = event.get("body");
        if (body == null) {
            return new byte[0];
        }
        if (!(body instanceof String text)) {
            throw new MalformedRequestException("body is not a string");
        }
        if (Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("body flagged base64 is not base64");
            }
        }
        try {
            return UrlEncoding.Utf8.encodeStrict(text);
        } catch (UrlEncoding.MalformedException e) {
            throw new MalformedRequestException("body is not Unicode text");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public String queryParameter(String name) {
        return queryParameters.get(name);
    }

    /** The value of the first cookie of that name, or null. */
    public String cookie(String name) {
        for (String cookie : cookies) {
            int equals = cookie.indexOf('=');
            if (equals > 0 && cookie.substring(0, equals).strip().equals(name)) {
                return cookie.substring(equals + 1).strip();
            }
        }
        return null;
    }

    public MediaType mediaType() {
        return MediaType.parse(header("content-type"));
    }

    /** True if the client asked for JSON (a script or API client), false for a browser that wants a page. */
    public boolean wantsJson() {
        String accept = header("accept");
        boolean acceptsJson = accept != null && accept.contains("application/json") && !accept.contains("text/html");
        return acceptsJson || mediaType().is("application/json");
    }
}
