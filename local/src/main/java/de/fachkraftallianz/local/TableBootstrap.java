package de.fachkraftallianz.local;

import static de.fachkraftallianz.local.CloudFormationTemplate.list;
import static de.fachkraftallianz.local.CloudFormationTemplate.map;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates a table exactly as template.yaml declares it (attribute definitions, key schema, secondary indexes with
 * their projections, billing mode) under a local name. TimeToLiveSpecification stays a template-only declaration:
 * dynalite has no UpdateTimeToLive, so items never expire locally.
 */
public final class TableBootstrap {

    static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(5);

    private TableBootstrap() {
    }

    /**
     * Creates the table, or, if a table of that name exists (on-disk data), checks that its keys and indexes still
     * match the template.
     *
     * @return true if the table was created, false if it existed
     */
    public static boolean ensureTable(DynamoDbClient dynamoDb, CloudFormationTemplate template, String logicalId,
                                      String tableName) {
        CreateTableRequest request = createTableRequest(template, logicalId, tableName);
        TableDescription existing = describe(dynamoDb, tableName);
        if (existing != null) {
            requireSameShape(request, existing);
            awaitActive(dynamoDb, tableName);
            return false;
        }
        dynamoDb.createTable(request);
        awaitActive(dynamoDb, tableName);
        return true;
    }

    /** The CreateTable request for the template's table resource {@code logicalId}. */
    public static CreateTableRequest createTableRequest(CloudFormationTemplate template, String logicalId,
                                                        String tableName) {
        Map<String, Object> resource = template.resource(logicalId);
        if (!TABLE_TYPE.equals(resource.get("Type"))) {
            throw new IllegalArgumentException(logicalId + " is a " + resource.get("Type") + ", not a " + TABLE_TYPE);
        }
        Map<String, Object> properties = map(resource.get("Properties"), logicalId + ".Properties");
        String where = logicalId + ".Properties.";

        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(list(properties.get("AttributeDefinitions"), where + "AttributeDefinitions")
                        .stream()
                        .map(d -> map(d, where + "AttributeDefinitions[]"))
                        .map(d -> AttributeDefinition.builder()
                                .attributeName(text(d, "AttributeName"))
                                .attributeType(text(d, "AttributeType"))
                                .build())
                        .toList())
                .keySchema(keySchema(properties.get("KeySchema"), where + "KeySchema"));

        String billingMode = properties.containsKey("BillingMode") ? text(properties, "BillingMode") : "PROVISIONED";
        request.billingMode(BillingMode.fromValue(billingMode));
        boolean provisioned = billingMode.equals("PROVISIONED");
        if (provisioned) {
            request.provisionedThroughput(throughput(properties.get("ProvisionedThroughput"), where));
        }

        List<GlobalSecondaryIndex> gsis = list(properties.get("GlobalSecondaryIndexes"), where + "GlobalSecondaryIndexes")
                .stream()
                .map(i -> map(i, where + "GlobalSecondaryIndexes[]"))
                .map(i -> {
                    GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                            .indexName(text(i, "IndexName"))
                            .keySchema(keySchema(i.get("KeySchema"), where + text(i, "IndexName") + ".KeySchema"))
                            .projection(projection(i.get("Projection"), where + text(i, "IndexName")));
                    if (provisioned) {
                        gsi.provisionedThroughput(throughput(i.get("ProvisionedThroughput"), where + text(i, "IndexName")));
                    }
                    return gsi.build();
                })
                .toList();
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }

        List<LocalSecondaryIndex> lsis = list(properties.get("LocalSecondaryIndexes"), where + "LocalSecondaryIndexes")
                .stream()
                .map(i -> map(i, where + "LocalSecondaryIndexes[]"))
                .map(i -> LocalSecondaryIndex.builder()
                        .indexName(text(i, "IndexName"))
                        .keySchema(keySchema(i.get("KeySchema"), where + text(i, "IndexName") + ".KeySchema"))
                        .projection(projection(i.get("Projection"), where + text(i, "IndexName")))
                        .build())
                .toList();
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis);
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Object value, String where) {
        return list(value, where).stream()
                .map(k -> map(k, where + "[]"))
                .map(k -> KeySchemaElement.builder()
                        .attributeName(text(k, "AttributeName"))
                        .keyType(text(k, "KeyType"))
                        .build())
                .toList();
    }

    private static Projection projection(Object value, String where) {
        Map<String, Object> projection = map(value, where + ".Projection");
        Projection.Builder builder = Projection.builder()
                .projectionType(projection.containsKey("ProjectionType") ? text(projection, "ProjectionType") : "KEYS_ONLY");
        List<Object> nonKey = list(projection.get("NonKeyAttributes"), where + ".Projection.NonKeyAttributes");
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(Object value, String where) {
        Map<String, Object> throughput = map(value, where + ".ProvisionedThroughput");
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.valueOf(String.valueOf(throughput.getOrDefault("ReadCapacityUnits", 5))))
                .writeCapacityUnits(Long.valueOf(String.valueOf(throughput.getOrDefault("WriteCapacityUnits", 5))))
                .build();
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof String || value instanceof Number)) {
            throw new IllegalArgumentException("The template's table needs a literal " + key + " but has " + value);
        }
        return String.valueOf(value);
    }

    private static TableDescription describe(DynamoDbClient dynamoDb, String tableName) {
        try {
            return dynamoDb.describeTable(b -> b.tableName(tableName)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private static void requireSameShape(CreateTableRequest wanted, TableDescription existing) {
        Set<String> wantedIndexes = wanted.globalSecondaryIndexes().stream()
                .map(i -> i.indexName() + i.keySchema()).collect(Collectors.toSet());
        Set<String> existingIndexes = existing.globalSecondaryIndexes().stream()
                .map(i -> i.indexName() + i.keySchema()).collect(Collectors.toSet());
        if (!Objects.equals(wanted.keySchema(), existing.keySchema()) || !wantedIndexes.equals(existingIndexes)) {
            throw new IllegalStateException("The stored table " + existing.tableName()
                    + " has other keys or indexes than template.yaml declares now (stored: " + existing.keySchema()
                    + " " + existingIndexes + "). Delete the DynamoDB data directory to start afresh.");
        }
    }

    private static void awaitActive(DynamoDbClient dynamoDb, String tableName) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            TableDescription table = describe(dynamoDb, tableName);
            if (table != null && table.tableStatus() == TableStatus.ACTIVE
                    && table.globalSecondaryIndexes().stream()
                    .map(GlobalSecondaryIndexDescription::indexStatus)
                    .allMatch(IndexStatus.ACTIVE::equals)) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for table " + tableName, e);
            }
        }
        throw new IllegalStateException("Table " + tableName + " did not become ACTIVE within "
                + ACTIVE_TIMEOUT.toSeconds() + " s");
    }
}
