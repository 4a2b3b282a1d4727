package de.fachkraftallianz.site;

import de.fachkraftallianz.directory.Contacts;
import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.directory.EntryHtml;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Option;
import de.fachkraftallianz.web.Html;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The sources of the directory of virtual channels in {@code content/virtuelle-angebote/}: the listing page's header
 * and text ({@code index.md}), and the made-up examples ({@code <slug>.md}, each {@code beispiel=true}), which local
 * runs and tests show and a release bake leaves out. Real entries are never files: the office publishes them into
 * the table, the one place published entries live.
 *
 * <p>An example's header fields carry the names of the fields of the {@code beratungsangebot} form, so it becomes an
 * {@link Entry} field by field; that form's options for {@code kanaele} and {@code zielgruppen} are the directory's
 * vocabulary and its length limits apply. The body is the short description. This class reads and checks every file
 * (all problems at once); JBake never sees the folder (SiteBaker removes it from the work copy), and
 * {@link DirectoryRenderer} renders the directory's pages.
 */
final class ChannelDirectory {

    static final String LISTING_FILE = "index.md";
    static final String LISTING_TYPE = "angebote";
    static final String ENTRY_TYPE = "angebot";

    private static final String SEPARATOR = "~~~~~~";

    /** Header keys of an entry; the ones that are also form fields take that field's length limit. */
    private static final Set<String> REQUIRED = Set.of("title", "type", "status", "traeger", Directory.CHANNELS,
            "erreichbarkeit", "zielgruppen", "geprueft", "beispiel");
    private static final Set<String> OPTIONAL = Set.of("plattform", "email_oeffentlich", "chat_adresse",
            "video_adresse", "social_media_adresse");
    /** Entry header key -> form field, where the names differ. */
    private static final Map<String, String> FORM_FIELD = Map.of("title", Directory.TITLE);

    /** The listing page's header lines and its text (Markdown). */
    record Listing(Map<String, String> header, String body) {
    }

    /** What the folder holds: the listing and the examples, checked. */
    record Sources(Listing listing, List<Entry> examples) {
    }

    private ChannelDirectory() {
    }

    /**
     * Reads the listing page and every example in {@code content/virtuelle-angebote/}.
     *
     * @throws SiteBaker.BakeFailedException listing every problem of every file
     */
    static Sources read(Path content, FormDefinition form) throws IOException {
        Path folder = content.resolve(Directory.FOLDER);
        List<String> problems = new ArrayList<>();
        Path listingFile = folder.resolve(LISTING_FILE);
        if (!Files.isRegularFile(listingFile)) {
            throw new SiteBaker.BakeFailedException(List.of("content/" + Directory.FOLDER + "/" + LISTING_FILE
                    + " is missing"));
        }
        Document listing = Document.read(listingFile);
        if (!LISTING_TYPE.equals(listing.header().get("type"))) {
            problems.add("content/" + Directory.FOLDER + "/" + LISTING_FILE + ": needs type=" + LISTING_TYPE);
        }
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                problems.add("content/" + Directory.FOLDER + "/" + child.getFileName() + "/: the directory's pages are"
                        + " generated; an example is one file <slug>.md");
            }
        }

        List<Option> channelTypes = options(form, Directory.CHANNELS);
        List<Option> groups = options(form, Directory.GROUPS);
        List<Entry> entries = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getFileName().toString().equals(LISTING_FILE))
                    .sorted().toList();
        }
        for (Path file : files) {
            String name = "content/" + Directory.FOLDER + "/" + file.getFileName();
            List<String> errors = new ArrayList<>();
            Entry entry = entry(file, Document.read(file), form, channelTypes, groups, errors);
            errors.forEach(e -> problems.add(name + ": " + e));
            if (errors.isEmpty()) {
                entries.add(entry);
            }
        }
        if (!problems.isEmpty()) {
            throw new SiteBaker.BakeFailedException(problems);
        }
        return new Sources(new Listing(listing.header(), listing.body()), List.copyOf(entries));
    }

    private static Entry entry(Path file, Document doc, FormDefinition form, List<Option> channelTypes,
                               List<Option> groups, List<String> errors) {
        String fileName = file.getFileName().toString();
        String slug = fileName.substring(0, fileName.length() - ".md".length());
        if (!Directory.SLUG.matcher(slug).matches()) {
            errors.add("the file name becomes the address: use lower-case letters, digits and hyphens only");
        } else if (!Directory.usableSlug(slug)) {
            errors.add("the file name '" + slug + "' is taken by the directory's own pages; choose another");
        }
        Map<String, String> h = doc.header();
        for (String key : h.keySet()) {
            if (!REQUIRED.contains(key) && !OPTIONAL.contains(key)) {
                errors.add("unknown header field '" + key + "' (known: " + String.join(", ",
                        Stream.concat(REQUIRED.stream(), OPTIONAL.stream()).sorted().toList()) + ")");
            }
        }
        for (String key : REQUIRED.stream().sorted().toList()) {
            if (h.getOrDefault(key, "").isBlank()) {
                errors.add("header field '" + key + "' is missing or empty");
            }
        }
        if (h.containsKey("type") && !ENTRY_TYPE.equals(h.get("type"))) {
            errors.add("needs type=" + ENTRY_TYPE);
        }
        if (h.containsKey("status") && !"published".equals(h.get("status"))) {
            errors.add("needs status=published (to take an example off the site, delete its file)");
        }
        if (h.containsKey("beispiel") && !"true".equals(h.get("beispiel"))) {
            errors.add("only made-up examples are files (beispiel=true): a real channel is published by the office"
                    + " (Dienstbereich, Vorgang, „Veröffentlichung“), so that the table stays the one place published"
                    + " entries live");
        }
        for (Map.Entry<String, String> field : h.entrySet()) {
            form.field(FORM_FIELD.getOrDefault(field.getKey(), field.getKey()))
                    .map(Field::maxLength)
                    .filter(max -> field.getValue().length() > max)
                    .ifPresent(max -> errors.add("'" + field.getKey() + "' is longer than the form allows (" + max
                            + " characters)"));
        }

        List<String> kanaele = optionList(h.get(Directory.CHANNELS), channelTypes, Directory.CHANNELS,
                "way of contact", errors);
        List<String> zielgruppen = optionList(h.get(Directory.GROUPS), groups, Directory.GROUPS, "target group",
                errors);

        // A made-up entry must never reach anybody: a child who taps or types a number could reach a stranger.
        if (h.containsKey("telefon")) {
            errors.add("an example must not have a phone number: nobody may be dialled by mistake; leave 'telefon'"
                    + " out");
        }
        String email = blankToNull(h.get("email_oeffentlich"));
        if (email != null) {
            if (Contacts.mailtoHref(email).isEmpty()) {
                errors.add("'email_oeffentlich' is not an e-mail address: " + email);
            } else if (!Contacts.reservedForExamples(email.substring(email.indexOf('@') + 1))) {
                errors.add("an example may only have an e-mail address on a domain reserved for examples"
                        + " (example.org, example.com, example.net): " + email);
            }
        }
        for (String way : List.of("chat", "video", "social-media")) {
            String key = Directory.ADDRESS_FIELD.get(way);
            String value = blankToNull(h.get(key));
            if (value == null) {
                continue;
            }
            Optional<URI> link = Contacts.httpsLink(value);
            if (link.isEmpty()) {
                errors.add("'" + key + "' must be a full https:// address: " + value);
            } else if (!Contacts.reservedForExamples(link.get().getHost())) {
                errors.add("an example may only link to a domain reserved for examples (example.org, example.com,"
                        + " example.net): " + value);
            }
        }
        // As in the form: no address is given for a way that is not listed (an example may leave an address out).
        for (Map.Entry<String, String> way : new TreeMap<>(Directory.ADDRESS_FIELD).entrySet()) {
            if (blankToNull(h.get(way.getValue())) != null && !kanaele.contains(way.getKey())) {
                errors.add("'" + way.getValue() + "' is given, but '" + Directory.CHANNELS + "' does not list '"
                        + way.getKey() + "'");
            }
        }
        if (blankToNull(h.get("plattform")) != null && !kanaele.contains("social-media")) {
            errors.add("'plattform' is given, but '" + Directory.CHANNELS + "' does not list 'social-media'");
        }

        LocalDate geprueft = null;
        if (!h.getOrDefault("geprueft", "").isBlank()) {
            try {
                geprueft = LocalDate.parse(h.get("geprueft"));
            } catch (DateTimeParseException e) {
                errors.add("'geprueft' must be a date written as YYYY-MM-DD, e.g. 2020-04-20: " + h.get("geprueft"));
            }
        }
        List<String> beschreibung = Html.splitParagraphs(doc.body()).stream()
                .map(p -> p.replaceAll("\\s+", " "))
                .toList();
        if (beschreibung.isEmpty()) {
            errors.add("the short description (the text below " + SEPARATOR + ") is missing");
        }
        int maxDescription = form.field(Directory.DESCRIPTION).map(Field::maxLength).orElse(Integer.MAX_VALUE);
        String description = String.join("\n\n", beschreibung);
        if (description.length() > maxDescription) {
            errors.add("the short description is longer than the form allows (" + maxDescription + " characters)");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(Directory.TRAEGER, List.of(h.get("traeger").strip()));
        fields.put(Directory.TITLE, List.of(h.get("title").strip()));
        fields.put(Directory.DESCRIPTION, List.of(description));
        fields.put(Directory.GROUPS, zielgruppen);
        fields.put(Directory.CHANNELS, kanaele);
        for (String key : OPTIONAL) {
            if (blankToNull(h.get(key)) != null) {
                fields.put(key, List.of(h.get(key).strip()));
            }
        }
        fields.put(Directory.HOURS, List.of(h.get("erreichbarkeit").strip()));
        return new Entry(slug, EntryHtml.inFormOrder(form, fields), geprueft, true);
    }

    /** A German number as people write it: area code with its 0, then digits with optional spaces, / or -. */
    private static final java.util.regex.Pattern NATIONAL_PHONE = java.util.regex.Pattern.compile("0[1-9][0-9 /-]{5,20}");

    /** {@code 030 23125 101} -> {@code tel:+493023125101}: the county's own numbers (CountyConfig checks them). */
    static String telHref(String national) {
        String text = national.strip();
        if (!NATIONAL_PHONE.matcher(text).matches()) {
            throw new IllegalArgumentException("'telefon' must be a German number with its area code, as people "
                    + "dial it, e.g. 030 23125 101: " + national);
        }
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() < 7 || digits.length() > 15) {
            throw new IllegalArgumentException("'telefon' has " + digits.length() + " digits: " + national);
        }
        return "tel:+49" + digits.substring(1);
    }

    /** A comma-separated list of option values, each known and once, in the form's order. */
    private static List<String> optionList(String text, List<Option> options, String field, String what,
                                           List<String> errors) {
        Set<String> seen = new LinkedHashSet<>();
        for (String value : (text == null ? "" : text).split(",")) {
            String v = value.strip();
            if (v.isEmpty()) {
                continue;
            }
            if (!seen.add(v)) {
                errors.add(what + " '" + v + "' is listed twice");
                continue;
            }
            if (options.stream().noneMatch(o -> o.value().equals(v))) {
                errors.add("'" + field + "' has the unknown value '" + v + "' (the form " + Directory.FORM_ID
                        + " offers: " + String.join(", ", options.stream().map(Option::value).toList()) + ")");
            }
        }
        List<String> chosen = new ArrayList<>();
        for (Option option : options) {
            if (seen.contains(option.value())) {
                chosen.add(option.value());
            }
        }
        return List.copyOf(chosen);
    }

    private static List<Option> options(FormDefinition form, String field) {
        List<Option> options = form.field(field).map(Field::options).orElse(List.of());
        if (options.isEmpty()) {
            throw new SiteBaker.BakeFailedException(List.of("the form " + Directory.FORM_ID + " has no options for '"
                    + field + "', which the directory of virtual channels takes its " + field + " values from"));
        }
        return options;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A JBake content file: {@code key=value} header lines, the separator line, the body. */
    record Document(Map<String, String> header, String body) {

        static Document read(Path file) throws IOException {
            List<String> lines = Arrays.asList(Files.readString(file, StandardCharsets.UTF_8).split("\\R", -1));
            int separator = lines.indexOf(SEPARATOR);
            if (separator < 0) {
                throw new SiteBaker.BakeFailedException(List.of(file + ": no header separator line " + SEPARATOR));
            }
            Map<String, String> header = new LinkedHashMap<>();
            for (String line : lines.subList(0, separator)) {
                int eq = line.indexOf('=');
                if (!line.isBlank() && eq > 0) {
                    header.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            return new Document(header, String.join("\n", lines.subList(separator + 1, lines.size())));
        }
    }
}
