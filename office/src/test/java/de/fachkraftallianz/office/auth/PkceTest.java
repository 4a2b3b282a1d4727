package de.fachkraftallianz.office.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void s256_challenge_is_the_one_of_rfc_7636_appendix_b() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void random_values_are_base64url_without_padding_and_a_valid_pkce_verifier() {
        for (int i = 0; i < 200; i++) {
            // RFC 7636 4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
            assertThat(Pkce.random()).matches("[A-Za-z0-9_-]{43}");
        }
    }

    @Test
    void random_values_carry_32_random_bytes() {
        Set<String> seen = new HashSet<>();
        int[] ones = new int[256];
        int samples = 2_000;
        for (int i = 0; i < samples; i++) {
            String value = Pkce.random();
            assertThat(seen.add(value)).as("value repeated: %s", value).isTrue();
            byte[] bytes = Base64.getUrlDecoder().decode(value);
            assertThat(bytes).hasSize(32);
            for (int bit = 0; bit < 256; bit++) {
                ones[bit] += (bytes[bit / 8] >> (bit % 8)) & 1;
            }
        }
        // Every one of the 256 bits varies: about half ones (binomial, n = 2000: 6 standard deviations = ±134).
        for (int bit = 0; bit < 256; bit++) {
            assertThat(ones[bit]).as("bit %d set in %d of %d values", bit, ones[bit], samples)
                    .isBetween(samples / 2 - 134, samples / 2 + 134);
        }
    }
}
