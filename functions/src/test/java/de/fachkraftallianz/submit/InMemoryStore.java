package de.fachkraftallianz.submit;

import de.fachkraftallianz.store.SubmissionStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A store for unit tests (integration tests use the real local DynamoDB-compatible server). */
final class InMemoryStore implements SubmissionStore {

    final Map<String, Submission> items = new LinkedHashMap<>();
    boolean unavailable;

    @Override
    public synchronized Optional<Submission> putIfAbsent(Submission submission) {
        if (unavailable) {
            throw new StoreUnavailableException(new RuntimeException("simulated outage"));
        }
        Submission holder = items.putIfAbsent(submission.reference(), submission);
        return Optional.ofNullable(holder);
    }

    @Override
    public synchronized Optional<Submission> find(String reference) {
        return Optional.ofNullable(items.get(reference));
    }
}
