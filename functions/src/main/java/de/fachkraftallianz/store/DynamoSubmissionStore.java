package de.fachkraftallianz.store;

import de.fachkraftallianz.Env;
import de.fachkraftallianz.submit.Submission;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The submissions table in DynamoDB: the only class that speaks to it on the public path. */
public final class DynamoSubmissionStore implements SubmissionStore {

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoSubmissionStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** Reads the table name and builds the client from the environment (see {@link #client(Env)}). */
    public static DynamoSubmissionStore fromEnv(Env env) {
        return new DynamoSubmissionStore(client(env), env.required("TABLE_NAME"));
    }

    /**
     * A lean client: the JDK's HTTP client, region from AWS_REGION, credentials straight from the environment
     * (or the container endpoint that SnapStart functions use) instead of the slower default chain, and an
     * endpoint override for the local DynamoDB-compatible server.
     */
    public static DynamoDbClient client(Env env) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.runtime("AWS_REGION").orElseThrow(
                        () -> new IllegalStateException("AWS_REGION is not set"))))
                .credentialsProvider(credentials(env));
        env.localOnly("DYNAMODB_ENDPOINT").map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Env env) {
        if (env.runtime("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()) {
            return ContainerCredentialsProvider.builder().build();
        }
        String id = env.runtime("AWS_ACCESS_KEY_ID").orElseThrow(() -> new IllegalStateException("No AWS credentials"));
        String secret = env.runtime("AWS_SECRET_ACCESS_KEY").orElseThrow(() -> new IllegalStateException("No AWS credentials"));
        return StaticCredentialsProvider.create(env.runtime("AWS_SESSION_TOKEN")
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t))
                .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
    }

    @Override
    public Optional<Submission> putIfAbsent(Submission submission) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(SubmissionMapper.toItem(submission))
                    .conditionExpression("attribute_not_exists(" + SubmissionTable.PK + ")")
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException taken) {
            return Optional.of(find(submission.reference()).orElseThrow(() -> new StoreUnavailableException(taken)));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** Strongly consistent: after a failed conditional write, the holder was just written by another request. */
    @Override
    public Optional<Submission> find(String reference) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                    .tableName(tableName)
                    .key(SubmissionMapper.key(reference))
                    .consistentRead(true)
                    .build()).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(SubmissionMapper.fromItem(item));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
