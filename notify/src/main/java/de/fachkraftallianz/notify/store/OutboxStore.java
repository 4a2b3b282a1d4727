package de.fachkraftallianz.notify.store;

import static de.fachkraftallianz.store.OutboxMapper.ATTEMPTS;
import static de.fachkraftallianz.store.OutboxMapper.CLAIM;
import static de.fachkraftallianz.store.OutboxMapper.CLAIMED_AT;
import static de.fachkraftallianz.store.OutboxMapper.FAILED;
import static de.fachkraftallianz.store.OutboxMapper.LAST_ERROR;
import static de.fachkraftallianz.store.OutboxMapper.NEXT_ATTEMPT_AT;
import static de.fachkraftallianz.store.OutboxMapper.OUTBOX;
import static de.fachkraftallianz.store.OutboxMapper.SENT;

import de.fachkraftallianz.store.OutboxMapper;
import de.fachkraftallianz.store.OutboxMapper.Pending;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.Notification;
import de.fachkraftallianz.submission.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The notifier's access to the table: the outbox index, the submission items' outbox attributes (see
 * {@link OutboxMapper}) and the daily summary's record. Every change is a conditional single-item write, so two
 * notifiers (a schedule delivered twice) can never both send the same notification. Never a Scan.
 */
public final class OutboxStore {

    /** How many outbox index entries one Query page returns. */
    static final int PAGE_SIZE = 50;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public OutboxStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** One submission in the outbox index, with its pending notifications as the (eventually consistent) index has them. */
    public record Entry(String reference, List<Pending> pending) {
    }

    /** A page of the outbox index, oldest first; {@code next} is null after the last page. */
    public record Page(List<Entry> entries, Map<String, AttributeValue> next) {
    }

    public Page pending(Map<String, AttributeValue> from) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(TableKeys.GSI_BY_OUTBOX)
                .keyConditionExpression("#p = :p")
                .expressionAttributeNames(Map.of("#p", TableKeys.GSI4_PK))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(TableKeys.OUTBOX_PARTITION)))
                .scanIndexForward(true)
                .limit(PAGE_SIZE);
        if (from != null) {
            request.exclusiveStartKey(from);
        }
        QueryResponse response = dynamoDb.query(request.build());
        List<Entry> entries = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            String partition = item.get(TableKeys.PK).s();
            entries.add(new Entry(partition.substring(partition.indexOf('#') + 1), OutboxMapper.pendingOf(item)));
        }
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Page(entries, more ? response.lastEvaluatedKey() : null);
    }

    /**
     * A submission as the notifier needs it, read strongly consistent: what the mails say, the one address a receipt
     * goes to (nothing else of the answers is read), and the outbox with its results.
     *
     * @param email       the answer to the field "email", or null
     * @param sentTokens  per delivered notification, the claim token of the notifier that recorded it
     * @param failedTokens per given-up notification, the claim token of the notifier that recorded it
     * @param results     the result attributes ({@code outboxSent}, {@code outboxFailed}) the item has
     */
    public record Submission(String reference, String formId, Status status, Instant createdAt, String email,
                             List<Pending> pending, Map<Notification, String> sentTokens,
                             Map<Notification, String> failedTokens, Set<String> results, boolean indexed) {

        public Optional<Pending> pending(Notification notification) {
            for (Pending each : pending) {
                if (each.notification() == notification) {
                    return Optional.of(each);
                }
            }
            return Optional.empty();
        }
    }

    public Optional<Submission> read(String reference) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(TableKeys.submissionKey(reference))
                .consistentRead(true)
                .projectionExpression("#ref, #form, #st, #created, #d.#email, #o, #s, #f, #g")
                .expressionAttributeNames(Map.of("#ref", "reference", "#form", "formId", "#st", "status",
                        "#created", "createdAt", "#d", "data", "#email", Notification.EMAIL_FIELD, "#o", OUTBOX,
                        "#s", SENT, "#f", FAILED, "#g", TableKeys.GSI4_PK))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(submissionOf(item));
    }

    /** What the notifier takes from an item; of the answers only the e-mail address, whatever else the item holds. */
    public static Submission submissionOf(Map<String, AttributeValue> item) {
        AttributeValue data = item.get("data");
        AttributeValue email = data != null && data.hasM() ? data.m().get(Notification.EMAIL_FIELD) : null;
        return new Submission(item.get("reference").s(), item.get("formId").s(),
                Status.valueOf(item.get("status").s()), Instant.parse(item.get("createdAt").s()),
                email == null ? null : email.s(), OutboxMapper.pendingOf(item), tokens(item.get(SENT)),
                tokens(item.get(FAILED)), results(item), item.containsKey(TableKeys.GSI4_PK)
                && TableKeys.OUTBOX_PARTITION.equals(item.get(TableKeys.GSI4_PK).s()));
    }

    private static Set<String> results(Map<String, AttributeValue> item) {
        Set<String> results = new HashSet<>();
        for (String attribute : List.of(SENT, FAILED)) {
            if (item.containsKey(attribute)) {
                results.add(attribute);
            }
        }
        return results;
    }

    private static Map<Notification, String> tokens(AttributeValue results) {
        Map<Notification, String> tokens = new EnumMap<>(Notification.class);
        if (results != null && results.hasM()) {
            results.m().forEach((key, value) -> {
                AttributeValue claim = value.hasM() ? value.m().get(CLAIM) : null;
                tokens.put(Notification.ofKey(key), claim == null ? "" : claim.s());
            });
        }
        return tokens;
    }

    /**
     * Claims a pending notification for one sending attempt: counts the attempt and writes the claim token, on the
     * condition that nobody has claimed or tried it since it was read ({@code attempts} unchanged, no claim).
     *
     * @return true if this notifier holds the claim now
     */
    public boolean claim(String reference, Notification notification, int seenAttempts, String token, Instant now) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tableName)
                    .key(TableKeys.submissionKey(reference))
                    .updateExpression("SET #o.#k.#a = :next, #o.#k.#c = :token, #o.#k.#ca = :now")
                    .conditionExpression("#o.#k.#a = :seen AND attribute_not_exists(#o.#k.#c)")
                    .expressionAttributeNames(Map.of("#o", OUTBOX, "#k", notification.key(), "#a", ATTEMPTS,
                            "#c", CLAIM, "#ca", CLAIMED_AT))
                    .expressionAttributeValues(Map.of(":next", n(seenAttempts + 1), ":seen", n(seenAttempts),
                            ":token", s(token), ":now", s(now.toString())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            // Another notifier got there first, or the SDK retried this very write after its answer was lost.
            return read(reference).flatMap(item -> item.pending(notification))
                    .map(pending -> token.equals(pending.claim())).orElse(false);
        }
    }

    /** Gives the claim back after an attempt that sent nothing: the next attempt waits until {@code nextAttemptAt}. */
    public void retryLater(String reference, Notification notification, String token, Instant nextAttemptAt,
                           String error) {
        dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tableName)
                .key(TableKeys.submissionKey(reference))
                .updateExpression("SET #o.#k.#n = :next, #o.#k.#e = :error REMOVE #o.#k.#c, #o.#k.#ca")
                .conditionExpression("#o.#k.#c = :token")
                .expressionAttributeNames(Map.of("#o", OUTBOX, "#k", notification.key(), "#n", NEXT_ATTEMPT_AT,
                        "#e", LAST_ERROR, "#c", CLAIM, "#ca", CLAIMED_AT))
                .expressionAttributeValues(Map.of(":next", s(nextAttemptAt.toString()), ":error", s(error),
                        ":token", s(token)))
                .build());
    }

    /** Records a delivered notification (it leaves the outbox for good). */
    public Finish sent(String reference, Notification notification, String token, String messageId, int attempts,
                       Instant now) {
        return finish(reference, notification, token, SENT, Map.of("messageId", s(messageId),
                "sentAt", s(now.toString()), ATTEMPTS, n(attempts), CLAIM, s(token)));
    }

    /** Records a notification given up (it leaves the outbox for good; {@code outboxFailed} shows it to the office). */
    public Finish failed(String reference, Notification notification, String token, String reason, int attempts,
                         Instant now) {
        return finish(reference, notification, token, FAILED, Map.of("reason", s(reason),
                "failedAt", s(now.toString()), ATTEMPTS, n(attempts), CLAIM, s(token)));
    }

    /** How a recording write ended. */
    public enum Finish {
        /** Written now. */
        RECORDED,
        /** This notifier's claim was gone: someone else decided about the notification (it was taken for stale). */
        CLAIM_LOST
    }

    /**
     * One conditional write, on the claim token: the notification leaves the outbox and its result is recorded. When
     * it was the item's last pending notification, the outbox and its index key go too, so the item leaves the
     * outbox index. The write assumes what the last read showed (which results exist, which notifications are still
     * pending) and says so in its condition; if the item changed in between, it reads again and tries again.
     */
    private Finish finish(String reference, Notification notification, String token, String resultAttribute,
                          Map<String, AttributeValue> result) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Submission item = read(reference).orElse(null);
            if (item == null) {
                return Finish.CLAIM_LOST;
            }
            Map<Notification, String> recorded = SENT.equals(resultAttribute) ? item.sentTokens() : item.failedTokens();
            if (token.equals(recorded.get(notification))) {
                return Finish.RECORDED; // the SDK retried a write whose first answer was lost
            }
            Optional<Pending> pending = item.pending(notification);
            if (pending.isEmpty() || !token.equals(pending.get().claim())) {
                return Finish.CLAIM_LOST;
            }
            boolean last = item.pending().size() == 1;
            boolean resultsExist = item.results().contains(resultAttribute);
            Map<String, String> names = new HashMap<>(Map.of("#o", OUTBOX, "#k", notification.key(), "#c", CLAIM,
                    "#r", resultAttribute));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":token", s(token)));
            StringBuilder condition = new StringBuilder("#o.#k.#c = :token");
            String set;
            if (resultsExist) {
                set = "SET #r.#k = :result";
                values.put(":result", AttributeValue.fromM(result));
                condition.append(" AND attribute_exists(#r)");
            } else {
                set = "SET #r = :result";
                values.put(":result", AttributeValue.fromM(Map.of(notification.key(), AttributeValue.fromM(result))));
                condition.append(" AND attribute_not_exists(#r)");
            }
            String remove;
            if (last) {
                names.put("#gp", TableKeys.GSI4_PK);
                if (FAILED.equals(resultAttribute) || !item.failedTokens().isEmpty()) {
                    // Something was given up: the item moves to the index's second partition, where the office lists
                    // it for the administrators until one of them sends it again or decides not to.
                    set += ", #gp = :undelivered";
                    values.put(":undelivered", s(TableKeys.UNDELIVERED_PARTITION));
                    remove = " REMOVE #o";
                } else {
                    remove = " REMOVE #o, #gp, #gs";
                    names.put("#gs", TableKeys.GSI4_SK);
                }
                int other = 0;
                for (Notification each : Notification.values()) {
                    if (each != notification) {
                        names.put("#x" + other, each.key());
                        condition.append(" AND attribute_not_exists(#o.#x").append(other).append(')');
                        other++;
                    }
                }
            } else {
                remove = " REMOVE #o.#k";
            }
            try {
                dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tableName)
                        .key(TableKeys.submissionKey(reference))
                        .updateExpression(set + remove)
                        .conditionExpression(condition.toString())
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build());
                return Finish.RECORDED;
            } catch (ConditionalCheckFailedException changed) {
                // Read again: another notification of the item finished, or a result map appeared meanwhile.
            }
        }
        throw new IllegalStateException("The outbox of " + reference + " kept changing while recording "
                + notification.key());
    }

    /**
     * An item whose outbox is empty but still in the outbox's work partition (a finish that could not know it was
     * last): it leaves the index, or, if a notification was given up, moves to the partition the office lists.
     */
    public void leaveIndex(String reference) {
        Map<String, String> names = new HashMap<>(Map.of("#gp", TableKeys.GSI4_PK, "#o", OUTBOX, "#f", FAILED));
        StringBuilder condition = new StringBuilder("#gp = :work");
        int i = 0;
        for (Notification each : Notification.values()) {
            names.put("#x" + i, each.key());
            condition.append(" AND attribute_not_exists(#o.#x").append(i).append(')');
            i++;
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":work", s(TableKeys.OUTBOX_PARTITION)));
        Map<String, String> removeNames = new HashMap<>(names);
        removeNames.put("#gs", TableKeys.GSI4_SK);
        if (tidy(reference, "REMOVE #gp, #gs, #o", condition + " AND attribute_not_exists(#f)", removeNames,
                values)) {
            return;
        }
        Map<String, AttributeValue> moveValues = new HashMap<>(values);
        moveValues.put(":undelivered", s(TableKeys.UNDELIVERED_PARTITION));
        tidy(reference, "SET #gp = :undelivered REMOVE #o", condition + " AND attribute_exists(#f)", names,
                moveValues);
    }

    private boolean tidy(String reference, String update, String condition, Map<String, String> names,
                         Map<String, AttributeValue> values) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tableName)
                    .key(TableKeys.submissionKey(reference))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException stillPendingOrGone) {
            return false; // Nothing to tidy this way.
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The administrators' daily summary
    // ---------------------------------------------------------------------------------------------------------------

    /** How many submissions of a form have a status, by COUNT queries on the byFormStatus index (paged, no Scan). */
    public long count(String formId, Status status) {
        long count = 0;
        Map<String, AttributeValue> from = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(TableKeys.GSI_BY_FORM_STATUS)
                    .keyConditionExpression("#p = :p")
                    .expressionAttributeNames(Map.of("#p", TableKeys.GSI2_PK))
                    .expressionAttributeValues(Map.of(":p",
                            AttributeValue.fromS(TableKeys.formStatusPartition(formId, status))))
                    .select(Select.COUNT);
            if (from != null) {
                request.exclusiveStartKey(from);
            }
            QueryResponse response = dynamoDb.query(request.build());
            count += response.count();
            from = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (from != null);
        return count;
    }

    /**
     * Takes the day's summary: true for the first caller of the day only (a conditional PutItem), so a schedule
     * delivered twice sends one summary. Kept for 90 days.
     */
    public boolean claimSummary(String isoDate, long waiting, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.spamSummaryKey(isoDate));
        item.put("waiting", n(waiting));
        item.put("claimedAt", s(now.toString()));
        item.put(TableKeys.TTL_ATTRIBUTE, n(now.plusSeconds(90L * 24 * 3600).getEpochSecond()));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK)));
            return true;
        } catch (ConditionalCheckFailedException alreadyTaken) {
            return false;
        }
    }

    /** Records what became of the day's summary: a message id, or why it was not sent. */
    public void summaryResult(String isoDate, String attribute, String value) {
        dynamoDb.updateItem(b -> b.tableName(tableName).key(TableKeys.spamSummaryKey(isoDate))
                .updateExpression("SET #a = :v").expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":v", s(value))));
    }

    /** The summary record of a day, for tests and the office. */
    public Optional<Map<String, AttributeValue>> summary(String isoDate) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                .key(TableKeys.spamSummaryKey(isoDate)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
