package de.fachkraftallianz.bench;

import de.fachkraftallianz.Env;
import de.fachkraftallianz.Json;
import de.fachkraftallianz.forms.ReservedFields;
import de.fachkraftallianz.http.HttpFunction;
import de.fachkraftallianz.submit.SubmitHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * What one cold start does, run in a fresh JVM by {@link Benchmark} with only the deployment jar (and this class)
 * on the class path. {@code bare}: build the SDK client and do one PutItem. {@code handler}: build the submit
 * handler from its environment and handle one valid submission event. Exits non-zero if the work failed.
 * Usage: {@code ColdStartProbe bare|handler <dynamodb endpoint> <table>}
 */
public final class ColdStartProbe {

    /** Stands in for the secret CloudFront adds on AWS (template.yaml's OriginVerifySecret). */
    static final String ORIGIN_SECRET = "benchmark-origin-secret";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[1];
        String table = args[2];
        String unique = UUID.randomUUID().toString();
        if (args[0].equals("bare")) {
            try (DynamoDbClient client = DynamoDbClient.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .region(Region.EU_CENTRAL_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .endpointOverride(URI.create(endpoint))
                    .build()) {
                client.putItem(PutItemRequest.builder().tableName(table).item(Map.of(
                        "pk", AttributeValue.fromS("BENCH#" + unique), "sk", AttributeValue.fromS("BENCH"),
                        "data", AttributeValue.fromS("one item"))).build());
            }
            return;
        }
        SubmitHandler handler = new SubmitHandler(new Env(Map.of(
                "TABLE_NAME", table, "RATE_LIMIT_PER_HOUR", "1000",
                "AWS_REGION", "eu-central-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "DYNAMODB_ENDPOINT", endpoint, HttpFunction.ORIGIN_SECRET_ENV, ORIGIN_SECRET)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event(unique)).getBytes(StandardCharsets.UTF_8)), out,
                null);
        Map<String, Object> response = Json.readObject(new ByteArrayInputStream(out.toByteArray()));
        if (!Integer.valueOf(201).equals(response.get("statusCode"))) {
            System.err.println("unexpected response " + response.get("statusCode"));
            System.exit(1);
        }
    }

    /** A payload 2.0 event as API Gateway sends it for the enhanced (JSON) form. */
    static Map<String, Object> event(String unique) {
        Map<String, Object> http = Map.of("method", "POST", "path", "/api/forms/beratungsangebot",
                "protocol", "HTTP/1.1", "sourceIp", "127.0.0.1", "userAgent", "bench");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", SubmitHandler.SUBMIT);
        event.put("rawPath", "/api/forms/beratungsangebot");
        event.put("rawQueryString", "");
        event.put("headers", Map.of("content-type", "application/json", "accept", "application/json",
                HttpFunction.ORIGIN_HEADER, ORIGIN_SECRET));
        event.put("requestContext", Map.of("http", http, "requestId", unique, "routeKey", "ANY /api/forms/{formId}",
                "stage", "$default"));
        event.put("pathParameters", Map.of("formId", "beratungsangebot"));
        event.put("body", Json.write(body(unique)));
        event.put("isBase64Encoded", false);
        return event;
    }

    /** A valid beratungsangebot submission, made unique by its offer name. */
    static Map<String, Object> body(String unique) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("traeger", "Beispielverein e. V.");
        body.put("angebot_name", "Sorgentelefon " + unique);
        body.put("anonym", "ja");
        body.put("kostenlos", "ja");
        body.put("kanaele", List.of("telefon"));
        body.put("telefon", "030 23125 456");
        body.put("erreichbarkeit", "Mo–Fr 10–16 Uhr");
        body.put("zielgruppen", List.of("jugendliche", "eltern-familien"));
        body.put("beschreibung", "Beratung am Telefon für Jugendliche und Eltern.");
        body.put("ansprechperson", "Erika Beispiel");
        body.put("email", "beratung@example.org");
        body.put("veroeffentlichung", "ja");
        body.put(ReservedFields.FILL_TIME, 45_000);
        return body;
    }
}
