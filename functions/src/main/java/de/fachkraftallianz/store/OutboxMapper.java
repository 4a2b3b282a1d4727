package de.fachkraftallianz.store;

import de.fachkraftallianz.submission.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The outbox: the notifications a submission still has to send, kept on the submission's own item. The submission's
 * single PutItem writes them as pending, together with the sparse index key that lists the item in
 * {@link TableKeys#GSI_BY_OUTBOX}; the notifier (notify/) then claims, sends and clears each one with conditional
 * UpdateItems on this item. Nothing here holds personal data.
 *
 * <pre>
 * outbox       = { team: {attempts: 0, nextAttemptAt: "2026-…Z"}, receipt: {…} }    pending; while a notifier holds
 *                  one: + claim (random token), claimedAt; after a failed try: + lastError (an error code)
 * outboxSent   = { team: {messageId, sentAt, attempts} }                            delivered to SES, never again
 * outboxFailed = { receipt: {reason, failedAt, attempts} }                          given up: for the office to show
 * gsi4pk/gsi4sk = "OUTBOX" / "<createdAt>#<reference>"                              only while outbox is not empty
 *                 "UNDELIVERED" / the same                                          then, if any was given up, until an
 *                                                                                   administrator resends or dismisses
 * </pre>
 */
public final class OutboxMapper {

    public static final String OUTBOX = "outbox";
    public static final String SENT = "outboxSent";
    public static final String FAILED = "outboxFailed";
    public static final String ATTEMPTS = "attempts";
    public static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    public static final String CLAIM = "claim";
    public static final String CLAIMED_AT = "claimedAt";
    public static final String LAST_ERROR = "lastError";

    private OutboxMapper() {
    }

    /**
     * The attributes a new submission item gets for its due notifications: each pending, due at once, never tried;
     * and the outbox index key. Nothing if none is due (suspected spam), so the item stays out of the index.
     */
    public static Map<String, AttributeValue> pending(List<Notification> due, Instant createdAt, String reference) {
        if (due.isEmpty()) {
            return Map.of();
        }
        Map<String, AttributeValue> outbox = new HashMap<>();
        for (Notification notification : due) {
            outbox.put(notification.key(), AttributeValue.fromM(Map.of(
                    ATTEMPTS, AttributeValue.fromN("0"),
                    NEXT_ATTEMPT_AT, AttributeValue.fromS(createdAt.toString()))));
        }
        return Map.of(
                OUTBOX, AttributeValue.fromM(outbox),
                TableKeys.GSI4_PK, AttributeValue.fromS(TableKeys.OUTBOX_PARTITION),
                TableKeys.GSI4_SK, AttributeValue.fromS(TableKeys.timeSortKey(createdAt, reference)));
    }

    /** One pending notification as the item (or the outbox index) holds it. */
    public record Pending(Notification notification, int attempts, Instant nextAttemptAt, String claim,
                          Instant claimedAt, String lastError) {

        public boolean claimed() {
            return claim != null;
        }
    }

    /** The pending notifications of an item, or of an outbox index entry; empty if it has none. */
    public static List<Pending> pendingOf(Map<String, AttributeValue> item) {
        AttributeValue outbox = item.get(OUTBOX);
        List<Pending> pending = new ArrayList<>();
        if (outbox == null || !outbox.hasM()) {
            return pending;
        }
        for (Map.Entry<String, AttributeValue> entry : outbox.m().entrySet()) {
            Map<String, AttributeValue> fields = entry.getValue().m();
            pending.add(new Pending(
                    Notification.ofKey(entry.getKey()),
                    Integer.parseInt(fields.get(ATTEMPTS).n()),
                    Instant.parse(fields.get(NEXT_ATTEMPT_AT).s()),
                    text(fields, CLAIM),
                    fields.containsKey(CLAIMED_AT) ? Instant.parse(fields.get(CLAIMED_AT).s()) : null,
                    text(fields, LAST_ERROR)));
        }
        pending.sort((a, b) -> a.notification().compareTo(b.notification()));
        return pending;
    }

    /** The given-up notifications of an item (or an outbox index entry), in the enum's order; empty if none. */
    public static List<de.fachkraftallianz.submission.CaseFile.Undelivered> failedOf(Map<String, AttributeValue> item) {
        AttributeValue failed = item.get(FAILED);
        List<de.fachkraftallianz.submission.CaseFile.Undelivered> list = new ArrayList<>();
        if (failed == null || !failed.hasM()) {
            return list;
        }
        for (Map.Entry<String, AttributeValue> entry : failed.m().entrySet()) {
            Map<String, AttributeValue> fields = entry.getValue().m();
            list.add(new de.fachkraftallianz.submission.CaseFile.Undelivered(Notification.ofKey(entry.getKey()),
                    fields.containsKey("failedAt") ? Instant.parse(fields.get("failedAt").s()) : null,
                    fields.containsKey(ATTEMPTS) ? Integer.parseInt(fields.get(ATTEMPTS).n()) : 0,
                    text(fields, "reason")));
        }
        list.sort((a, b) -> a.notification().compareTo(b.notification()));
        return list;
    }

    private static String text(Map<String, AttributeValue> fields, String name) {
        AttributeValue value = fields.get(name);
        return value == null ? null : value.s();
    }
}
