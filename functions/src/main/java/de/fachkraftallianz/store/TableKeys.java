package de.fachkraftallianz.store;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one table's key scheme, in one place. template.yaml declares the same key and index names (checked by
 * TemplateTest), and the local stack creates the table from template.yaml.
 *
 * <p>Every item that belongs to a submission shares the submission's partition {@code SUB#<reference>} and tells
 * its kind by the sort key (the submission itself is {@code SUBMISSION}), so a submission and everything of it can
 * be read, or erased, with one Query on one partition. Indexes use the generic {@code gsiNpk}/{@code gsiNsk}
 * attributes, so several item types can share an index.
 */
public final class TableKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    /** Index "by form, newest first": partition FORM#&lt;formId&gt;, sort &lt;createdAt&gt;#&lt;reference&gt;. */
    public static final String GSI_BY_FORM = "byForm";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    /** Index "by status, newest first": partition STATUS#&lt;status&gt;, sort &lt;createdAt&gt;#&lt;reference&gt;. */
    public static final String GSI_BY_STATUS = "byStatus";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    /** Epoch seconds after which DynamoDB deletes the item (retention). */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    /** The sort key of the submission item itself. */
    public static final String SUBMISSION = "SUBMISSION";

    private TableKeys() {
    }

    /** The partition every item of one submission lives in. */
    public static String submissionPartition(String reference) {
        return "SUB#" + reference;
    }

    public static Map<String, AttributeValue> submissionKey(String reference) {
        return key(submissionPartition(reference), SUBMISSION);
    }

    public static String formPartition(String formId) {
        return "FORM#" + formId;
    }

    public static String statusPartition(String status) {
        return "STATUS#" + status;
    }

    /** A sort key that orders by time and is unique per submission ("newest first" with ScanIndexForward=false). */
    public static String timeSortKey(Instant createdAt, String reference) {
        return createdAt + "#" + reference;
    }

    public static Map<String, AttributeValue> key(String partition, String sort) {
        return Map.of(PK, AttributeValue.fromS(partition), SK, AttributeValue.fromS(sort));
    }
}
