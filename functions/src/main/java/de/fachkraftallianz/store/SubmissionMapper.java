package de.fachkraftallianz.store;

import static de.fachkraftallianz.store.TableKeys.GSI1_PK;
import static de.fachkraftallianz.store.TableKeys.GSI1_SK;
import static de.fachkraftallianz.store.TableKeys.GSI2_PK;
import static de.fachkraftallianz.store.TableKeys.GSI2_SK;
import static de.fachkraftallianz.store.TableKeys.TTL_ATTRIBUTE;

import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.submission.Notification;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Turns a {@link Submission} into its DynamoDB item and back. The item layout is described in the README. */
public final class SubmissionMapper {

    /** A random id per write attempt series, so a write can recognise itself after the SDK retried it. */
    static final String WRITE_ID = "writeId";
    /** The field whose answer the inbox shows as urgency (where a form asks it). */
    public static final String URGENCY_FIELD = "dringlichkeit";

    private SubmissionMapper() {
    }

    public static Map<String, AttributeValue> toItem(Submission submission, String writeId) {
        String created = submission.createdAt().toString();
        String sortKey = TableKeys.timeSortKey(submission.createdAt(), submission.reference());
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.submissionKey(submission.reference()));
        item.put(GSI1_PK, s(TableKeys.formPartition(submission.formId(), submission.status())));
        item.put(GSI1_SK, s(sortKey));
        item.put(GSI2_PK, s(TableKeys.formStatusPartition(submission.formId(), submission.status())));
        item.put(GSI2_SK, s(sortKey));
        item.put("version", AttributeValue.fromN("0"));
        if (submission.expiresAt() != null) {
            item.putAll(expiry(submission.expiresAt()));
        }
        item.put("reference", s(submission.reference()));
        item.put("formId", s(submission.formId()));
        item.put("status", s(submission.status().name()));
        item.put("createdAt", s(created));
        item.put("contentHash", s(submission.contentHash()));
        item.put(WRITE_ID, s(writeId));
        Map<String, AttributeValue> data = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : submission.values().entrySet()) {
            List<String> values = field.getValue();
            if (values.size() == 1) {
                data.put(field.getKey(), s(values.get(0)));
            } else {
                List<AttributeValue> list = new ArrayList<>(values.size());
                for (String value : values) {
                    list.add(s(value));
                }
                data.put(field.getKey(), AttributeValue.fromL(list));
            }
        }
        item.put("data", AttributeValue.fromM(data));
        List<String> urgency = submission.values().get(URGENCY_FIELD);
        if (urgency != null && !urgency.isEmpty()) {
            item.put("urgency", s(urgency.get(0)));
        }
        if (submission.spamReason() != null) {
            item.put("spamReason", s(submission.spamReason()));
        }
        MatchMapper.addTo(item, submission.formId(), Facts.of(submission.formId(), submission.values()));
        // The notifications this submission causes, pending in the same write: no mail without a stored submission,
        // no stored submission without its mail (see OutboxMapper).
        item.putAll(OutboxMapper.pending(Notification.dueFor(submission), submission.createdAt(),
                submission.reference()));
        return item;
    }

    public static Submission fromItem(Map<String, AttributeValue> item) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> field : item.get("data").m().entrySet()) {
            AttributeValue value = field.getValue();
            if (value.s() != null) {
                values.put(field.getKey(), List.of(value.s()));
            } else {
                List<String> list = new ArrayList<>();
                for (AttributeValue entry : value.l()) {
                    list.add(entry.s());
                }
                values.put(field.getKey(), List.copyOf(list));
            }
        }
        return new Submission(
                item.get("reference").s(),
                item.get("formId").s(),
                Status.valueOf(item.get("status").s()),
                Instant.parse(item.get("createdAt").s()),
                item.containsKey(TTL_ATTRIBUTE) ? Instant.ofEpochSecond(Long.parseLong(item.get(TTL_ATTRIBUTE).n())) : null,
                item.get("contentHash").s(),
                values,
                item.containsKey("spamReason") ? item.get("spamReason").s() : null);
    }

    /** The attributes of an expiry: DynamoDB's time to live and the keys of the index the sweeper reads. */
    public static Map<String, AttributeValue> expiry(Instant expiresAt) {
        return Map.of(TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())),
                TableKeys.GSI5_PK, s(TableKeys.EXPIRY_PARTITION),
                TableKeys.GSI5_SK, s(TableKeys.expirySortKey(expiresAt)));
    }

    static String writeId(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(WRITE_ID);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
