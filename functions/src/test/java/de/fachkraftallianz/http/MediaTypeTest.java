package de.fachkraftallianz.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypeTest {

    @Test
    void reads_type_and_charset_in_any_case_and_spacing() {
        assertThat(MediaType.parse("Text/HTML ; Charset = \"utf-8\" ; boundary=x"))
                .isEqualTo(new MediaType("text/html", "utf-8"));
        assertThat(MediaType.parse(null)).isEqualTo(new MediaType("", null));
        assertThat(MediaType.parse("application/json").isUtf8OrUnspecified()).isTrue();
        assertThat(MediaType.parse("application/json; charset=latin1").isUtf8OrUnspecified()).isFalse();
    }

    @Test
    void text_types_are_the_ones_api_gateway_passes_as_text() {
        assertThat(MediaType.parse("text/plain").isText()).isTrue();
        assertThat(MediaType.parse("application/json; charset=utf-8").isText()).isTrue();
        assertThat(MediaType.parse("application/x-www-form-urlencoded").isText()).isFalse();
        assertThat(MediaType.parse("image/png").isText()).isFalse();
        assertThat(MediaType.parse(null).isText()).isFalse();
    }
}
