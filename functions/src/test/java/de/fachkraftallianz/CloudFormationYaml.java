package de.fachkraftallianz;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a CloudFormation / SAM template written in YAML into plain Java maps, lists and scalars, turning every
 * short-form intrinsic function ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...}) into its long form
 * ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A", "B"]}}, {@code {"Fn::Sub": ...}}), exactly as CloudFormation
 * itself reads the template. Jackson's YAML module would silently drop the tags instead.
 *
 * <p>Self-contained on purpose (depends only on snakeyaml-engine), so the local stack can use or copy it to read
 * the table and routes from the same template.yaml. An unknown tag, or a duplicate key, is an error.
 */
public final class CloudFormationYaml {

    /** The short tags CloudFormation accepts, each with the name of the function it stands for. */
    private static final List<String> FUNCTIONS = List.of(
            "Base64", "Cidr", "FindInMap", "GetAZs", "GetAtt", "ImportValue", "Join", "Select", "Split", "Sub",
            "If", "Equals", "Not", "And", "Or", "Transform");

    private CloudFormationYaml() {
    }

    public static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return asTemplate(loader(file.toString()).loadFromReader(reader), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    public static Map<String, Object> parse(String yaml) {
        return asTemplate(loader("inline").loadFromString(yaml), "inline YAML");
    }

    private static Load loader(String label) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(false).build();
        return new Load(settings, new IntrinsicFunctionConstructor(settings));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asTemplate(Object document, String label) {
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException(label + " is not a YAML mapping");
        }
        return (Map<String, Object>) document;
    }

    private static final class IntrinsicFunctionConstructor extends StandardConstructor {

        IntrinsicFunctionConstructor(LoadSettings settings) {
            super(settings);
            tagConstructors.put(new Tag("!Ref"), node -> Map.of("Ref", scalar(node, "!Ref")));
            tagConstructors.put(new Tag("!Condition"), node -> Map.of("Condition", scalar(node, "!Condition")));
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

        private String scalar(Node node, String tag) {
            if (!(node instanceof ScalarNode scalar)) {
                throw new IllegalArgumentException(tag + " takes a single name "
                        + node.getStartMark().map(Object::toString).orElse(""));
            }
            return constructScalar(scalar);
        }
    }
}
