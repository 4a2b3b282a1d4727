package de.fachkraftallianz.bench;

import de.fachkraftallianz.Env;
import de.fachkraftallianz.Json;
import de.fachkraftallianz.http.HttpFunction;
import de.fachkraftallianz.office.OfficeHandler;
import de.fachkraftallianz.office.auth.Cookies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The office's cold start, run in a fresh JVM by {@link Benchmark} with only the office's deployment jar (and this
 * class) on the class path: build the office handler from its environment and answer one request for a submission's
 * page with a valid session (the session's GetItem, the submission's GetItem, the staff Query, the page rendered).
 * Exits non-zero unless the page came back. Usage: {@code OfficeColdStartProbe <endpoint> <table> <session> <reference>}
 */
public final class OfficeColdStartProbe {

    private OfficeColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String table = args[1];
        String session = args[2];
        String reference = args[3];
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TABLE_NAME", table);
        env.put("AWS_REGION", "eu-central-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("DYNAMODB_ENDPOINT", endpoint);
        env.put(HttpFunction.ORIGIN_SECRET_ENV, ColdStartProbe.ORIGIN_SECRET);
        env.put("SITE_URL", "http://127.0.0.1:1");
        env.put("OIDC_ISSUER", "http://127.0.0.1:1/pool");
        env.put("OIDC_LOGIN_BASE", "http://127.0.0.1:1");
        env.put("OIDC_CLIENT_ID", "bench");
        env.put("OIDC_CLIENT_SECRET", "bench");
        OfficeHandler handler = new OfficeHandler(new Env(env));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event(session, reference))
                .getBytes(StandardCharsets.UTF_8)), out, null);
        Map<String, Object> response = Json.readObject(new ByteArrayInputStream(out.toByteArray()));
        if (!Integer.valueOf(200).equals(response.get("statusCode"))) {
            System.err.println("unexpected response " + response.get("statusCode"));
            System.exit(1);
        }
    }

    /** A payload 2.0 event for GET /intern/vorgang/{reference} with the session cookie. */
    static Map<String, Object> event(String session, String reference) {
        String path = "/intern/vorgang/" + reference;
        Map<String, Object> http = Map.of("method", "GET", "path", path, "protocol", "HTTP/1.1",
                "sourceIp", "127.0.0.1", "userAgent", "bench");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", OfficeHandler.CASE);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.put("cookies", List.of(Cookies.SESSION + "=" + session));
        event.put("headers", Map.of("accept", "text/html", HttpFunction.ORIGIN_HEADER, ColdStartProbe.ORIGIN_SECRET));
        event.put("requestContext", Map.of("http", http, "requestId", UUID.randomUUID().toString(),
                "routeKey", OfficeHandler.CASE, "stage", "$default"));
        event.put("pathParameters", Map.of("reference", reference));
        event.put("isBase64Encoded", false);
        return event;
    }
}
