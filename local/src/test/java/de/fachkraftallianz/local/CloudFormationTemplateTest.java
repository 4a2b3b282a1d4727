package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CloudFormationTemplateTest {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.parse("""
            Parameters:
              Limit:
                Type: Number
                Default: 20
            Globals:
              Function:
                Timeout: 9
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  A: !Ref Table
                  B: !GetAtt Table.Arn
                  C: !Sub "${AWS::StackName}-x"
                  D: !If [IsProd, !Ref Limit, 3]
                  E: { "Fn::GetAtt": [Table, Arn] }
                  F: { Ref: Limit }
            """);

    private Map<String, Object> properties() {
        return CloudFormationTemplate.map(TEMPLATE.resource("Fn").get("Properties"), "Fn.Properties");
    }

    @Test
    void short_form_tags_become_their_long_form() {
        assertThat(properties().get("A")).isEqualTo(Map.of("Ref", "Table"));
        assertThat(properties().get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Table", "Arn")));
        assertThat(properties().get("C")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-x"));
        assertThatThrownBy(() -> CloudFormationTemplate.parse("a: !GetAtt NoAttribute"))
                .hasMessageContaining("Resource.Attribute");
    }

    @Test
    void tags_nest_inside_sequences() {
        assertThat(properties().get("D"))
                .isEqualTo(Map.of("Fn::If", List.of("IsProd", Map.of("Ref", "Limit"), 3)));
    }

    @Test
    void long_forms_read_the_same_and_give_their_argument() {
        assertThat(properties().get("E")).isEqualTo(properties().get("B"));
        assertThat(CloudFormationTemplate.argument(properties().get("E"), "Fn::GetAtt"))
                .contains(List.of("Table", "Arn"));
        assertThat(CloudFormationTemplate.argument(properties().get("F"), "Ref")).contains("Limit");
        assertThat(CloudFormationTemplate.argument(properties().get("F"), "Fn::Sub")).isEmpty();
        assertThat(CloudFormationTemplate.argument("plain", "Ref")).isEmpty();
        assertThat(CloudFormationTemplate.argument(Map.of("Ref", "Limit", "Other", 1), "Ref")).isEmpty();
    }

    @Test
    void parameters_globals_and_resources_are_reachable() {
        assertThat(TEMPLATE.parameterDefault("Limit")).contains("20");
        assertThat(TEMPLATE.hasParameter("Nothing")).isFalse();
        assertThat(TEMPLATE.globals("Function")).containsEntry("Timeout", 9);
        assertThat(TEMPLATE.resources()).containsOnlyKeys("Table", "Fn");
    }

    @Test
    void the_checkouts_template_parses_with_all_its_short_tags() {
        CloudFormationTemplate real = CloudFormationTemplate.read(ProjectRoot.find().resolve("template.yaml"));
        assertThat(real.resource(LocalStack.TABLE_LOGICAL_ID).get("Type")).isEqualTo("AWS::DynamoDB::Table");
    }
}
