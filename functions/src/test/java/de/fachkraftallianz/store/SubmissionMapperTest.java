package de.fachkraftallianz.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.store.OutboxMapper.Pending;
import de.fachkraftallianz.submission.Notification;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The submission's one PutItem carries its pending notifications and the sparse outbox index key. */
class SubmissionMapperTest {

    private static final Instant CREATED = Instant.parse("2026-05-04T12:07:30.123Z");

    @Test
    void a_new_submission_is_written_with_the_team_notification_pending_and_due_at_once() {
        Map<String, AttributeValue> item = SubmissionMapper.toItem(submission(Status.NEW,
                Map.of("email", List.of("a@example.org"))), "w");

        List<Pending> pending = OutboxMapper.pendingOf(item);
        assertThat(pending).extracting(Pending::notification).containsExactly(Notification.TEAM);
        Pending team = pending.get(0);
        assertThat(team.attempts()).isZero();
        assertThat(team.nextAttemptAt()).isEqualTo(CREATED);
        assertThat(team.claimed()).isFalse();
        assertThat(item.get(TableKeys.GSI4_PK).s()).isEqualTo(TableKeys.OUTBOX_PARTITION);
        assertThat(item.get(TableKeys.GSI4_SK).s()).isEqualTo(CREATED + "#K7QM-4XRT");
        assertThat(item).doesNotContainKeys(OutboxMapper.SENT, OutboxMapper.FAILED);
    }

    @Test
    void a_ticked_receipt_box_with_an_address_adds_the_receipt() {
        Map<String, AttributeValue> item = SubmissionMapper.toItem(submission(Status.NEW, Map.of(
                "email", List.of("a@example.org"), "eingangsbestaetigung", List.of("ja"))), "w");
        assertThat(OutboxMapper.pendingOf(item)).extracting(Pending::notification)
                .containsExactly(Notification.TEAM, Notification.RECEIPT);
        // The outbox holds the schedule only: never the address or anything else typed.
        assertThat(item.get(OutboxMapper.OUTBOX).toString()).doesNotContain("a@example.org");
    }

    @Test
    void no_receipt_without_an_address_or_without_the_tick() {
        assertThat(OutboxMapper.pendingOf(SubmissionMapper.toItem(submission(Status.NEW,
                Map.of("eingangsbestaetigung", List.of("ja"))), "w")))
                .extracting(Pending::notification).containsExactly(Notification.TEAM);
        assertThat(OutboxMapper.pendingOf(SubmissionMapper.toItem(submission(Status.NEW,
                Map.of("email", List.of("a@example.org"), "eingangsbestaetigung", List.of("nein"))), "w")))
                .extracting(Pending::notification).containsExactly(Notification.TEAM);
    }

    @Test
    void suspected_spam_gets_no_outbox_and_stays_out_of_the_outbox_index() {
        Map<String, AttributeValue> item = SubmissionMapper.toItem(submission(Status.SUSPECTED_SPAM, Map.of(
                "email", List.of("a@example.org"), "eingangsbestaetigung", List.of("ja"))), "w");
        assertThat(item).doesNotContainKeys(OutboxMapper.OUTBOX, TableKeys.GSI4_PK, TableKeys.GSI4_SK);
        assertThat(OutboxMapper.pendingOf(item)).isEmpty();
    }

    @Test
    void the_submission_reads_back_unchanged_next_to_its_outbox() {
        Submission submission = submission(Status.NEW, Map.of("email", List.of("a@example.org"),
                "eingangsbestaetigung", List.of("ja")));
        assertThat(SubmissionMapper.fromItem(SubmissionMapper.toItem(submission, "w"))).isEqualTo(submission);
    }

    @Test
    void a_claimed_entry_reads_with_its_claim_and_last_error() {
        Map<String, AttributeValue> item = Map.of(OutboxMapper.OUTBOX, AttributeValue.fromM(Map.of("receipt",
                AttributeValue.fromM(Map.of(
                        OutboxMapper.ATTEMPTS, AttributeValue.fromN("3"),
                        OutboxMapper.NEXT_ATTEMPT_AT, AttributeValue.fromS("2026-05-04T12:10:00Z"),
                        OutboxMapper.CLAIM, AttributeValue.fromS("t0k"),
                        OutboxMapper.CLAIMED_AT, AttributeValue.fromS("2026-05-04T12:10:01Z"),
                        OutboxMapper.LAST_ERROR, AttributeValue.fromS("TooManyRequestsException"))))));
        assertThat(OutboxMapper.pendingOf(item)).containsExactly(new Pending(Notification.RECEIPT, 3,
                Instant.parse("2026-05-04T12:10:00Z"), "t0k", Instant.parse("2026-05-04T12:10:01Z"),
                "TooManyRequestsException"));
    }

    private static Submission submission(Status status, Map<String, List<String>> values) {
        return new Submission("K7QM-4XRT", "bedarf-einrichtung", status, CREATED, Instant.parse("2026-11-01T00:00:00Z"),
                "hash", values, status.isSpam() ? "honeypot" : null);
    }
}
