package de.fachkraftallianz.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.store.SubmissionStore.Stored;
import de.fachkraftallianz.store.SubmissionStore.Taken;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store's conditional write against the real local DynamoDB-compatible server, through the real SDK. */
class DynamoSubmissionStoreIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static Submission submission(String reference, String hash) {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        return new Submission(reference, "angebot-traeger", Status.NEW, now, now.plusSeconds(86_400), hash,
                Map.of("traeger", List.of("Träger " + hash)), null);
    }

    @Test
    void a_write_that_meets_its_own_earlier_attempt_is_stored_not_taken() {
        DynamoSubmissionStore retrying = new DynamoSubmissionStore(stack.dynamoDb(), stack.tableName(), () -> "same-write");
        assertThat(retrying.putIfAbsent(submission("AAAA-2222", "h1"))).isEqualTo(new Stored(false));
        // The SDK's retry sends the very same request (same write id) after the first answer was lost.
        assertThat(retrying.putIfAbsent(submission("AAAA-2222", "h1"))).isEqualTo(new Stored(true));
    }

    @Test
    void another_write_for_a_taken_reference_gets_the_holder_and_changes_nothing() {
        DynamoSubmissionStore first = new DynamoSubmissionStore(stack.dynamoDb(), stack.tableName(), () -> "first");
        DynamoSubmissionStore second = new DynamoSubmissionStore(stack.dynamoDb(), stack.tableName(), () -> "second");
        assertThat(first.putIfAbsent(submission("BBBB-3333", "h2"))).isEqualTo(new Stored(false));
        SubmissionStore.PutResult result = second.putIfAbsent(submission("BBBB-3333", "other"));
        assertThat(result).isInstanceOf(Taken.class);
        assertThat(((Taken) result).holder().contentHash()).isEqualTo("h2");
        assertThat(first.find("BBBB-3333").orElseThrow().values().get("traeger")).containsExactly("Träger h2");
    }

    @Test
    void priming_sends_a_write_that_cannot_succeed_and_nothing_is_written() {
        new DynamoSubmissionStore(stack.dynamoDb(), stack.tableName()).primeWritePath();
        assertThat(stack.dynamoDb().getItem(b -> b.tableName(stack.tableName())
                .key(TableKeys.key("PRIMING", "PRIMING"))).item()).isEmpty();
    }
}
