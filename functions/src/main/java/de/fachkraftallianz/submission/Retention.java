package de.fachkraftallianz.submission;

import java.time.Duration;
import java.time.Instant;

/**
 * When a submission's personal data goes (DSGVO Art. 5(1)(e), 17; SGB VIII § 64): a submission is kept while it is
 * worked on; closing it (done, declined, spam) starts its form's retention period, reopening stops it again, and
 * suspected spam nobody reviews goes after {@link #UNREVIEWED_SPAM}. The expiry is DynamoDB's time to live; since
 * DynamoDB deletes "typically within two days" (and the local server never), the office treats an item past its
 * expiry as gone, and a sweeper deletes it.
 */
public final class Retention {

    /** How long suspected spam is kept if nobody reviews it. */
    public static final Duration UNREVIEWED_SPAM = Duration.ofDays(30);

    private Retention() {
    }

    /** The expiry of a submission as it arrives: none while it waits for the office, 30 days for suspected spam. */
    public static Instant onArrival(Status status, Instant now) {
        return status == Status.SUSPECTED_SPAM ? now.plus(UNREVIEWED_SPAM) : null;
    }

    /**
     * The expiry after a move to {@code to}: the form's retention period from now when it closes, none when it is
     * open again (reopened, or found not to be spam).
     */
    public static Instant onMove(Status to, Instant now, int retentionDays) {
        return to.isClosed() ? now.plus(Duration.ofDays(retentionDays)) : null;
    }

    /** Whether something with this expiry (null: none) is gone at {@code now}. */
    public static boolean expired(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
