package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalEnvironmentTest {

    private static final URI DYNALITE = URI.create("http://127.0.0.1:8000");
    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.parse("""
            Parameters:
              RateLimitPerHour:
                Type: Number
                Default: 20
            Globals:
              Function:
                Timeout: 10
                Environment:
                  Variables:
                    SHARED: from-globals
                    OVERRIDDEN: from-globals
            Resources:
              SubmissionsTable:
                Type: AWS::DynamoDB::Table
              Queue:
                Type: AWS::SQS::Queue
              SubmitFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: de.example.Handler::handleRequest
                  MemorySize: 1024
                  Environment:
                    Variables:
                      TABLE_NAME: !Ref SubmissionsTable
                      RATE_LIMIT_PER_HOUR: !Ref RateLimitPerHour
                      PLAIN: text
                      NUMBER: 5
                      SUBSTITUTED: !Sub "${AWS::Region}/${SubmissionsTable}/${!Literal}"
                      OVERRIDDEN: from-function
                      JAVA_TOOL_OPTIONS: "-XX:TieredStopAtLevel=1"
                  Events:
                    Submit:
                      Type: HttpApi
                      Properties:
                        Method: ANY
                        Path: /api/forms/{formId}
              QueueFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: de.example.Other::handleRequest
                  Environment:
                    Variables:
                      QUEUE_URL: !Ref Queue
                      QUEUE_ARN: !GetAtt Queue.Arn
                  Events:
                    Api:
                      Type: HttpApi
            """);

    private final LocalEnvironment environment =
            new LocalEnvironment(TEMPLATE, Map.of("SubmissionsTable", "local-table"));

    private SamFunction function(String logicalId) {
        return SamFunction.withHttpApiEvents(TEMPLATE).stream()
                .filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    @Test
    void references_resolve_to_the_local_table_and_parameter_defaults() {
        Map<String, String> env = environment.forFunction(function("SubmitFunction"), DYNALITE, Map.of());
        assertThat(env)
                .containsEntry("TABLE_NAME", "local-table")
                .containsEntry("RATE_LIMIT_PER_HOUR", "20")
                .containsEntry("PLAIN", "text")
                .containsEntry("NUMBER", "5")
                .containsEntry("SUBSTITUTED", "eu-central-1/local-table/${Literal}");
    }

    @Test
    void globals_apply_and_the_function_wins_over_them() {
        Map<String, String> env = environment.forFunction(function("SubmitFunction"), DYNALITE, Map.of());
        assertThat(env).containsEntry("SHARED", "from-globals").containsEntry("OVERRIDDEN", "from-function");
    }

    @Test
    void jvm_options_for_the_lambda_runtime_are_not_passed() {
        assertThat(environment.forFunction(function("SubmitFunction"), DYNALITE, Map.of()))
                .doesNotContainKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void the_local_connection_settings_are_added() {
        assertThat(environment.forFunction(function("SubmitFunction"), DYNALITE, Map.of()))
                .containsEntry("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000")
                .containsEntry("AWS_REGION", "eu-central-1")
                .containsEntry("AWS_ACCESS_KEY_ID", "local")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "local");
    }

    @Test
    void overrides_win_over_everything() {
        Map<String, String> env = environment.forFunction(function("SubmitFunction"), DYNALITE,
                Map.of("RATE_LIMIT_PER_HOUR", "2", "AWS_REGION", "eu-west-1"));
        assertThat(env).containsEntry("RATE_LIMIT_PER_HOUR", "2").containsEntry("AWS_REGION", "eu-west-1");
    }

    @Test
    void what_exists_only_on_aws_fails_with_the_variable_names_unless_overridden() {
        assertThatThrownBy(() -> environment.forFunction(function("QueueFunction"), DYNALITE, Map.of()))
                .hasMessageContaining("QUEUE_URL").hasMessageContaining("QUEUE_ARN").hasMessageContaining("overrides");
        assertThat(environment.forFunction(function("QueueFunction"), DYNALITE,
                Map.of("QUEUE_URL", "q", "QUEUE_ARN", "a"))).containsEntry("QUEUE_URL", "q");
    }

    @Test
    void function_settings_come_from_the_function_then_globals_then_sams_defaults() {
        SamFunction submit = function("SubmitFunction");
        assertThat(submit.handlerClass()).isEqualTo("de.example.Handler");
        assertThat(submit.timeoutSeconds()).isEqualTo(10);
        assertThat(submit.memoryMb()).isEqualTo(1024);
        assertThat(function("QueueFunction").memoryMb()).isEqualTo(128);
        assertThat(submit.routes()).extracting(HttpApiRoute::routeKey).containsExactly("ANY /api/forms/{formId}");
        assertThat(function("QueueFunction").routes()).extracting(HttpApiRoute::routeKey).containsExactly("$default");
    }

    @Test
    void functions_without_http_api_events_are_left_out() {
        CloudFormationTemplate template = CloudFormationTemplate.parse("""
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: de.example.Worker::handleRequest
                      Events:
                        Nightly:
                          Type: Schedule
                """);
        assertThat(SamFunction.withHttpApiEvents(template)).isEqualTo(List.of());
    }
}
