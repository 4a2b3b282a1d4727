package de.fachkraftallianz.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A CloudFormation/SAM template read as plain maps and lists. Short-form intrinsics ({@code !Ref X},
 * {@code !GetAtt X.Arn}, {@code !Sub ...}, any {@code !Tag}) become {@link Intrinsic} values, as do their long forms
 * ({@code Ref: X}, {@code Fn::GetAtt: ...}) when asked for through {@link #intrinsic(Object)}.
 */
public final class CloudFormationTemplate {

    /** An intrinsic function call: {@code function} is "Ref" or "Fn::Name"; {@code argument} as written. */
    public record Intrinsic(String function, Object argument) {
    }

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static CloudFormationTemplate read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the template " + file, e);
        }
    }

    public static CloudFormationTemplate parse(String yaml) {
        LoadSettings settings = LoadSettings.builder().setLabel("template.yaml").build();
        Object document = new Load(settings, new IntrinsicConstructor(settings)).loadFromString(yaml);
        return new CloudFormationTemplate(map(document, "the template"));
    }

    /** Resources by logical id, in template order. */
    public Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        map(root.get("Resources"), "Resources").forEach((id, resource) -> resources.put(id, map(resource, id)));
        return resources;
    }

    public Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("The template has no resource " + logicalId);
        }
        return resource;
    }

    public boolean hasResource(String logicalId) {
        return map(root.get("Resources"), "Resources").containsKey(logicalId);
    }

    /** The Default of a Parameters entry, as a string (numbers as written). */
    public Optional<String> parameterDefault(String name) {
        Object parameter = map(root.get("Parameters"), "Parameters").get(name);
        return Optional.ofNullable(parameter).map(p -> map(p, name).get("Default")).map(String::valueOf);
    }

    public boolean hasParameter(String name) {
        return map(root.get("Parameters"), "Parameters").containsKey(name);
    }

    /** SAM's Globals section for one resource kind ("Function", "HttpApi", ...); empty if none. */
    public Map<String, Object> globals(String kind) {
        return map(map(root.get("Globals"), "Globals").get(kind), "Globals." + kind);
    }

    /** The value as an intrinsic, whether written in short form ({@code !Ref X}) or long form ({@code Ref: X}). */
    public static Optional<Intrinsic> intrinsic(Object value) {
        if (value instanceof Intrinsic intrinsic) {
            return Optional.of(intrinsic);
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            if (only.getKey() instanceof String key && (key.equals("Ref") || key.startsWith("Fn::"))) {
                return Optional.of(new Intrinsic(key, only.getValue()));
            }
        }
        return Optional.empty();
    }

    /** A mapping (empty for null), or a clear error naming {@code where}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(where + " should be a mapping but is " + value);
    }

    /** A sequence (empty for null), or a clear error naming {@code where}. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException(where + " should be a sequence but is " + value);
    }

    /** Constructs every local tag ({@code !Name}) as an {@link Intrinsic}; standard YAML tags as usual. */
    private static final class IntrinsicConstructor extends StandardConstructor {

        IntrinsicConstructor(LoadSettings settings) {
            super(settings);
        }

        @Override
        protected Optional<ConstructNode> findConstructorFor(Node node) {
            String tag = node.getTag().getValue();
            if (tag.startsWith("!") && !tag.startsWith("!!")) {
                String name = tag.substring(1);
                String function = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                return Optional.of(n -> new Intrinsic(function, constructArgument(n)));
            }
            return super.findConstructorFor(node);
        }

        private Object constructArgument(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }
    }
}
