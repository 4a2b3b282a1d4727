package de.fachkraftallianz.submit;

import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.store.SubmissionStore;
import de.fachkraftallianz.store.SubmissionStore.PutResult;
import de.fachkraftallianz.store.SubmissionStore.Stored;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import de.fachkraftallianz.store.SubmissionStore.Taken;
import de.fachkraftallianz.submission.Retention;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

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
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String hash = References.contentHash(form, LocalDate.ofInstant(now, Validator.ZONE), values);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Status status = spamReason == null ? Status.NEW : Status.SUSPECTED_SPAM;
            Submission submission = new Submission(References.derive(hash, attempt), form.id(), status, now,
                    Retention.onArrival(status, now), hash, values, spamReason);
            PutResult result = store.putIfAbsent(submission);
            if (result instanceof Stored stored) {
                return new Receipt(submission.reference(), stored.byEarlierAttempt() ? Kind.STORED_BY_RETRY : Kind.STORED);
            }
            Submission holder = ((Taken) result).holder();
            if (holder.contentHash().equals(hash)) {
                return new Receipt(holder.reference(), Kind.DUPLICATE);
            }
        }
        throw new StoreUnavailableException(new IllegalStateException("No free reference after " + MAX_ATTEMPTS + " attempts"));
    }

    /** What happened to a submission. */
    public enum Kind {
        /** Stored now. */
        STORED,
        /** Stored now; the first answer from the table was lost and the SDK's retry met this very write. */
        STORED_BY_RETRY,
        /** The same content had been stored before (a double click, retry or reload): nothing new stored. */
        DUPLICATE
    }

    public record Receipt(String reference, Kind kind) {
        public boolean isNew() {
            return kind != Kind.DUPLICATE;
        }
    }
}
