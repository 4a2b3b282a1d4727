package de.fachkraftallianz.local;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.fachkraftallianz.http.MediaType;
import de.fachkraftallianz.http.UrlEncoding;

/**
 * Builds the event API Gateway's HTTP API sends to a Lambda integration with payload format 2.0, field by field as
 * AWS does: lower-case header names, repeated headers and query parameters comma-joined, the Cookie header moved
 * into {@code cookies}, the x-forwarded-* and trace headers API Gateway adds, and the body base64-encoded unless
 * its content type is text (text/*, application/json, application/xml, application/javascript) and the bytes are
 * UTF-8. A form post (application/x-www-form-urlencoded) therefore arrives base64-encoded, as on AWS, and bytes
 * that are not UTF-8 arrive base64-encoded too: the handler always gets exactly the bytes the client sent.
 */
public final class HttpApiEvent {

    /** The request as the gateway received it. Header names in any case; {@code rawQuery} without '?', or null. */
    public record Request(String method, String rawPath, String rawQuery, String protocol,
                          Map<String, List<String>> headers, byte[] body, String sourceIp, int serverPort,
                          Instant time) {
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private HttpApiEvent() {
    }

    /** The event as a JSON-ready map, fields in the order AWS writes them. */
    public static Map<String, Object> of(Request request, HttpApiRoute route, Map<String, String> pathParameters,
                                         String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        headers.merge("x-forwarded-for", request.sourceIp(), (client, peer) -> client + ", " + peer);
        headers.put("x-forwarded-port", Integer.toString(request.serverPort()));
        headers.put("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", traceId(request.time()));
        String host = headers.getOrDefault("host", "127.0.0.1:" + request.serverPort());

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        Map<String, String> query = queryStringParameters(request.rawQuery());
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }

        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "local");
        context.put("apiId", "local");
        context.put("domainName", host);
        context.put("domainPrefix", domainPrefix(host));
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", TIME.format(request.time()));
        context.put("timeEpoch", request.time().toEpochMilli());
        event.put("requestContext", context);

        byte[] body = request.body();
        boolean base64 = false;
        if (body != null && body.length > 0) {
            base64 = !MediaType.parse(headers.get("content-type")).isText() || !UrlEncoding.Utf8.isValid(body);
            event.put("body", base64
                    ? Base64.getEncoder().encodeToString(body)
                    : new String(body, StandardCharsets.UTF_8));
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("isBase64Encoded", base64);
        return event;
    }

    /** An id shaped like API Gateway's (16 characters of base64). */
    public static String newRequestId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Decoded names and values; a name repeated gives its values comma-joined. */
    static Map<String, String> queryStringParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = UrlEncoding.decodeQueryLenient(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : UrlEncoding.decodeQueryLenient(pair.substring(equals + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String domainPrefix(String host) {
        String hostname = host.startsWith("[") ? host : host.split(":", 2)[0];
        int dot = hostname.indexOf('.');
        return dot < 0 ? hostname : hostname.substring(0, dot);
    }

    private static String traceId(Instant time) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "Root=1-" + Long.toHexString(time.getEpochSecond()) + "-" + HexFormat.of().formatHex(bytes);
    }
}
