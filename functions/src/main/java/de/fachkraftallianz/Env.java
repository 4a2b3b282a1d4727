package de.fachkraftallianz;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The only place that reads configuration. Every variable read with {@link #required}, {@link #optional} or
 * {@link #optionalInt} must be set for that function by template.yaml (TemplateTest builds each function's handler
 * with a {@code templateLookups} observer and compares); {@link #runtime} is for variables the Lambda runtime sets
 * itself, {@link #localOnly} for those only the local stack sets.
 */
public record Env(Map<String, String> values, Consumer<String> templateLookups) {

    public Env(Map<String, String> values) {
        this(values, IgnoreLookups.INSTANCE);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public String required(String name) {
        templateLookups.accept(name);
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }

    public Optional<String> optional(String name) {
        templateLookups.accept(name);
        return read(name);
    }

    public int optionalInt(String name, int fallback) {
        templateLookups.accept(name);
        String value = read(name).orElse(null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** Set by the Lambda runtime (AWS_REGION, container credentials), not by the template. */
    public Optional<String> runtime(String name) {
        return read(name);
    }

    /** Set only by the local stack (for example the DynamoDB endpoint override). */
    public Optional<String> localOnly(String name) {
        return read(name);
    }

    private Optional<String> read(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** No lambda: every lambda is a class spun up on a cold start. */
    private static final class IgnoreLookups implements Consumer<String> {
        static final IgnoreLookups INSTANCE = new IgnoreLookups();

        @Override
        public void accept(String name) {
            // Only TemplateTest observes which variables a function reads.
        }
    }
}
