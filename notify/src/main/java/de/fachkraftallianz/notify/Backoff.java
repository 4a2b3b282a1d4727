package de.fachkraftallianz.notify;

import java.time.Duration;

/**
 * When a notification that could not be sent is tried again: after 1, 2, 4, 8, 16, 32 minutes, then every 60 minutes;
 * after {@link #MAX_ATTEMPTS} tries it is given up and marked failed on the item (outboxFailed), about two hours
 * after the first try: long enough to outlast a short SES disruption, short enough that a wrong configuration shows.
 * Deterministic (no jitter): one notifier runs at a time, so there is no herd to spread.
 */
public final class Backoff {

    public static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration LONGEST = Duration.ofMinutes(60);

    private Backoff() {
    }

    /** The wait after the given number of failed attempts (1 = after the first). */
    public static Duration after(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("attempts start at 1");
        }
        // 2^(n-1) minutes, without overflow for large n.
        long minutes = failedAttempts > 7 ? LONGEST.toMinutes() : FIRST.toMinutes() << (failedAttempts - 1);
        return Duration.ofMinutes(Math.min(minutes, LONGEST.toMinutes()));
    }

    /** True if a notification that has now failed this often is given up. */
    public static boolean exhausted(int failedAttempts) {
        return failedAttempts >= MAX_ATTEMPTS;
    }
}
