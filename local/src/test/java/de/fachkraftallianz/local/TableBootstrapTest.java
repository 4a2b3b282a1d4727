package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import de.fachkraftallianz.store.TableKeys;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

class TableBootstrapTest {

    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(ProjectRoot.find().resolve("template.yaml"));

    @Test
    void the_request_carries_the_templates_keys_indexes_and_billing_mode_under_the_local_name() {
        CreateTableRequest request = TableBootstrap.createTableRequest(TEMPLATE, "SubmissionsTable", "local-name");
        assertThat(request.tableName()).isEqualTo("local-name");
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.provisionedThroughput()).isNull();
        assertThat(request.keySchema()).extracting(k -> k.attributeName() + " " + k.keyType())
                .containsExactly(TableKeys.PK + " HASH", TableKeys.SK + " RANGE");
        assertThat(request.globalSecondaryIndexes()).extracting(GlobalSecondaryIndex::indexName)
                .containsExactly(TableKeys.GSI_BY_FORM, TableKeys.GSI_BY_FORM_STATUS, TableKeys.GSI_BY_ASSIGNEE,
                        TableKeys.GSI_BY_OUTBOX, TableKeys.GSI_BY_EXPIRY, TableKeys.GSI_BY_DIRECTORY);
        GlobalSecondaryIndex byForm = request.globalSecondaryIndexes().get(0);
        assertThat(byForm.keySchema()).extracting(k -> k.attributeName() + " " + k.keyType())
                .containsExactly(TableKeys.GSI1_PK + " " + KeyType.HASH, TableKeys.GSI1_SK + " " + KeyType.RANGE);
        assertThat(byForm.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        GlobalSecondaryIndex byStatus = request.globalSecondaryIndexes().get(1);
        assertThat(byStatus.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(byStatus.projection().nonKeyAttributes()).containsExactlyElementsOf(TableKeys.INBOX_ATTRIBUTES);
        assertThat(request.attributeDefinitions()).hasSize(14);
        GlobalSecondaryIndex byDirectory = request.globalSecondaryIndexes().get(5);
        assertThat(byDirectory.keySchema()).extracting(k -> k.attributeName() + " " + k.keyType())
                .containsExactly(TableKeys.GSI6_PK + " " + KeyType.HASH, TableKeys.GSI6_SK + " " + KeyType.RANGE);
        assertThat(byDirectory.projection().nonKeyAttributes()).containsExactlyElementsOf(TableKeys.DIRECTORY_ATTRIBUTES);
    }

    @Test
    void included_attributes_and_provisioned_throughput_are_taken_over() {
        CloudFormationTemplate template = CloudFormationTemplate.parse("""
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}, {AttributeName: g, AttributeType: N}]
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                      ProvisionedThroughput: {ReadCapacityUnits: 2, WriteCapacityUnits: 3}
                      GlobalSecondaryIndexes:
                        - IndexName: byG
                          KeySchema: [{AttributeName: g, KeyType: HASH}]
                          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [a, b]}
                          ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
                """);
        CreateTableRequest request = TableBootstrap.createTableRequest(template, "T", "t");
        assertThat(request.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(request.provisionedThroughput().writeCapacityUnits()).isEqualTo(3L);
        assertThat(request.globalSecondaryIndexes().get(0).projection().nonKeyAttributes()).containsExactly("a", "b");
    }

    @Test
    void a_key_written_as_an_intrinsic_is_refused_with_a_clear_message() {
        CloudFormationTemplate template = CloudFormationTemplate.parse("""
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions: [{AttributeName: !Ref Key, AttributeType: S}]
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                """);
        assertThatThrownBy(() -> TableBootstrap.createTableRequest(template, "T", "t"))
                .hasMessageContaining("literal AttributeName");
    }
}
