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
 * <li>the staff who have signed in (for assigning): {@code STAFF} / {@code <subject id>};</li>
 * <li>the matches made in a week, per request form (the overview's "matches this week"):
 * {@code MATCHLOG#<formId>} / {@code <Monday of the week>}, a set of match ids;</li>
 * <li>the notifier's daily summary of suspected spam, one per day: {@code NOTIFY#SPAM-SUMMARY} / {@code <yyyy-MM-dd>}.</li>
 * </ul>
 * A submission published in the directory of virtual channels carries its public entry on the submission item itself
 * ({@code publication}) and, while it is published, the keys of the sparse index {@link #GSI_BY_DIRECTORY}.
 * The three inbox indexes use generic attributes ({@code gsiNpk}/{@code gsiNsk}), newest first by sort key
 * {@code <createdAt>#<reference>}; the status and assignee indexes project only what the inbox shows
 * ({@link #INBOX_ATTRIBUTES}). Three sparse indexes follow: {@link #GSI_BY_OUTBOX} (gsi4: the submissions whose
 * notifications are still pending), {@link #GSI_BY_EXPIRY} (gsi5: what retention deletes when) and
 * {@link #GSI_BY_DIRECTORY} (gsi6: the published directory entries).
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
    /** What matching compares of a request or an offer (MatchMapper); projected so lists need no GetItem. */
    public static final String FACTS = "facts";
    /** An offer's professionals not taken by a match (the decision counter of every match on it). */
    public static final String FREE = "free";
    /** A request's professionals still needed (the decision counter of every match on it). */
    public static final String OPEN = "open";
    /** An offer's matches, by match id: the capacity each holds. */
    public static final String ALLOCATIONS = "allocations";
    /** A request's matches, by match id: whether each exists (the source of truth). */
    public static final String MATCHES = "matches";
    /** An offer's markers of matches a flow has not finished (string set), so lists can see what needs repair. */
    public static final String UNSETTLED = "unsettled";
    /**
     * Index "by outbox" (sparse: only submissions with a notification still pending, see {@link OutboxMapper}): one
     * partition {@link #OUTBOX_PARTITION}, sort key {@code <createdAt>#<reference>}, oldest first. The notifier reads it
     * every minute instead of scanning the table; it carries only {@link #OUTBOX_ATTRIBUTES} (no personal data).
     */
    public static final String GSI_BY_OUTBOX = "byOutbox";
    public static final String GSI4_PK = "gsi4pk";
    public static final String GSI4_SK = "gsi4sk";
    public static final String OUTBOX_PARTITION = "OUTBOX";
    /**
     * The outbox index's second partition: submissions whose notifications are all finished but one or more were
     * given up, until an administrator sends them again or decides not to (the office lists them from here).
     */
    public static final String UNDELIVERED_PARTITION = "UNDELIVERED";
    /**
     * What the outbox index carries besides the keys: the pending notifications' schedule, the given-up ones (reason
     * codes and times, no addresses) and what the office's list needs (form, expiry).
     */
    public static final List<String> OUTBOX_ATTRIBUTES = List.of(OutboxMapper.OUTBOX, OutboxMapper.FAILED, "formId",
            TableKeys.TTL_ATTRIBUTE);
    /**
     * Index "by expiry" (sparse: only submissions with an expiry): partition {@value #EXPIRY_PARTITION}, sort key the
     * expiry as {@link #expirySortKey}; keys only. The retention sweeper reads what is due from it.
     */
    public static final String GSI_BY_EXPIRY = "byExpiry";
    public static final String GSI5_PK = "gsi5pk";
    public static final String GSI5_SK = "gsi5sk";
    public static final String EXPIRY_PARTITION = "EXPIRES";
    /**
     * Index "directory" (sparse: only published entries): partition {@code DIRECTORY}, sort key the entry's address
     * segment. It carries only {@link #DIRECTORY_ATTRIBUTES}: the published entry, never the rest of the submission.
     */
    public static final String GSI_BY_DIRECTORY = "byDirectory";
    public static final String GSI6_PK = "gsi6pk";
    public static final String GSI6_SK = "gsi6sk";
    /** The one partition of the directory index. */
    public static final String DIRECTORY = "DIRECTORY";
    /** What the directory index carries besides the keys: the reference and the published entry. */
    public static final List<String> DIRECTORY_ATTRIBUTES = List.of("reference", "publication");
    /**
     * What the status and assignee indexes carry of a submission besides the keys: the inbox's columns (and the
     * expiry, so that nothing past it is listed or counted), and what matching ranks and the overview counts (facts,
     * the two counters and the unfinished flows' markers; never an answer). The form index carries everything (the
     * export reads it); the inbox asks it for these attributes only.
     */
    public static final List<String> INBOX_ATTRIBUTES = List.of("reference", "formId", "status", "createdAt",
            "assigneeId", "assigneeName", "urgency", "openedIn", "version", "expiresAt", FACTS, FREE, OPEN, UNSETTLED);
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

    /** The expiry as a sort key: epoch seconds, zero-padded, so that text order is time order. */
    public static String expirySortKey(Instant expiresAt) {
        return String.format(java.util.Locale.ROOT, "%012d", expiresAt.getEpochSecond());
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

    /** The set of matches made in the week starting {@code monday} on requests of the form. */
    public static Map<String, AttributeValue> matchLogKey(String formId, java.time.LocalDate monday) {
        return key("MATCHLOG#" + formId, monday.toString());
    }

    public static Map<String, AttributeValue> staffKey(String personId) {
        return key(STAFF, personId);
    }

    /** The notifier's record of the daily summary of suspected spam for one day (sent at most once a day). */
    public static Map<String, AttributeValue> spamSummaryKey(String isoDate) {
        return key("NOTIFY#SPAM-SUMMARY", isoDate);
    }

    public static Map<String, AttributeValue> key(String partition, String sort) {
        return Map.of(PK, AttributeValue.fromS(partition), SK, AttributeValue.fromS(sort));
    }
}
