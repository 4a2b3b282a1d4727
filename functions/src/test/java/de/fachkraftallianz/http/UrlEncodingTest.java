package de.fachkraftallianz.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UrlEncodingTest {

    @Test
    void form_decoding_turns_plus_into_space_and_reads_utf8() {
        assertThat(UrlEncoding.decodeFormStrict("Gr%C3%BC%C3%9Fe+aus+Pirna")).isEqualTo("Grüße aus Pirna");
        assertThat(UrlEncoding.decodeFormStrict("a%2Bb")).isEqualTo("a+b");
    }

    @Test
    void strict_form_decoding_refuses_malformed_escapes_and_invalid_utf8() {
        assertThatThrownBy(() -> UrlEncoding.decodeFormStrict("a=%zz")).isInstanceOf(UrlEncoding.MalformedException.class);
        assertThatThrownBy(() -> UrlEncoding.decodeFormStrict("%E")).isInstanceOf(UrlEncoding.MalformedException.class);
        assertThatThrownBy(() -> UrlEncoding.decodeFormStrict("%C3%28")).isInstanceOf(UrlEncoding.MalformedException.class);
    }

    @Test
    void path_segments_keep_plus_and_lenient_decoding_keeps_what_it_cannot_read() {
        assertThat(UrlEncoding.decodePathLenient("a+b%20c")).isEqualTo("a+b c");
        assertThat(UrlEncoding.decodePathLenient("%ZZ")).isEqualTo("%ZZ");
        assertThat(UrlEncoding.decodeQueryLenient("K7QM-4XRT+x%ZZ")).isEqualTo("K7QM-4XRT x%ZZ");
    }

    @Test
    void strict_utf8_both_ways() {
        assertThat(UrlEncoding.Utf8.isValid(new byte[] {(byte) 0xC3, (byte) 0xA4})).isTrue();
        assertThat(UrlEncoding.Utf8.isValid(new byte[] {(byte) 0xC3, 0x28})).isFalse();
        assertThatThrownBy(() -> UrlEncoding.Utf8.encodeStrict("x\udc00")).isInstanceOf(UrlEncoding.MalformedException.class);
    }
}
