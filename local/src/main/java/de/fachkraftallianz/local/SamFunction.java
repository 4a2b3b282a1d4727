package de.fachkraftallianz.local;

import static de.fachkraftallianz.local.CloudFormationTemplate.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One AWS::Serverless::Function of the template with what the local gateway needs: its handler class, its
 * HttpApi routes, its (unresolved) environment variables, timeout, memory and how many instances may run at once
 * (its reserved concurrency), with SAM's Globals.Function applied.
 */
public record SamFunction(String logicalId, String handlerClass, List<HttpApiRoute> routes,
                          Map<String, Object> environment, int timeoutSeconds, int memoryMb, int maxInstances) {

    static final String TYPE = "AWS::Serverless::Function";
    /** SAM's defaults when neither the function nor Globals set them. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int DEFAULT_MEMORY_MB = 128;
    /** Instances the local stack runs at most for a function without reserved concurrency. */
    static final int DEFAULT_MAX_INSTANCES = 10;

    /** Every function of the template that has at least one HttpApi event. */
    public static List<SamFunction> withHttpApiEvents(CloudFormationTemplate template) {
        return all(template).stream().filter(f -> !f.routes().isEmpty()).toList();
    }

    /**
     * Every function of the template, with HttpApi events or without (a scheduled function has none; the directory's
     * publisher neither: the table's stream calls it).
     */
    public static List<SamFunction> all(CloudFormationTemplate template) {
        Map<String, Object> globals = template.globals("Function");
        List<SamFunction> functions = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if (TYPE.equals(resource.get("Type"))) {
                functions.add(of(id, map(resource.get("Properties"), id + ".Properties"), globals));
            }
        });
        return functions;
    }

    static SamFunction of(String id, Map<String, Object> properties, Map<String, Object> globals) {
        Object handler = properties.getOrDefault("Handler", globals.get("Handler"));
        if (!(handler instanceof String handlerText) || handlerText.isBlank()) {
            throw new IllegalArgumentException(id + " has no Handler");
        }
        String handlerClass = handlerText.split("::", 2)[0];

        List<HttpApiRoute> routes = new ArrayList<>();
        map(properties.get("Events"), id + ".Events").forEach((eventId, event) -> {
            Map<String, Object> eventMap = map(event, id + ".Events." + eventId);
            if ("HttpApi".equals(eventMap.get("Type"))) {
                Map<String, Object> eventProperties = map(eventMap.get("Properties"), eventId + ".Properties");
                Object path = eventProperties.get("Path");
                Object method = eventProperties.get("Method");
                routes.add(path == null && method == null
                        ? HttpApiRoute.defaultRoute()
                        : HttpApiRoute.of(String.valueOf(method == null ? "ANY" : method), String.valueOf(path)));
            }
        });

        // SAM merges Globals into each function: maps key by key (the function wins), scalars replaced.
        Map<String, Object> environment = new LinkedHashMap<>(variables(globals, "Globals.Function"));
        environment.putAll(variables(properties, id));

        return new SamFunction(id, handlerClass, List.copyOf(routes), environment,
                intProperty(properties, globals, "Timeout", DEFAULT_TIMEOUT_SECONDS),
                intProperty(properties, globals, "MemorySize", DEFAULT_MEMORY_MB),
                intProperty(properties, globals, "ReservedConcurrentExecutions", DEFAULT_MAX_INSTANCES));
    }

    private static Map<String, Object> variables(Map<String, Object> properties, String where) {
        return map(map(properties.get("Environment"), where + ".Environment").get("Variables"),
                where + ".Environment.Variables");
    }

    private static int intProperty(Map<String, Object> properties, Map<String, Object> globals, String name,
                                   int fallback) {
        Object value = properties.getOrDefault(name, globals.get(name));
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            // For example !Ref to a parameter: the local stack uses SAM's default then.
            return fallback;
        }
    }
}
