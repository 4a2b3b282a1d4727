package de.fachkraftallianz.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waits_double_from_one_minute_up_to_an_hour() {
        List<Long> minutes = new ArrayList<>();
        for (int failed = 1; failed <= 10; failed++) {
            minutes.add(Backoff.after(failed).toMinutes());
        }
        assertThat(minutes).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L, 60L);
        assertThat(Backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Backoff.after(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gives_up_after_eight_attempts_about_two_hours_after_the_first() {
        assertThat(Backoff.exhausted(Backoff.MAX_ATTEMPTS - 1)).isFalse();
        assertThat(Backoff.exhausted(Backoff.MAX_ATTEMPTS)).isTrue();
        Duration waited = Duration.ZERO;
        for (int failed = 1; failed < Backoff.MAX_ATTEMPTS; failed++) {
            waited = waited.plus(Backoff.after(failed));
        }
        assertThat(waited).isEqualTo(Duration.ofMinutes(123));
    }
}
