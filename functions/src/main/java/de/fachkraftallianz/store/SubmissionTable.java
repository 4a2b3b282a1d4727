package de.fachkraftallianz.store;

/**
 * The one DynamoDB table: its key and index names. template.yaml declares the same (checked by TemplateTest),
 * and the local stack creates the table from template.yaml.
 */
public final class SubmissionTable {
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

    private SubmissionTable() {
    }
}
