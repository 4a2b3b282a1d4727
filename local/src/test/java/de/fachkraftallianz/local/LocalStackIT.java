package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.fachkraftallianz.store.TableKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The stack from the checkout's template.yaml: the table as declared there, the routes, the real handler. */
class LocalStackIT {

    private static final Path SITE = Path.of("src/test/resources/site").toAbsolutePath();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults().withSiteDir(SITE));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void the_table_has_the_templates_key_schema_and_indexes() {
        TableDescription table = stack.dynamoDb().describeTable(b -> b.tableName(stack.tableName())).table();
        assertThat(table.tableName()).isEqualTo(LocalStack.DEFAULT_TABLE_NAME);
        assertThat(table.keySchema()).extracting(k -> k.attributeName() + " " + k.keyTypeAsString())
                .containsExactly(TableKeys.PK + " HASH", TableKeys.SK + " RANGE");
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder(TableKeys.GSI_BY_FORM, TableKeys.GSI_BY_FORM_STATUS,
                        TableKeys.GSI_BY_ASSIGNEE, TableKeys.GSI_BY_OUTBOX, TableKeys.GSI_BY_EXPIRY,
                        TableKeys.GSI_BY_DIRECTORY);
        GlobalSecondaryIndexDescription byStatus = table.globalSecondaryIndexes().stream()
                .filter(i -> i.indexName().equals(TableKeys.GSI_BY_FORM_STATUS)).findFirst().orElseThrow();
        assertThat(byStatus.keySchema()).extracting(k -> k.attributeName() + " " + k.keyTypeAsString())
                .containsExactly(TableKeys.GSI2_PK + " HASH", TableKeys.GSI2_SK + " RANGE");
        assertThat(byStatus.projection().projectionTypeAsString()).isEqualTo("INCLUDE");
        assertThat(byStatus.projection().nonKeyAttributes())
                .containsExactlyInAnyOrderElementsOf(TableKeys.INBOX_ATTRIBUTES);
        GlobalSecondaryIndexDescription byDirectory = table.globalSecondaryIndexes().stream()
                .filter(i -> i.indexName().equals(TableKeys.GSI_BY_DIRECTORY)).findFirst().orElseThrow();
        assertThat(byDirectory.keySchema()).extracting(k -> k.attributeName() + " " + k.keyTypeAsString())
                .containsExactly(TableKeys.GSI6_PK + " HASH", TableKeys.GSI6_SK + " RANGE");
        assertThat(byDirectory.projection().nonKeyAttributes())
                .containsExactlyInAnyOrderElementsOf(TableKeys.DIRECTORY_ATTRIBUTES);
    }

    @Test
    void the_routes_come_from_the_templates_http_api_events() {
        assertThat(stack.routes()).containsEntry("ANY /api/forms/{formId}", "SubmitFunction")
                .containsEntry("GET /api/forms/{formId}/danke", "SubmitFunction");
    }

    @Test
    void the_submit_function_gets_the_templates_environment_for_local_use() {
        assertThat(stack.environment("SubmitFunction"))
                .containsEntry("TABLE_NAME", stack.tableName())
                .containsEntry("RATE_LIMIT_PER_HOUR", "20")
                .containsEntry("DYNAMODB_ENDPOINT", stack.dynamoDbEndpoint().toString())
                .doesNotContainKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void a_request_round_trips_through_the_real_handler_with_the_templates_security_headers() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(stack.uri("/api/forms/barriere-melden")).header("Accept", "text/html")
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        // The handler's own answer (an HTML page), not the gateway's JSON one. (A 404 would be the distribution's
        // 404 page, which replaces every 404.)
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        assertThat(response.headers().firstValue("content-security-policy").orElseThrow())
                .startsWith("default-src 'self'; script-src 'self'").doesNotContain("upgrade-insecure-requests");
        assertThat(response.headers().firstValue("permissions-policy")).isPresent();
    }

    @Test
    void on_disk_data_survives_a_restart_and_the_table_is_kept(@TempDir Path data) {
        Map<String, AttributeValue> key = Map.of(TableKeys.PK, AttributeValue.fromS("TEST#1"),
                TableKeys.SK, AttributeValue.fromS("A"));
        LocalStack.Options options = LocalStack.Options.defaults().withSiteDir(SITE).withDataDir(data);
        try (LocalStack first = LocalStack.start(options)) {
            first.dynamoDb().putItem(b -> b.tableName(first.tableName()).item(key));
        }
        try (LocalStack second = LocalStack.start(options)) {
            assertThat(second.dynamoDb().getItem(b -> b.tableName(second.tableName()).key(key)).item()).isEqualTo(key);
        }
    }

    @Test
    void closing_the_stack_stops_gateway_and_dynalite() {
        LocalStack.Options options = LocalStack.Options.defaults().withSiteDir(SITE);
        LocalStack other = LocalStack.start(options);
        int gatewayPort = other.port();
        int dynamoDbPort = other.dynamoDbEndpoint().getPort();
        other.close();
        assertThat(accepts(gatewayPort)).isFalse();
        assertThat(accepts(dynamoDbPort)).isFalse();
    }

    static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
