package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.fachkraftallianz.submit.RequestBody.MalformedBodyException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void url_encoded_bodies_keep_repeated_fields_and_umlauts() {
        assertThat(RequestBody.parseUrlEncoded(bytes("ort=D%C3%B6hlen&dienste=fruehdienst&dienste=wochenende&leer=")))
                .containsEntry("ort", List.of("Döhlen"))
                .containsEntry("dienste", List.of("fruehdienst", "wochenende"))
                .containsEntry("leer", List.of(""));
    }

    @Test
    void json_bodies_take_strings_numbers_and_lists() {
        assertThat(RequestBody.parseJson(bytes("{\"a\":\"x\",\"n\":3,\"l\":[\"p\",\"q\"],\"z\":null}")))
                .containsEntry("a", List.of("x")).containsEntry("n", List.of("3"))
                .containsEntry("l", List.of("p", "q")).doesNotContainKey("z");
    }

    @Test
    void anything_else_is_malformed() {
        for (String body : List.of("{", "[]", "\"x\"", "{\"a\":{\"b\":1}}", "{\"a\":[{}]}")) {
            assertThatThrownBy(() -> RequestBody.parseJson(bytes(body))).as(body).isInstanceOf(MalformedBodyException.class);
        }
        assertThatThrownBy(() -> RequestBody.parseUrlEncoded(bytes("a=%E2%28"))).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> RequestBody.parseUrlEncoded(new byte[] {(byte) 0xff, 0x41}))
                .isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> RequestBody.parseUrlEncoded(bytes("f=1&".repeat(1).replace("f", "a") + many())))
                .isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void a_json_key_given_twice_is_malformed_not_the_last_one_wins() {
        assertThatThrownBy(() -> RequestBody.parseJson(bytes("{\"ort\":\"Pirna\",\"ort\":\"Heidenau\"}")))
                .isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> RequestBody.parseJson(bytes("{\"ort\":\"a\"" + ",\"ort\":\"a\"".repeat(6000) + "}")))
                .isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void invalid_utf8_in_a_json_body_is_malformed() {
        assertThatThrownBy(() -> RequestBody.parseJson(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'}))
                .isInstanceOf(MalformedBodyException.class);
    }

    private static String many() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= RequestBody.MAX_FIELDS; i++) {
            body.append("f").append(i).append("=x&");
        }
        return body.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
