package de.fachkraftallianz.http;

import de.fachkraftallianz.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payload format 2.0 response: status, headers (lower-case names), Set-Cookie values, body. Every answer is
 * {@code cache-control: no-store} unless a handler says otherwise: these are personal or per-request pages.
 */
public record ApiResponse(int statusCode, Map<String, String> headers, List<String> cookies, String body) {

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, with("content-type", "application/json; charset=utf-8"), List.of(),
                Json.write(body));
    }

    public static ApiResponse html(int status, String page) {
        return new ApiResponse(status, with("content-type", "text/html; charset=utf-8"), List.of(), page);
    }

    public static ApiResponse seeOther(String location) {
        return new ApiResponse(303, with("location", location), List.of(), "");
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiResponse(statusCode, all, cookies, body);
    }

    /** Adds a Set-Cookie value ("name=value; attributes"). */
    public ApiResponse withCookie(String setCookie) {
        List<String> all = new ArrayList<>(cookies);
        all.add(setCookie);
        return new ApiResponse(statusCode, headers, List.copyOf(all), body);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, Object> toEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("statusCode", statusCode);
        event.put("headers", headers);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("cache-control", "no-store");
        headers.put(name, value);
        return headers;
    }
}
