package de.fachkraftallianz.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A CloudFormation/SAM template read as plain maps, lists and scalars, exactly as CloudFormation itself reads it:
 * every short-form intrinsic becomes its long form ({@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B} is
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub ...} is {@code {"Fn::Sub": ...}}), so both forms read the same.
 * A tag CloudFormation does not know, or a duplicate key, is an error. (Jackson's YAML module would drop the tags.)
 */
public final class CloudFormationTemplate {

    /** The short tags CloudFormation accepts besides !Ref and !Condition, each for the function "Fn::" + name. */
    private static final List<String> FUNCTIONS = List.of(
            "Base64", "Cidr", "FindInMap", "GetAZs", "GetAtt", "ImportValue", "Join", "Select", "Split", "Sub",
            "If", "Equals", "Not", "And", "Or", "Transform");

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static CloudFormationTemplate read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the template " + file, e);
        }
    }

    public static CloudFormationTemplate parse(String yaml) {
        return parse(yaml, "inline template");
    }

    private static CloudFormationTemplate parse(String yaml, String label) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(false).build();
        Object document = new Load(settings, new IntrinsicConstructor(settings)).loadFromString(yaml);
        return new CloudFormationTemplate(map(document, label));
    }

    /** The whole template: top-level sections (Parameters, Globals, Resources, Outputs, ...) by name. */
    public Map<String, Object> document() {
        return root;
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

    /**
     * The argument of {@code value} if it is a call of {@code function} ("Ref", "Fn::Sub", ...), that is a mapping
     * with that one key; empty for anything else.
     */
    public static Optional<Object> argument(Object value, String function) {
        if (value instanceof Map<?, ?> call && call.size() == 1 && call.containsKey(function)) {
            return Optional.ofNullable(call.get(function));
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

    /** Constructs CloudFormation's short tags as their long forms; any other local tag has no constructor. */
    private static final class IntrinsicConstructor extends StandardConstructor {

        IntrinsicConstructor(LoadSettings settings) {
            super(settings);
            tagConstructors.put(new Tag("!Ref"), node -> Map.of("Ref", name(node, "!Ref")));
            tagConstructors.put(new Tag("!Condition"), node -> Map.of("Condition", name(node, "!Condition")));
            for (String function : FUNCTIONS) {
                tagConstructors.put(new Tag("!" + function), node -> Map.of("Fn::" + function, argument(node)));
            }
            // "!GetAtt Resource.Attribute" is the scalar form of ["Resource", "Attribute"]; the attribute itself
            // may contain dots (e.g. FunctionMetadata.FunctionARN), a logical resource id never does.
            tagConstructors.put(new Tag("!GetAtt"), node -> Map.of("Fn::GetAtt", getAttArgument(node)));
        }

        private Object argument(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        private Object getAttArgument(Node node) {
            if (!(node instanceof ScalarNode scalar)) {
                return argument(node);
            }
            String value = constructScalar(scalar);
            int dot = value.indexOf('.');
            if (dot <= 0 || dot == value.length() - 1) {
                throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got '" + value + "' "
                        + node.getStartMark().map(Object::toString).orElse(""));
            }
            return List.of(value.substring(0, dot), value.substring(dot + 1));
        }

        private String name(Node node, String tag) {
            if (!(node instanceof ScalarNode scalar)) {
                throw new IllegalArgumentException(tag + " takes a single name "
                        + node.getStartMark().map(Object::toString).orElse(""));
            }
            return constructScalar(scalar);
        }
    }
}
