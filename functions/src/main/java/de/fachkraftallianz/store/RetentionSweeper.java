package de.fachkraftallianz.store;

import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import java.time.Instant;
import java.util.Map;
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
 */
public final class RetentionSweeper {

    /** What one run did. */
    public record Result(int deleted, int kept, boolean finished) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final OfficeStore office;

    public RetentionSweeper(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.office = new OfficeStore(dynamoDb, tableName);
    }

    /**
     * Deletes everything due at {@code now}, page by page, while {@code timeLeft} says there is time (the next run
     * takes up the rest).
     */
    public Result sweep(Instant now, BooleanSupplier timeLeft) {
        int deleted = 0;
        int kept = 0;
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
                        return new Result(deleted, kept, false);
                    }
                    String partition = key.get(TableKeys.PK).s();
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
        return new Result(deleted, kept, true);
    }
}
