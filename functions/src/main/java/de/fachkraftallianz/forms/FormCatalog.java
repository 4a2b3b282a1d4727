package de.fachkraftallianz.forms;

import com.fasterxml.jackson.jr.ob.JSON;
import de.fachkraftallianz.forms.FormDefinition.AtLeastOne;
import de.fachkraftallianz.forms.FormDefinition.DateOrder;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Link;
import de.fachkraftallianz.forms.FormDefinition.Option;
import de.fachkraftallianz.forms.FormDefinition.RequiredIf;
import de.fachkraftallianz.forms.FormDefinition.Rule;
import de.fachkraftallianz.forms.FormDefinition.Section;
import de.fachkraftallianz.forms.FormDefinition.Thanks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The forms this service accepts, loaded once from the classpath resources {@code forms/<id>.json}.
 * A definition that breaks the schema fails loading, so a broken form never reaches a visitor.
 */
public final class FormCatalog {

    /** The public form ids; each is part of the URL {@code /api/forms/<id>} and of the site's form page. */
    public static final List<String> FORM_IDS =
            List.of("bedarf-einrichtung", "hilfe-pflegefamilie", "angebot-traeger", "beratungsangebot");

    /** Names the handler reserves for spam protection; a definition may not use them. */
    public static final Set<String> RESERVED_NAMES = Set.of("homepage", "_fill_ms");

    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern OPTION_VALUE = Pattern.compile("[a-z0-9-]+");

    private final Map<String, FormDefinition> forms = new ConcurrentHashMap<>();

    private FormCatalog() {
    }

    /**
     * The catalog reads a definition when it is first asked for (a cold function instance needs only the form it
     * was called for); {@link #all()} reads every one, which is what tests and the site build do to fail early.
     */
    public static FormCatalog load() {
        return new FormCatalog();
    }

    public Optional<FormDefinition> find(String id) {
        if (id == null || !FORM_IDS.contains(id)) {
            return Optional.empty();
        }
        return Optional.of(forms.computeIfAbsent(id, key -> parse(key, readResource("forms/" + key + ".json"))));
    }

    public List<FormDefinition> all() {
        List<FormDefinition> all = new ArrayList<>();
        for (String id : FORM_IDS) {
            all.add(find(id).orElseThrow());
        }
        return all;
    }

    private static Map<String, Object> readResource(String path) {
        try (InputStream in = FormCatalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Form definition missing on the classpath: " + path);
            }
            return JSON.std.mapFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Form definition unreadable: " + path, e);
        }
    }

    static FormDefinition parse(String expectedId, Map<String, Object> json) {
        Node root = new Node(expectedId, json);
        String id = root.text("id");
        root.check(id.equals(expectedId), "id must equal the file name");
        Node thanks = root.node("thanks");
        FormDefinition form = new FormDefinition(
                id,
                root.text("title"),
                root.text("recipient"),
                root.text("intro"),
                root.text("submitLabel"),
                root.integer("retentionDays"),
                new Thanks(thanks.text("title"), thanks.text("text")),
                root.nodes("sections").stream().map(FormCatalog::section).toList(),
                root.optionalNodes("rules").stream().map(FormCatalog::rule).toList());
        checkConsistency(root, form);
        return form;
    }

    private static Section section(Node node) {
        return new Section(node.text("legend"), node.optionalText("hint"),
                node.nodes("fields").stream().map(FormCatalog::field).toList());
    }

    private static Field field(Node node) {
        String name = node.text("name");
        node = node.at(name);
        FieldType type;
        try {
            type = FieldType.parse(node.text("type"));
        } catch (IllegalArgumentException e) {
            throw node.error("unknown type " + node.text("type"));
        }
        Map<String, String> messages = new LinkedHashMap<>();
        node.optionalNode("messages").ifPresent(m -> m.json.forEach((k, v) -> messages.put(k, String.valueOf(v))));
        Field field = new Field(
                name,
                type,
                node.text("label"),
                node.optionalText("hint"),
                node.bool("required"),
                node.optionalInteger("maxLength"),
                node.optionalInteger("min"),
                node.optionalInteger("max"),
                node.bool("notInPast"),
                node.optionalText("pattern"),
                node.optionalText("patternMessage"),
                node.optionalText("autocomplete"),
                node.optionalNodes("options").stream().map(o -> new Option(o.text("value"), o.text("label"))).toList(),
                node.optionalNode("link").map(l -> new Link(l.text("href"), l.text("text"))).orElse(null),
                Map.copyOf(messages));
        node.check(FIELD_NAME.matcher(name).matches(), "field name must match " + FIELD_NAME);
        node.check(!RESERVED_NAMES.contains(name), "field name is reserved");
        node.check(!type.isFreeText() || field.maxLength() != null, "free-text fields need maxLength");
        node.check(type != FieldType.NUMBER || (field.min() != null && field.max() != null), "number needs min and max");
        node.check(type.hasOptions() == !field.options().isEmpty(), "options exactly for select/radio/checkboxes");
        node.check(field.options().stream().allMatch(o -> OPTION_VALUE.matcher(o.value()).matches()),
                "option values must match " + OPTION_VALUE);
        node.check(field.options().stream().map(Option::value).distinct().count() == field.options().size(),
                "option values must be unique");
        node.check(type != FieldType.CONSENT || (field.required() && field.link() != null),
                "consent must be required and link to the privacy notice");
        if (field.pattern() != null) {
            Pattern.compile(field.pattern());
        }
        return field;
    }

    private static Rule rule(Node node) {
        String type = node.text("type");
        return switch (type) {
            case "dateOrder" -> new DateOrder(node.text("from"), node.text("until"), node.text("message"));
            case "requiredIf" -> new RequiredIf(node.text("field"), node.text("when"), node.text("equals"),
                    node.text("message"));
            case "atLeastOne" -> new AtLeastOne(node.texts("fields"), node.text("message"));
            default -> throw node.error("unknown rule type " + type);
        };
    }

    private static void checkConsistency(Node root, FormDefinition form) {
        Set<String> names = new HashSet<>();
        form.fields().forEach(f -> root.check(names.add(f.name()), "duplicate field " + f.name()));
        root.check(form.field("datenschutz").map(f -> f.type() == FieldType.CONSENT).orElse(false),
                "every form needs the consent field 'datenschutz'");
        for (Rule rule : form.rules()) {
            rule.fields().forEach(n -> root.check(names.contains(n), "rule refers to unknown field " + n));
        }
    }

    /** A small typed view of a parsed JSON object that names the form and path in its errors. */
    private record Node(String path, Map<String, Object> json) {

        Node at(String child) {
            return new Node(path + "/" + child, json);
        }

        IllegalStateException error(String message) {
            return new IllegalStateException("Form definition " + path + ": " + message);
        }

        void check(boolean condition, String message) {
            if (!condition) {
                throw error(message);
            }
        }

        String text(String key) {
            return optionalTextValue(key).orElseThrow(() -> error("'" + key + "' is required"));
        }

        String optionalText(String key) {
            return optionalTextValue(key).orElse(null);
        }

        private Optional<String> optionalTextValue(String key) {
            Object value = json.get(key);
            if (value != null && !(value instanceof String)) {
                throw error("'" + key + "' must be a string");
            }
            return Optional.ofNullable((String) value).filter(s -> !s.isBlank());
        }

        boolean bool(String key) {
            return Boolean.TRUE.equals(json.get(key));
        }

        int integer(String key) {
            Integer value = optionalInteger(key);
            if (value == null) {
                throw error("'" + key + "' is required");
            }
            return value;
        }

        Integer optionalInteger(String key) {
            Object value = json.get(key);
            if (value != null && !(value instanceof Integer)) {
                throw error("'" + key + "' must be an integer");
            }
            return (Integer) value;
        }

        Node node(String key) {
            return optionalNode(key).orElseThrow(() -> error("'" + key + "' is required"));
        }

        @SuppressWarnings("unchecked")
        Optional<Node> optionalNode(String key) {
            Object value = json.get(key);
            if (value != null && !(value instanceof Map)) {
                throw error("'" + key + "' must be an object");
            }
            return Optional.ofNullable((Map<String, Object>) value).map(m -> new Node(path + "/" + key, m));
        }

        List<Node> nodes(String key) {
            List<Node> nodes = optionalNodes(key);
            check(!nodes.isEmpty(), "'" + key + "' must not be empty");
            return nodes;
        }

        @SuppressWarnings("unchecked")
        List<Node> optionalNodes(String key) {
            Object value = json.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
                throw error("'" + key + "' must be a list of objects");
            }
            return list.stream().map(m -> new Node(path + "/" + key, (Map<String, Object>) m)).toList();
        }

        List<String> texts(String key) {
            Object value = json.get(key);
            if (!(value instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(String.class::isInstance)) {
                throw error("'" + key + "' must be a non-empty list of strings");
            }
            return list.stream().map(String.class::cast).toList();
        }
    }
}
