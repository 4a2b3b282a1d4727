package de.fachkraftallianz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import de.fachkraftallianz.http.HttpFunction;
import de.fachkraftallianz.local.CloudFormationTemplate;
import de.fachkraftallianz.local.LocalEnvironment;
import de.fachkraftallianz.local.ProjectRoot;
import de.fachkraftallianz.local.SamFunction;
import de.fachkraftallianz.store.TableKeys;

/**
 * Checks template.yaml offline (no cfn-lint or SAM CLI here): that it fits the code (handler classes, environment
 * variables, table keys), that every reference resolves, and that the security and cost settings are in place.
 * Reads the template with the local stack's own reader, so both see it the same way; the functions module (handler
 * classes, SubmissionTable) is on this module's classpath.
 */
class TemplateTest {

    private static final Path ROOT = ProjectRoot.find();
    private static final Map<String, Object> TEMPLATE =
            CloudFormationTemplate.read(ROOT.resolve("template.yaml")).document();

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NoValue", "AWS::Partition",
            "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";


    // -------------------------------------------------------------------------------------------------------------
    // The template fits the code
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void every_function_handler_class_exists_in_the_jar_its_code_uri_names() {
        Map<String, Map<String, Object>> functions = resourcesOfType("AWS::Serverless::Function");
        assertThat(functions).as("functions in template.yaml").isNotEmpty();

        functions.forEach((name, function) -> {
            String handler = (String) functionProperty(function, "Handler");
            assertThat(handler).as(name + " Handler").matches("[\\w.$]+::\\w+");
            String className = handler.substring(0, handler.indexOf("::"));
            // The module whose sources hold the handler builds the jar the function is deployed from.
            String module = Stream.of("functions", "office", "notify", "publisher")
                    .filter(m -> Files.exists(ROOT.resolve(m + "/src/main/java/" + className.replace('.', '/') + ".java")))
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": no module holds " + className));
            assertThat(functionProperty(function, "CodeUri")).as(name + " CodeUri")
                    .isEqualTo(module + "/" + shadedJarOf(module));

            String methodName = handler.substring(handler.indexOf("::") + 2);
            Class<?> handlerClass;
            try {
                handlerClass = Class.forName(className);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(name + ": handler class " + className + " does not exist", e);
            }
            assertThat(Arrays.stream(handlerClass.getMethods()).map(Method::getName))
                    .as(name + ": public methods of " + className).contains(methodName);
            assertThat(Modifier.isAbstract(handlerClass.getModifiers())).as(className + " is abstract").isFalse();
            assertThat(Arrays.stream(handlerClass.getConstructors()).anyMatch(c -> c.getParameterCount() == 0))
                    .as(className + " has the public no-arg constructor the Lambda runtime calls").isTrue();
        });
    }

    /**
     * Each function's handler, built the way the local stack builds it from that function's own environment, reads
     * (Env.required/optional/optionalInt) exactly the variables template.yaml gives that function: none missing,
     * none set for nothing. Env.runtime and Env.localOnly are the Lambda runtime's and the local stack's.
     */
    @Test
    void each_function_reads_exactly_the_environment_its_template_entry_sets() throws Exception {
        Map<String, Map<String, Object>> functions = resourcesOfType("AWS::Serverless::Function");
        assertThat(functions).hasSizeGreaterThanOrEqualTo(2);
        for (String name : functions.keySet()) {
            Set<String> set = new TreeSet<>(environmentVariables(functions.get(name)).keySet());
            set.remove("JAVA_TOOL_OPTIONS");
            assertThat(readBy(name)).as(name + ": variables its handler reads vs. its Environment.Variables")
                    .containsExactlyInAnyOrderElementsOf(set);
        }
    }

    @Test
    void each_function_serves_exactly_the_routes_its_template_entry_declares() throws Exception {
        // The publisher has no route: only the table's stream (and a person after a deploy) invokes it.
        Map<String, Object> publisher = resourcesOfType("AWS::Serverless::Function").get("PublisherFunction");
        assertThat(map(publisher.get("Events")).values()).extracting(e -> map(e).get("Type")).containsOnly("DynamoDB");
        assertThat(handler("PublisherFunction", new ArrayList<>())).isNotInstanceOf(HttpFunction.class);
        httpFunctions().forEach((name, function) -> {
            Set<String> declared = new TreeSet<>();
            map(function.getOrDefault("Events", Map.of())).forEach((event, value) -> {
                Map<String, Object> properties = map(map(value).get("Properties"));
                assertThat(map(value).get("Type")).as(name + "." + event).isEqualTo("HttpApi");
                assertThat(properties.get("ApiId")).as(name + "." + event + " ApiId").isEqualTo(Map.of("Ref", "HttpApi"));
                assertThat(properties.get("PayloadFormatVersion")).as(name + " payload format (the handler reads v2)")
                        .isIn(null, "2.0");
                declared.add(properties.get("Path") == null && properties.get("Method") == null ? "$default"
                        : properties.get("Method") + " " + properties.get("Path"));
            });
            HttpFunction handler = (HttpFunction) handler(name, new ArrayList<>());
            assertThat(declared).as(name + " routes in template.yaml vs. " + handler.getClass().getSimpleName()
                    + ".routeKeys()").containsExactlyInAnyOrderElementsOf(handler.routeKeys());
        });
    }

    /** The variables a function's handler reads through Env while it is built from its local environment. */
    private static Set<String> readBy(String function) throws Exception {
        List<String> lookups = new ArrayList<>();
        handler(function, lookups);
        return new TreeSet<>(lookups);
    }

    /** Builds the function's handler through its Env constructor, as the Lambda runtime's no-arg constructor does. */
    private static Object handler(String function, List<String> lookups) {
        CloudFormationTemplate template = CloudFormationTemplate.read(ROOT.resolve("template.yaml"));
        SamFunction definition = SamFunction.all(template).stream()
                .filter(f -> f.logicalId().equals(function)).findFirst()
                .orElseThrow(() -> new AssertionError("no function " + function));
        // The publisher's local-only settings (a folder for the site, the local bake's kit): not the template's.
        Map<String, String> localOnly = Map.of("SITE_DIRECTORY_ROOT", ROOT.resolve("local/target/template-test-site")
                .toString(), "DIRECTORY_KIT", ROOT.resolve("site/target/directory-kit").toString());
        Map<String, String> values = new LocalEnvironment(template, Map.of("SubmissionsTable", "table"))
                .forFunction(definition, java.net.URI.create("http://127.0.0.1:1"), de.fachkraftallianz.local.LocalStack
                        .localValues("http://127.0.0.1:2", "http://127.0.0.1:3/pool", "http://127.0.0.1:3", "s"),
                        localOnly);
        try {
            return Class.forName(definition.handlerClass()).getConstructor(Env.class)
                    .newInstance(new Env(values, lookups::add));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(function + ": " + e, e);
        }
    }

    @Test
    void every_reference_resolves() {
        ReferenceCheck check = checkReferences(TEMPLATE);
        assertThat(check.checked()).as("references checked").isGreaterThan(10);
        assertThat(check.unresolved()).as("references to nothing").isEmpty();
    }

    @Test
    void reference_check_catches_broken_references() {
        Map<String, Object> broken = parse("""
                Parameters:
                  Stage:
                    Type: String
                Resources:
                  Logs:
                    Type: AWS::Logs::LogGroup
                  Bucket:
                    Type: AWS::S3::Bucket
                    DependsOn: [Logs, Vanished]
                    Properties:
                      BucketName: !Sub "${Stage}-${Missing}-${AWS::Region}-${!NotAVariable}"
                      Tags:
                        - Key: a
                          Value: !Ref Missing
                        - Key: b
                          Value: !GetAtt Nowhere.Arn
                        - Key: c
                          Value: !Sub ["${Local}-${Logs.Arn}-${Other.Arn}", {Local: !Ref Stage}]
                        - Key: d
                          Value: !If [NoSuchCondition, a, b]
                """);

        assertThat(checkReferences(broken).unresolved()).containsExactlyInAnyOrder(
                "Fn::Sub ${Missing}", "Ref Missing", "Fn::GetAtt Nowhere", "Fn::Sub ${Other.Arn}",
                "Fn::If NoSuchCondition", "DependsOn Vanished");
    }

    @Test
    void short_form_functions_read_as_their_long_form() {
        Map<String, Object> parsed = parse("""
                a: !Ref Thing
                b: !GetAtt Fn.FunctionMetadata.FunctionARN
                c: !GetAtt [Thing, Arn]
                d: !Sub ["${x}", {x: !Ref Thing}]
                e: !If [IsProd, !Select [0, !Split [",", !ImportValue Shared]], !Ref AWS::NoValue]
                f: !And [!Condition IsProd, !Not [!Equals [!FindInMap [M, k, v], "1"]]]
                g: !Base64 {"Fn::Join": ["", [!GetAZs "", !Cidr ["10.0.0.0/16", 2, 8]]]}
                """);

        assertThat(parsed.get("a")).isEqualTo(Map.of("Ref", "Thing"));
        assertThat(parsed.get("b")).isEqualTo(Map.of("Fn::GetAtt", List.of("Fn", "FunctionMetadata.FunctionARN")));
        assertThat(parsed.get("c")).isEqualTo(Map.of("Fn::GetAtt", List.of("Thing", "Arn")));
        assertThat(parsed.get("d")).isEqualTo(Map.of("Fn::Sub", List.of("${x}", Map.of("x", Map.of("Ref", "Thing")))));
        assertThat(parsed.get("e")).isEqualTo(Map.of("Fn::If", List.of("IsProd",
                Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", Map.of("Fn::ImportValue", "Shared"))))),
                Map.of("Ref", "AWS::NoValue"))));
        assertThat(parsed.get("f")).isEqualTo(Map.of("Fn::And", List.of(Map.of("Condition", "IsProd"),
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals",
                        List.of(Map.of("Fn::FindInMap", List.of("M", "k", "v")), "1")))))));
        assertThat(parsed.get("g")).isEqualTo(Map.of("Fn::Base64", Map.of("Fn::Join", List.of("",
                List.of(Map.of("Fn::GetAZs", ""), Map.of("Fn::Cidr", List.of("10.0.0.0/16", 2, 8)))))));
        assertThatThrownBy(() -> parse("a: !Reff Thing")).hasMessageContaining("!Reff");
        assertThatThrownBy(() -> parse("a: 1\na: 2")).hasMessageContaining("duplicate");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Table
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void table_keys_and_indexes_match_the_code() {
        Map<String, Object> table = properties("SubmissionsTable", "AWS::DynamoDB::Table");

        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(keySchema(table.get("KeySchema"))).containsExactly(
                Map.entry(TableKeys.PK, "HASH"), Map.entry(TableKeys.SK, "RANGE"));
        assertThat(list(table.get("AttributeDefinitions")).stream().map(TemplateTest::map).collect(
                Collectors.toMap(a -> a.get("AttributeName"), a -> a.get("AttributeType"))))
                .containsOnly(
                        Map.entry(TableKeys.PK, "S"), Map.entry(TableKeys.SK, "S"),
                        Map.entry(TableKeys.GSI1_PK, "S"), Map.entry(TableKeys.GSI1_SK, "S"),
                        Map.entry(TableKeys.GSI2_PK, "S"), Map.entry(TableKeys.GSI2_SK, "S"),
                        Map.entry(TableKeys.GSI3_PK, "S"), Map.entry(TableKeys.GSI3_SK, "S"),
                        Map.entry(TableKeys.GSI4_PK, "S"), Map.entry(TableKeys.GSI4_SK, "S"),
                        Map.entry(TableKeys.GSI5_PK, "S"), Map.entry(TableKeys.GSI5_SK, "S"),
                        Map.entry(TableKeys.GSI6_PK, "S"), Map.entry(TableKeys.GSI6_SK, "S"));

        Map<Object, Map<String, Object>> indexes = list(table.get("GlobalSecondaryIndexes")).stream()
                .map(TemplateTest::map).collect(Collectors.toMap(i -> i.get("IndexName"), i -> i));
        assertThat(indexes).containsOnlyKeys(TableKeys.GSI_BY_FORM, TableKeys.GSI_BY_FORM_STATUS,
                TableKeys.GSI_BY_ASSIGNEE, TableKeys.GSI_BY_OUTBOX, TableKeys.GSI_BY_EXPIRY,
                TableKeys.GSI_BY_DIRECTORY);
        assertThat(keySchema(indexes.get(TableKeys.GSI_BY_FORM).get("KeySchema"))).containsExactly(
                Map.entry(TableKeys.GSI1_PK, "HASH"), Map.entry(TableKeys.GSI1_SK, "RANGE"));
        assertThat(keySchema(indexes.get(TableKeys.GSI_BY_FORM_STATUS).get("KeySchema"))).containsExactly(
                Map.entry(TableKeys.GSI2_PK, "HASH"), Map.entry(TableKeys.GSI2_SK, "RANGE"));
        assertThat(keySchema(indexes.get(TableKeys.GSI_BY_ASSIGNEE).get("KeySchema"))).containsExactly(
                Map.entry(TableKeys.GSI3_PK, "HASH"), Map.entry(TableKeys.GSI3_SK, "RANGE"));
        assertThat(keySchema(indexes.get(TableKeys.GSI_BY_OUTBOX).get("KeySchema"))).containsExactly(
                Map.entry(TableKeys.GSI4_PK, "HASH"), Map.entry(TableKeys.GSI4_SK, "RANGE"));
        assertThat(keySchema(indexes.get(TableKeys.GSI_BY_EXPIRY).get("KeySchema"))).containsExactly(
                Map.entry(TableKeys.GSI5_PK, "HASH"), Map.entry(TableKeys.GSI5_SK, "RANGE"));
        assertThat(keySchema(indexes.get(TableKeys.GSI_BY_DIRECTORY).get("KeySchema"))).containsExactly(
                Map.entry(TableKeys.GSI6_PK, "HASH"), Map.entry(TableKeys.GSI6_SK, "RANGE"));
        // The form index holds whole items (the export reads it); status and assignee carry the inbox's columns; the
        // outbox index its schedule only (no answers); the sweeper needs only the keys of what is due; the directory's
        // index the published entry only (what the site shows anyway).
        assertThat(at(indexes.get(TableKeys.GSI_BY_FORM), "Projection", "ProjectionType")).isEqualTo("ALL");
        assertThat(at(indexes.get(TableKeys.GSI_BY_EXPIRY), "Projection", "ProjectionType")).isEqualTo("KEYS_ONLY");
        Map<String, List<String>> included = Map.of(TableKeys.GSI_BY_FORM_STATUS, TableKeys.INBOX_ATTRIBUTES,
                TableKeys.GSI_BY_ASSIGNEE, TableKeys.INBOX_ATTRIBUTES, TableKeys.GSI_BY_OUTBOX,
                TableKeys.OUTBOX_ATTRIBUTES, TableKeys.GSI_BY_DIRECTORY, TableKeys.DIRECTORY_ATTRIBUTES);
        included.forEach((name, attributes) -> {
            Map<String, Object> index = indexes.get(name);
            assertThat(at(index, "Projection", "ProjectionType")).as(name + " projection").isEqualTo("INCLUDE");
            assertThat(asList(at(index, "Projection", "NonKeyAttributes"))).as(name + " projected attributes")
                    .containsExactlyInAnyOrderElementsOf(attributes);
        });

        assertThat(at(table, "TimeToLiveSpecification", "AttributeName")).isEqualTo(TableKeys.TTL_ATTRIBUTE);
        assertThat(at(table, "TimeToLiveSpecification", "Enabled")).isEqualTo(true);
        assertThat(at(table, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")).isEqualTo(true);
        assertThat(at(table, "SSESpecification", "SSEEnabled")).isEqualTo(true);
    }

    @Test
    void table_outlives_the_stack_and_keeps_a_generated_name() {
        Map<String, Object> table = resource("SubmissionsTable");
        assertThat(table.get("DeletionPolicy")).isEqualTo("Retain");
        assertThat(table.get("UpdateReplacePolicy")).isEqualTo("Retain");
        assertThat(at(table, "Properties", "DeletionProtectionEnabled")).isEqualTo(true);
        assertThat(map(table.get("Properties"))).doesNotContainKey("TableName");
    }

    @Test
    void table_definition_is_literal_so_the_local_stack_can_create_it() {
        Map<String, Object> table = properties("SubmissionsTable", "AWS::DynamoDB::Table");
        for (String property : List.of("BillingMode", "AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes",
                "TimeToLiveSpecification")) {
            assertThat(intrinsicFunctionsIn(table.get(property))).as(property).isEmpty();
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // API and function
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void api_is_throttled() {
        Map<String, Object> routeSettings = map(at(properties("HttpApi", "AWS::Serverless::HttpApi"),
                "DefaultRouteSettings"));
        // An unset limit counts as 0 and then every request is refused with 429: both must be set, and positive.
        assertThat(routeSettings.get("ThrottlingBurstLimit")).isInstanceOf(Integer.class);
        assertThat((Integer) routeSettings.get("ThrottlingBurstLimit")).isPositive();
        assertThat(routeSettings.get("ThrottlingRateLimit")).isInstanceOf(Number.class);
        assertThat(((Number) routeSettings.get("ThrottlingRateLimit")).doubleValue()).isPositive();

        Map<String, Object> function = properties("SubmitFunction", "AWS::Serverless::Function");
        assertThat(function.get("ReservedConcurrentExecutions")).isEqualTo(10);
        assertThat(environmentVariables(function).get("RATE_LIMIT_PER_HOUR"))
                .isEqualTo(Map.of("Ref", "RateLimitPerHour"));
        assertThat(at(TEMPLATE, "Parameters", "RateLimitPerHour", "Type")).isEqualTo("Number");
    }

    @Test
    void snapstart_on_published_versions() {
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            assertThat(at(function, "SnapStart", "ApplyOn")).as(name + " SnapStart").isEqualTo("PublishedVersions");
            // SnapStart only restores published versions; the alias makes SAM publish them and route the API there.
            assertThat(functionProperty(function, "AutoPublishAlias")).as(name + " AutoPublishAlias").isEqualTo("live");
            assertThat(functionProperty(function, "Runtime")).as(name + " Runtime").isEqualTo("java21");
            assertThat(functionProperty(function, "Architectures")).as(name + " Architectures")
                    .isEqualTo(List.of("arm64"));
        });
    }

    @Test
    void the_fallback_function_has_no_access_to_anything_but_its_logs() {
        Map<String, Object> function = properties("FallbackFunction", "AWS::Serverless::Function");
        assertThat(function).doesNotContainKeys("Policies", "Role");
        assertThat(environmentVariables(function)).containsOnlyKeys(HttpFunction.ORIGIN_SECRET_ENV, "JAVA_TOOL_OPTIONS");
    }

    @Test
    void function_policy_is_least_privilege() {
        Map<String, Object> function = properties("SubmitFunction", "AWS::Serverless::Function");
        assertThat(function).as("a Role of its own would bypass Policies").doesNotContainKey("Role");

        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(function.get("Policies"))) {
            // A string is a managed policy, a one-key map a SAM policy template (e.g. DynamoDBCrudPolicy): neither.
            assertThat(policy).as("policy entry").isInstanceOf(Map.class);
            assertThat(map(policy)).as("inline policy document").containsKey("Statement");
            list(map(policy).get("Statement")).forEach(s -> statements.add(map(s)));
        }

        assertThat(statements).hasSize(1);
        Map<String, Object> statement = statements.get(0);
        assertThat(statement.get("Effect")).isEqualTo("Allow");
        assertThat(asList(statement.get("Action"))).containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:GetItem");
        assertThat(asList(statement.get("Resource")))
                .containsExactly(Map.of("Fn::GetAtt", List.of("SubmissionsTable", "Arn")));
        assertThat(statement).doesNotContainKeys("NotAction", "NotResource");
        assertThat(scalarsIn(statement)).noneMatch(s -> s.contains("*"));
    }

    @Test
    void log_group_has_retention() {
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            assertThat(at(function, "LoggingConfig", "LogFormat")).as(name + " log format").isEqualTo("JSON");
            Object logGroup = at(function, "LoggingConfig", "LogGroup");
            assertThat(logGroup).as(name + " log group").isInstanceOf(Map.class);
            String logGroupName = (String) map(logGroup).get("Ref");
            assertThat(resource(logGroupName).get("Type")).isEqualTo("AWS::Logs::LogGroup");
        });
        Map<String, Map<String, Object>> logGroups = resourcesOfType("AWS::Logs::LogGroup");
        assertThat(logGroups).isNotEmpty();
        logGroups.forEach((name, logGroup) -> {
            assertThat(logGroup.get("RetentionInDays")).as(name + " retention")
                    .isEqualTo(Map.of("Ref", "LogRetentionDays"));
            assertThat(logGroup.get("LogGroupName")).as(name + " name").isNotNull();
        });
        assertThat(list(at(TEMPLATE, "Parameters", "LogRetentionDays", "AllowedValues")))
                .contains(at(TEMPLATE, "Parameters", "LogRetentionDays", "Default"));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Site and distribution
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void site_bucket_is_private_and_served_through_oac() {
        Map<String, Object> bucket = properties("SiteBucket", "AWS::S3::Bucket");
        assertThat(map(bucket.get("PublicAccessBlockConfiguration"))).containsOnly(
                Map.entry("BlockPublicAcls", true), Map.entry("BlockPublicPolicy", true),
                Map.entry("IgnorePublicAcls", true), Map.entry("RestrictPublicBuckets", true));
        assertThat(at(map(list(at(bucket, "BucketEncryption", "ServerSideEncryptionConfiguration")).get(0)),
                "ServerSideEncryptionByDefault", "SSEAlgorithm")).isEqualTo("AES256");
        assertThat(list(at(bucket, "OwnershipControls", "Rules")))
                .containsExactly(Map.of("ObjectOwnership", "BucketOwnerEnforced"));
        assertThat(bucket).as("no website hosting: the bucket is only read through CloudFront")
                .doesNotContainKeys("WebsiteConfiguration", "AccessControl");

        Map<String, Object> policy = properties("SiteBucketPolicy", "AWS::S3::BucketPolicy");
        assertThat(policy.get("Bucket")).isEqualTo(Map.of("Ref", "SiteBucket"));
        List<Object> statements = new ArrayList<>(list(at(policy, "PolicyDocument", "Statement")));
        // The one Deny keeps everybody but the publisher out of the directory's prefix (see the publisher's tests).
        statements.removeIf(st -> "Deny".equals(map(st).get("Effect")));
        // Reading objects, and listing (so that a missing key answers 404, not 403): nothing else, for no one else.
        assertThat(statements).extracting(st -> asList(map(st).get("Action")))
                .containsExactlyInAnyOrder(List.of("s3:GetObject"), List.of("s3:ListBucket"));
        for (Object each : statements) {
            Map<String, Object> statement = map(each);
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            assertThat(statement.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
            assertThat(statement.get("Resource")).isEqualTo(asList(statement.get("Action")).contains("s3:GetObject")
                    ? Map.of("Fn::Sub", "${SiteBucket.Arn}/*") : Map.of("Fn::GetAtt", List.of("SiteBucket", "Arn")));
            Object sourceArn = at(statement, "Condition", "StringEquals", "AWS:SourceArn");
            assertThat((String) map(sourceArn).get("Fn::Sub"))
                    .matches("arn:\\$\\{AWS::Partition}:cloudfront::\\$\\{AWS::AccountId}:distribution/\\$\\{SiteDistribution}");
        }

        Map<String, Object> oac = map(at(properties("SiteOriginAccessControl", "AWS::CloudFront::OriginAccessControl"),
                "OriginAccessControlConfig"));
        assertThat(oac).contains(Map.entry("OriginAccessControlOriginType", "s3"),
                Map.entry("SigningBehavior", "always"), Map.entry("SigningProtocol", "sigv4"));

        // The default behavior's origin group serves from its primary member, the bucket.
        Map<String, Object> group = map(list(at(distribution(), "OriginGroups", "Items")).get(0));
        assertThat(at(distribution(), "DefaultCacheBehavior", "TargetOriginId")).isEqualTo(group.get("Id"));
        Map<String, Object> siteOrigin = origin((String) map(list(at(group, "Members", "Items")).get(0)).get("OriginId"));
        assertThat(siteOrigin.get("DomainName"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("SiteBucket", "RegionalDomainName")));
        assertThat(siteOrigin.get("OriginAccessControlId"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("SiteOriginAccessControl", "Id")));
        assertThat(at(siteOrigin, "S3OriginConfig", "OriginAccessIdentity")).isEqualTo("");
    }

    @Test
    void site_is_cached_and_pretty_urls_are_mapped_at_the_edge() {
        Map<String, Object> distribution = distribution();
        Map<String, Object> behavior = map(distribution.get("DefaultCacheBehavior"));
        assertThat(behavior.get("ViewerProtocolPolicy")).isEqualTo("redirect-to-https");
        assertThat(behavior.get("CachePolicyId")).isEqualTo(CACHING_OPTIMIZED);
        Map<String, Object> association = map(list(behavior.get("FunctionAssociations")).get(0));
        assertThat(association.get("EventType")).isEqualTo("viewer-request");
        String functionName = (String) list(at(association, "FunctionARN", "Fn::GetAtt")).get(0);
        String code = (String) at(properties(functionName, "AWS::CloudFront::Function"), "FunctionCode");
        assertThat(code).contains("index.html");

        assertThat(distribution.get("DefaultRootObject")).isEqualTo("index.html");
        // S3 answers a missing key with 404 since the policy grants s3:ListBucket; the origin group then asks the
        // API (its $default route answers the German not-found page). No custom error responses: they apply to every
        // behavior and would replace the API's JSON 404 and the office's own pages.
        assertThat(distribution).doesNotContainKey("CustomErrorResponses");
        assertThat(behavior.get("TargetOriginId")).isEqualTo("site-or-not-found");
        Map<String, Object> group = map(list(at(distribution, "OriginGroups", "Items")).get(0));
        assertThat(at(distribution, "OriginGroups", "Quantity")).isEqualTo(1);
        assertThat(group.get("Id")).isEqualTo("site-or-not-found");
        assertThat(at(group, "FailoverCriteria", "StatusCodes", "Items")).isEqualTo(List.of(404));
        assertThat(list(at(group, "Members", "Items"))).extracting(m -> map(m).get("OriginId"))
                .containsExactly("site", "api");
        assertThat(list(behavior.get("AllowedMethods"))).as("origin groups serve GET and HEAD only")
                .containsExactlyInAnyOrder("GET", "HEAD");
        assertThat(distribution).contains(Map.entry("HttpVersion", "http2and3"),
                Map.entry("PriceClass", "PriceClass_100"), Map.entry("IPV6Enabled", true));
    }

    @Test
    void api_is_routed_through_the_distribution() {
        Map<String, Object> behavior = list(distribution().get("CacheBehaviors")).stream().map(TemplateTest::map)
                .filter(b -> "/api/*".equals(b.get("PathPattern"))).findFirst()
                .orElseThrow(() -> new AssertionError("no /api/* cache behavior"));
        assertThat(behavior.get("CachePolicyId")).as("CachingDisabled").isEqualTo(CACHING_DISABLED);
        assertThat(behavior.get("OriginRequestPolicyId")).isEqualTo(Map.of("Ref", "ApiOriginRequestPolicy"));
        Map<String, Object> headers = map(map(properties("ApiOriginRequestPolicy", "AWS::CloudFront::OriginRequestPolicy").get("OriginRequestPolicyConfig"))
                .get("HeadersConfig"));
        assertThat(headers.get("HeaderBehavior")).as("never forward Host to API Gateway").isEqualTo("whitelist");
        assertThat(list(headers.get("Headers"))).as("what SubmitHandler reads")
                .contains("Content-Type", "Accept", "CloudFront-Viewer-Address").doesNotContain("Host");
        assertThat(list(behavior.get("AllowedMethods")))
                .containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE");
        assertThat(behavior.get("ViewerProtocolPolicy")).isIn("https-only", "redirect-to-https");
        assertThat(behavior).as("no site URL rewriting on the API").doesNotContainKey("FunctionAssociations");

        Map<String, Object> apiOrigin = origin((String) behavior.get("TargetOriginId"));
        assertThat(apiOrigin.get("DomainName"))
                .isEqualTo(Map.of("Fn::Sub", "${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"));
        assertThat(at(apiOrigin, "CustomOriginConfig", "OriginProtocolPolicy")).isEqualTo("https-only");

    }

    /**
     * The API's own execute-api address is public: CloudFront adds a secret header that every function checks, the
     * secret is generated by AWS (in no file or parameter), and the API's address is not advertised as an output.
     */
    @Test
    void the_api_is_reachable_only_through_the_distribution() {
        Map<String, Object> secret = properties("OriginVerifySecret", "AWS::SecretsManager::Secret");
        assertThat((Integer) at(secret, "GenerateSecretString", "PasswordLength")).isGreaterThanOrEqualTo(32);
        assertThat(secret).doesNotContainKey("SecretString");
        Object reference = Map.of("Fn::Sub", "{{resolve:secretsmanager:${OriginVerifySecret}:SecretString}}");

        Map<String, Object> apiOrigin = origin("api");
        assertThat(list(apiOrigin.get("OriginCustomHeaders"))).containsExactly(
                Map.of("HeaderName", "X-Origin-Verify", "HeaderValue", reference));
        assertThat("X-Origin-Verify".toLowerCase(java.util.Locale.ROOT)).isEqualTo(HttpFunction.ORIGIN_HEADER);
        httpFunctions().forEach((name, function) ->
                assertThat(environmentVariables(function).get(HttpFunction.ORIGIN_SECRET_ENV)).as(name)
                        .isEqualTo(reference));
        assertThat(map(TEMPLATE.get("Outputs"))).doesNotContainKey("HttpApiUrl");
        assertThat(scalarsIn(TEMPLATE.get("Outputs"))).noneMatch(v -> v.contains("execute-api"));
    }

    @Test
    void csp_forbids_inline_scripts() {
        Map<String, Object> csp = map(at(securityHeaders(), "ContentSecurityPolicy"));
        assertThat(csp.get("Override")).isEqualTo(true);
        Map<String, List<String>> directives = Arrays.stream(((String) csp.get("ContentSecurityPolicy")).split(";"))
                .map(String::trim).filter(d -> !d.isEmpty()).map(d -> List.of(d.split("\\s+")))
                .collect(Collectors.toMap(d -> d.get(0), d -> d.subList(1, d.size())));

        assertThat(directives.get("script-src")).containsExactly("'self'");
        assertThat(directives.get("default-src")).containsExactly("'self'");
        assertThat(directives.get("form-action")).containsExactly("'self'");
        assertThat(directives.get("frame-ancestors")).containsExactly("'none'");
        assertThat(directives.get("object-src")).containsExactly("'none'");
        assertThat(directives.get("base-uri")).containsExactly("'self'");
        assertThat(directives.values().stream().flatMap(List::stream))
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:");
    }

    @Test
    void security_headers_are_sent_with_site_and_api() {
        Map<String, Object> headers = securityHeaders();
        assertThat((Integer) at(headers, "StrictTransportSecurity", "AccessControlMaxAgeSec"))
                .isGreaterThanOrEqualTo(31_536_000);
        assertThat(at(headers, "StrictTransportSecurity", "IncludeSubdomains")).isEqualTo(true);
        assertThat(at(headers, "FrameOptions", "FrameOption")).isEqualTo("DENY");
        assertThat(at(headers, "ReferrerPolicy", "ReferrerPolicy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(map(headers.get("ContentTypeOptions"))).isNotEmpty();
        headers.forEach((name, header) -> assertThat(map(header).get("Override")).as(name + " Override").isEqualTo(true));

        List<Object> custom = list(at(properties("SecurityHeadersPolicy", "AWS::CloudFront::ResponseHeadersPolicy"),
                "ResponseHeadersPolicyConfig", "CustomHeadersConfig", "Items"));
        assertThat(custom).contains(Map.of("Header", "Permissions-Policy",
                "Value", "camera=(), microphone=(), geolocation=()", "Override", true));

        Map<String, Object> distribution = distribution();
        List<Map<String, Object>> behaviors = new ArrayList<>();
        behaviors.add(map(distribution.get("DefaultCacheBehavior")));
        list(distribution.get("CacheBehaviors")).forEach(b -> behaviors.add(map(b)));
        behaviors.forEach(b -> assertThat(b.get("ResponseHeadersPolicyId")).as("behavior " + b.get("PathPattern"))
                .isEqualTo(Map.of("Ref", "SecurityHeadersPolicy")));
    }

    @Test
    void outputs_tell_where_the_site_and_its_data_are() {
        assertThat(map(TEMPLATE.get("Outputs"))).containsKeys("DistributionUrl", "SiteBucketName",
                "SiteDistributionId", "SubmissionsTableName", "StaffUserPoolId", "OfficeUrl", "DirectoryPublisherName");
        assertThat(at(TEMPLATE, "Outputs", "DirectoryPublisherName", "Value")).isEqualTo(Map.of("Ref", "PublisherFunction"));
        assertThat(at(TEMPLATE, "Outputs", "DistributionUrl", "Value"))
                .isEqualTo(Map.of("Fn::Sub", "https://${SiteDistribution.DomainName}"));
        assertThat(at(TEMPLATE, "Outputs", "OfficeUrl", "Value"))
                .isEqualTo(Map.of("Fn::Sub", "${SiteUrl}" + de.fachkraftallianz.office.OfficeHandler.HOME));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Office: sign-in, its function and its routes through the distribution
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void staff_accounts_are_created_by_administrators_only_and_need_a_second_factor() {
        Map<String, Object> pool = resource("StaffUserPool");
        assertThat(pool.get("DeletionPolicy")).as("the accounts outlive the stack").isEqualTo("Retain");
        Map<String, Object> properties = properties("StaffUserPool", "AWS::Cognito::UserPool");
        assertThat(at(properties, "AdminCreateUserConfig", "AllowAdminCreateUserOnly")).isEqualTo(true);
        assertThat(properties.get("MfaConfiguration")).isEqualTo("ON");
        assertThat(list(properties.get("EnabledMfas"))).containsExactly("SOFTWARE_TOKEN_MFA");
        assertThat((Integer) at(properties, "Policies", "PasswordPolicy", "MinimumLength")).isGreaterThanOrEqualTo(12);
        assertThat(list(at(properties, "AccountRecoverySetting", "RecoveryMechanisms")))
                .containsExactly(Map.of("Name", "admin_only", "Priority", 1));
        assertThat(properties.get("DeletionProtection")).isEqualTo("ACTIVE");
    }

    @Test
    void the_pools_groups_are_the_ones_the_office_knows() {
        Set<Object> groups = resourcesOfType("AWS::Cognito::UserPoolGroup").values().stream()
                .peek(g -> assertThat(g.get("UserPoolId")).isEqualTo(Map.of("Ref", "StaffUserPool")))
                .map(g -> g.get("GroupName")).collect(Collectors.toSet());
        assertThat(groups).containsExactlyInAnyOrder(de.fachkraftallianz.office.Access.JUGENDAMT,
                de.fachkraftallianz.office.Access.PFLEGEKINDERDIENST, de.fachkraftallianz.office.Access.ADMIN);
    }

    @Test
    void the_office_client_uses_the_code_flow_and_returns_only_to_the_office() {
        Map<String, Object> client = properties("OfficeClient", "AWS::Cognito::UserPoolClient");
        assertThat(client.get("GenerateSecret")).as("confidential: the secret stays in the function").isEqualTo(true);
        assertThat(list(client.get("AllowedOAuthFlows"))).containsExactly("code");
        assertThat(list(client.get("ExplicitAuthFlows"))).as("no password flow outside the managed login")
                .doesNotContain("ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH");
        assertThat(list(client.get("CallbackURLs"))).containsExactly(Map.of("Fn::Sub",
                "${SiteUrl}" + pathOf(de.fachkraftallianz.office.OfficeHandler.CALLBACK)));
        assertThat(list(client.get("LogoutURLs"))).containsExactly(Map.of("Fn::Sub",
                "${SiteUrl}" + pathOf(de.fachkraftallianz.office.OfficeHandler.SIGNED_OUT)));
        assertThat(client.get("PreventUserExistenceErrors")).isEqualTo("ENABLED");

        Map<String, Object> office = environmentVariables(properties("OfficeFunction", "AWS::Serverless::Function"));
        assertThat(office.get("OIDC_CLIENT_ID")).isEqualTo(Map.of("Ref", "OfficeClient"));
        assertThat(office.get("OIDC_CLIENT_SECRET")).isEqualTo(Map.of("Fn::GetAtt", List.of("OfficeClient", "ClientSecret")));
        assertThat(office.get("OIDC_ISSUER")).isEqualTo(Map.of("Fn::Sub",
                "https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${StaffUserPool}"));
        assertThat(office.get("SITE_URL")).isEqualTo(Map.of("Ref", "SiteUrl"));
    }

    @Test
    void the_office_function_may_read_and_change_the_table_but_never_scan_it() {
        Map<String, Object> function = properties("OfficeFunction", "AWS::Serverless::Function");
        assertThat(function).doesNotContainKey("Role");
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(function.get("Policies"))) {
            assertThat(policy).isInstanceOf(Map.class);
            list(map(policy).get("Statement")).forEach(st -> statements.add(map(st)));
        }
        Set<String> actions = new TreeSet<>();
        statements.forEach(st -> {
            assertThat(st.get("Effect")).isEqualTo("Allow");
            assertThat(st).doesNotContainKeys("NotAction", "NotResource");
            asList(st.get("Action")).forEach(a -> actions.add((String) a));
            assertThat(st.get("Resource")).isIn(Map.of("Fn::GetAtt", List.of("SubmissionsTable", "Arn")),
                    Map.of("Fn::Sub", "${SubmissionsTable.Arn}/index/*"));
        });
        assertThat(actions).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchGetItem");
        assertThat(function.get("ReservedConcurrentExecutions")).isEqualTo(5);
    }

    // -------------------------------------------------------------------------------------------------------------
    // The directory's publisher
    // -------------------------------------------------------------------------------------------------------------

    /**
     * The publisher may write and delete only the directory's keys in the site bucket (and list only that prefix),
     * invalidate only this distribution, read the directory index, of a changed submission only its keys and
     * published entry (never its answers), and the table's stream, and write its own logs: every statement of its own
     * role, and nothing granted by SAM besides.
     */
    @Test
    void the_publisher_may_write_only_the_directorys_paths_and_invalidate_only_this_distribution() {
        Map<String, Object> function = properties("PublisherFunction", "AWS::Serverless::Function");
        assertThat(function).as("a role of its own, nothing added by SAM").doesNotContainKey("Policies");
        assertThat(function.get("Role")).isEqualTo(Map.of("Fn::GetAtt", List.of("PublisherRole", "Arn")));
        assertThat(function.get("ReservedConcurrentExecutions")).as("one run at a time").isEqualTo(1);
        assertThat(environmentVariables(function)).containsOnly(
                Map.entry("TABLE_NAME", Map.of("Ref", "SubmissionsTable")),
                Map.entry("SITE_BUCKET", Map.of("Ref", "SiteBucket")),
                Map.entry("DISTRIBUTION_ID", Map.of("Ref", "SiteDistribution")),
                Map.entry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));

        Map<String, Object> role = properties("PublisherRole", "AWS::IAM::Role");
        assertThat(role).doesNotContainKeys("ManagedPolicyArns", "PermissionsBoundary");
        assertThat(list(at(role, "AssumeRolePolicyDocument", "Statement"))).containsExactly(Map.of("Effect", "Allow",
                "Principal", Map.of("Service", "lambda.amazonaws.com"), "Action", "sts:AssumeRole"));
        Map<String, Map<String, Object>> grants = new LinkedHashMap<>();
        for (Object policy : list(role.get("Policies"))) {
            for (Object each : list(at(map(policy), "PolicyDocument", "Statement"))) {
                Map<String, Object> statement = map(each);
                assertThat(statement.get("Effect")).isEqualTo("Allow");
                assertThat(statement).doesNotContainKeys("NotAction", "NotResource");
                for (Object action : asList(statement.get("Action"))) {
                    assertThat(grants).as("each action granted once").doesNotContainKey((String) action);
                    grants.put((String) action, statement);
                }
            }
        }
        String directory = de.fachkraftallianz.directory.Directory.PREFIX;
        Object directoryKeys = Map.of("Fn::Sub", "${SiteBucket.Arn}/" + directory + "*");
        Object stream = Map.of("Fn::Sub", "${SubmissionsTable.Arn}/stream/*");
        assertThat(grants.keySet()).containsExactlyInAnyOrder("s3:PutObject", "s3:DeleteObject", "s3:ListBucket",
                "cloudfront:CreateInvalidation", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator", "dynamodb:ListStreams", "logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(grants.get("s3:PutObject").get("Resource")).isEqualTo(directoryKeys);
        assertThat(grants.get("s3:DeleteObject").get("Resource")).isEqualTo(directoryKeys);
        assertThat(grants.get("s3:ListBucket").get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of("SiteBucket", "Arn")));
        assertThat(at(grants.get("s3:ListBucket"), "Condition", "StringLike", "s3:prefix")).isEqualTo(directory + "*");
        assertThat(grants.get("cloudfront:CreateInvalidation").get("Resource")).isEqualTo(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${SiteDistribution}"));
        assertThat(grants.get("dynamodb:Query").get("Resource")).isEqualTo(Map.of("Fn::Sub",
                "${SubmissionsTable.Arn}/index/" + TableKeys.GSI_BY_DIRECTORY));
        Map<String, Object> getItem = grants.get("dynamodb:GetItem");
        assertThat(getItem.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of("SubmissionsTable", "Arn")));
        assertThat(asList(at(getItem, "Condition", "ForAllValues:StringEquals", "dynamodb:Attributes")))
                .as("what DirectoryStore reads of a changed submission, and nothing more")
                .containsExactlyInAnyOrderElementsOf(de.fachkraftallianz.store.DirectoryStore.PUBLISHER_ATTRIBUTES)
                .doesNotContain("data", "history", "notes");
        assertThat(at(getItem, "Condition", "StringEqualsIfExists", "dynamodb:Select")).isEqualTo("SPECIFIC_ATTRIBUTES");
        assertThat(map(getItem.get("Condition"))).hasSize(2);
        for (String action : List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                "dynamodb:ListStreams")) {
            assertThat(grants.get(action).get("Resource")).as(action).isEqualTo(stream);
        }
        assertThat(grants.get("logs:PutLogEvents").get("Resource"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("PublisherLogGroup", "Arn")));
        assertThat(scalarsIn(role.get("Policies"))).as("no wildcard but the directory's own keys and the stream's")
                .filteredOn(v -> v.contains("*")).containsOnly("${SiteBucket.Arn}/" + directory + "*",
                        "${SubmissionsTable.Arn}/stream/*", directory + "*");
    }

    /**
     * Nobody but the publisher may write or delete below the directory's prefix: a full site deploy (s3 sync --delete)
     * cannot drop or revert a published entry, even when its --exclude is forgotten.
     */
    @Test
    void only_the_publisher_may_write_the_directory_in_the_site_bucket() {
        Map<String, Object> policy = properties("SiteBucketPolicy", "AWS::S3::BucketPolicy");
        List<Map<String, Object>> denies = list(at(policy, "PolicyDocument", "Statement")).stream().map(TemplateTest::map)
                .filter(st -> "Deny".equals(st.get("Effect"))).toList();
        assertThat(denies).hasSize(1);
        Map<String, Object> deny = denies.get(0);
        assertThat(deny.get("Principal")).isEqualTo("*");
        assertThat(asList(deny.get("Action"))).containsExactlyInAnyOrder("s3:PutObject", "s3:DeleteObject");
        assertThat(deny.get("Resource")).isEqualTo(Map.of("Fn::Sub", "${SiteBucket.Arn}/"
                + de.fachkraftallianz.directory.Directory.PREFIX + "*"));
        assertThat(at(deny, "Condition", "ArnNotEquals", "aws:PrincipalArn"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("PublisherRole", "Arn")));
    }

    /** The table's stream calls the publisher for every change to an item that is or was in the directory index. */
    @Test
    void the_publisher_follows_the_changes_of_directory_entries_in_the_tables_stream() throws Exception {
        Map<String, Object> table = properties("SubmissionsTable", "AWS::DynamoDB::Table");
        assertThat(at(table, "StreamSpecification", "StreamViewType")).as("filters read both images")
                .isEqualTo("NEW_AND_OLD_IMAGES");
        Map<String, Object> events = map(properties("PublisherFunction", "AWS::Serverless::Function").get("Events"));
        assertThat(events).hasSize(1);
        Map<String, Object> event = map(map(events.values().iterator().next()).get("Properties"));
        assertThat(event.get("Stream")).isEqualTo(Map.of("Fn::GetAtt", List.of("SubmissionsTable", "StreamArn")));
        assertThat(event.get("StartingPosition")).isEqualTo("LATEST");
        assertThat((Integer) event.get("MaximumRetryAttempts")).isPositive();
        List<Object> patterns = new ArrayList<>();
        for (Object filter : list(at(event, "FilterCriteria", "Filters"))) {
            patterns.add(de.fachkraftallianz.Json.read(((String) map(filter).get("Pattern"))
                    .getBytes(StandardCharsets.UTF_8)));
        }
        Object key = Map.of(TableKeys.GSI6_PK, Map.of("S", List.of(TableKeys.DIRECTORY)));
        assertThat(patterns).containsExactlyInAnyOrder(Map.of("dynamodb", Map.of("NewImage", key)),
                Map.of("dynamodb", Map.of("OldImage", key)));
        // Records as the stream sends them: the erasure of a listed channel (a REMOVE carries only the old image),
        // its withdrawal and its publication reach the publisher; changes to anything never listed do not.
        Map<String, Object> listed = Map.of(TableKeys.PK, Map.of("S", "SUB#K7QM-4XRT"),
                TableKeys.GSI6_PK, Map.of("S", TableKeys.DIRECTORY));
        Map<String, Object> unlisted = Map.of(TableKeys.PK, Map.of("S", "SUB#K7QM-4XRT"));
        Map<String, Object> erased = Map.of("eventName", "REMOVE", "dynamodb", Map.of("OldImage", listed));
        Map<String, Object> withdrawn = Map.of("eventName", "MODIFY", "dynamodb", Map.of("OldImage", listed,
                "NewImage", unlisted));
        Map<String, Object> published = Map.of("eventName", "MODIFY", "dynamodb", Map.of("OldImage", unlisted,
                "NewImage", listed));
        Map<String, Object> otherErased = Map.of("eventName", "REMOVE", "dynamodb", Map.of("OldImage", unlisted));
        Map<String, Object> otherChanged = Map.of("eventName", "MODIFY", "dynamodb", Map.of("OldImage", unlisted,
                "NewImage", unlisted));
        for (Map<String, Object> record : List.of(erased, withdrawn, published)) {
            assertThat(patterns).as(record.toString()).anyMatch(pattern -> matches(pattern, record));
        }
        for (Map<String, Object> record : List.of(otherErased, otherChanged)) {
            assertThat(patterns).as(record.toString()).noneMatch(pattern -> matches(pattern, record));
        }
        assertThat(at(TEMPLATE, "Parameters", "DirectoryRecheckDays", "Default")).as("a proposal, see the README")
                .isEqualTo(180);
    }

    /**
     * Lambda's event filtering for the patterns the template uses: every key of the pattern must be in the record;
     * a nested object is matched inside, a list of values lists what the record's value may be.
     */
    private static boolean matches(Object pattern, Object record) {
        if (pattern instanceof Map<?, ?> keys) {
            if (!(record instanceof Map<?, ?> fields)) {
                return false;
            }
            return keys.entrySet().stream().allMatch(e -> fields.containsKey(e.getKey())
                    && matches(e.getValue(), fields.get(e.getKey())));
        }
        if (pattern instanceof List<?> allowed) {
            return allowed.contains(record);
        }
        throw new AssertionError("a pattern the test does not know: " + pattern);
    }

    /**
     * Every route reaches its function through the behaviour whose path pattern takes it first; the office's
     * routes, and only they, get the office's cookies; every other API route gets no cookie at all.
     */
    @Test
    void every_route_reaches_the_api_and_only_office_routes_receive_the_office_cookies() {
        List<Map<String, Object>> behaviors = list(distribution().get("CacheBehaviors")).stream()
                .map(TemplateTest::map).toList();
        Map<String, Object> officePolicy = map(at(properties("OfficeOriginRequestPolicy",
                "AWS::CloudFront::OriginRequestPolicy"), "OriginRequestPolicyConfig"));
        assertThat(at(officePolicy, "CookiesConfig", "CookieBehavior")).isEqualTo("whitelist");
        assertThat(asList(at(officePolicy, "CookiesConfig", "Cookies"))).containsExactlyInAnyOrder(
                de.fachkraftallianz.office.auth.Cookies.SESSION, de.fachkraftallianz.office.auth.Cookies.LOGIN);
        assertThat(asList(at(officePolicy, "HeadersConfig", "Headers"))).as("the CSRF check reads it")
                .contains("Sec-Fetch-Site").doesNotContain("Host");
        Map<String, Object> apiPolicy = map(at(properties("ApiOriginRequestPolicy",
                "AWS::CloudFront::OriginRequestPolicy"), "OriginRequestPolicyConfig"));
        assertThat(at(apiPolicy, "CookiesConfig", "CookieBehavior")).isEqualTo("none");

        Set<String> officeRoutes = new TreeSet<>(new de.fachkraftallianz.office.OfficeHandler(
                de.fachkraftallianz.forms.FormCatalog.load(), null, null, null, null, java.time.Clock.systemUTC(), "x")
                .routeKeys());
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) ->
                map(function.getOrDefault("Events", Map.of())).values().forEach(event -> {
                    Object method = at(map(event), "Properties", "Method");
                    Object path = at(map(event), "Properties", "Path");
                    if (path == null) {
                        return;
                    }
                    String concrete = ((String) path).replaceAll("\\{[^}]+}", "x");
                    Map<String, Object> behavior = behaviors.stream()
                            .filter(b -> globMatches((String) b.get("PathPattern"), concrete)).findFirst()
                            .orElseThrow(() -> new AssertionError(name + " " + path + " falls to the site's bucket"));
                    assertThat(behavior.get("TargetOriginId")).as(path + " origin").isEqualTo("api");
                    assertThat(behavior.get("CachePolicyId")).as(path + " caching").isEqualTo(CACHING_DISABLED);
                    boolean office = officeRoutes.contains(method + " " + path);
                    assertThat(behavior.get("OriginRequestPolicyId")).as(path + " origin request policy")
                            .isEqualTo(Map.of("Ref", office ? "OfficeOriginRequestPolicy" : "ApiOriginRequestPolicy"));
                    if (!"GET".equals(method)) {
                        assertThat(behavior.get("ViewerProtocolPolicy")).as(path + ": a redirected POST loses its body")
                                .isEqualTo("https-only");
                    }
                }));
    }

    /** CloudFront's path patterns: '*' any characters, '?' exactly one, everything else literal. */
    static boolean globMatches(String pattern, String path) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return path.matches(regex.toString());
    }

    private static String pathOf(String routeKey) {
        return routeKey.substring(routeKey.indexOf(' ') + 1);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Notifications: the notifier function, its schedules, its mail permissions and the county's mail settings
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void the_notifier_runs_every_minute_and_once_each_morning_in_berlin_and_serves_no_http() {
        Map<String, Object> function = properties("NotifierFunction", "AWS::Serverless::Function");
        Map<String, Object> events = map(function.get("Events"));
        assertThat(events).containsOnlyKeys("DeliverPending", "SpamSummary");
        Map<String, Object> deliver = map(events.get("DeliverPending"));
        assertThat(deliver.get("Type")).isEqualTo("ScheduleV2");
        assertThat(at(deliver, "Properties", "ScheduleExpression")).isEqualTo("rate(1 minute)");
        assertThat(at(deliver, "Properties", "Input")).isEqualTo("{\"task\":\""
                + de.fachkraftallianz.notify.NotifierHandler.DELIVER + "\"}");
        assertThat(at(deliver, "Properties", "FlexibleTimeWindow", "Mode")).isEqualTo("OFF");
        assertThat(at(deliver, "Properties", "RetryPolicy", "MaximumRetryAttempts"))
                .as("the next minute's run is the retry").isEqualTo(0);
        Map<String, Object> summary = map(events.get("SpamSummary"));
        assertThat(summary.get("Type")).isEqualTo("ScheduleV2");
        assertThat(at(summary, "Properties", "ScheduleExpression")).isEqualTo("cron(0 7 * * ? *)");
        assertThat(at(summary, "Properties", "ScheduleExpressionTimezone")).isEqualTo("Europe/Berlin");
        assertThat(at(summary, "Properties", "Input")).isEqualTo("{\"task\":\""
                + de.fachkraftallianz.notify.NotifierHandler.SPAM_SUMMARY + "\"}");

        assertThat(handler("NotifierFunction", new ArrayList<>())).as("no HTTP: no origin secret, no routes")
                .isNotInstanceOf(HttpFunction.class);
        assertThat(environmentVariables(function)).doesNotContainKey(HttpFunction.ORIGIN_SECRET_ENV);
        assertThat(function.get("ReservedConcurrentExecutions")).isEqualTo(1);
        assertThat(java.time.Duration.ofSeconds((Integer) function.get("Timeout")))
                .as("a claim outlives every run that could hold it")
                .isLessThan(de.fachkraftallianz.notify.Notifier.CLAIM_LEASE);
        assertThat(function.get("CodeUri")).as("the SES client stays out of the submit function's jar")
                .isNotEqualTo(properties("SubmitFunction", "AWS::Serverless::Function").get("CodeUri"));
    }

    @Test
    void the_notifier_sends_only_from_the_configured_address_through_the_verified_identity() {
        Map<String, Object> function = properties("NotifierFunction", "AWS::Serverless::Function");
        assertThat(function).doesNotContainKey("Role");
        Map<String, Map<String, Object>> statements = new LinkedHashMap<>();
        for (Object policy : list(function.get("Policies"))) {
            list(map(policy).get("Statement")).forEach(st -> statements.put((String) map(st).get("Sid"), map(st)));
        }
        statements.values().forEach(st -> {
            assertThat(st.get("Effect")).isEqualTo("Allow");
            assertThat(st).doesNotContainKeys("NotAction", "NotResource");
        });
        assertThat(statements).containsOnlyKeys("ReadAndRecordTheOutbox", "TakeTheDaysSummary",
                "FindPendingAndCountSpam", "SendFromTheConfiguredAddressOnly");

        Map<String, Object> ses = statements.get("SendFromTheConfiguredAddressOnly");
        assertThat(asList(ses.get("Action"))).containsExactly("ses:SendEmail");
        assertThat(asList(ses.get("Resource"))).containsExactlyInAnyOrder(
                Map.of("Fn::Sub", "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${MailIdentity}"),
                Map.of("Fn::Sub", "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:configuration-set/"
                        + "${NotificationConfigurationSet}"));
        assertThat(at(ses, "Condition", "StringEquals", "ses:FromAddress")).isEqualTo(Map.of("Ref", "MailFromAddress"));

        Object table = Map.of("Fn::GetAtt", List.of("SubmissionsTable", "Arn"));
        Map<String, Object> outbox = statements.get("ReadAndRecordTheOutbox");
        assertThat(asList(outbox.get("Action"))).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem");
        assertThat(outbox.get("Resource")).isEqualTo(table);
        assertThat(asList(at(outbox, "Condition", "ForAllValues:StringLike", "dynamodb:LeadingKeys")))
                .containsExactlyInAnyOrder("SUB#*", "NOTIFY#SPAM-SUMMARY");
        Map<String, Object> summary = statements.get("TakeTheDaysSummary");
        assertThat(asList(summary.get("Action"))).containsExactly("dynamodb:PutItem");
        assertThat(summary.get("Resource")).isEqualTo(table);
        assertThat(asList(at(summary, "Condition", "ForAllValues:StringEquals", "dynamodb:LeadingKeys")))
                .containsExactly(TableKeys.spamSummaryKey("x").get(TableKeys.PK).s());
        Map<String, Object> query = statements.get("FindPendingAndCountSpam");
        assertThat(asList(query.get("Action"))).as("never a Scan").containsExactly("dynamodb:Query");
        assertThat(asList(query.get("Resource"))).containsExactlyInAnyOrder(
                Map.of("Fn::Sub", "${SubmissionsTable.Arn}/index/" + TableKeys.GSI_BY_OUTBOX),
                Map.of("Fn::Sub", "${SubmissionsTable.Arn}/index/" + TableKeys.GSI_BY_FORM_STATUS));

        // No other function may send mail.
        resourcesOfType("AWS::Serverless::Function").forEach((name, other) -> {
            if (!name.equals("NotifierFunction")) {
                assertThat(scalarsIn(other.get("Policies"))).as(name).noneMatch(v -> v.startsWith("ses:"));
            }
        });
        Map<String, Object> set = properties("NotificationConfigurationSet", "AWS::SES::ConfigurationSet");
        assertThat(list(at(set, "SuppressionOptions", "SuppressedReasons"))).containsExactlyInAnyOrder("BOUNCE",
                "COMPLAINT");
    }

    @Test
    void the_retention_sweeper_runs_hourly_alone_without_http_and_may_only_find_due_items_end_matches_and_delete() {
        Map<String, Object> function = properties("SweeperFunction", "AWS::Serverless::Function");
        Map<String, Object> events = map(function.get("Events"));
        assertThat(events).containsOnlyKeys("Hourly");
        Map<String, Object> hourly = map(events.get("Hourly"));
        assertThat(hourly.get("Type")).isEqualTo("ScheduleV2");
        assertThat(at(hourly, "Properties", "ScheduleExpression")).isEqualTo("rate(1 hour)");
        assertThat(handler("SweeperFunction", new ArrayList<>())).as("no HTTP: no origin secret, no routes")
                .isInstanceOf(de.fachkraftallianz.office.retention.SweeperHandler.class)
                .isNotInstanceOf(HttpFunction.class);
        assertThat(function.get("ReservedConcurrentExecutions")).as("one sweep at a time").isEqualTo(1);

        List<Map<String, Object>> statements = list(map(list(function.get("Policies")).get(0)).get("Statement"))
                .stream().map(TemplateTest::map).toList();
        assertThat(statements).hasSize(3);
        Map<String, Object> delete = statements.stream().filter(st -> "DeleteExpiredSubmissions".equals(st.get("Sid")))
                .findFirst().orElseThrow();
        assertThat(asList(delete.get("Action"))).as("never a Scan, never a write but a delete")
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:DeleteItem");
        assertThat(delete.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of("SubmissionsTable", "Arn")));
        assertThat(asList(at(delete, "Condition", "ForAllValues:StringLike", "dynamodb:LeadingKeys")))
                .as("submissions only: no sessions, no staff, no audit log").containsExactly("SUB#*");
        Map<String, Object> matches = statements.stream().filter(st -> "EndMatchesBeforeDeleting".equals(st.get("Sid")))
                .findFirst().orElseThrow();
        assertThat(asList(matches.get("Action"))).as("the match protocol's reads and conditional updates only")
                .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:UpdateItem");
        assertThat(matches.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of("SubmissionsTable", "Arn")));
        assertThat(asList(at(matches, "Condition", "ForAllValues:StringLike", "dynamodb:LeadingKeys")))
                .as("submissions and the week's match log: no sessions, no staff, no audit log")
                .containsExactlyInAnyOrder("SUB#*", "MATCHLOG#*");
        Map<String, Object> find = statements.stream().filter(st -> "FindWhatIsDue".equals(st.get("Sid")))
                .findFirst().orElseThrow();
        assertThat(asList(find.get("Action"))).containsExactly("dynamodb:Query");
        assertThat(find.get("Resource"))
                .isEqualTo(Map.of("Fn::Sub", "${SubmissionsTable.Arn}/index/" + TableKeys.GSI_BY_EXPIRY));
    }

    @Test
    void the_county_sets_sender_mailboxes_and_contacts_and_until_then_they_are_marked_placeholders() {
        Map<String, Object> variables = environmentVariables(properties("NotifierFunction", "AWS::Serverless::Function"));
        Map<String, String> parameterOf = Map.of("MAIL_FROM", "MailFromAddress", "MAILBOX_JUGENDAMT", "MailboxJugendamt",
                "MAILBOX_PFLEGEKINDERDIENST", "MailboxPflegekinderdienst", "MAILBOX_ADMIN", "MailboxAdmin",
                "CONTACT_JUGENDAMT", "ContactJugendamt", "CONTACT_PFLEGEKINDERDIENST", "ContactPflegekinderdienst");
        parameterOf.forEach((variable, parameter) ->
                assertThat(variables.get(variable)).as(variable).isEqualTo(Map.of("Ref", parameter)));
        assertThat(variables.get("MAIL_CONFIGURATION_SET")).isEqualTo(Map.of("Ref", "NotificationConfigurationSet"));
        assertThat(variables.get("SITE_URL")).isEqualTo(Map.of("Ref", "SiteUrl"));

        List<String> mailParameters = List.of("MailFromAddress", "MailIdentity", "MailboxJugendamt",
                "MailboxPflegekinderdienst", "MailboxAdmin", "ContactJugendamt", "ContactPflegekinderdienst");
        List<Object> assertions = list(at(TEMPLATE, "Rules", "MailConfiguredCompletely", "Assertions"));
        for (String parameter : mailParameters) {
            String fallback = (String) at(TEMPLATE, "Parameters", parameter, "Default");
            assertThat(fallback).as(parameter + ": a placeholder on a reserved domain, or marked as one")
                    .satisfiesAnyOf(d -> assertThat(d).endsWith("example.invalid"),
                            d -> assertThat(d).startsWith("[Platzhalter: ").endsWith("]"));
            if (!parameter.equals("MailFromAddress")) {
                // Once a sender is set, the deployment stops while this one is still its placeholder.
                assertThat(assertions).as(parameter).contains(Map.of(
                        "Assert", Map.of("Fn::Not", List.of(Map.of("Fn::Equals",
                                List.of(Map.of("Ref", parameter), fallback)))),
                        "AssertDescription", "Set " + parameter + (parameter.equals("MailIdentity")
                                ? " to the SES identity of MailFromAddress." : ".")));
            }
        }
        assertThat(at(TEMPLATE, "Rules", "MailConfiguredCompletely", "RuleCondition")).isEqualTo(Map.of("Fn::Not",
                List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "MailFromAddress"),
                        at(TEMPLATE, "Parameters", "MailFromAddress", "Default"))))));
    }

    /** The link in the team mail and the summary lead to the office's own routes. */
    @Test
    void the_mail_links_lead_to_the_offices_routes() {
        Set<String> officeRoutes = new TreeSet<>();
        map(properties("OfficeFunction", "AWS::Serverless::Function").get("Events")).values().forEach(event ->
                officeRoutes.add(at(map(event), "Properties", "Method") + " " + at(map(event), "Properties", "Path")));
        assertThat(officeRoutes).contains("GET " + de.fachkraftallianz.notify.mail.MailTexts.OFFICE_CASE_PATH
                + "{reference}", "GET " + de.fachkraftallianz.notify.mail.MailTexts.OFFICE_HOME_PATH);
    }

    /** The team mail goes to the departments that may see the form in the office. */
    @Test
    void each_form_is_mailed_to_the_departments_the_office_shows_it_to() {
        for (String formId : de.fachkraftallianz.forms.FormCatalog.FORM_IDS) {
            assertThat(de.fachkraftallianz.notify.Department.workingOn(formId).stream()
                    .map(de.fachkraftallianz.notify.Department::group).sorted().toList()).as(formId)
                    .isEqualTo(de.fachkraftallianz.office.Access.departmentsOf(formId));
        }
    }

    /** Functions with HttpApi events (the notifier has none). */
    private static Map<String, Map<String, Object>> httpFunctions() {
        Map<String, Map<String, Object>> http = new LinkedHashMap<>();
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            boolean serves = map(function.getOrDefault("Events", Map.of())).values().stream()
                    .anyMatch(event -> "HttpApi".equals(map(event).get("Type")));
            if (serves) {
                http.put(name, function);
            }
        });
        assertThat(http).containsKeys("SubmitFunction", "FallbackFunction", "OfficeFunction");
        return http;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reference check
    // -------------------------------------------------------------------------------------------------------------

    record ReferenceCheck(int checked, List<String> unresolved) {
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /**
     * Every Ref, Fn::GetAtt, Fn::Sub variable, Fn::If / Condition name and DependsOn must name something the
     * template (or CloudFormation) defines. SAM-generated logical ids (e.g. SubmitFunctionRole) are not accepted:
     * the template uses none; add them here when it does.
     */
    static ReferenceCheck checkReferences(Map<String, Object> template) {
        Set<String> resources = map(template.getOrDefault("Resources", Map.of())).keySet();
        Set<String> conditions = map(template.getOrDefault("Conditions", Map.of())).keySet();
        Set<String> refTargets = new HashSet<>(PSEUDO_PARAMETERS);
        refTargets.addAll(map(template.getOrDefault("Parameters", Map.of())).keySet());
        refTargets.addAll(resources);

        List<String> unresolved = new ArrayList<>();
        int[] checked = {0};
        class Check {
            void reference(String kind, String name, Set<String> known) {
                checked[0]++;
                if (!known.contains(name)) {
                    unresolved.add(kind + " " + name);
                }
            }

            void walk(Object node) {
                if (node instanceof List<?> items) {
                    items.forEach(this::walk);
                    return;
                }
                if (!(node instanceof Map<?, ?> entries)) {
                    return;
                }
                entries.forEach((key, value) -> {
                    switch (String.valueOf(key)) {
                        case "Ref" -> reference("Ref", (String) value, refTargets);
                        case "Fn::GetAtt" -> reference("Fn::GetAtt", value instanceof List<?> l
                                ? (String) l.get(0) : ((String) value).split("\\.")[0], resources);
                        case "Fn::Sub" -> sub(value);
                        case "Fn::If" -> reference("Fn::If", (String) ((List<?>) value).get(0), conditions);
                        case "Condition" -> {
                            // A condition name, unless it is an IAM statement's Condition block (a map).
                            if (value instanceof String name) {
                                reference("Condition", name, conditions);
                            }
                        }
                        case "DependsOn" -> asList(value).forEach(d -> reference("DependsOn", (String) d, resources));
                        default -> {
                        }
                    }
                    walk(value);
                });
            }

            void sub(Object value) {
                String text = value instanceof List<?> l ? (String) l.get(0) : (String) value;
                Set<String> local = value instanceof List<?> l && l.size() > 1 ? map(l.get(1)).keySet() : Set.of();
                Matcher variables = SUB_VARIABLE.matcher(text);
                while (variables.find()) {
                    String variable = variables.group(1);
                    if (variable.startsWith("!") || local.contains(variable)) {
                        continue; // ${!Literal} is escaped text; local names come from the Sub's own map
                    }
                    int dot = variable.indexOf('.');
                    checked[0]++;
                    boolean known = dot > 0 ? resources.contains(variable.substring(0, dot))
                            : refTargets.contains(variable);
                    if (!known) {
                        unresolved.add("Fn::Sub ${" + variable + "}");
                    }
                }
            }
        }
        new Check().walk(template);
        return new ReferenceCheck(checked[0], unresolved);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Helpers
    // -------------------------------------------------------------------------------------------------------------

    /** A template given inline, read as template.yaml is. */
    private static Map<String, Object> parse(String yaml) {
        return CloudFormationTemplate.parse(yaml).document();
    }

    /** The shade plugin's outputFile in functions/pom.xml, relative to the module: e.g. "target/function.jar". */
    private static String shadedJarOf(String module) {
        String pom = read(ROOT.resolve(module + "/pom.xml"));
        Matcher outputFile = Pattern.compile("<outputFile>\\s*\\$\\{project\\.build\\.directory}/([^<\\s]+)\\s*</outputFile>")
                .matcher(pom);
        assertThat(outputFile.find()).as(module + "/pom.xml shade outputFile under ${project.build.directory}").isTrue();
        return "target/" + outputFile.group(1);
    }

    private static Map<String, Object> environmentVariables(Map<String, Object> function) {
        Map<String, Object> variables = new LinkedHashMap<>();
        Object global = at(TEMPLATE, "Globals", "Function", "Environment", "Variables");
        if (global != null) {
            variables.putAll(map(global));
        }
        Object own = at(function, "Environment", "Variables");
        if (own != null) {
            variables.putAll(map(own));
        }
        return variables;
    }

    /** A function's property, falling back to Globals.Function as SAM does. */
    private static Object functionProperty(Map<String, Object> function, String name) {
        Object value = function.get(name);
        return value != null ? value : at(TEMPLATE, "Globals", "Function", name);
    }

    private static Map<String, Object> distribution() {
        return map(at(properties("SiteDistribution", "AWS::CloudFront::Distribution"), "DistributionConfig"));
    }

    private static Map<String, Object> origin(String id) {
        return list(distribution().get("Origins")).stream().map(TemplateTest::map)
                .filter(o -> id.equals(o.get("Id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no origin " + id));
    }

    private static Map<String, Object> securityHeaders() {
        return map(at(properties("SecurityHeadersPolicy", "AWS::CloudFront::ResponseHeadersPolicy"),
                "ResponseHeadersPolicyConfig", "SecurityHeadersConfig"));
    }

    private static Map<String, Object> resource(String name) {
        Object resource = map(TEMPLATE.get("Resources")).get(name);
        if (resource == null) {
            fail("template.yaml has no resource " + name);
        }
        return map(resource);
    }

    private static Map<String, Object> properties(String name, String type) {
        Map<String, Object> resource = resource(name);
        assertThat(resource.get("Type")).as(name + " Type").isEqualTo(type);
        return map(resource.getOrDefault("Properties", Map.of()));
    }

    private static Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        map(TEMPLATE.get("Resources")).forEach((name, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(name, map(map(resource).getOrDefault("Properties", Map.of())));
            }
        });
        return found;
    }

    private static List<Map.Entry<Object, Object>> keySchema(Object schema) {
        return list(schema).stream().map(TemplateTest::map)
                .map(k -> Map.entry(k.get("AttributeName"), k.get("KeyType"))).toList();
    }

    /** Names of the intrinsic functions used anywhere inside a value. */
    private static Set<String> intrinsicFunctionsIn(Object node) {
        Set<String> found = new LinkedHashSet<>();
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> {
                if ("Ref".equals(key) || String.valueOf(key).startsWith("Fn::") || "Condition".equals(key)) {
                    found.add(String.valueOf(key));
                }
                found.addAll(intrinsicFunctionsIn(value));
            });
        } else if (node instanceof List<?> items) {
            items.forEach(item -> found.addAll(intrinsicFunctionsIn(item)));
        }
        return found;
    }

    private static List<String> scalarsIn(Object node) {
        List<String> found = new ArrayList<>();
        if (node instanceof Map<?, ?> entries) {
            entries.values().forEach(value -> found.addAll(scalarsIn(value)));
        } else if (node instanceof List<?> items) {
            items.forEach(item -> found.addAll(scalarsIn(item)));
        } else if (node != null) {
            found.add(String.valueOf(node));
        }
        return found;
    }

    /** Follows keys through nested maps; null when one is missing. */
    private static Object at(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> entries)) {
                return null;
            }
            node = entries.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).as("a YAML sequence").isInstanceOf(List.class);
        return (List<Object>) node;
    }

    /** IAM and DependsOn accept a single value or a list of them. */
    private static List<Object> asList(Object node) {
        return node instanceof List<?> items ? List.copyOf(items) : List.of(node);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
