package de.fachkraftallianz.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    @Test
    void media_type_and_charset_are_read_case_insensitively() {
        ApiRequest request = request(Map.of("content-type", "Application/X-WWW-Form-Urlencoded; Charset=\"UTF-8\""));
        assertThat(request.mediaType()).isEqualTo(new MediaType("application/x-www-form-urlencoded", "UTF-8"));
        assertThat(request.mediaType().isUtf8OrUnspecified()).isTrue();
        assertThat(request.wantsJson()).isFalse();
    }

    @Test
    void a_script_asking_for_json_or_sending_json_wants_json_a_browser_asking_for_html_does_not() {
        assertThat(request(Map.of("accept", "application/json")).wantsJson()).isTrue();
        assertThat(request(Map.of("content-type", "application/json")).wantsJson()).isTrue();
        assertThat(request(Map.of("accept", "text/html, application/json;q=0.5",
                "content-type", "application/x-www-form-urlencoded")).wantsJson()).isFalse();
        assertThat(request(Map.of("accept", "text/html,application/xhtml+xml,*/*;q=0.8")).wantsJson()).isFalse();
    }

    @Test
    void reads_route_key_cookies_and_a_base64_body_from_the_event() {
        Map<String, Object> event = event("aGFsbG8=", true);
        event.put("cookies", List.of("a=1", "__Host-session=abc=def"));
        ApiRequest request = ApiRequest.fromEvent(event);
        assertThat(request.routeKey()).isEqualTo("ANY /api/forms/{formId}");
        assertThat(request.cookie("__Host-session")).isEqualTo("abc=def");
        assertThat(request.cookie("missing")).isNull();
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("hallo");
    }

    @Test
    void a_body_flagged_base64_that_is_not_base64_is_malformed_not_an_error() {
        assertThatThrownBy(() -> ApiRequest.fromEvent(event("kein base64!", true)))
                .isInstanceOf(ApiRequest.MalformedRequestException.class);
        assertThatThrownBy(() -> ApiRequest.fromEvent(event("YWJj\nZGVm", true)))
                .as("line breaks are not part of API Gateway's base64")
                .isInstanceOf(ApiRequest.MalformedRequestException.class);
    }

    @Test
    void a_text_body_with_a_lone_surrogate_is_malformed() {
        assertThatThrownBy(() -> ApiRequest.fromEvent(event("{\"a\":\"x\ud800\"}", false)))
                .isInstanceOf(ApiRequest.MalformedRequestException.class);
        assertThat(ApiRequest.fromEvent(event("{\"a\":\"Grüße \ud83d\ude00\"}", false)).body())
                .isEqualTo("{\"a\":\"Grüße \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> event(String body, boolean base64) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routeKey", "ANY /api/forms/{formId}");
        event.put("headers", Map.of());
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        event.put("requestContext", Map.of("http", Map.of("method", "POST", "path", "/api/forms/x")));
        return event;
    }

    private static ApiRequest request(Map<String, String> headers) {
        return new ApiRequest("ANY /api/forms/{formId}", "POST", "/api/forms/x", headers, List.of(), Map.of(),
                Map.of(), new byte[0], "198.51.100.23", "r");
    }
}
