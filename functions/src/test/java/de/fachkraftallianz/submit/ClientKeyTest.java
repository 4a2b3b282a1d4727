package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.http.ApiRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientKeyTest {

    @Test
    void ipv4_clients_are_their_address() {
        assertThat(ClientKey.network("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientKey.network("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv6_clients_are_their_64_bit_network_however_written() {
        assertThat(ClientKey.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientKey.network("2001:0DB8:0001:0002::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientKey.network("[2001:db8:1:2::99]")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientKey.network("2001:db8::1")).isEqualTo("2001:db8:0:0::/64");
        assertThat(ClientKey.network("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
    }

    @Test
    void two_addresses_of_one_ipv6_network_are_one_client_another_network_is_another() {
        String a = ClientKey.of(request("2001:db8:1:2::1:443"));
        assertThat(ClientKey.of(request("2001:db8:1:2:ffff:ffff:ffff:ffff:50000"))).isEqualTo(a);
        assertThat(ClientKey.of(request("[2001:db8:1:2::7]:443"))).isEqualTo(a);
        assertThat(ClientKey.of(request("2001:db8:1:3::1:443"))).isNotEqualTo(a);
    }

    @Test
    void the_viewer_address_from_cloudfront_wins_over_the_source_ip_and_only_a_hash_is_kept() {
        String key = ClientKey.of(request("203.0.113.7:50123"));
        assertThat(key).isEqualTo(ClientKey.of(request("203.0.113.7:1"))).doesNotContain("203");
        assertThat(ClientKey.of(request(null))).as("no header: the source ip 198.51.100.23").isNotEqualTo(key);
    }

    private static ApiRequest request(String viewerAddress) {
        Map<String, String> headers = viewerAddress == null ? Map.of() : Map.of("cloudfront-viewer-address", viewerAddress);
        return new ApiRequest("ANY /api/forms/{formId}", "POST", "/api/forms/x", headers, List.of(), Map.of(),
                Map.of(), new byte[0], "198.51.100.23", "r");
    }
}
