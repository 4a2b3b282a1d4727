package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.ReservedFields;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The handler with an in-memory store, fed real-shaped payload 2.0 events (test resources events/). */
class SubmitHandlerTest {

    static final String ORIGIN_SECRET = "test-origin-secret-added-by-cloudfront";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), Validator.ZONE);
    private final InMemoryStore store = new InMemoryStore();
    private final SubmitHandler handler = new SubmitHandler(FormCatalog.load(), store, CLOCK, 3, ORIGIN_SECRET);

    @Test
    void a_browsers_valid_post_shows_the_answers_for_review_and_stores_nothing_yet() throws Exception {
        Map<String, List<String>> values = Samples.values("bedarf-einrichtung", TODAY);
        Map<String, Object> response = post("bedarf-einrichtung", "application/x-www-form-urlencoded",
                Samples.urlEncoded(values), true);
        assertThat(response.get("statusCode")).isEqualTo(200);
        String html = (String) response.get("body");
        assertThat(html).contains("<title>Angaben prüfen: ", "Angaben prüfen</h1>", "name=\"_schritt\" value=\"absenden\"",
                "name=\"_aendern\" value=\"einrichtung_name\"", "formaction=\"/api/forms/bedarf-einrichtung#f-einrichtung_name\"",
                "type=\"hidden\" name=\"einrichtung_name\" value=\"" + values.get("einrichtung_name").get(0) + "\"",
                "Ihre Angaben gehen an: Jugend- und Bildungsamt");
        assertThat(store.items).isEmpty();
    }

    @Test
    void change_on_the_review_page_brings_the_form_back_with_every_answer_and_no_errors() throws Exception {
        Map<String, List<String>> values = new LinkedHashMap<>(Samples.values("bedarf-einrichtung", TODAY));
        values.put("_aendern", List.of("plz"));
        Map<String, Object> response = post("bedarf-einrichtung", "application/x-www-form-urlencoded",
                Samples.urlEncoded(values), true);
        assertThat(response.get("statusCode")).isEqualTo(200);
        String html = (String) response.get("body");
        assertThat(html).contains("novalidate", "value=\"" + values.get("plz").get(0) + "\"").doesNotContain("error-summary");
        assertThat(store.items).isEmpty();
    }

    @Test
    void sending_from_the_review_page_stores_and_confirms_with_the_reference_and_the_answers() throws Exception {
        Map<String, List<String>> values = Samples.values("bedarf-einrichtung", TODAY);
        Map<String, Object> response = post("bedarf-einrichtung", "application/x-www-form-urlencoded",
                Samples.urlEncoded(values) + "&_schritt=absenden", true);
        assertThat(response.get("statusCode")).isEqualTo(200);
        Submission stored = store.items.values().iterator().next();
        assertThat((String) response.get("body")).contains(stored.reference(), "Ihre Angaben</h2>",
                values.get("einrichtung_name").get(0), "data-print");
        assertThat(stored.status()).isEqualTo(Status.NEW);
        assertThat(stored.values().get("einrichtung_name")).isEqualTo(
                Samples.values("bedarf-einrichtung", TODAY).get("einrichtung_name"));
        assertThat(stored.expiresAt()).as("kept while the office works on it: no expiry before it is closed").isNull();
    }

    @Test
    void json_post_answers_201_with_the_reference() throws Exception {
        Map<String, Object> response = post("hilfe-pflegefamilie", "application/json",
                Samples.json("hilfe-pflegefamilie", TODAY), false);
        assertThat(response.get("statusCode")).isEqualTo(201);
        Map<String, Object> body = JSON.std.mapFrom(response.get("body"));
        assertThat((String) body.get("reference")).matches(References.FORMAT.pattern());
        assertThat(store.items).containsOnlyKeys((String) body.get("reference"));
    }

    @Test
    void the_same_content_twice_is_stored_once_with_the_same_reference() throws Exception {
        String json = Samples.json("angebot-traeger", TODAY);
        Object first = JSON.std.mapFrom(post("angebot-traeger", "application/json", json, false).get("body")).get("reference");
        Object second = JSON.std.mapFrom(post("angebot-traeger", "application/json", json, false).get("body")).get("reference");
        assertThat(second).isEqualTo(first);
        assertThat(store.items).hasSize(1);
    }

    @Test
    void invalid_json_post_lists_every_error_in_german_and_stores_nothing() throws Exception {
        Map<String, Object> response = post("bedarf-einrichtung", "application/json", "{\"ort\":\"Pirna\"}", false);
        assertThat(response.get("statusCode")).isEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) JSON.std.mapFrom(response.get("body")).get("errors");
        assertThat(errors).containsKeys("einrichtung_name", "telefon").doesNotContainKey("ort");
        assertThat(errors.get("einrichtung_name")).as("the definition's own message, saying what to do")
                .isEqualTo(FormCatalog.load().find("bedarf-einrichtung").orElseThrow().field("einrichtung_name")
                        .orElseThrow().messages().get("required")).startsWith("Geben Sie");
        assertThat(store.items).isEmpty();
    }

    @Test
    void invalid_plain_post_shows_the_form_again_with_the_entered_values_escaped() throws Exception {
        Map<String, List<String>> values = new LinkedHashMap<>(Samples.values("bedarf-einrichtung", TODAY));
        values.put("einrichtung_name", List.of("Haus \"Sonne\" <script>alert(1)</script>"));
        values.put("plz", List.of("01067"));
        Map<String, Object> response = post("bedarf-einrichtung", "application/x-www-form-urlencoded",
                Samples.urlEncoded(values), true);
        assertThat(response.get("statusCode")).isEqualTo(400);
        String html = (String) response.get("body");
        assertThat(headers(response).get("content-type")).startsWith("text/html");
        assertThat(html).contains("Bitte prüfen Sie Ihre Angaben")
                .contains("value=\"Haus &quot;Sonne&quot; &lt;script&gt;alert(1)&lt;/script&gt;\"")
                .doesNotContain("<script>alert(1)")
                .contains("aria-invalid=\"true\"")
                .contains("href=\"#f-plz\"");
        assertThat(store.items).isEmpty();
    }

    /** Every refusal, one case each: the status, a German answer, and nothing stored. */
    static Stream<Arguments> refusals() throws Exception {
        String form = "bedarf-einrichtung";
        String valid = Samples.json(form, TODAY);
        return Stream.of(
                Arguments.of("unknown form", 404, event("POST", "gibt-es-nicht", "application/json", "{}", false)),
                Arguments.of("GET on the submit route", 405, event("GET", form, null, null, false)),
                Arguments.of("text/plain body", 415, event("POST", form, "text/plain", "hallo", false)),
                Arguments.of("latin-1 charset", 415, event("POST", form,
                        "application/x-www-form-urlencoded; charset=latin1", "a=b", true)),
                Arguments.of("body over 64 KiB", 413, event("POST", form, "application/json",
                        "{\"a\":\"" + "x".repeat(70_000) + "\"}", false)),
                Arguments.of("truncated JSON", 400, event("POST", form, "application/json", "{\"a\":", false)),
                Arguments.of("JSON array", 400, event("POST", form, "application/json", "[1,2]", false)),
                Arguments.of("nested JSON object", 400, event("POST", form, "application/json", "{\"a\":{\"b\":1}}", false)),
                Arguments.of("a JSON key given twice", 400, event("POST", form, "application/json",
                        valid.replaceFirst("\\{", "{\"ort\":\"Pirna\",\"ort\":\"Heidenau\","), false)),
                Arguments.of("malformed percent escape", 400, event("POST", form,
                        "application/x-www-form-urlencoded", "a=%zz", true)),
                Arguments.of("invalid UTF-8 in a form post", 400, withRawBody(event("POST", form,
                        "application/x-www-form-urlencoded", "", true), new byte[] {'a', '=', (byte) 0xC3, '(', 0})),
                Arguments.of("invalid UTF-8 in a JSON post", 400, withRawBody(event("POST", form,
                        "application/json", "", true), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'})),
                Arguments.of("a body flagged base64 that is not", 400, with(event("POST", form,
                        "application/x-www-form-urlencoded", "", true), e -> e.put("body", "%%% kein base64"))),
                Arguments.of("a text body with a lone surrogate", 400, event("POST", form, "application/json",
                        valid.replaceFirst("\\{", "{\"ort\":\"Pirna\ud800\","), false)),
                Arguments.of("not through the distribution", 403, with(event("POST", form, "application/json",
                        valid, false), e -> headersOf(e).remove("x-origin-verify"))),
                Arguments.of("a forged origin header", 403, with(event("POST", form, "application/json",
                        valid, false), e -> headersOf(e).put("x-origin-verify", "guess"))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusals")
    void refuses_in_german_and_stores_nothing(String situation, int status, Map<String, Object> event) throws Exception {
        Map<String, Object> response = call(event);
        assertThat(response.get("statusCode")).as(situation).isEqualTo(status);
        String body = (String) response.get("body");
        assertThat(body).as("a German answer").containsAnyOf("Bitte", "bitte", "Diese", "nicht");
        if (headers(response).get("content-type").startsWith("text/html")) {
            assertThat(body).contains("<html lang=\"de\"", "<h1>");
        }
        assertThat(body).doesNotContain("Not Found", "Bad Request", "Exception");
        assertThat(store.items).isEmpty();
        if (status == 405) {
            assertThat(headers(response).get("allow")).isEqualTo("POST");
        }
    }

    @Test
    void a_filled_honeypot_gets_the_normal_answer_but_is_stored_as_suspected_spam() throws Exception {
        Map<String, List<String>> values = new LinkedHashMap<>(Samples.values("beratungsangebot", TODAY));
        values.put(ReservedFields.HONEYPOT, List.of("http://spam.example"));
        Map<String, Object> response = post("beratungsangebot", "application/x-www-form-urlencoded",
                Samples.urlEncoded(values) + "&_schritt=absenden", true);
        assertThat(response.get("statusCode")).isEqualTo(200);
        Submission stored = store.items.values().iterator().next();
        assertThat(stored.status()).isEqualTo(Status.SUSPECTED_SPAM);
        assertThat(stored.spamReason()).isEqualTo("honeypot");
        assertThat(stored.expiresAt()).as("unreviewed suspected spam goes after 30 days")
                .isEqualTo(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(30L * 86400));
        assertThat(stored.values()).doesNotContainKey(ReservedFields.HONEYPOT);
    }

    @Test
    void a_form_sent_faster_than_a_person_can_type_is_stored_as_suspected_spam() throws Exception {
        String json = Samples.json("beratungsangebot", TODAY).replaceFirst("\\{", "{\"" + ReservedFields.FILL_TIME + "\": 400,");
        assertThat(post("beratungsangebot", "application/json", json, false).get("statusCode")).isEqualTo(201);
        assertThat(store.items.values().iterator().next().spamReason()).isEqualTo("too-fast");
    }

    @Test
    void a_client_over_its_hourly_limit_gets_429_with_its_input_and_nothing_is_stored() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(variant(i)).get("statusCode")).isEqualTo(200);
        }
        Map<String, Object> response = send(variant(3));
        assertThat(response.get("statusCode")).isEqualTo(429);
        assertThat(headers(response)).containsKey("retry-after");
        assertThat((String) response.get("body")).contains("value=\"Angebot 3\"");
        assertThat(store.items).hasSize(3);
    }

    @Test
    void repeats_and_failed_saves_do_not_use_up_the_limit() throws Exception {
        String json = Samples.json("beratungsangebot", TODAY);
        for (int i = 0; i < 5; i++) {
            assertThat(post("beratungsangebot", "application/json", json, false).get("statusCode"))
                    .as("the same content again is a duplicate, not a new submission").isEqualTo(201);
        }
        store.unavailable = true;
        for (int i = 0; i < 5; i++) {
            assertThat(send(variant(i)).get("statusCode")).isEqualTo(503);
        }
        store.unavailable = false;
        assertThat(send(variant(1)).get("statusCode")).as("one stored so far, limit 3: a second is still accepted")
                .isEqualTo(200);
        assertThat(send(variant(2)).get("statusCode")).isEqualTo(200);
        assertThat(send(variant(4)).get("statusCode")).as("now three are stored").isEqualTo(429);
    }

    @Test
    void when_the_store_fails_the_plain_form_comes_back_with_every_value_and_503() throws Exception {
        store.unavailable = true;
        Map<String, List<String>> values = Samples.values("hilfe-pflegefamilie", TODAY);
        Map<String, Object> response = post("hilfe-pflegefamilie", "application/x-www-form-urlencoded",
                Samples.urlEncoded(values) + "&_schritt=absenden", true);
        assertThat(response.get("statusCode")).isEqualTo(503);
        String html = (String) response.get("body");
        assertThat(html).contains("nicht gespeichert").contains("value=\"Max Mustermann\"")
                .contains(values.get("beschreibung").get(0)).doesNotContain("Vielen Dank");
        assertThat(store.items).isEmpty();
    }

    @Test
    void when_the_store_fails_the_json_client_gets_503_with_a_german_message() throws Exception {
        store.unavailable = true;
        Map<String, Object> response = post("hilfe-pflegefamilie", "application/json",
                Samples.json("hilfe-pflegefamilie", TODAY), false);
        assertThat(response.get("statusCode")).isEqualTo(503);
        assertThat((String) JSON.std.mapFrom(response.get("body")).get("message")).contains("nicht gespeichert");
    }

    @Test
    void an_unexpected_failure_is_a_german_500_page_and_a_logged_exception_class() throws Exception {
        SubmitHandler broken = new SubmitHandler(FormCatalog.load(), new InMemoryStore() {
            @Override
            public synchronized PutResult putIfAbsent(Submission submission) {
                throw new IllegalStateException("bug");
            }
        }, CLOCK, 3, ORIGIN_SECRET);
        String log = captureStdout(() -> {
            Map<String, Object> response = call(broken, event("POST", "bedarf-einrichtung",
                    "application/x-www-form-urlencoded", Samples.urlEncoded(Samples.values("bedarf-einrichtung", TODAY))
                            + "&_schritt=absenden", true));
            assertThat(response.get("statusCode")).isEqualTo(500);
            assertThat((String) response.get("body")).contains("unerwarteter Fehler").contains("<html lang=\"de\"");
        });
        assertThat(log).contains("\"outcome\":\"error\"", "java.lang.IllegalStateException");
    }

    @Test
    void the_thank_you_page_shows_a_wellformed_reference_and_refuses_anything_else() throws Exception {
        Map<String, Object> event = thanksEvent("K7QM-4XRT");
        Map<String, Object> ok = call(event);
        assertThat(ok.get("statusCode")).isEqualTo(200);
        assertThat((String) ok.get("body")).contains("K7QM-4XRT");
        Map<String, Object> bad = call(thanksEvent("<script>"));
        assertThat(bad.get("statusCode")).isEqualTo(404);
        assertThat((String) bad.get("body")).doesNotContain("<script>");
    }

    @Test
    void requests_are_routed_by_their_route_key_not_by_their_path() throws Exception {
        Map<String, Object> event = thanksEvent("K7QM-4XRT");
        event.put("rawPath", "/api/forms/bedarf-einrichtung");
        http(event).put("path", "/api/forms/bedarf-einrichtung");
        assertThat((String) call(event).get("body")).as("the thank-you route, whatever the path").contains("K7QM-4XRT");
        Map<String, Object> submit = event("GET", "bedarf-einrichtung", null, null, false);
        submit.put("rawPath", "/api/forms/bedarf-einrichtung/danke");
        http(submit).put("path", "/api/forms/bedarf-einrichtung/danke");
        assertThat(call(submit).get("statusCode")).as("the submit route answers GET with 405").isEqualTo(405);
    }

    @Test
    void log_lines_carry_ids_and_outcomes_but_nothing_the_visitor_typed_nor_their_address() throws Exception {
        Map<String, List<String>> values = Samples.values("hilfe-pflegefamilie", TODAY);
        String log = captureStdout(() -> {
            post("hilfe-pflegefamilie", "application/x-www-form-urlencoded", Samples.urlEncoded(values)
                    + "&_schritt=absenden", true);
            Map<String, List<String>> invalid = new LinkedHashMap<>(values);
            invalid.put("einsatz_bis", List.of("kaputt"));
            post("hilfe-pflegefamilie", "application/json", JSON.std.asString(invalid), false);
        });
        assertThat(log.lines()).hasSize(2).allMatch(line -> line.startsWith("{\"level\":\"INFO\""));
        assertThat(log).contains("\"formId\":\"hilfe-pflegefamilie\"", "\"outcome\":\"stored\"",
                "\"outcome\":\"invalid\"", "\"invalidFields\":[\"einsatz_bis\"]", "\"route\":\"ANY /api/forms/{formId}\"");
        values.values().stream().flatMap(List::stream).filter(v -> v.length() > 3)
                .forEach(value -> assertThat(log).doesNotContain(value));
        assertThat(log).doesNotContain("198.51.100.23");
    }

    @Test
    void a_first_write_met_again_by_the_sdks_retry_is_logged_as_stored_not_as_a_duplicate() throws Exception {
        store.answerLostOnce = true;
        String log = captureStdout(() -> assertThat(post("angebot-traeger", "application/json",
                Samples.json("angebot-traeger", TODAY), false).get("statusCode")).isEqualTo(201));
        assertThat(log).contains("\"outcome\":\"stored\"", "\"storedByRetry\":true").doesNotContain("duplicate");
    }

    @Test
    void snapstart_priming_runs_every_form_through_the_handler_reaches_the_store_and_stores_nothing() {
        handler.beforeCheckpoint(null);
        assertThat(handler.primed).containsExactlyElementsOf(FormCatalog.FORM_IDS.stream()
                .map(id -> id + ":400/400").toList());
        assertThat(store.finds).as("the read path").containsExactly("PRIMING");
        assertThat(store.primedWrites).as("the write path, with a write that cannot succeed").isEqualTo(1);
        assertThat(store.items).isEmpty();
    }

    private static Map<String, List<String>> variant(int i) {
        Map<String, List<String>> values = new LinkedHashMap<>(Samples.values("beratungsangebot", TODAY));
        values.put("angebot_name", List.of("Angebot " + i));
        return values;
    }

    /** A browser's final post from the review page. */
    private Map<String, Object> send(Map<String, List<String>> values) throws Exception {
        return post("beratungsangebot", "application/x-www-form-urlencoded",
                Samples.urlEncoded(values) + "&_schritt=absenden", true);
    }

    private Map<String, Object> post(String formId, String contentType, String body, boolean base64) throws Exception {
        return call(event("POST", formId, contentType, body, base64));
    }

    private Map<String, Object> call(Map<String, Object> event) throws Exception {
        return call(handler, event);
    }

    private static Map<String, Object> call(SubmitHandler handler, Map<String, Object> event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.std.asBytes(event)), out, null);
        return JSON.std.mapFrom(out.toString(StandardCharsets.UTF_8));
    }

    interface Action {
        void run() throws Exception;
    }

    static String captureStdout(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> thanksEvent(String reference) throws Exception {
        Map<String, Object> event = event("GET", "bedarf-einrichtung", null, null, false);
        event.put("routeKey", SubmitHandler.THANKS);
        event.put("rawPath", "/api/forms/bedarf-einrichtung/danke");
        http(event).put("path", "/api/forms/bedarf-einrichtung/danke");
        event.put("queryStringParameters", Map.of("ref", reference));
        return event;
    }

    /** The recorded event with method, form, content type and body replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> event(String method, String formId, String contentType, String body, boolean base64)
            throws Exception {
        Map<String, Object> event;
        try (InputStream in = SubmitHandlerTest.class.getResourceAsStream("/events/post-form-urlencoded.json")) {
            event = JSON.std.mapFrom(in);
        }
        Map<String, Object> headers = new LinkedHashMap<>((Map<String, Object>) event.get("headers"));
        if (contentType == null) {
            headers.remove("content-type");
        } else {
            headers.put("content-type", contentType);
        }
        if (contentType != null && !contentType.contains("x-www-form-urlencoded")) {
            headers.put("accept", "application/json");
        }
        event.put("headers", headers);
        http(event).put("method", method);
        http(event).put("path", "/api/forms/" + formId);
        event.put("rawPath", "/api/forms/" + formId);
        event.put("pathParameters", Map.of("formId", formId));
        if (body == null) {
            event.remove("body");
            event.put("isBase64Encoded", false);
        } else {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
            event.put("isBase64Encoded", base64);
        }
        return event;
    }

    private static Map<String, Object> withRawBody(Map<String, Object> event, byte[] body) {
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        return event;
    }

    private static Map<String, Object> with(Map<String, Object> event, Consumer<Map<String, Object>> change) {
        change.accept(event);
        return event;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> headersOf(Map<String, Object> event) {
        return (Map<String, Object>) event.get("headers");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> http(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headers(Map<String, Object> response) {
        return (Map<String, String>) response.get("headers");
    }
}
