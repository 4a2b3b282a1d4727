package de.fachkraftallianz.store;

import de.fachkraftallianz.Env;
import de.fachkraftallianz.submission.Submission;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** The submissions in DynamoDB: the only class that speaks to the table on the public path. */
public final class DynamoSubmissionStore implements SubmissionStore {

    private static final String NOT_TAKEN = "attribute_not_exists(" + TableKeys.PK + ")";
    /** A condition no item can meet: priming sends it and nothing is written. */
    private static final String NEVER = "attribute_exists(" + TableKeys.PK + ") AND attribute_not_exists(" + TableKeys.PK + ")";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Supplier<String> writeIds;

    public DynamoSubmissionStore(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, RandomWriteIds.INSTANCE);
    }

    /** For tests that play the SDK's retry: the same write id twice is the same write. */
    DynamoSubmissionStore(DynamoDbClient dynamoDb, String tableName, Supplier<String> writeIds) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.writeIds = writeIds;
    }

    /** Reads the table name and builds the client from the environment (see {@link DynamoClients}). */
    public static DynamoSubmissionStore fromEnv(Env env) {
        return new DynamoSubmissionStore(DynamoClients.fromEnv(env), env.required("TABLE_NAME"));
    }

    @Override
    public PutResult putIfAbsent(Submission submission) {
        String writeId = writeIds.get();
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(SubmissionMapper.toItem(submission, writeId))
                    .conditionExpression(NOT_TAKEN)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new Stored(false);
        } catch (ConditionalCheckFailedException taken) {
            // DynamoDB returns the item that holds the reference; the local server does not, so read it then.
            Map<String, AttributeValue> holder = taken.hasItem() && !taken.item().isEmpty() ? taken.item()
                    : read(submission.reference()).orElseThrow(() -> new StoreUnavailableException(taken));
            if (writeId.equals(SubmissionMapper.writeId(holder))) {
                return new Stored(true);
            }
            return new Taken(SubmissionMapper.fromItem(holder));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    @Override
    public Optional<Submission> find(String reference) {
        return read(reference).map(SubmissionMapper::fromItem);
    }

    @Override
    public void primeWritePath() {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(TableKeys.key("PRIMING", "PRIMING"))
                    .conditionExpression(NEVER)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
        } catch (ConditionalCheckFailedException expected) {
            // The condition cannot hold: nothing was written, the write path is loaded.
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** No lambda on the cold path. */
    private static final class RandomWriteIds implements Supplier<String> {
        static final RandomWriteIds INSTANCE = new RandomWriteIds();

        @Override
        public String get() {
            return Long.toHexString(ThreadLocalRandom.current().nextLong());
        }
    }

    /** Strongly consistent: after a failed conditional write, the holder was just written by another request. */
    private Optional<Map<String, AttributeValue>> read(String reference) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                    .tableName(tableName)
                    .key(TableKeys.submissionKey(reference))
                    .consistentRead(true)
                    .build()).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
