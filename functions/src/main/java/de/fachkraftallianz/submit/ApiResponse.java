package de.fachkraftallianz.submit;

import de.fachkraftallianz.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** A payload format 2.0 response: status, headers, body. */
public record ApiResponse(int statusCode, Map<String, String> headers, String body) {

    private static final Map<String, String> NO_STORE = Map.of("cache-control", "no-store");

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, with("content-type", "application/json; charset=utf-8"), Json.write(body));
    }

    public static ApiResponse html(int status, String page) {
        return new ApiResponse(status, with("content-type", "text/html; charset=utf-8"), page);
    }

    public static ApiResponse seeOther(String location) {
        return new ApiResponse(303, with("location", location), "");
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiResponse(statusCode, all, body);
    }

    public Map<String, Object> toEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("statusCode", statusCode);
        event.put("headers", headers);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(NO_STORE);
        headers.put(name, value);
        return headers;
    }
}
