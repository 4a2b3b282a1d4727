package de.fachkraftallianz;

import java.util.Map;
import java.util.Optional;

/**
 * The only place that reads configuration. Every variable read with {@link #required} or {@link #optional}
 * must be set by template.yaml (a test checks it); {@link #runtime} is for variables the Lambda runtime sets
 * itself, {@link #localOnly} for those only the local stack sets.
 */
public record Env(Map<String, String> values) {

    public static Env system() {
        return new Env(System.getenv());
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    public int optionalInt(String name, int fallback) {
        return optional(name).map(Integer::parseInt).orElse(fallback);
    }

    /** Set by the Lambda runtime (AWS_REGION, container credentials), not by the template. */
    public Optional<String> runtime(String name) {
        return optional(name);
    }

    /** Set only by the local stack (for example the DynamoDB endpoint override). */
    public Optional<String> localOnly(String name) {
        return optional(name);
    }
}
