package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    @Test
    void the_client_is_cloudfronts_viewer_address_when_present_otherwise_the_source_ip() {
        assertThat(request(Map.of("cloudfront-viewer-address", "203.0.113.7:50123")).clientAddress()).isEqualTo("203.0.113.7");
        assertThat(request(Map.of("cloudfront-viewer-address", "2001:db8::7:443")).clientAddress()).isEqualTo("2001:db8::7");
        assertThat(request(Map.of()).clientAddress()).isEqualTo("198.51.100.23");
    }

    @Test
    void media_type_and_charset_are_read_case_insensitively() {
        ApiRequest request = request(Map.of("content-type", "Application/X-WWW-Form-Urlencoded; Charset=\"UTF-8\""));
        assertThat(request.mediaType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.charset()).isEqualTo("UTF-8");
        assertThat(request.wantsJson()).isFalse();
    }

    private static ApiRequest request(Map<String, String> headers) {
        return new ApiRequest("POST", "/api/forms/x", headers, Map.of(), Map.of(), new byte[0], "198.51.100.23", "r");
    }
}
