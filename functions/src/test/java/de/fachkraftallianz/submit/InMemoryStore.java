package de.fachkraftallianz.submit;

import de.fachkraftallianz.store.SubmissionStore;
import de.fachkraftallianz.submission.Submission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store for unit tests (integration tests use the real local DynamoDB-compatible server). */
class InMemoryStore implements SubmissionStore {

    final Map<String, Submission> items = new LinkedHashMap<>();
    final List<String> finds = new ArrayList<>();
    int primedWrites;
    boolean unavailable;
    /** The next put is stored, but reported as a conditional failure met by the SDK's own retry. */
    boolean answerLostOnce;

    @Override
    public synchronized PutResult putIfAbsent(Submission submission) {
        if (unavailable) {
            throw new StoreUnavailableException(new RuntimeException("simulated outage"));
        }
        Submission holder = items.putIfAbsent(submission.reference(), submission);
        if (holder == null && answerLostOnce) {
            answerLostOnce = false;
            return new Stored(true);
        }
        return holder == null ? new Stored(false) : new Taken(holder);
    }

    @Override
    public synchronized Optional<Submission> find(String reference) {
        finds.add(reference);
        return Optional.ofNullable(items.get(reference));
    }

    @Override
    public synchronized void primeWritePath() {
        primedWrites++;
    }
}
