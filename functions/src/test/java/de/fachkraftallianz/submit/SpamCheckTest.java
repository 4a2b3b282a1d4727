package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpamCheckTest {

    private final SpamCheck check = new SpamCheck(3_000);

    @Test
    void flags_a_filled_honeypot_and_a_too_fast_or_forged_fill_time() {
        assertThat(check.reason("http://x", "60000")).contains("honeypot");
        assertThat(check.reason("", "2999")).contains("too-fast");
        assertThat(check.reason(null, "bald")).contains("fill-time-invalid");
    }

    @Test
    void lets_people_through_with_or_without_script() {
        assertThat(check.reason("", "3000")).isEmpty();
        assertThat(check.reason(null, null)).as("plain HTML form, no fill time").isEmpty();
    }
}
