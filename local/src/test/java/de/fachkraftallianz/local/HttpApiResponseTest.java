package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class HttpApiResponseTest {

    private static HttpApiResponse parse(String output) throws HttpApiResponse.MalformedResponse {
        return HttpApiResponse.parse(output.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void status_headers_cookies_and_body_are_taken_from_the_response() throws Exception {
        HttpApiResponse response = parse("""
                {"statusCode":303,"headers":{"Location":"/danke","Content-Type":"text/html"},
                 "multiValueHeaders":{"X-Multi":["a","b"]},"cookies":["a=1; Secure","b=2"],"body":"<p>ok</p>"}
                """);
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers())
                .containsEntry("location", List.of("/danke"))
                .containsEntry("content-type", List.of("text/html"))
                .containsEntry("x-multi", List.of("a", "b"))
                .containsEntry("set-cookie", List.of("a=1; Secure", "b=2"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("<p>ok</p>");
    }

    @Test
    void a_base64_body_is_decoded() throws Exception {
        HttpApiResponse response = parse("{\"statusCode\":200,\"body\":\"AAEC/w==\",\"isBase64Encoded\":true}");
        assertThat(response.body()).containsExactly(0, 1, 2, 255);
    }

    @Test
    void json_without_status_code_becomes_a_200_with_that_json_as_body() throws Exception {
        HttpApiResponse response = parse("{\"hello\":\"world\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("content-type", List.of("application/json"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":\"world\"}");
    }

    @Test
    void output_that_is_not_json_is_malformed() {
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(HttpApiResponse.MalformedResponse.class);
        assertThatThrownBy(() -> parse("")).isInstanceOf(HttpApiResponse.MalformedResponse.class);
        assertThatThrownBy(() -> parse("{\"statusCode\":\"abc\"}"))
                .isInstanceOf(HttpApiResponse.MalformedResponse.class);
        assertThatThrownBy(() -> parse("{\"statusCode\":42}")).isInstanceOf(HttpApiResponse.MalformedResponse.class);
    }
}
