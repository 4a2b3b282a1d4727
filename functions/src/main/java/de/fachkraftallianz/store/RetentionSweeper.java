package de.fachkraftallianz.store;

import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.Match;
import de.fachkraftallianz.matching.MatchFile;
import de.fachkraftallianz.matching.MatchService;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Retention;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Deletes the submissions whose expiry has passed. DynamoDB's time to live deletes them too, but only "typically
 * within a few days", and the local server never: this makes the deletion happen on the hour, here and there alike.
 * It reads what is due from the sparse expiry index (never a Scan) and deletes each submission on the condition that
 * it is still due, so one reopened a moment ago is kept.
 *
 * <p>A request or offer with matches that still hold professionals has them ended first (MatchService#endAll: each
 * cancelled through the match protocol, history on the other side), so no offer keeps professionals for a request
 * that is gone and no request counts professionals of an offer that is gone. A closed submission gets no new match
 * (matching needs an open request and an open offer), so after that the deletion is only conditional on the expiry.
 */
public final class RetentionSweeper {

    /** Who the other side's history names for a match ended because this side's retention period was over. */
    public static final Person RETENTION = new Person("fachkraftallianz-aufbewahrung",
            "Löschung nach Ablauf der Aufbewahrungsfrist");
    /** Why, as the other side's history says it. */
    static final String ENDED = "Die Aufbewahrungsfrist des Vorgangs ist abgelaufen, er wurde gelöscht.";

    /** What one run did ({@code matchesEnded}: matches that still held professionals, ended before a deletion). */
    public record Result(int deleted, int kept, boolean finished, int matchesEnded) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final OfficeStore office;
    private final MatchStore matchStore;
    private final MatchService matches;

    public RetentionSweeper(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.office = new OfficeStore(dynamoDb, tableName);
        this.matchStore = new MatchStore(dynamoDb, tableName);
        this.matches = new MatchService(matchStore, Clock.systemUTC());
    }

    /**
     * Deletes everything due at {@code now}, page by page, while {@code timeLeft} says there is time (the next run
     * takes up the rest).
     */
    public Result sweep(Instant now, BooleanSupplier timeLeft) {
        int deleted = 0;
        int kept = 0;
        int ended = 0;
        AttributeValue nowSeconds = AttributeValue.fromN(Long.toString(now.getEpochSecond()));
        Map<String, AttributeValue> start = null;
        try {
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamoDb.query(b -> {
                    b.tableName(tableName).indexName(TableKeys.GSI_BY_EXPIRY)
                            .keyConditionExpression("#pk = :pk AND #sk <= :now")
                            .expressionAttributeNames(Map.of("#pk", TableKeys.GSI5_PK, "#sk", TableKeys.GSI5_SK))
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.EXPIRY_PARTITION),
                                    ":now", AttributeValue.fromS(TableKeys.expirySortKey(now))))
                            .limit(100);
                    if (from != null) {
                        b.exclusiveStartKey(from);
                    }
                });
                for (Map<String, AttributeValue> key : page.items()) {
                    if (!timeLeft.getAsBoolean()) {
                        return new Result(deleted, kept, false, ended);
                    }
                    String partition = key.get(TableKeys.PK).s();
                    ended += endMatches(partition.substring("SUB#".length()), now);
                    try {
                        dynamoDb.deleteItem(b -> b.tableName(tableName)
                                .key(TableKeys.key(partition, key.get(TableKeys.SK).s()))
                                .conditionExpression("#exp <= :now")
                                .expressionAttributeNames(Map.of("#exp", TableKeys.TTL_ATTRIBUTE))
                                .expressionAttributeValues(Map.of(":now", nowSeconds)));
                    } catch (ConditionalCheckFailedException reopened) {
                        kept++;
                        continue;
                    }
                    // Whatever else belongs to the submission shares its partition.
                    office.erase(partition.substring("SUB#".length()));
                    deleted++;
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
        return new Result(deleted, kept, true, ended);
    }

    /** Ends the matches of a due request or offer that still hold professionals; how many there were. */
    private int endMatches(String reference, Instant now) {
        Optional<MatchFile> found = matchStore.find(reference);
        if (found.isEmpty() || !Facts.matches(found.get().file().formId()) || found.get().entries() == null
                || !Retention.expired(found.get().file().expiresAt(), now)) {
            return 0;
        }
        int holding = 0;
        for (Match entry : found.get().entries().values()) {
            if (entry.state().holdsCapacity()) {
                holding++;
            }
        }
        if (holding > 0) {
            matches.endAll(reference, RETENTION, ENDED);
        }
        return holding;
    }
}
