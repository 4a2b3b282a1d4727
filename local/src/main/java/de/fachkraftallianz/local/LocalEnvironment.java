package de.fachkraftallianz.local;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's environment as the local stack gives it: the template's Environment.Variables with {@code !Ref} to a
 * local table resolved to its local name, {@code !Ref} to a parameter resolved to its Default, {@code !Sub} over
 * both, and a dynamic reference to a Secrets Manager secret of the template
 * ({@code {{resolve:secretsmanager:${Secret}:SecretString}}}) resolved to a random value made once per local stack,
 * so a function and the edge that sends it the secret agree; then the local connection settings; then the caller's
 * overrides, which win.
 */
public final class LocalEnvironment {

    public static final String REGION = "eu-central-1";
    public static final String ACCOUNT_ID = "000000000000";
    /** JVM flags for the Lambda runtime (for example SnapStart tuning): meaningless in the local JVM. */
    static final List<String> NOT_PASSED = List.of("JAVA_TOOL_OPTIONS");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    static final String SECRET_TYPE = "AWS::SecretsManager::Secret";
    static final String SES_CONFIGURATION_SET_TYPE = "AWS::SES::ConfigurationSet";
    private static final String LOCAL_SECRET = "local-secret:";
    private static final Pattern SECRET_REFERENCE =
            Pattern.compile("\\{\\{resolve:secretsmanager:" + LOCAL_SECRET + "([A-Za-z0-9]+):SecretString(?:::)?}}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CloudFormationTemplate template;
    private final Map<String, String> tableNames;
    private final Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param tableNames local table name by the table's logical id in the template */
    public LocalEnvironment(CloudFormationTemplate template, Map<String, String> tableNames) {
        this.template = template;
        this.tableNames = Map.copyOf(tableNames);
    }

    /** The complete environment for one function, or a clear error for variables that cannot be had locally. */
    public Map<String, String> forFunction(SamFunction function, URI dynamoDbEndpoint, Map<String, String> overrides) {
        return forFunction(function, dynamoDbEndpoint, Map.of(), overrides);
    }

    /**
     * @param localValues values for variables the template sets from what exists only on AWS (the user pool, the
     *                    managed-login domain, the site's public address): given to a function only if its template
     *                    entry sets that variable
     * @param overrides   values for every function, over everything else (tests)
     */
    public Map<String, String> forFunction(SamFunction function, URI dynamoDbEndpoint, Map<String, String> localValues,
                                           Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> unresolved = new ArrayList<>();
        function.environment().forEach((name, value) -> {
            if (NOT_PASSED.contains(name)) {
                return;
            }
            if (localValues.containsKey(name)) {
                values.put(name, localValues.get(name));
                return;
            }
            resolve(value).ifPresentOrElse(v -> values.put(name, v), () -> unresolved.add(name));
        });
        values.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString());
        values.put("AWS_REGION", REGION);
        values.put("AWS_ACCESS_KEY_ID", "local");
        values.put("AWS_SECRET_ACCESS_KEY", "local");
        values.putAll(overrides);
        unresolved.removeAll(overrides.keySet());
        if (!unresolved.isEmpty()) {
            throw new IllegalStateException("Function " + function.logicalId() + ": environment variables "
                    + unresolved + " refer to something the local stack does not have; pass them as overrides");
        }
        return values;
    }

    /** The local value of a template value, or empty if it refers to something that exists only on AWS. */
    public Optional<String> resolve(Object value) {
        return resolveReferences(value).map(this::withSecrets);
    }

    private Optional<String> resolveReferences(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        Optional<Object> ref = CloudFormationTemplate.argument(value, "Ref");
        if (ref.isPresent()) {
            return ref.get() instanceof String name ? ref(name) : Optional.empty();
        }
        return CloudFormationTemplate.argument(value, "Fn::Sub").flatMap(this::sub);
    }

    /** Replaces each dynamic reference to a local secret with its value, made on first use. */
    private String withSecrets(String text) {
        Matcher matcher = SECRET_REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = secrets.computeIfAbsent(matcher.group(1), id -> {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                return HexFormat.of().formatHex(bytes);
            });
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(result).toString();
    }

    private Optional<String> ref(String name) {
        if (tableNames.containsKey(name)) {
            return Optional.of(tableNames.get(name));
        }
        if (template.hasParameter(name)) {
            return template.parameterDefault(name);
        }
        if (template.hasResource(name) && SES_CONFIGURATION_SET_TYPE.equals(template.resource(name).get("Type"))) {
            // Ref to an SES configuration set is its name; aws-ses-v2-local accepts any.
            Object properties = template.resource(name).get("Properties");
            return properties instanceof Map<?, ?> map ? resolveReferences(map.get("Name")) : Optional.empty();
        }
        if (template.hasResource(name) && SECRET_TYPE.equals(template.resource(name).get("Type"))) {
            // Ref to a secret is its ARN on AWS; locally a marker that withSecrets() replaces inside {{resolve:…}}.
            return Optional.of(LOCAL_SECRET + name);
        }
        return switch (name) {
            case "AWS::Region" -> Optional.of(REGION);
            case "AWS::AccountId" -> Optional.of(ACCOUNT_ID);
            case "AWS::Partition" -> Optional.of("aws");
            case "AWS::URLSuffix" -> Optional.of("amazonaws.com");
            case "AWS::StackName" -> Optional.of("fachkraftallianz-local");
            default -> Optional.empty();
        };
    }

    private Optional<String> sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof String s) {
            text = s;
        } else if (argument instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String s) {
            text = s;
            variables = CloudFormationTemplate.map(list.get(1), "Fn::Sub variables");
        } else {
            return Optional.empty();
        }
        StringBuilder result = new StringBuilder();
        Matcher matcher = SUB_VARIABLE.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            Optional<String> replacement;
            if (name.startsWith("!")) {
                replacement = Optional.of("${" + name.substring(1) + "}");
            } else if (variables.containsKey(name)) {
                replacement = resolveReferences(variables.get(name));
            } else {
                replacement = ref(name);
            }
            if (replacement.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement.get()));
        }
        matcher.appendTail(result);
        return Optional.of(result.toString());
    }
}
