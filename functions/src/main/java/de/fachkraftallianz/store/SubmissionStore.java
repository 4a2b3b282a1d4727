package de.fachkraftallianz.store;

import de.fachkraftallianz.submit.Submission;
import java.util.Optional;

/** Where submissions live. The only implementation that matters is {@link DynamoSubmissionStore}. */
public interface SubmissionStore {

    /**
     * Stores the submission unless one with its reference exists already (a single conditional write).
     *
     * @return empty if stored, otherwise the submission that holds the reference
     * @throws StoreUnavailableException if the store could not be reached or refused the write
     */
    Optional<Submission> putIfAbsent(Submission submission);

    /**
     * Reads one submission by its reference.
     *
     * @throws StoreUnavailableException if the store could not be reached
     */
    Optional<Submission> find(String reference);

    /** Thrown when storing failed for a reason that is not the visitor's: the visitor may try again. */
    final class StoreUnavailableException extends RuntimeException {
        public StoreUnavailableException(Throwable cause) {
            super("Submission store unavailable", cause);
        }
    }
}
