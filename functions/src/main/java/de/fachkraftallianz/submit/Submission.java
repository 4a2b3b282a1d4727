package de.fachkraftallianz.submit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One stored form submission.
 *
 * @param contentHash identifies the content, so a repeated POST of the same content is recognised
 * @param spamReason  why the submission is suspected spam, or null
 */
public record Submission(
        String reference,
        String formId,
        Status status,
        Instant createdAt,
        Instant expiresAt,
        String contentHash,
        Map<String, List<String>> values,
        String spamReason) {

    /** Where a submission stands. Every submission starts as NEW or SUSPECTED_SPAM. */
    public enum Status {
        NEW, SUSPECTED_SPAM
    }
}
