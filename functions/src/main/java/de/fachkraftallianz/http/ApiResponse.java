package de.fachkraftallianz.http;

import de.fachkraftallianz.Json;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payload format 2.0 response: status, headers (lower-case names), Set-Cookie values, body. Every answer is
 * {@code cache-control: no-store} unless a handler says otherwise: these are personal or per-request pages.
 *
 * @param stream null, or a body written straight into the response as it is produced ({@link #streamed}): the
 *               function's memory does not grow with its length
 */
public record ApiResponse(int statusCode, Map<String, String> headers, List<String> cookies, String body,
                          BodyStream stream) {

    /** Writes a body of any length to the response, piece by piece. */
    @FunctionalInterface
    public interface BodyStream {
        void writeTo(OutputStream out) throws IOException;
    }

    public ApiResponse(int statusCode, Map<String, String> headers, List<String> cookies, String body) {
        this(statusCode, headers, cookies, body, null);
    }

    /**
     * A body written as it is produced, gzip-compressed (the response says {@code content-encoding: gzip}; every
     * browser unpacks it) and base64-encoded into the event on the fly, as API Gateway expects binary bodies: a long
     * export stays small enough for Lambda's response limit and never sits in memory whole.
     */
    public static ApiResponse streamed(int status, String contentType, BodyStream stream) {
        Map<String, String> headers = with("content-type", contentType);
        headers.put("content-encoding", "gzip");
        return new ApiResponse(status, headers, List.of(), null, stream);
    }

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
        return new ApiResponse(statusCode, all, cookies, body, stream);
    }

    /** Adds a Set-Cookie value ("name=value; attributes"). */
    public ApiResponse withCookie(String setCookie) {
        List<String> all = new ArrayList<>(cookies);
        all.add(setCookie);
        return new ApiResponse(statusCode, headers, List.copyOf(all), body, stream);
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

    /**
     * Writes the payload 2.0 event to {@code output}: at once, or for a streamed body, the event's head, then the
     * body gzip-compressed and base64-encoded as it is produced, then the event's end.
     */
    public void writeEvent(OutputStream output) throws IOException {
        if (stream == null) {
            Json.write(toEvent(), output);
            return;
        }
        Map<String, Object> event = toEvent();
        event.remove("body");
        event.put("isBase64Encoded", true);
        String head = Json.write(event);
        output.write((head.substring(0, head.length() - 1) + ",\"body\":\"").getBytes(StandardCharsets.UTF_8));
        OutputStream base64 = Base64.getEncoder().wrap(new FilterOutputStream(output) {
            @Override
            public void close() throws IOException {
                flush();
            }
        });
        // The fastest compression: most of the gain at a fraction of the time (CSV text packs well at any level).
        try (GZIPOutputStream gzip = new GZIPOutputStream(base64, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            stream.writeTo(gzip);
        }
        output.write("\"}".getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("cache-control", "no-store");
        headers.put(name, value);
        return headers;
    }
}
