package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferencesTest {

    @Test
    void references_are_short_readable_and_free_of_look_alike_characters() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String reference = References.derive("hash-" + i, 0);
            assertThat(reference).matches(References.FORMAT.pattern()).doesNotContain("0", "O", "1", "I");
            seen.add(reference);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void the_same_hash_and_attempt_always_give_the_same_reference() {
        assertThat(References.derive("abc", 0)).isEqualTo(References.derive("abc", 0))
                .isNotEqualTo(References.derive("abc", 1));
    }

    @Test
    void the_alphabet_has_32_distinct_characters() {
        assertThat(References.ALPHABET.chars().distinct().count()).isEqualTo(32);
    }
}
