package de.fachkraftallianz.submission;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One stored form submission: the domain record, without any storage or HTTP types.
 *
 * @param contentHash identifies the content, so a repeated POST of the same content is recognised
 * @param values      the cleaned values of the form's fields (a list per field; several for a check box group)
 * @param expiresAt   when its data goes ({@link Retention}), or null while there is no end yet
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
}
