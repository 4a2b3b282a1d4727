package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpApiEventTest {

    private static final HttpApiRoute ROUTE = HttpApiRoute.of("ANY", "/api/forms/{formId}");
    private static final Instant TIME = Instant.parse("2026-03-12T19:03:58.123Z");

    private static Map<String, Object> event(String method, String rawQuery, Map<String, List<String>> headers,
                                             String body) {
        HttpApiEvent.Request request = new HttpApiEvent.Request(method, "/api/forms/kontakt", rawQuery, "HTTP/1.1",
                headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", 3000, TIME);
        return HttpApiEvent.of(request, ROUTE, Map.of("formId", "kontakt"), "req-1");
    }

    private static Map<String, List<String>> headers(Object... nameValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) nameValues[i + 1];
            headers.put((String) nameValues[i], values);
        }
        return headers;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void header_names_are_lower_case_and_repeated_headers_comma_joined() {
        Map<String, Object> event = event("GET", null,
                headers("Accept", List.of("text/html", "application/json"), "X-Custom-Thing", List.of("a")), null);
        assertThat(map(event.get("headers")))
                .containsEntry("accept", "text/html,application/json")
                .containsEntry("x-custom-thing", "a")
                .doesNotContainKey("Accept");
    }

    @Test
    void the_cookie_header_moves_into_the_cookies_array() {
        Map<String, Object> event = event("GET", null, headers("Cookie", List.of("a=1; b=2", "c=3")), null);
        assertThat(event.get("cookies")).isEqualTo(List.of("a=1", "b=2", "c=3"));
        assertThat(map(event.get("headers"))).doesNotContainKey("cookie");
    }

    @Test
    void without_cookies_there_is_no_cookies_field() {
        assertThat(event("GET", null, headers(), null)).doesNotContainKey("cookies");
    }

    @Test
    void a_form_post_arrives_base64_encoded_as_on_aws() {
        Map<String, Object> event = event("POST", null,
                headers("Content-Type", List.of("application/x-www-form-urlencoded")), "name=J%C3%BCrgen&x=1");
        assertThat(event.get("isBase64Encoded")).isEqualTo(true);
        assertThat(new String(Base64.getDecoder().decode((String) event.get("body")), StandardCharsets.UTF_8))
                .isEqualTo("name=J%C3%BCrgen&x=1");
    }

    @Test
    void json_and_text_bodies_arrive_as_text() {
        Map<String, Object> event = event("POST", null,
                headers("Content-Type", List.of("application/json; charset=utf-8")), "{\"name\":\"Jürgen\"}");
        assertThat(event.get("isBase64Encoded")).isEqualTo(false);
        assertThat(event.get("body")).isEqualTo("{\"name\":\"Jürgen\"}");
    }

    /** The handler must see exactly the bytes the client sent: text that is not UTF-8 cannot travel as a string. */
    @Test
    void a_json_body_that_is_not_utf8_arrives_base64_encoded_byte_for_byte() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        Map<String, Object> event = HttpApiEvent.of(new HttpApiEvent.Request("POST", "/api/x", null, "HTTP/1.1",
                headers("Content-Type", List.of("application/json")), body, "127.0.0.1", 3000, Instant.now()),
                HttpApiRoute.of("POST", "/api/x"), Map.of(), "id");
        assertThat(event.get("isBase64Encoded")).isEqualTo(true);
        assertThat(Base64.getDecoder().decode((String) event.get("body"))).isEqualTo(body);
    }

    @Test
    void a_body_without_content_type_arrives_base64_encoded() {
        assertThat(event("POST", null, headers(), "abc").get("isBase64Encoded")).isEqualTo(true);
    }

    @Test
    void no_body_means_no_body_field() {
        Map<String, Object> event = event("GET", null, headers(), null);
        assertThat(event).doesNotContainKey("body").containsEntry("isBase64Encoded", false);
    }

    @Test
    void the_query_string_stays_raw_and_its_parameters_are_decoded_and_comma_joined() {
        Map<String, Object> event = event("GET", "ref=A%20B&x=1&x=2&flag", headers(), null);
        assertThat(event.get("rawQueryString")).isEqualTo("ref=A%20B&x=1&x=2&flag");
        assertThat(map(event.get("queryStringParameters"))).isEqualTo(Map.of("ref", "A B", "x", "1,2", "flag", ""));
    }

    @Test
    void without_a_query_the_raw_query_string_is_empty_and_there_are_no_parameters() {
        Map<String, Object> event = event("GET", null, headers(), null);
        assertThat(event.get("rawQueryString")).isEqualTo("");
        assertThat(event).doesNotContainKey("queryStringParameters");
    }

    @Test
    void path_parameters_route_key_and_version_are_set() {
        Map<String, Object> event = event("POST", null, headers(), null);
        assertThat(event.get("version")).isEqualTo("2.0");
        assertThat(event.get("routeKey")).isEqualTo("ANY /api/forms/{formId}");
        assertThat(event.get("rawPath")).isEqualTo("/api/forms/kontakt");
        assertThat(map(event.get("pathParameters"))).isEqualTo(Map.of("formId", "kontakt"));
    }

    @Test
    void the_request_context_describes_the_request_as_api_gateway_does() {
        Map<String, Object> event = event("POST", null,
                headers("Host", List.of("127.0.0.1:3000"), "User-Agent", List.of("curl/8")), null);
        Map<String, Object> context = map(event.get("requestContext"));
        assertThat(context)
                .containsEntry("accountId", "local")
                .containsEntry("apiId", "local")
                .containsEntry("domainName", "127.0.0.1:3000")
                .containsEntry("domainPrefix", "127")
                .containsEntry("requestId", "req-1")
                .containsEntry("routeKey", "ANY /api/forms/{formId}")
                .containsEntry("stage", "$default")
                .containsEntry("time", "12/Mar/2026:19:03:58 +0000")
                .containsEntry("timeEpoch", TIME.toEpochMilli());
        assertThat(map(context.get("http")))
                .containsEntry("method", "POST")
                .containsEntry("path", "/api/forms/kontakt")
                .containsEntry("protocol", "HTTP/1.1")
                .containsEntry("sourceIp", "127.0.0.1")
                .containsEntry("userAgent", "curl/8");
    }

    @Test
    void the_headers_api_gateway_adds_are_there() {
        Map<String, Object> headers = map(event("GET", null, headers("X-Forwarded-For", List.of("10.0.0.1")), null)
                .get("headers"));
        assertThat(headers)
                .containsEntry("x-forwarded-for", "10.0.0.1, 127.0.0.1")
                .containsEntry("x-forwarded-port", "3000")
                .containsEntry("x-forwarded-proto", "http");
        assertThat((String) headers.get("x-amzn-trace-id")).startsWith("Root=1-");
    }

    @Test
    void request_ids_look_like_api_gateways() {
        assertThat(HttpApiEvent.newRequestId()).hasSize(16).endsWith("=");
        assertThat(HttpApiEvent.newRequestId()).isNotEqualTo(HttpApiEvent.newRequestId());
    }
}
