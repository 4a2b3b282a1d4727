package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.forms.ReservedFields;
import de.fachkraftallianz.store.SubmissionMapper;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The submit function through the local gateway (real payload 2.0 events) against dynalite (the real AWS SDK):
 * what is stored, what is not, and what the visitor is told.
 */
class SubmitIT {

    private static final FormCatalog FORMS = FormCatalog.load();
    private static LocalStack stack;
    private static DynamoDbClient dynamoDb;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final LocalDate today = LocalDate.now(Validator.ZONE);

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalStack.Options.defaults().withEnv("RATE_LIMIT_PER_HOUR", "1000"));
        dynamoDb = stack.dynamoDb();
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @BeforeEach
    void emptyTable() {
        dynamoDb.scan(b -> b.tableName(stack.tableName())).items().forEach(item -> dynamoDb.deleteItem(b -> b
                .tableName(stack.tableName())
                .key(Map.of(TableKeys.PK, item.get(TableKeys.PK), TableKeys.SK, item.get(TableKeys.SK)))));
    }

    static List<String> formIds() {
        return FormCatalog.FORM_IDS;
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void a_browser_reviews_then_sends_and_the_confirmation_carries_the_stored_reference(String formId) throws Exception {
        String answers = Samples.urlEncoded(Samples.values(formId, today));
        HttpResponse<String> review = post(formId, "application/x-www-form-urlencoded", answers, "text/html");
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.body()).contains("Angaben prüfen");
        assertThat(storedCount()).as("nothing stored for the review").isZero();

        HttpResponse<String> response = send(formId, answers);
        assertThat(response.statusCode()).isEqualTo(200);
        String reference = referenceIn(response.body());
        assertThat(response.body()).contains("Ihre Angaben</h2>");

        Map<String, AttributeValue> item = item(reference);
        assertThat(item.get("status").s()).isEqualTo("NEW");
        assertThat(item.get("formId").s()).isEqualTo(formId);
        assertThat(item.get(TableKeys.GSI1_PK).s()).isEqualTo("FORM#" + formId);
        assertThat(item).as("no expiry while the office has not closed it").doesNotContainKey(TableKeys.TTL_ATTRIBUTE);

        HttpResponse<String> thanks = get("/api/forms/" + formId + "/danke?ref=" + reference);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains(reference).contains("<main");
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void a_json_post_is_stored_and_answered_with_201_and_the_reference(String formId) throws Exception {
        HttpResponse<String> response = post(formId, "application/json", Samples.json(formId, today), "application/json");
        assertThat(response.statusCode()).isEqualTo(201);
        String reference = (String) JSON.std.mapFrom(response.body()).get("reference");
        assertThat(item(reference)).isNotEmpty();
        assertThat(storedCount()).isEqualTo(1);
    }

    @Test
    void the_office_finds_submissions_by_form_and_by_status_newest_first_without_a_scan() throws Exception {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, List<String>> values = new LinkedHashMap<>(Samples.values("beratungsangebot", today));
            values.put("angebot_name", List.of("Angebot " + i));
            references.add(referenceIn(send("beratungsangebot", Samples.urlEncoded(values)).body()));
            Thread.sleep(5);
        }
        post("angebot-traeger", "application/json", Samples.json("angebot-traeger", today), "application/json");

        QueryResponse byForm = dynamoDb.query(b -> b.tableName(stack.tableName()).indexName(TableKeys.GSI_BY_FORM)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("FORM#beratungsangebot")))
                .scanIndexForward(false));
        assertThat(byForm.items()).extracting(i -> i.get("reference").s())
                .containsExactly(references.get(2), references.get(1), references.get(0));

        QueryResponse byStatus = dynamoDb.query(b -> b.tableName(stack.tableName())
                .indexName(TableKeys.GSI_BY_FORM_STATUS).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TableKeys.GSI2_PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("FORM#beratungsangebot#NEW")))
                .scanIndexForward(false));
        assertThat(byStatus.items()).hasSize(3);
        assertThat(byStatus.items().get(0)).as("the status index carries the inbox's columns, not the answers")
                .containsKeys("status", "createdAt", "formId").doesNotContainKey("data");
        assertThat(byStatus.items().get(0).get("reference").s()).isEqualTo(references.get(2));
    }

    @Test
    void a_double_click_retry_or_reload_creates_one_record_with_the_same_reference() throws Exception {
        String body = Samples.urlEncoded(Samples.values("bedarf-einrichtung", today));
        String first = referenceIn(send("bedarf-einrichtung", body).body());
        String second = referenceIn(send("bedarf-einrichtung", body).body());
        String json = (String) JSON.std.mapFrom(post("bedarf-einrichtung", "application/json",
                Samples.json("bedarf-einrichtung", today), "application/json").body()).get("reference");
        assertThat(second).isEqualTo(first).isEqualTo(json);
        assertThat(storedCount()).isEqualTo(1);
    }

    @Test
    void a_reference_held_by_other_content_is_never_overwritten() throws Exception {
        FormDefinition form = FORMS.find("angebot-traeger").orElseThrow();
        Map<String, List<String>> values = new Validator(Clock.systemUTC())
                .validate(form, Samples.values(form.id(), today)).values();
        String taken = References.derive(References.contentHash(form, today, values), 0);
        Submission other = new Submission(taken, form.id(), Status.NEW, Instant.now(), Instant.now(),
                "other content", Map.of("traeger", List.of("Anderer Träger")), null);
        dynamoDb.putItem(b -> b.tableName(stack.tableName()).item(SubmissionMapper.toItem(other, "other-write")));

        HttpResponse<String> response = post(form.id(), "application/json", Samples.json(form.id(), today), "application/json");

        String reference = (String) JSON.std.mapFrom(response.body()).get("reference");
        assertThat(reference).isNotEqualTo(taken);
        assertThat(item(taken).get("data").m().get("traeger").s()).isEqualTo("Anderer Träger");
        assertThat(storedCount()).isEqualTo(2);
    }

    /** Every refusal through the gateway, one case each: its status, a German answer, nothing stored. */
    static Stream<Arguments> refusals() throws Exception {
        String valid = Samples.json("bedarf-einrichtung", LocalDate.now(Validator.ZONE));
        // The valid sample with one value that is not UTF-8: if the bytes were turned into U+FFFD on the way, it would
        // be stored; they must be refused.
        String marked = valid.replaceFirst("\"ort\"\\s*:\\s*\"[^\"]*\"", "\"ort\":\"P@@(\"");
        byte[] markedBytes = marked.getBytes(StandardCharsets.UTF_8);
        int at = marked.indexOf("@@");
        byte[] notUtf8 = new byte[markedBytes.length - 1];
        System.arraycopy(markedBytes, 0, notUtf8, 0, at);
        notUtf8[at] = (byte) 0xC3;
        System.arraycopy(markedBytes, at + 2, notUtf8, at + 1, markedBytes.length - at - 2);
        return Stream.of(
                Arguments.of("unknown form", 404, request("POST", "/api/forms/gibt-es-nicht", "application/json", valid)),
                Arguments.of("GET on the submit address", 405, request("GET", "/api/forms/bedarf-einrichtung", null, null)),
                Arguments.of("PUT on the submit address", 405, request("PUT", "/api/forms/bedarf-einrichtung",
                        "application/json", valid)),
                Arguments.of("text/plain body", 415, request("POST", "/api/forms/bedarf-einrichtung", "text/plain", valid)),
                Arguments.of("body over 64 KiB", 413, request("POST", "/api/forms/bedarf-einrichtung", "application/json",
                        "{\"aufgabe\":\"" + "ä".repeat(40_000) + "\"}")),
                Arguments.of("body over 1 MiB", 413, request("POST", "/api/forms/bedarf-einrichtung", "application/json",
                        "{\"aufgabe\":\"" + "x".repeat(1_200_000) + "\"}")),
                Arguments.of("truncated JSON", 400, request("POST", "/api/forms/bedarf-einrichtung", "application/json",
                        valid.substring(0, 40))),
                Arguments.of("JSON that is not UTF-8", 400, HttpRequest.newBuilder(stack.uri("/api/forms/bedarf-einrichtung"))
                        .header("content-type", "application/json").header("accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8))),
                Arguments.of("a JSON key given twice", 400, request("POST", "/api/forms/bedarf-einrichtung",
                        "application/json", valid.replaceFirst("\\{", "{\"ort\":\"Pirna\",\"ort\":\"Heidenau\","))),
                Arguments.of("invalid fields, JSON", 400, request("POST", "/api/forms/bedarf-einrichtung",
                        "application/json", "{}")),
                Arguments.of("invalid fields, plain form", 400, request("POST", "/api/forms/bedarf-einrichtung",
                        "application/x-www-form-urlencoded", "ort=Pirna&plz=99999")),
                Arguments.of("POST next to the thank-you page", 404, request("POST", "/api/forms/bedarf-einrichtung/danke",
                        "application/x-www-form-urlencoded", "a=b")),
                Arguments.of("the form list that does not exist", 404, request("GET", "/api/forms/", null, null)),
                Arguments.of("a path below a form", 404, request("GET", "/api/forms/bedarf-einrichtung/x", null, null)));
    }

    private static HttpRequest.Builder request(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        return request.header("accept", "application/json".equals(contentType) ? "application/json" : "text/html");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusals")
    void every_refused_request_gets_its_status_in_german_and_stores_nothing(String situation, int status,
            HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(situation).isEqualTo(status);
        assertThat(response.body()).as("German, not the gateway's English").doesNotContain("Not Found",
                "Request Entity Too Large", "Bad Request").containsAnyOf("Bitte", "bitte", "Diese", "nicht");
        assertThat(response.headers().firstValue("content-security-policy")).as("security headers").isPresent();
        // A script that asked for JSON gets JSON, whatever the status: nothing at the edge swaps in a page.
        boolean json = request.build().headers().firstValue("accept").orElse("").equals("application/json");
        assertThat(response.headers().firstValue("content-type").orElse("")).as(situation)
                .startsWith(json ? "application/json" : "text/html");
        assertThat(storedCount()).isZero();
    }

    /** A page the site bucket lacks: the origin group asks the API, whose $default route answers the German page. */
    @Test
    void a_page_the_site_lacks_gets_the_german_not_found_page_with_the_ways_on() throws Exception {
        for (String path : List.of("/gibt-es-nicht/", "/kontakt/alt.html")) {
            HttpResponse<String> response = send(request("GET", path, null, null));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/html");
            assertThat(response.headers().firstValue("content-security-policy")).as("security headers").isPresent();
            assertThat(response.body()).as(path).contains("<h1>Seite nicht gefunden</h1>", "Hier geht es weiter",
                    "href=\"/hilfe-anfragen/einrichtungen/\"", "href=\"/formulare/barriere-melden/\"");
        }
    }

    /** HTTP clients refuse to send a malformed escape: a raw request, byte for byte. */
    @Test
    void a_malformed_escape_in_the_path_gets_a_german_page_with_the_security_headers() throws Exception {
        String answer;
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), stack.port())) {
            socket.getOutputStream().write(("GET /api/forms/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-security-policy:")
                .contains("Anfrage nicht lesbar", "<html lang=\"de\"", "Zur Startseite");
    }

    @Test
    void invalid_fields_are_listed_and_the_plain_form_keeps_what_was_typed() throws Exception {
        HttpResponse<String> invalid = post("bedarf-einrichtung", "application/json", "{}", "application/json");
        assertThat(JSON.std.mapFrom(invalid.body()).get("errors").toString()).contains("einrichtung_name=", "telefon=");
        HttpResponse<String> invalidHtml = post("bedarf-einrichtung", "application/x-www-form-urlencoded",
                "ort=Pirna&plz=99999", "text/html");
        assertThat(invalidHtml.body()).contains("value=\"Pirna\"").contains("field__error");
    }

    @Test
    void suspected_spam_gets_the_normal_answer_and_is_stored_flagged_for_the_office() throws Exception {
        Map<String, List<String>> values = new LinkedHashMap<>(Samples.values("hilfe-pflegefamilie", today));
        values.put(ReservedFields.HONEYPOT, List.of("https://spam.example"));
        HttpResponse<String> response = send("hilfe-pflegefamilie", Samples.urlEncoded(values));
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, AttributeValue> item = item(referenceIn(response.body()));
        assertThat(item.get("status").s()).isEqualTo("SUSPECTED_SPAM");
        assertThat(item.get(TableKeys.GSI1_PK).s()).isEqualTo("SPAM#hilfe-pflegefamilie");
        assertThat(item.get(TableKeys.GSI2_PK).s()).isEqualTo("FORM#hilfe-pflegefamilie#SUSPECTED_SPAM");
        assertThat(item.get("spamReason").s()).isEqualTo("honeypot");
    }

    @Test
    void over_the_hourly_limit_a_client_gets_429_and_nothing_more_is_stored() throws Exception {
        try (LocalStack limited = LocalStack.start(LocalStack.Options.defaults().withEnv("RATE_LIMIT_PER_HOUR", "2"))) {
            int[] statuses = new int[3];
            for (int i = 0; i < 3; i++) {
                Map<String, List<String>> values = new LinkedHashMap<>(Samples.values("beratungsangebot", today));
                values.put("angebot_name", List.of("Angebot " + i));
                statuses[i] = send(HttpRequest.newBuilder(limited.uri("/api/forms/beratungsangebot"))
                        .header("content-type", "application/json").header("accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.std.asString(values)))).statusCode();
            }
            assertThat(statuses).containsExactly(201, 201, 429);
            assertThat(limited.dynamoDb().scan(b -> b.tableName(limited.tableName())).count()).isEqualTo(2);
        }
    }

    @Test
    void when_the_table_refuses_the_write_the_visitor_gets_503_and_keeps_the_input() throws Exception {
        try (LocalStack broken = LocalStack.start(LocalStack.Options.defaults().withEnv("TABLE_NAME", "no-such-table"))) {
            assertThat(broken.environment("SubmitFunction")).containsEntry("TABLE_NAME", "no-such-table");
            HttpResponse<String> json = send(HttpRequest.newBuilder(broken.uri("/api/forms/hilfe-pflegefamilie"))
                    .header("content-type", "application/json").header("accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.json("hilfe-pflegefamilie", today))));
            assertThat(json.statusCode()).isEqualTo(503);
            assertThat((String) JSON.std.mapFrom(json.body()).get("message")).contains("nicht gespeichert");

            HttpResponse<String> html = send(HttpRequest.newBuilder(broken.uri("/api/forms/hilfe-pflegefamilie"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.urlEncoded(Samples.values("hilfe-pflegefamilie", today))
                            + "&_schritt=absenden")));
            assertThat(html.statusCode()).isEqualTo(503);
            assertThat(html.body()).contains("value=\"Max Mustermann\"").doesNotContain("Vorgangsnummer");
            // The function wrote to no-such-table, which the refused writes did not create.
            assertThat(broken.dynamoDb().listTables().tableNames()).doesNotContain("no-such-table");
            assertThat(broken.dynamoDb().scan(b -> b.tableName(broken.tableName())).count()).isZero();
        }
    }

    private Map<String, AttributeValue> item(String reference) {
        return dynamoDb.getItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(reference))).item();
    }

    private int storedCount() {
        return dynamoDb.scan(b -> b.tableName(stack.tableName())).count();
    }

    private HttpResponse<String> post(String formId, String contentType, String body, String accept) throws Exception {
        return send(HttpRequest.newBuilder(stack.uri("/api/forms/" + formId)).header("content-type", contentType)
                .header("accept", accept).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A browser's final post from the review page. */
    private HttpResponse<String> send(String formId, String answers) throws Exception {
        return post(formId, "application/x-www-form-urlencoded", answers + "&_schritt=absenden", "text/html");
    }

    private static String referenceIn(String page) {
        java.util.regex.Matcher reference = References.FORMAT.matcher(page);
        assertThat(reference.find()).as("a reference in the page").isTrue();
        return reference.group();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(stack.uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

}
