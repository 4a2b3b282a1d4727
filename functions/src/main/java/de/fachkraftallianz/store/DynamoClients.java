package de.fachkraftallianz.store;

import de.fachkraftallianz.Env;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client every function builds once: the JDK's HTTP client, region from AWS_REGION, credentials straight
 * from the environment (or the container endpoint that SnapStart functions use) instead of the slower default chain,
 * an endpoint override for the local DynamoDB-compatible server, and time limits well inside the functions' 10 s
 * timeout, so a hanging table gets the visitor a German "try again" instead of API Gateway's own error.
 */
public final class DynamoClients {

    /** One HTTP attempt, connection included; DynamoDB answers in milliseconds. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
    /** All attempts of one call together (the SDK retries throttling and network errors). */
    public static final Duration CALL_TIMEOUT = Duration.ofMillis(4000);
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);

    private DynamoClients() {
    }

    public static DynamoDbClient fromEnv(Env env) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(ATTEMPT_TIMEOUT)
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .build())
                .region(Region.of(env.runtime("AWS_REGION").orElseThrow(
                        () -> new IllegalStateException("AWS_REGION is not set"))))
                .credentialsProvider(credentials(env));
        env.localOnly("DYNAMODB_ENDPOINT").map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The same credentials for every AWS client a function builds (the notifier's SES client, the publisher's S3 and
     * CloudFront clients too): straight from the environment, or the container endpoint SnapStart functions use.
     */
    public static AwsCredentialsProvider credentials(Env env) {
        if (env.runtime("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()) {
            return ContainerCredentialsProvider.builder().build();
        }
        String id = env.runtime("AWS_ACCESS_KEY_ID").orElseThrow(() -> new IllegalStateException("No AWS credentials"));
        String secret = env.runtime("AWS_SECRET_ACCESS_KEY").orElseThrow(() -> new IllegalStateException("No AWS credentials"));
        String token = env.runtime("AWS_SESSION_TOKEN").orElse(null);
        AwsCredentials credentials = token == null ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token);
        return StaticCredentialsProvider.create(credentials);
    }
}
