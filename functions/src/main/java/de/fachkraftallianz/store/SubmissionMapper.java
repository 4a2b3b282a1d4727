package de.fachkraftallianz.store;

import static de.fachkraftallianz.store.SubmissionTable.GSI1_PK;
import static de.fachkraftallianz.store.SubmissionTable.GSI1_SK;
import static de.fachkraftallianz.store.SubmissionTable.GSI2_PK;
import static de.fachkraftallianz.store.SubmissionTable.GSI2_SK;
import static de.fachkraftallianz.store.SubmissionTable.PK;
import static de.fachkraftallianz.store.SubmissionTable.SK;
import static de.fachkraftallianz.store.SubmissionTable.TTL_ATTRIBUTE;

import de.fachkraftallianz.submit.Submission;
import de.fachkraftallianz.submit.Submission.Status;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Turns a {@link Submission} into a DynamoDB item and back. The item layout is described in the README. */
public final class SubmissionMapper {

    static final String SUBMISSION_SK = "SUBMISSION";

    private SubmissionMapper() {
    }

    public static Map<String, AttributeValue> key(String reference) {
        return Map.of(PK, s("SUB#" + reference), SK, s(SUBMISSION_SK));
    }

    public static Map<String, AttributeValue> toItem(Submission submission) {
        String created = submission.createdAt().toString();
        String sortKey = created + "#" + submission.reference();
        Map<String, AttributeValue> item = new HashMap<>(key(submission.reference()));
        item.put(GSI1_PK, s("FORM#" + submission.formId()));
        item.put(GSI1_SK, s(sortKey));
        item.put(GSI2_PK, s("STATUS#" + submission.status()));
        item.put(GSI2_SK, s(sortKey));
        item.put(TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(submission.expiresAt().getEpochSecond())));
        item.put("reference", s(submission.reference()));
        item.put("formId", s(submission.formId()));
        item.put("status", s(submission.status().name()));
        item.put("createdAt", s(created));
        item.put("contentHash", s(submission.contentHash()));
        Map<String, AttributeValue> data = new LinkedHashMap<>();
        submission.values().forEach((name, values) -> data.put(name,
                values.size() == 1 ? s(values.get(0)) : AttributeValue.fromL(values.stream().map(SubmissionMapper::s).toList())));
        item.put("data", AttributeValue.fromM(data));
        if (submission.spamReason() != null) {
            item.put("spamReason", s(submission.spamReason()));
        }
        return item;
    }

    public static Submission fromItem(Map<String, AttributeValue> item) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        item.get("data").m().forEach((name, value) -> values.put(name,
                value.s() != null ? List.of(value.s()) : value.l().stream().map(AttributeValue::s).toList()));
        return new Submission(
                item.get("reference").s(),
                item.get("formId").s(),
                Status.valueOf(item.get("status").s()),
                Instant.parse(item.get("createdAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get(TTL_ATTRIBUTE).n())),
                item.get("contentHash").s(),
                values,
                item.containsKey("spamReason") ? item.get("spamReason").s() : null);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
