package de.fachkraftallianz.submit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway HTTP API event (payload format 2.0) the handler uses. Header names arrive in lower
 * case; the body may be base64-encoded ({@code isBase64Encoded}).
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        byte[] body,
        String sourceIp,
        String requestId) {

    @SuppressWarnings("unchecked")
    public static ApiRequest fromEvent(Map<String, Object> event) {
        Map<String, Object> context = (Map<String, Object>) event.getOrDefault("requestContext", Map.of());
        Map<String, Object> http = (Map<String, Object>) context.getOrDefault("http", Map.of());
        Object body = event.get("body");
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(event.get("isBase64Encoded"))
                        ? Base64.getMimeDecoder().decode((String) body)
                        : ((String) body).getBytes(StandardCharsets.UTF_8);
        return new ApiRequest(
                String.valueOf(http.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT),
                String.valueOf(http.getOrDefault("path", event.getOrDefault("rawPath", "/"))),
                (Map<String, String>) event.getOrDefault("headers", Map.of()),
                (Map<String, String>) event.getOrDefault("pathParameters", Map.of()),
                (Map<String, String>) event.getOrDefault("queryStringParameters", Map.of()),
                bytes,
                String.valueOf(http.getOrDefault("sourceIp", "")),
                String.valueOf(context.getOrDefault("requestId", "")));
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The media type of the body without parameters, lower case, or "" if none was sent. */
    public String mediaType() {
        String type = header("content-type");
        return type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** The charset parameter of the content type, or null. */
    public String charset() {
        String type = header("content-type");
        if (type == null) {
            return null;
        }
        for (String parameter : type.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equalsIgnoreCase("charset")) {
                return pair[1].replace("\"", "").strip();
            }
        }
        return null;
    }

    /**
     * The visitor's address: behind CloudFront, sourceIp is an edge server, so CloudFront's own
     * CloudFront-Viewer-Address header ("ip:port", forwarded by the template's origin request policy) wins.
     */
    public String clientAddress() {
        String viewer = header("cloudfront-viewer-address");
        if (viewer != null && viewer.lastIndexOf(':') > 0) {
            return viewer.substring(0, viewer.lastIndexOf(':'));
        }
        return sourceIp;
    }

    /** True if the client asked for JSON (the enhanced form), false for the plain HTML form. */
    public boolean wantsJson() {
        String accept = header("accept");
        return mediaType().equals("application/json") || (accept != null && accept.contains("application/json"));
    }
}
