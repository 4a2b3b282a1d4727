package de.fachkraftallianz.store;

import de.fachkraftallianz.submission.Submission;
import java.util.Optional;

/** Where submissions live. The only implementation that matters is {@link DynamoSubmissionStore}. */
public interface SubmissionStore {

    /**
     * Stores the submission unless one with its reference exists already (one conditional single-item write).
     *
     * @throws StoreUnavailableException if the store could not be reached in time or refused the write
     */
    PutResult putIfAbsent(Submission submission);

    /**
     * Reads one submission by its reference.
     *
     * @throws StoreUnavailableException if the store could not be reached in time
     */
    Optional<Submission> find(String reference);

    /**
     * SnapStart priming: sends a conditional write whose condition can never hold, so the write path (request
     * marshalling, the connection, the conditional-failure path) is loaded and nothing is written.
     */
    void primeWritePath();

    /** What a conditional put did. */
    sealed interface PutResult permits Stored, Taken {
    }

    /**
     * The submission is stored now.
     *
     * @param byEarlierAttempt true if the SDK's retry met the item its own earlier attempt had written (the first
     *                         answer was lost on the way back): still a first-time store, not a duplicate
     */
    record Stored(boolean byEarlierAttempt) implements PutResult {
    }

    /** Another write holds the reference. */
    record Taken(Submission holder) implements PutResult {
    }

    /** Storing failed for a reason that is not the visitor's: the visitor may try again. */
    final class StoreUnavailableException extends RuntimeException {
        public StoreUnavailableException(Throwable cause) {
            super("Submission store unavailable", cause);
        }

        /**
         * What failed, for the log: the cause's class and, from DynamoDB, its error code (for example
         * {@code ValidationException}); never the message, which may quote a key.
         */
        public String kind() {
            Throwable cause = getCause();
            if (cause == null) {
                return "unknown";
            }
            if (cause instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
                    && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
                return cause.getClass().getName() + ":" + aws.awsErrorDetails().errorCode();
            }
            return cause.getClass().getName();
        }
    }
}
