package de.fachkraftallianz.forms;

import de.fachkraftallianz.Json;
import de.fachkraftallianz.forms.FormDefinition.AtLeastOne;
import de.fachkraftallianz.forms.FormDefinition.DateOrder;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Link;
import de.fachkraftallianz.forms.FormDefinition.Option;
import de.fachkraftallianz.forms.FormDefinition.RequiredIf;
import de.fachkraftallianz.forms.FormDefinition.Rule;
import de.fachkraftallianz.forms.FormDefinition.Section;
import de.fachkraftallianz.forms.FormDefinition.ShowIf;
import de.fachkraftallianz.forms.FormDefinition.WithinDays;
import de.fachkraftallianz.forms.FormDefinition.Thanks;
import de.fachkraftallianz.submission.Notification;
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
            List.of("bedarf-einrichtung", "hilfe-pflegefamilie", "angebot-traeger", "beratungsangebot", "barriere-melden");

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
            return Json.readObject(in);
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
                root.text("purpose"),
                root.text("intro"),
                root.text("submitLabel"),
                root.integer("retentionDays"),
                new Thanks(thanks.text("title"), thanks.text("text")),
                links(root.nodes("breadcrumbs")),
                sections(root.nodes("sections")),
                rules(root.optionalNodes("rules")));
        checkConsistency(root, form);
        return form;
    }

    // Plain loops rather than streams and lambdas throughout the parsing: every lambda costs a class on a cold start.
    private static List<Section> sections(List<Node> nodes) {
        List<Section> sections = new ArrayList<>();
        for (Node node : nodes) {
            List<Field> fields = new ArrayList<>();
            for (Node field : node.nodes("fields")) {
                fields.add(field(field));
            }
            sections.add(new Section(node.text("legend"), node.optionalText("hint"), List.copyOf(fields)));
        }
        return List.copyOf(sections);
    }

    private static List<Rule> rules(List<Node> nodes) {
        List<Rule> rules = new ArrayList<>();
        for (Node node : nodes) {
            rules.add(rule(node));
        }
        return List.copyOf(rules);
    }

    private static List<Link> links(List<Node> nodes) {
        List<Link> links = new ArrayList<>();
        for (Node node : nodes) {
            Link link = new Link(node.text("href"), node.text("text"));
            node.check(link.href().startsWith("/") && link.href().endsWith("/"), "breadcrumb links are site folders");
            links.add(link);
        }
        return List.copyOf(links);
    }

    private static List<Option> options(List<Node> nodes) {
        List<Option> options = new ArrayList<>();
        Set<String> values = new HashSet<>();
        for (Node node : nodes) {
            Option option = new Option(node.text("value"), node.text("label"));
            node.check(OPTION_VALUE.matcher(option.value()).matches(), "option values must match " + OPTION_VALUE);
            node.check(values.add(option.value()), "option values must be unique");
            options.add(option);
        }
        return List.copyOf(options);
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
        Optional<Node> customMessages = node.optionalNode("messages");
        if (customMessages.isPresent()) {
            for (Map.Entry<String, Object> entry : customMessages.get().json.entrySet()) {
                messages.put(entry.getKey(), String.valueOf(entry.getValue()));
            }
        }
        Optional<Node> link = node.optionalNode("link");
        Optional<Node> showIf = node.optionalNode("showIf");
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
                options(node.optionalNodes("options")),
                link.isPresent() ? new Link(link.get().text("href"), link.get().text("text")) : null,
                showIf.isPresent() ? new ShowIf(showIf.get().text("field"), showIf.get().texts("in"),
                        showIf.get().optionalText("note")) : null,
                node.bool("public"),
                Map.copyOf(messages),
                node.optionalText("summary"));
        node.check(FIELD_NAME.matcher(name).matches(), "field name must match " + FIELD_NAME);
        node.check(!ReservedFields.ALL.contains(name), "field name is reserved");
        node.check(!type.isFreeText() || field.maxLength() != null, "free-text fields need maxLength");
        node.check(type != FieldType.NUMBER || (field.min() != null && field.max() != null), "number needs min and max");
        node.check(type.hasOptions() == !field.options().isEmpty(), "options exactly for select/radio/checkboxes");
        node.check(type != FieldType.CONSENT || field.link() != null, "a consent links to the privacy notice");
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
            case "withinDays" -> new WithinDays(node.text("field"), node.text("when"), node.text("equals"),
                    node.integer("days"), node.text("message"));
            default -> throw node.error("unknown rule type " + type);
        };
    }

    private static void checkConsistency(Node root, FormDefinition form) {
        Set<String> names = new HashSet<>();
        for (Field field : form.fields()) {
            root.check(names.add(field.name()), "duplicate field " + field.name());
        }
        // The forms rest on the office's statutory task, not on consent: a required "I agree" box would be a false
        // consent. A consent field is only where consent is the basis, and says what it is for in its own words.
        root.check(form.field("datenschutz").isEmpty(), "no blanket consent field 'datenschutz': the privacy notice "
                + "before the submit button says what happens to the data");
        List<String> before = new ArrayList<>();
        for (Field field : form.fields()) {
            if (field.showIf() != null) {
                root.check(field.showIf().note() != null, field.name() + ": showIf needs a note that says, for "
                        + "readers without the script, when to answer the question");
                Optional<Field> controller = form.field(field.showIf().field());
                root.check(before.contains(field.showIf().field()) && controller.isPresent()
                                && controller.get().type().hasOptions(),
                        field.name() + ": showIf must name a choice field before it");
                for (String value : field.showIf().values()) {
                    root.check(controller.get().option(value).isPresent(),
                            field.name() + ": showIf value " + value + " is not an option of " + controller.get().name());
                }
            }
            before.add(field.name());
        }
        checkReceiptBox(root, form, before);
        for (Rule rule : form.rules()) {
            for (String name : rule.fields()) {
                root.check(names.contains(name), "rule refers to unknown field " + name);
            }
        }
    }

    /**
     * The receipt check box (Eingangsbestätigung) asks for a mail to the address in the field {@code email}: so it
     * may only stand after that field, as an optional check box, shown exactly when the address is asked for.
     */
    private static void checkReceiptBox(Node root, FormDefinition form, List<String> order) {
        Optional<Field> box = form.field(Notification.RECEIPT_FIELD);
        if (box.isEmpty()) {
            return;
        }
        Optional<Field> email = form.field(Notification.EMAIL_FIELD);
        String name = Notification.RECEIPT_FIELD;
        root.check(email.isPresent() && email.get().type() == FieldType.EMAIL
                        && order.indexOf(Notification.EMAIL_FIELD) < order.indexOf(name),
                name + ": a receipt needs an e-mail field '" + Notification.EMAIL_FIELD + "' before it");
        root.check(box.get().type() == FieldType.CHECKBOX && !box.get().required(),
                name + ": the receipt is asked with an optional check box");
        ShowIf boxShown = box.get().showIf();
        ShowIf emailShown = email.get().showIf();
        root.check(boxShown == null ? emailShown == null
                        : emailShown != null && boxShown.field().equals(emailShown.field())
                                && boxShown.values().equals(emailShown.values()),
                name + ": shown exactly when the e-mail field is (the same showIf)");
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
            String value = optionalText(key);
            if (value == null) {
                throw error("'" + key + "' is required");
            }
            return value;
        }

        /** The string at key, or null if it is missing or blank. */
        String optionalText(String key) {
            Object value = json.get(key);
            if (value != null && !(value instanceof String)) {
                throw error("'" + key + "' must be a string");
            }
            return value == null || ((String) value).isBlank() ? null : (String) value;
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
            Optional<Node> node = optionalNode(key);
            if (node.isEmpty()) {
                throw error("'" + key + "' is required");
            }
            return node.get();
        }

        @SuppressWarnings("unchecked")
        Optional<Node> optionalNode(String key) {
            Object value = json.get(key);
            if (value != null && !(value instanceof Map)) {
                throw error("'" + key + "' must be an object");
            }
            return value == null ? Optional.empty() : Optional.of(new Node(path + "/" + key, (Map<String, Object>) value));
        }

        List<Node> nodes(String key) {
            List<Node> nodes = optionalNodes(key);
            check(!nodes.isEmpty(), "'" + key + "' must not be empty");
            return nodes;
        }

        @SuppressWarnings("unchecked")
        List<Node> optionalNodes(String key) {
            List<Node> nodes = new ArrayList<>();
            for (Object item : list(key, Map.class, "objects")) {
                nodes.add(new Node(path + "/" + key, (Map<String, Object>) item));
            }
            return nodes;
        }

        List<String> texts(String key) {
            List<String> texts = new ArrayList<>();
            for (Object item : list(key, String.class, "strings")) {
                texts.add((String) item);
            }
            check(!texts.isEmpty(), "'" + key + "' must be a non-empty list of strings");
            return texts;
        }

        private List<?> list(String key, Class<?> itemType, String what) {
            Object value = json.get(key);
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> list) {
                boolean typed = true;
                for (Object item : list) {
                    typed &= itemType.isInstance(item);
                }
                if (typed) {
                    return list;
                }
            }
            throw error("'" + key + "' must be a list of " + what);
        }
    }
}
