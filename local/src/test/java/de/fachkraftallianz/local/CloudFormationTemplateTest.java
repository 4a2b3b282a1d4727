package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.fachkraftallianz.local.CloudFormationTemplate.Intrinsic;

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
    void short_form_tags_become_intrinsics_with_their_argument() {
        assertThat(properties().get("A")).isEqualTo(new Intrinsic("Ref", "Table"));
        assertThat(properties().get("B")).isEqualTo(new Intrinsic("Fn::GetAtt", "Table.Arn"));
        assertThat(properties().get("C")).isEqualTo(new Intrinsic("Fn::Sub", "${AWS::StackName}-x"));
    }

    @Test
    void tags_nest_inside_sequences() {
        assertThat(properties().get("D"))
                .isEqualTo(new Intrinsic("Fn::If", List.of("IsProd", new Intrinsic("Ref", "Limit"), 3)));
    }

    @Test
    void long_forms_are_read_as_the_same_intrinsics() {
        assertThat(CloudFormationTemplate.intrinsic(properties().get("E")))
                .contains(new Intrinsic("Fn::GetAtt", List.of("Table", "Arn")));
        assertThat(CloudFormationTemplate.intrinsic(properties().get("F"))).contains(new Intrinsic("Ref", "Limit"));
        assertThat(CloudFormationTemplate.intrinsic("plain")).isEmpty();
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
