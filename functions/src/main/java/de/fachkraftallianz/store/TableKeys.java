package de.fachkraftallianz.store;

import de.fachkraftallianz.submission.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one table's key scheme, in one place. template.yaml declares the same key and index names (checked by
 * TemplateTest), and the local stack creates the table from template.yaml.
 *
 * <p>Item types and their keys:
 * <ul>
 * <li>a submission: {@code SUB#<reference>} / {@code SUBMISSION}; everything that belongs to it shares the partition
 * with another sort key, so a submission and all of it can be read, or erased, with one Query;</li>
 * <li>an office session: {@code SESSION#<hash of the session id>} / {@code SESSION} (the id itself is only in the
 * browser's cookie);</li>
 * <li>a sign-in in progress: {@code LOGIN#<state>} / {@code LOGIN};</li>
 * <li>the staff who have signed in (for assigning): {@code STAFF} / {@code <subject id>}.</li>
 * </ul>
 * A submission published in the directory of virtual channels carries its public entry on the submission item itself
 * ({@code publication}) and, while it is published, the keys of the sparse index {@link #GSI_BY_DIRECTORY}.
 * The three indexes use generic attributes ({@code gsiNpk}/{@code gsiNsk}), newest first by sort key
 * {@code <createdAt>#<reference>}, and project only what the inbox shows ({@link #INBOX_ATTRIBUTES}).
 */
public final class TableKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    /**
     * Index "by form": partition {@code FORM#<formId>}, or {@code SPAM#<formId>} while the submission is (suspected)
     * spam, so a department's inbox never reads what only administrators may see.
     */
    public static final String GSI_BY_FORM = "byForm";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    /** Index "by form and status": partition {@code FORM#<formId>#<STATUS>}; also counts per status. */
    public static final String GSI_BY_FORM_STATUS = "byFormStatus";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    /** Index "by assignee" (sparse: only assigned submissions): partition {@code ASSIGNEE#<subject id>}. */
    public static final String GSI_BY_ASSIGNEE = "byAssignee";
    public static final String GSI3_PK = "gsi3pk";
    public static final String GSI3_SK = "gsi3sk";
    /**
     * Index "directory" (sparse: only published entries): partition {@code DIRECTORY}, sort key the entry's address
     * segment. It carries only {@link #DIRECTORY_ATTRIBUTES}: the published entry, never the rest of the submission.
     */
    public static final String GSI_BY_DIRECTORY = "byDirectory";
    public static final String GSI4_PK = "gsi4pk";
    public static final String GSI4_SK = "gsi4sk";
    /** The one partition of the directory index. */
    public static final String DIRECTORY = "DIRECTORY";
    /** What the directory index carries besides the keys: the reference and the published entry. */
    public static final List<String> DIRECTORY_ATTRIBUTES = List.of("reference", "publication");
    /** What the indexes carry of a submission besides the keys: the inbox's columns. */
    public static final List<String> INBOX_ATTRIBUTES = List.of("reference", "formId", "status", "createdAt",
            "assigneeId", "assigneeName", "urgency", "openedAt", "version");
    /** Epoch seconds after which DynamoDB deletes the item (retention, session end). */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    /** The sort key of the submission item itself. */
    public static final String SUBMISSION = "SUBMISSION";
    public static final String STAFF = "STAFF";

    private TableKeys() {
    }

    /** The partition every item of one submission lives in. */
    public static String submissionPartition(String reference) {
        return "SUB#" + reference;
    }

    public static Map<String, AttributeValue> submissionKey(String reference) {
        return key(submissionPartition(reference), SUBMISSION);
    }

    /** The byForm partition of a form's submissions in that status. */
    public static String formPartition(String formId, Status status) {
        return (status.isSpam() ? "SPAM#" : "FORM#") + formId;
    }

    /** The byForm partition of a form's submissions that are not (suspected) spam, or are. */
    public static String formPartition(String formId, boolean spam) {
        return (spam ? "SPAM#" : "FORM#") + formId;
    }

    public static String formStatusPartition(String formId, Status status) {
        return "FORM#" + formId + "#" + status.name();
    }

    public static String assigneePartition(String personId) {
        return "ASSIGNEE#" + personId;
    }

    /** A sort key that orders by time and is unique per submission ("newest first" with ScanIndexForward=false). */
    public static String timeSortKey(Instant createdAt, String reference) {
        return createdAt + "#" + reference;
    }

    public static Map<String, AttributeValue> sessionKey(String sessionHash) {
        return key("SESSION#" + sessionHash, "SESSION");
    }

    public static Map<String, AttributeValue> loginKey(String state) {
        return key("LOGIN#" + state, "LOGIN");
    }

    public static Map<String, AttributeValue> staffKey(String personId) {
        return key(STAFF, personId);
    }

    public static Map<String, AttributeValue> key(String partition, String sort) {
        return Map.of(PK, AttributeValue.fromS(partition), SK, AttributeValue.fromS(sort));
    }
}
