package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void allows_the_limit_per_client_then_refuses_other_clients_unaffected() {
        RateLimiter limiter = new RateLimiter(2, clock);
        assertThat(limiter.isOverLimit("a")).isFalse();
        limiter.record("a");
        assertThat(limiter.isOverLimit("a")).isFalse();
        limiter.record("a");
        assertThat(limiter.isOverLimit("a")).isTrue();
        assertThat(limiter.isOverLimit("b")).as("other clients are not affected").isFalse();
    }

    @Test
    void a_submission_counts_for_exactly_one_hour() {
        RateLimiter limiter = new RateLimiter(1, clock);
        limiter.record("a");
        now = now.plus(Duration.ofHours(1)).minusMillis(1);
        assertThat(limiter.isOverLimit("a")).as("one millisecond before the hour is up").isTrue();
        now = now.plusMillis(1);
        assertThat(limiter.isOverLimit("a")).as("exactly one hour later").isFalse();
    }

    @Test
    void the_window_slides_each_submission_expires_on_its_own() {
        RateLimiter limiter = new RateLimiter(2, clock);
        limiter.record("a");
        now = now.plus(Duration.ofMinutes(30));
        limiter.record("a");
        now = now.plus(Duration.ofMinutes(30));
        assertThat(limiter.isOverLimit("a")).as("the first expired, the second still counts").isFalse();
        limiter.record("a");
        assertThat(limiter.isOverLimit("a")).isTrue();
    }

    @Test
    void only_recorded_submissions_count_checking_alone_uses_nothing() {
        RateLimiter limiter = new RateLimiter(1, clock);
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.isOverLimit("a")).isFalse();
        }
        limiter.record("a");
        assertThat(limiter.isOverLimit("a")).isTrue();
    }

    @Test
    void beyond_its_bound_it_forgets_the_least_recently_counted_client() {
        RateLimiter limiter = new RateLimiter(1, 3, clock);
        limiter.record("a");
        limiter.record("b");
        limiter.record("c");
        limiter.record("a"); // a is now the most recently counted
        limiter.record("d");
        assertThat(limiter.clients()).isEqualTo(3);
        assertThat(limiter.isOverLimit("b")).as("b was the least recently counted: forgotten").isFalse();
        assertThat(limiter.isOverLimit("a")).isTrue();
        assertThat(limiter.isOverLimit("c")).isTrue();
        assertThat(limiter.isOverLimit("d")).isTrue();
    }
}
