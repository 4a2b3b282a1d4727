package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.Validator;
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
import org.junit.jupiter.api.Test;

/** The handler with an in-memory store, fed real-shaped payload 2.0 events (test resources events/). */
class SubmitHandlerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), Validator.ZONE);
    private final InMemoryStore store = new InMemoryStore();
    private final SubmitHandler handler = new SubmitHandler(FormCatalog.load(), store, CLOCK, 3);

    @Test
    void plain_form_post_is_stored_and_redirected_to_the_thank_you_page() throws Exception {
        Map<String, Object> response = post("bedarf-einrichtung", "application/x-www-form-urlencoded",
                Samples.urlEncoded(Samples.values("bedarf-einrichtung", TODAY)), true);
        assertThat(response.get("statusCode")).isEqualTo(303);
        Submission stored = store.items.values().iterator().next();
        assertThat(headers(response).get("location"))
                .isEqualTo("/api/forms/bedarf-einrichtung/danke?ref=" + stored.reference());
        assertThat(stored.status()).isEqualTo(Submission.Status.NEW);
        assertThat(stored.values().get("einrichtung_name")).isEqualTo(
                Samples.values("bedarf-einrichtung", TODAY).get("einrichtung_name"));
        assertThat(stored.expiresAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(180L * 86400));
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
        assertThat(errors).containsKeys("einrichtung_name", "telefon", "datenschutz").doesNotContainKey("ort");
        assertThat(errors.get("einrichtung_name")).startsWith("Bitte");
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

    @Test
    void refuses_without_storing_unknown_forms_wrong_methods_types_sizes_and_malformed_bodies() throws Exception {
        assertThat(call(event("POST", "gibt-es-nicht", "application/json", "{}", false)).get("statusCode")).isEqualTo(404);
        Map<String, Object> get = call(event("GET", "bedarf-einrichtung", null, null, false));
        assertThat(get.get("statusCode")).isEqualTo(405);
        assertThat(headers(get).get("allow")).isEqualTo("POST");
        assertThat(post("bedarf-einrichtung", "text/plain", "hallo", false).get("statusCode")).isEqualTo(415);
        assertThat(post("bedarf-einrichtung", "application/x-www-form-urlencoded; charset=latin1", "a=b", true)
                .get("statusCode")).isEqualTo(415);
        assertThat(post("bedarf-einrichtung", "application/json", "{\"a\":\"" + "x".repeat(70_000) + "\"}", false)
                .get("statusCode")).isEqualTo(413);
        assertThat(post("bedarf-einrichtung", "application/json", "{\"a\":", false).get("statusCode")).isEqualTo(400);
        assertThat(post("bedarf-einrichtung", "application/json", "[1,2]", false).get("statusCode")).isEqualTo(400);
        assertThat(post("bedarf-einrichtung", "application/json", "{\"a\":{\"b\":1}}", false).get("statusCode")).isEqualTo(400);
        assertThat(post("bedarf-einrichtung", "application/x-www-form-urlencoded", "a=%zz", true).get("statusCode")).isEqualTo(400);
        assertThat(store.items).isEmpty();
    }

    @Test
    void a_filled_honeypot_gets_the_normal_answer_but_is_stored_as_suspected_spam() throws Exception {
        Map<String, List<String>> values = new LinkedHashMap<>(Samples.values("beratungsangebot", TODAY));
        values.put("homepage", List.of("http://spam.example"));
        Map<String, Object> response = post("beratungsangebot", "application/x-www-form-urlencoded",
                Samples.urlEncoded(values), true);
        assertThat(response.get("statusCode")).isEqualTo(303);
        Submission stored = store.items.values().iterator().next();
        assertThat(stored.status()).isEqualTo(Submission.Status.SUSPECTED_SPAM);
        assertThat(stored.spamReason()).isEqualTo("honeypot");
        assertThat(stored.values()).doesNotContainKey("homepage");
    }

    @Test
    void a_form_sent_faster_than_a_person_can_type_is_stored_as_suspected_spam() throws Exception {
        String json = Samples.json("beratungsangebot", TODAY).replaceFirst("\\{", "{\"_fill_ms\": 400,");
        assertThat(post("beratungsangebot", "application/json", json, false).get("statusCode")).isEqualTo(201);
        assertThat(store.items.values().iterator().next().spamReason()).isEqualTo("too-fast");
    }

    @Test
    void a_client_over_its_hourly_limit_gets_429_and_nothing_is_stored() throws Exception {
        for (int i = 0; i < 3; i++) {
            Map<String, List<String>> values = new LinkedHashMap<>(Samples.values("beratungsangebot", TODAY));
            values.put("angebot_name", List.of("Angebot " + i));
            assertThat(post("beratungsangebot", "application/x-www-form-urlencoded", Samples.urlEncoded(values), true)
                    .get("statusCode")).isEqualTo(303);
        }
        Map<String, Object> response = post("beratungsangebot", "application/json", Samples.json("beratungsangebot", TODAY), false);
        assertThat(response.get("statusCode")).isEqualTo(429);
        assertThat(headers(response)).containsKey("retry-after");
        assertThat(store.items).hasSize(3);
    }

    @Test
    void when_the_store_fails_the_plain_form_comes_back_with_every_value_and_503() throws Exception {
        store.unavailable = true;
        Map<String, List<String>> values = Samples.values("hilfe-pflegefamilie", TODAY);
        Map<String, Object> response = post("hilfe-pflegefamilie", "application/x-www-form-urlencoded",
                Samples.urlEncoded(values), true);
        assertThat(response.get("statusCode")).isEqualTo(503);
        String html = (String) response.get("body");
        assertThat(html).contains("nicht gespeichert").contains("value=\"Max Mustermann\"")
                .contains(values.get("beschreibung").get(0)).doesNotContain("Vielen Dank");
        assertThat(store.items).isEmpty();
    }

    @Test
    void when_the_store_fails_the_json_form_gets_503_with_a_german_message() throws Exception {
        store.unavailable = true;
        Map<String, Object> response = post("hilfe-pflegefamilie", "application/json",
                Samples.json("hilfe-pflegefamilie", TODAY), false);
        assertThat(response.get("statusCode")).isEqualTo(503);
        assertThat((String) JSON.std.mapFrom(response.get("body")).get("message")).contains("nicht gespeichert");
    }

    @Test
    void the_thank_you_page_shows_a_wellformed_reference_and_refuses_anything_else() throws Exception {
        Map<String, Object> event = event("GET", "bedarf-einrichtung", null, null, false);
        event.put("rawPath", "/api/forms/bedarf-einrichtung/danke");
        http(event).put("path", "/api/forms/bedarf-einrichtung/danke");
        event.put("queryStringParameters", Map.of("ref", "K7QM-4XRT"));
        Map<String, Object> ok = call(event);
        assertThat(ok.get("statusCode")).isEqualTo(200);
        assertThat((String) ok.get("body")).contains("K7QM-4XRT");
        event.put("queryStringParameters", Map.of("ref", "<script>"));
        Map<String, Object> bad = call(event);
        assertThat(bad.get("statusCode")).isEqualTo(404);
        assertThat((String) bad.get("body")).doesNotContain("<script>");
    }

    @Test
    void log_lines_carry_ids_and_outcomes_but_nothing_the_visitor_typed_nor_their_address() throws Exception {
        Map<String, List<String>> values = Samples.values("hilfe-pflegefamilie", TODAY);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            post("hilfe-pflegefamilie", "application/x-www-form-urlencoded", Samples.urlEncoded(values), true);
            Map<String, List<String>> invalid = new LinkedHashMap<>(values);
            invalid.put("telefon", List.of("kaputt"));
            post("hilfe-pflegefamilie", "application/json", JSON.std.asString(invalid), false);
        } finally {
            System.setOut(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines()).hasSize(2).allMatch(line -> line.startsWith("{\"level\":\"INFO\""));
        assertThat(log).contains("\"formId\":\"hilfe-pflegefamilie\"", "\"outcome\":\"stored\"",
                "\"outcome\":\"invalid\"", "\"invalidFields\":[\"telefon\"]");
        values.values().stream().flatMap(List::stream).filter(v -> v.length() > 3)
                .forEach(value -> assertThat(log).doesNotContain(value));
        assertThat(log).doesNotContain("198.51.100.23");
    }

    @Test
    void snapstart_priming_runs_every_form_through_the_handler_and_stores_nothing() {
        handler.beforeCheckpoint(null);
        assertThat(store.items).isEmpty();
    }

    private Map<String, Object> post(String formId, String contentType, String body, boolean base64) throws Exception {
        return call(event("POST", formId, contentType, body, base64));
    }

    private Map<String, Object> call(Map<String, Object> event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.std.asBytes(event)), out, null);
        return JSON.std.mapFrom(out.toString(StandardCharsets.UTF_8));
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
        if (!contentType(contentType).contains("x-www-form-urlencoded")) {
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

    private static String contentType(String contentType) {
        return contentType == null ? "" : contentType;
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
