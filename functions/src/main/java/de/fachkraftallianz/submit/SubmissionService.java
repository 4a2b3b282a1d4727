package de.fachkraftallianz.submit;

import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.store.SubmissionStore;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import de.fachkraftallianz.submit.Submission.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stores a validated submission exactly once and tells which reference it has. */
public final class SubmissionService {

    /** Reference candidates tried before giving up; a collision of 40-bit references is already very rare. */
    static final int MAX_ATTEMPTS = 5;

    private final SubmissionStore store;
    private final Clock clock;

    public SubmissionService(SubmissionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param spamReason why this looks like spam (stored, flagged, answered like any other), or null
     * @throws StoreUnavailableException if it could not be stored
     */
    public Receipt submit(FormDefinition form, Map<String, List<String>> values, String spamReason) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String hash = References.contentHash(form, LocalDate.ofInstant(now, Validator.ZONE), values);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Submission submission = new Submission(References.derive(hash, attempt), form.id(),
                    spamReason == null ? Status.NEW : Status.SUSPECTED_SPAM, now,
                    now.plus(Duration.ofDays(form.retentionDays())), hash, values, spamReason);
            Optional<Submission> holder = store.putIfAbsent(submission);
            if (holder.isEmpty()) {
                return new Receipt(submission.reference(), false);
            }
            if (holder.get().contentHash().equals(hash)) {
                return new Receipt(holder.get().reference(), true);
            }
        }
        throw new StoreUnavailableException(new IllegalStateException("No free reference after " + MAX_ATTEMPTS + " attempts"));
    }

    /** @param duplicate true if the same content had been stored before (a double click, retry or reload) */
    public record Receipt(String reference, boolean duplicate) {
    }
}
