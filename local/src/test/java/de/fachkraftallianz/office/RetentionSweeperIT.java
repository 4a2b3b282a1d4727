package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.office.retention.SweeperHandler;
import de.fachkraftallianz.store.DirectoryStore;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.RetentionSweeper;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Retention;
import de.fachkraftallianz.submission.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The retention sweeper against dynalite (which never expires anything itself), with the clock moved on. */
class RetentionSweeperIT {

    static LocalStack stack;
    static OfficeStore store;
    static final Person AMT = new Person("sub-amt", "Anna Amt (Beispiel)");

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
        store = new OfficeStore(stack.dynamoDb(), stack.tableName());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static void close(String reference) {
        CaseFile file = store.find(reference).orElseThrow();
        store.changeStatus(reference, file.version(), file.status(), Status.IN_PROGRESS, AMT, Instant.now(), null,
                file.formId(), 180);
        file = store.find(reference).orElseThrow();
        store.changeStatus(reference, file.version(), file.status(), Status.DONE, AMT, Instant.now(), "Erledigt.",
                file.formId(), 180);
    }

    private static boolean inTable(String reference) {
        Map<String, AttributeValue> item = stack.dynamoDb().getItem(b -> b.tableName(stack.tableName())
                .key(TableKeys.submissionKey(reference))).item();
        return item != null && !item.isEmpty();
    }

    @Test
    void what_is_due_is_deleted_what_is_open_or_reopened_or_not_yet_due_is_kept() throws Exception {
        String closed = OfficeIT.submit(stack, "bedarf-einrichtung", false);
        String open = OfficeIT.submit(stack, "bedarf-einrichtung", false);
        String spam = OfficeIT.submit(stack, "angebot-traeger", true);
        String reopened = OfficeIT.submit(stack, "barriere-melden", false);
        close(closed);
        close(reopened);

        // 31 days on: only the unreviewed spam is due.
        Instant in31Days = Instant.now().plus(Duration.ofDays(31));
        run(in31Days);
        assertThat(inTable(spam)).isFalse();
        assertThat(inTable(closed)).isTrue();

        CaseFile file = store.find(reopened).orElseThrow();
        store.changeStatus(reopened, file.version(), Status.DONE, Status.IN_PROGRESS, AMT, Instant.now(), null,
                file.formId(), 180);

        // 181 days on: the closed one is due; the open and the reopened ones have no expiry.
        RetentionSweeper.Result result = new RetentionSweeper(stack.dynamoDb(), stack.tableName())
                .sweep(Instant.now().plus(Duration.ofDays(181)), () -> true);
        assertThat(result.deleted()).isGreaterThanOrEqualTo(1);
        assertThat(result.finished()).isTrue();
        assertThat(inTable(closed)).isFalse();
        assertThat(inTable(open)).isTrue();
        assertThat(inTable(reopened)).isTrue();
    }

    @Test
    void a_submission_reopened_after_the_sweeper_read_the_index_is_kept() {
        String reference = OfficeIT.submit(stack, "beratungsangebot", false);
        close(reference);
        // The index says due (as read a moment ago), but the item's own expiry is gone: reopened meanwhile.
        stack.dynamoDb().updateItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(reference))
                .updateExpression("SET expiresAt = :later").expressionAttributeValues(Map.of(":later",
                        AttributeValue.fromN(Long.toString(Instant.now().plus(Duration.ofDays(400)).getEpochSecond())))));
        RetentionSweeper.Result result = new RetentionSweeper(stack.dynamoDb(), stack.tableName())
                .sweep(Instant.now().plus(Duration.ofDays(181)), () -> true);
        assertThat(inTable(reference)).isTrue();
        assertThat(result.kept()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_channel_listed_in_the_directory_is_never_due_until_it_is_withdrawn() {
        String reference = OfficeIT.submit(stack, "beratungsangebot", false);
        DirectoryStore directory = new DirectoryStore(stack.dynamoDb(), stack.tableName());
        Map<String, java.util.List<String>> fields = Map.of(Directory.TITLE, java.util.List.of("Chat am Abend"));
        assertThat(directory.publish(reference, 0, "beratungsangebot", new DirectoryStore.Publication(
                reference.toLowerCase(), fields, java.time.LocalDate.now(), Instant.now(), null, true),
                new CaseFile.HistoryEntry(Instant.now(), AMT, "PUBLISH", null, reference.toLowerCase(), null)))
                .isInstanceOf(OfficeStore.Changed.class);
        close(reference);
        assertThat(store.find(reference).orElseThrow().expiresAt()).as("closed, but listed").isNull();

        RetentionSweeper.Result result = new RetentionSweeper(stack.dynamoDb(), stack.tableName())
                .sweep(Instant.now().plus(Duration.ofDays(100L * 365)), () -> true);
        assertThat(result.finished()).isTrue();
        assertThat(inTable(reference)).isTrue();
        assertThat(directory.entries()).anyMatch(e -> e.slug().equals(reference.toLowerCase()));

        CaseFile file = store.find(reference).orElseThrow();
        Instant withdrawn = Instant.now();
        directory.unpublish(reference, file.version(), new CaseFile.HistoryEntry(withdrawn, AMT, "UNPUBLISH", null,
                null, null), Retention.onMove(file.status(), withdrawn, 180));
        new RetentionSweeper(stack.dynamoDb(), stack.tableName()).sweep(withdrawn.plus(Duration.ofDays(181)),
                () -> true);
        assertThat(inTable(reference)).isFalse();
    }

    private static void run(Instant at) throws Exception {
        SweeperHandler handler = new SweeperHandler(new RetentionSweeper(stack.dynamoDb(), stack.tableName()),
                Clock.fixed(at, ZoneOffset.UTC));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out, null);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"finished\":true");
    }
}
