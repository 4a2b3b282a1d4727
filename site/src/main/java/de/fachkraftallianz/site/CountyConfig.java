package de.fachkraftallianz.site;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Everything the county supplies, in one file: {@code data/county.yaml} (contacts, Impressum, data protection,
 * accessibility statement, the site's public address, the county's main site).
 *
 * <p>A value still unknown reads {@code [Platzhalter: what belongs here]}, the whole value and nothing else. A local
 * bake shows it like that; a release bake lists every one still open and stops. Nothing outside this file may hold
 * a placeholder, so the county fills in one file and nothing else.
 *
 * <p>Pages and data files name a value with {@code {{key.path}}}, e.g. {@code {{landkreis.landrat}}}: the bake
 * replaces the reference in the body of every content file (as escaped HTML, an e-mail address as a mailto: link,
 * an https address as a link, the lines of a list joined by line breaks) and in the strings of every other data
 * file (as plain text, which the templates escape). The templates read the file directly as
 * {@code data.get('county.yaml')}. Keys of list items are their {@code id} where they have one
 * ({@code kontakte.jugendamt.telefon[1]}), else their position from 1.
 */
final class CountyConfig {

    static final String FILE = "data/county.yaml";
    /** A placeholder: the whole value. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\[Platzhalter: [^\\[\\]]+]");
    static final String PLACEHOLDER_WORD = "Platzhalter";
    /** {@code {{landkreis.landrat}}}. */
    static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\[\\]-]+)\\s*}}");

    /** Values that must be dates as the pages show them. */
    static final Set<String> DATE_KEYS = Set.of("barrierefreiheit.erstellt", "barrierefreiheit.ueberprueft",
            "datenschutz.stand");
    /** Values that must be a whole number of days (and every value under {@link #RETENTION}). */
    static final Set<String> DAYS_KEYS = Set.of("datenschutz.protokolle", "datenschutz.sicherungen");
    /**
     * How long each form's answers are kept, one key per form id ({@code aufbewahrung.bedarf-einrichtung}): the
     * county confirms the period of the form definition's retentionDays.
     */
    static final String RETENTION = "aufbewahrung";
    /** Values that must be https addresses. */
    static final Set<String> HTTPS_KEYS = Set.of("website.adresse", "landkreis.website");
    /** The key of the site's public address (site.host in jbake.properties). */
    static final String SITE_HOST_KEY = "website.adresse";

    private static final DateTimeFormatter GERMAN_DATE =
            DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[a-z0-9-]+(\\.[a-z0-9-]+)+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]$");

    /** One text of the file: its key, its line (from 1) and its text. */
    record Leaf(String key, int line, String text) {

        boolean placeholder() {
            return PLACEHOLDER.matcher(text).matches();
        }

        /** The last part of the key without a list position: "kontakte.jugendamt.telefon[2]" -> "telefon". */
        String name() {
            String last = key.substring(key.lastIndexOf('.') + 1);
            return INDEX.matcher(last).replaceFirst("");
        }
    }

    /** A value a reference can name: a text, or a list of texts (e.g. the lines of an address). */
    record Value(String key, List<Leaf> leaves, boolean list) {
    }

    private final List<Leaf> leaves;
    private final Map<String, Value> values;

    private CountyConfig(List<Leaf> leaves, Map<String, Value> values) {
        this.leaves = List.copyOf(leaves);
        this.values = Map.copyOf(values);
    }

    /**
     * Reads the file.
     *
     * @throws SiteBaker.BakeFailedException if it is missing or not YAML with a mapping at its top
     */
    static CountyConfig read(Path file) throws IOException {
        Node root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml().compose(in);
        } catch (NoSuchFileException e) {
            throw new SiteBaker.BakeFailedException(List.of(FILE + " is missing: the county's data belong there"));
        } catch (YAMLException e) {
            throw new SiteBaker.BakeFailedException(List.of(FILE + " is not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof MappingNode)) {
            throw new SiteBaker.BakeFailedException(List.of(FILE + ": needs keys at its top level"));
        }
        List<Leaf> leaves = new ArrayList<>();
        Map<String, Value> values = new LinkedHashMap<>();
        walk(root, "", leaves, values);
        return new CountyConfig(leaves, values);
    }

    private static void walk(Node node, String key, List<Leaf> leaves, Map<String, Value> values) {
        if (node instanceof ScalarNode scalar) {
            Leaf leaf = new Leaf(key, scalar.getStartMark().getLine() + 1, scalar.getValue());
            leaves.add(leaf);
            values.put(key, new Value(key, List.of(leaf), false));
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String name = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                walk(tuple.getValueNode(), key.isEmpty() ? name : key + "." + name, leaves, values);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Leaf> items = new ArrayList<>();
            boolean onlyTexts = true;
            int position = 0;
            for (Node item : sequence.getValue()) {
                position++;
                String id = idOf(item);
                String itemKey = id != null ? key + "." + id : key + "[" + position + "]";
                int before = leaves.size();
                walk(item, itemKey, leaves, values);
                if (item instanceof ScalarNode) {
                    items.add(leaves.get(before));
                } else {
                    onlyTexts = false;
                }
            }
            if (onlyTexts) {
                values.put(key, new Value(key, items, true));
            }
        }
    }

    private static String idOf(Node item) {
        if (item instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id")
                        && tuple.getValueNode() instanceof ScalarNode v) {
                    return v.getValue();
                }
            }
        }
        return null;
    }

    /** Every text of the file, in file order. */
    List<Leaf> leaves() {
        return leaves;
    }

    /** The placeholders still open, in file order. */
    List<Leaf> placeholders() {
        return leaves.stream().filter(Leaf::placeholder).toList();
    }

    Optional<Value> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The site's public address, or empty while it is a placeholder. */
    Optional<String> siteHost() {
        return value(SITE_HOST_KEY).filter(v -> !v.list()).map(v -> v.leaves().get(0))
                .filter(l -> !l.placeholder()).map(Leaf::text);
    }

    /**
     * What is wrong with the file, one line per problem: a placeholder not written as one, or a filled-in value of
     * the wrong kind (phone numbers, e-mail addresses, https addresses, dates). Open placeholders are no problem.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Leaf leaf : leaves) {
            String where = FILE + ":" + leaf.line() + " " + leaf.key() + ": ";
            if (leaf.placeholder()) {
                continue;
            }
            if (leaf.text().contains(PLACEHOLDER_WORD)) {
                problems.add(where + "a placeholder is the whole value and reads [Platzhalter: …]: " + leaf.text());
                continue;
            }
            String name = leaf.name();
            try {
                if (name.equals("telefon") || name.equals("fax")) {
                    ChannelDirectory.telHref(leaf.text());
                } else if (name.equals("email") && !EMAIL.matcher(leaf.text()).matches()) {
                    problems.add(where + "not an e-mail address: " + leaf.text());
                } else if (leaf.key().equals(SITE_HOST_KEY)) {
                    SiteMap.host(leaf.text());
                } else if (HTTPS_KEYS.contains(leaf.key())) {
                    httpsAddress(leaf.text());
                } else if (isDays(leaf.key()) && !leaf.text().matches("[1-9][0-9]{0,4}")) {
                    problems.add(where + "a number of days, e.g. 90: " + leaf.text());
                } else if (DATE_KEYS.contains(leaf.key())) {
                    try {
                        LocalDate.parse(leaf.text(), GERMAN_DATE);
                    } catch (DateTimeParseException e) {
                        problems.add(where + "a date is written TT.MM.JJJJ, e.g. 30.03.2020: " + leaf.text());
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
            }
        }
        return problems;
    }

    /** Whether the key's value is a whole number of days. */
    static boolean isDays(String key) {
        return DAYS_KEYS.contains(key) || key.startsWith(RETENTION + ".");
    }

    /**
     * What is wrong with the retention periods, given each form's retentionDays (form id -> days): a form without its
     * line, a line for no form, or a period filled in that differs from the form's. An open placeholder is no
     * problem here (a release refuses it like every other).
     */
    List<String> retentionProblems(Map<String, Integer> retentionDays) {
        List<String> problems = new ArrayList<>();
        String prefix = RETENTION + ".";
        Map<String, Leaf> given = new LinkedHashMap<>();
        for (Leaf leaf : leaves) {
            if (leaf.key().startsWith(prefix)) {
                given.put(leaf.key().substring(prefix.length()), leaf);
            }
        }
        retentionDays.forEach((form, days) -> {
            if (!given.containsKey(form)) {
                problems.add(FILE + ": " + prefix + form + " is missing: the county confirms how long the answers of"
                        + " the form " + form + " are kept (its definition says " + days + " days)");
            }
        });
        given.forEach((form, leaf) -> {
            String where = FILE + ":" + leaf.line() + " " + leaf.key() + ": ";
            Integer days = retentionDays.get(form);
            if (days == null) {
                problems.add(where + "there is no form " + form + " (forms: "
                        + String.join(", ", retentionDays.keySet()) + ")");
            } else if (!leaf.placeholder() && leaf.text().matches("[0-9]+") && !leaf.text().equals(String.valueOf(days))) {
                problems.add(where + leaf.text() + " days, but the form definition forms/" + form + ".json keeps its"
                        + " answers " + days + " days (retentionDays); the two must agree: change both together");
            }
        });
        return problems;
    }

    private static void httpsAddress(String text) {
        try {
            URI uri = new URI(text);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("needs a full https:// address: " + text);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid address: " + text);
        }
    }

    /**
     * Replaces every reference in the body of a content file (the text after the header separator) with its value
     * as HTML inside Markdown. A reference in the header, or to a key the file does not have, is a problem.
     */
    String resolveContent(String text, String where, List<String> problems) {
        int separator = text.indexOf("\n~~~~~~");
        String header = separator < 0 ? "" : text.substring(0, separator);
        if (REFERENCE.matcher(header).find()) {
            problems.add(where + ": references to " + FILE + " work in the text only, not in the header");
        }
        if (separator < 0) {
            return text;
        }
        return header + resolve(text.substring(separator), where, problems, this::markdown);
    }

    /** Replaces every reference in every string of a data file's content (maps, lists, strings) with plain text. */
    Object resolveData(Object data, String where, List<String> problems) {
        if (data instanceof String s) {
            return resolve(s, where, problems, v -> String.join(", ", v.leaves().stream().map(Leaf::text).toList()));
        }
        if (data instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, resolveData(v, where, problems)));
            return out;
        }
        if (data instanceof List<?> list) {
            return list.stream().map(v -> resolveData(v, where, problems)).toList();
        }
        return data;
    }

    private String resolve(String text, String where, List<String> problems,
                           Function<Value, String> render) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Value value = values.get(m.group(1));
            String replacement;
            if (value == null) {
                problems.add(where + ": {{" + m.group(1) + "}} names no value of " + FILE);
                replacement = m.group();
            } else {
                replacement = render.apply(value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A value as HTML inside Markdown: the lines of a list joined by line breaks. */
    String markdown(Value value) {
        List<String> parts = new ArrayList<>();
        for (Leaf leaf : value.leaves()) {
            String text = leaf.text();
            // Links in Markdown's own syntax: its autolinker would put a second link into an HTML <a>.
            if (!leaf.placeholder() && leaf.name().equals("email")) {
                parts.add("[" + escape(text) + "](" + linkTarget("mailto:" + text) + ")");
            } else if (!leaf.placeholder() && text.startsWith("https://")) {
                parts.add("[" + escape(text) + "](" + linkTarget(text) + ")");
            } else {
                parts.add(escape(text));
            }
        }
        return String.join("<br>", parts);
    }

    /** A link target Markdown takes as it is: no space, parenthesis or angle bracket. */
    private static String linkTarget(String url) {
        return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E");
    }

    /**
     * Text that Markdown shows exactly as written: HTML's special characters as entities, and Markdown's as
     * numeric character references, which Markdown never reads as syntax.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\\', '*', '_', '[', ']', '`', '#', '|', '~' -> out.append("&#").append((int) c).append(';');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
