package de.fachkraftallianz.site;

import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Option;
import de.fachkraftallianz.web.Html;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Collator;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory of virtual counselling and education channels ("Virtuelle Angebote").
 *
 * <p>Each channel is one content file {@code content/virtuelle-angebote/<slug>.md} of type {@code angebot}. Its header
 * fields carry the names of the fields of the {@code beratungsangebot} form (with which organisations report a
 * channel), so a submission maps onto a file one to one; that form's options for {@code kanaele} and
 * {@code zielgruppen} are the directory's vocabulary and its length limits apply. The body is the short description.
 * An entry lists its ways in {@code kanaele} (comma-separated, like {@code zielgruppen}) and gives each its address
 * under the form's name for it ({@link #ADDRESS_FIELD}).
 *
 * <p>At bake time this class reads and checks every entry (all problems at once), and writes into the work folder
 * <ul>
 *   <li>{@code data/verzeichnis.yaml}: every entry ready to show (labels, {@code tel:}/{@code mailto:} addresses,
 *       dates) and every filter with its entries, for the templates;</li>
 *   <li>one page per channel type and per target group in use ({@code content/virtuelle-angebote/kanal/<value>/} and
 *       {@code .../zielgruppe/<value>/}): the listing page's header and body with a {@code filter} header added, so
 *       each filter is a real page that works without JavaScript;</li>
 *   <li>each entry moved from {@code <slug>.md} to {@code <slug>/index.md}, so its page has a folder address
 *       ({@code /virtuelle-angebote/<slug>/}) like every other page of the site.</li>
 * </ul>
 */
final class ChannelDirectory {

    static final String FOLDER = "virtuelle-angebote";
    static final String URL = "/" + FOLDER + "/";
    static final String LISTING_FILE = "index.md";
    static final String LISTING_TYPE = "angebote";
    static final String ENTRY_TYPE = "angebot";
    static final String FORM_ID = "beratungsangebot";
    static final String DATA_FILE = "verzeichnis.yaml";
    static final String ALL = "alle";
    /** The filter by way of contact: its pages are /virtuelle-angebote/kanal/&lt;value&gt;/. */
    static final String BY_CHANNEL = "kanal";
    /** The form field (and entry header) listing an offer's ways of contact. */
    static final String CHANNELS = "kanaele";
    static final String BY_GROUP = "zielgruppe";

    private static final String SEPARATOR = "~~~~~~";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** A German number as people write it: area code with its 0, then digits with optional spaces, / or -. */
    private static final Pattern NATIONAL_PHONE = Pattern.compile("0[1-9][0-9 /-]{5,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[a-z0-9-]+(\\.[a-z0-9-]+)+",
            Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** Header keys of an entry; the ones that are also form fields take that field's length limit. */
    private static final Set<String> REQUIRED =
            Set.of("title", "type", "status", "traeger", CHANNELS, "erreichbarkeit", "zielgruppen", "geprueft");
    /** Way of contact (a value of the form's kanaele) -> the form field with its public address. */
    static final Map<String, String> ADDRESS_FIELD = Map.of("telefon", "telefon", "email", "email_oeffentlich",
            "chat", "chat_adresse", "video", "video_adresse", "social-media", "social_media_adresse");
    private static final Set<String> OPTIONAL = Set.of("plattform", "telefon", "email_oeffentlich", "chat_adresse",
            "video_adresse", "social_media_adresse", "beispiel");
    /** Entry header key -> form field, where the names differ. */
    private static final Map<String, String> FORM_FIELD = Map.of("title", "angebot_name");
    /** Names of the folders the filter pages live in. */
    private static final Set<String> RESERVED_SLUGS = Set.of(BY_CHANNEL, BY_GROUP);

    /** One channel, checked and ready to show. */
    record Entry(String slug, String title, String traeger, List<Option> kanaele, String plattform, String telefon,
                 String email, Map<String, URI> links, String erreichbarkeit, List<Option> zielgruppen,
                 List<String> beschreibung, LocalDate geprueft, boolean beispiel) {

        /** The entry's own page (a folder, like every page of the site). */
        String url() {
            return URL + slug + "/";
        }

        /** JBake's {@code content.uri} of the entry's own page. */
        String uri() {
            return FOLDER + "/" + slug + "/index.html";
        }

        boolean in(Filter filter) {
            return switch (filter.kind()) {
                case ALL -> true;
                case BY_CHANNEL -> kanaele.stream().anyMatch(k -> k.value().equals(filter.value()));
                default -> zielgruppen.stream().anyMatch(g -> g.value().equals(filter.value()));
            };
        }
    }

    /** "All entries", or the entries of one channel type or one target group. */
    record Filter(String kind, String value, String label) {

        static final Filter EVERYTHING = new Filter(ALL, "", "Alle Angebote");

        /** The value of the {@code filter} header of the filter's page ("kanal/telefon"); "alle" for the listing. */
        String key() {
            return kind.equals(ALL) ? ALL : kind + "/" + value;
        }

        String url() {
            return kind.equals(ALL) ? URL : URL + kind + "/" + value + "/";
        }

        /** The heading above the entries. */
        String heading() {
            return switch (kind) {
                case ALL -> label;
                case BY_CHANNEL -> "Kanal: " + label;
                default -> "Zielgruppe: " + label;
            };
        }
    }

    private final List<Entry> entries;
    private final List<Filter> filters;
    private final Map<String, String> listingHeader;
    private final String listingBody;

    private ChannelDirectory(List<Entry> entries, List<Filter> filters, Map<String, String> listingHeader,
                             String listingBody) {
        this.entries = entries;
        this.filters = filters;
        this.listingHeader = listingHeader;
        this.listingBody = listingBody;
    }

    List<Entry> entries() {
        return entries;
    }

    /** "All", then every channel type in use, then every target group in use, each in the form's order. */
    List<Filter> filters() {
        return filters;
    }

    List<Entry> entriesOf(Filter filter) {
        return entries.stream().filter(e -> e.in(filter)).toList();
    }

    /**
     * Reads the listing page and every entry in {@code content/virtuelle-angebote/}.
     *
     * @throws SiteBaker.BakeFailedException listing every problem of every entry
     */
    static ChannelDirectory read(Path content, FormDefinition form) throws IOException {
        Path folder = content.resolve(FOLDER);
        List<String> problems = new ArrayList<>();
        Path listing = folder.resolve(LISTING_FILE);
        if (!Files.isRegularFile(listing)) {
            throw new SiteBaker.BakeFailedException(List.of("content/" + FOLDER + "/" + LISTING_FILE + " is missing"));
        }
        Document listingPage = Document.read(listing);
        if (!LISTING_TYPE.equals(listingPage.header().get("type"))) {
            problems.add("content/" + FOLDER + "/" + LISTING_FILE + ": needs type=" + LISTING_TYPE);
        }
        if (listingPage.header().containsKey("filter")) {
            problems.add("content/" + FOLDER + "/" + LISTING_FILE + ": the filter header is only for generated pages");
        }
        for (String kind : List.of(BY_CHANNEL, BY_GROUP)) {
            if (Files.exists(folder.resolve(kind))) {
                problems.add("content/" + FOLDER + "/" + kind + "/ is generated; remove it from the sources");
            }
        }

        List<Option> channelTypes = options(form, CHANNELS);
        List<Option> groups = options(form, "zielgruppen");
        List<Entry> entries = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getFileName().toString().equals(LISTING_FILE))
                    .sorted().toList();
        }
        for (Path file : files) {
            String name = "content/" + FOLDER + "/" + file.getFileName();
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

        Collator german = Collator.getInstance(Locale.GERMAN);
        entries.sort(Comparator.comparing(Entry::title, german).thenComparing(Entry::slug));
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.EVERYTHING);
        channelTypes.stream().filter(o -> entries.stream().anyMatch(e -> e.kanaele().contains(o)))
                .forEach(o -> filters.add(new Filter(BY_CHANNEL, o.value(), o.label())));
        groups.stream().filter(o -> entries.stream().anyMatch(e -> e.zielgruppen().contains(o)))
                .forEach(o -> filters.add(new Filter(BY_GROUP, o.value(), o.label())));
        return new ChannelDirectory(List.copyOf(entries), List.copyOf(filters), listingPage.header(),
                listingPage.body());
    }

    private static Entry entry(Path file, Document doc, FormDefinition form, List<Option> channelTypes,
                               List<Option> groups, List<String> errors) {
        String fileName = file.getFileName().toString();
        String slug = fileName.substring(0, fileName.length() - ".md".length());
        if (!SLUG.matcher(slug).matches()) {
            errors.add("the file name becomes the address: use lower-case letters, digits and hyphens only");
        } else if (RESERVED_SLUGS.contains(slug)) {
            errors.add("the file name '" + slug + "' is taken by the filter pages; choose another");
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
            errors.add("needs status=published (to take an entry off the site, delete its file)");
        }
        for (Map.Entry<String, String> field : h.entrySet()) {
            form.field(FORM_FIELD.getOrDefault(field.getKey(), field.getKey()))
                    .map(Field::maxLength)
                    .filter(max -> field.getValue().length() > max)
                    .ifPresent(max -> errors.add("'" + field.getKey() + "' is longer than the form allows (" + max
                            + " characters)"));
        }

        List<Option> kanaele = optionList(h.get(CHANNELS), channelTypes, CHANNELS, "way of contact", errors);
        List<Option> zielgruppen = optionList(h.get("zielgruppen"), groups, "zielgruppen", "target group", errors);

        String telefon = blankToNull(h.get("telefon"));
        if (telefon != null) {
            try {
                telHref(telefon);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        String email = blankToNull(h.get("email_oeffentlich"));
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add("'email_oeffentlich' is not an e-mail address: " + email);
        }
        Map<String, URI> links = new LinkedHashMap<>();
        for (String way : List.of("chat", "video", "social-media")) {
            String key = ADDRESS_FIELD.get(way);
            if (blankToNull(h.get(key)) != null) {
                try {
                    links.put(way, httpsLink(key, h.get(key)));
                } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
        }
        String beispiel = h.getOrDefault("beispiel", "false");
        if (!beispiel.equals("true") && !beispiel.equals("false")) {
            errors.add("'beispiel' is true or false: " + beispiel);
        }
        if (beispiel.equals("true")) {
            // A made-up entry must never reach anybody: a child who taps or types a number could reach a stranger.
            if (telefon != null) {
                errors.add("an example (beispiel=true) must not have a phone number: nobody may be dialled by"
                        + " mistake; leave 'telefon' out");
            }
            if (email != null && !reservedForExamples(email.substring(email.indexOf('@') + 1))) {
                errors.add("an example (beispiel=true) may only have an e-mail address on a domain reserved for"
                        + " examples (example.org, example.com, example.net): " + email);
            }
            for (URI link : links.values()) {
                if (!reservedForExamples(link.getHost())) {
                    errors.add("an example (beispiel=true) may only link to a domain reserved for examples"
                            + " (example.org, example.com, example.net): " + link);
                }
            }
        }
        // As in the form: each way listed has its address (an example may leave it out), and no address is given for
        // a way that is not listed.
        List<String> listed = kanaele.stream().map(Option::value).toList();
        for (Map.Entry<String, String> way : new TreeMap<>(ADDRESS_FIELD).entrySet()) {
            boolean given = blankToNull(h.get(way.getValue())) != null;
            if (given && !listed.contains(way.getKey())) {
                errors.add("'" + way.getValue() + "' is given, but '" + CHANNELS + "' does not list '" + way.getKey()
                        + "'");
            } else if (!given && listed.contains(way.getKey()) && !beispiel.equals("true")) {
                errors.add("'" + CHANNELS + "' lists '" + way.getKey() + "': give its address in '" + way.getValue()
                        + "'");
            }
        }
        if (blankToNull(h.get("plattform")) != null && !listed.contains("social-media")) {
            errors.add("'plattform' is given, but '" + CHANNELS + "' does not list 'social-media'");
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
        int maxDescription = form.field("beschreibung").map(Field::maxLength).orElse(Integer.MAX_VALUE);
        if (String.join("\n\n", beschreibung).length() > maxDescription) {
            errors.add("the short description is longer than the form allows (" + maxDescription + " characters)");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Entry(slug, h.get("title"), h.get("traeger"), kanaele, blankToNull(h.get("plattform")), telefon,
                email, Map.copyOf(links), h.get("erreichbarkeit"), zielgruppen, beschreibung, geprueft,
                beispiel.equals("true"));
    }

    /** A comma-separated list of option values, each known and once, in the form's order. */
    private static List<Option> optionList(String text, List<Option> options, String field, String what,
                                           List<String> errors) {
        List<Option> chosen = new ArrayList<>();
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
            Option o = option(options, v, field, errors);
            if (o != null) {
                chosen.add(o);
            }
        }
        chosen.sort(Comparator.comparingInt(options::indexOf));
        return List.copyOf(chosen);
    }

    /** {@code 030 23125 101} -> {@code tel:+493023125101}. */
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

    /** The second-level names RFC 2606 reserves for examples, and their subdomains. */
    static boolean reservedForExamples(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return Stream.of("example.org", "example.com", "example.net").anyMatch(d -> h.equals(d) || h.endsWith("." + d));
    }

    static URI httpsLink(String field, String text) {
        try {
            URI uri = new URI(text.strip());
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
                throw new IllegalArgumentException("'" + field + "' must be a full https:// address: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + field + "' is not a valid address: " + text);
        }
    }

    /** What a link shows: host and path, without the scheme and a trailing slash ("chat.example.org/jugend"). */
    static String linkText(URI link) {
        String path = link.getPath() == null ? "" : link.getPath();
        String text = link.getHost() + path;
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static Option option(List<Option> options, String value, String field, List<String> errors) {
        Optional<Option> found = options.stream().filter(o -> o.value().equals(value)).findFirst();
        if (found.isEmpty()) {
            errors.add("'" + field + "' has the unknown value '" + value + "' (the form " + FORM_ID + " offers: "
                    + String.join(", ", options.stream().map(Option::value).toList()) + ")");
        }
        return found.orElse(null);
    }

    private static List<Option> options(FormDefinition form, String field) {
        List<Option> options = form.field(field).map(Field::options).orElse(List.of());
        if (options.isEmpty()) {
            throw new SiteBaker.BakeFailedException(List.of("the form " + FORM_ID + " has no options for '" + field
                    + "', which the directory of virtual channels takes its " + field + " values from"));
        }
        return options;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * In the work folder {@code content}: moves each entry to its folder and writes the filter pages.
     *
     * @return what data/verzeichnis.yaml holds
     */
    Map<String, Object> generate(Path content) throws IOException {
        for (Entry entry : entries) {
            Path file = content.resolve(FOLDER).resolve(entry.slug() + ".md");
            Path folder = content.resolve(FOLDER).resolve(entry.slug());
            if (Files.exists(folder)) {
                throw new SiteBaker.BakeFailedException(List.of("content/" + FOLDER + "/" + entry.slug()
                        + "/ exists next to " + entry.slug() + ".md; an entry is one file"));
            }
            Files.createDirectories(folder);
            Files.move(file, folder.resolve("index.md"));
        }
        for (Filter filter : filters) {
            if (filter.kind().equals(ALL)) {
                continue;
            }
            Path page = content.resolve(FOLDER).resolve(filter.kind()).resolve(filter.value()).resolve("index.md");
            Files.createDirectories(page.getParent());
            StringBuilder text = new StringBuilder()
                    .append("title=").append(listingHeader.get("title")).append(": ").append(filter.label())
                    .append('\n')
                    .append("filter=").append(filter.key()).append('\n')
                    // A filter is a view of the listing: the breadcrumbs name the listing, as they do there.
                    .append("navTitle=").append(listingHeader.getOrDefault("navTitle", listingHeader.get("title")))
                    .append('\n');
            listingHeader.forEach((key, value) -> {
                if (!key.equals("title") && !key.equals("navTitle")) {
                    text.append(key).append('=').append(value).append('\n');
                }
            });
            text.append(SEPARATOR).append('\n').append(listingBody);
            Files.writeString(page, text, StandardCharsets.UTF_8);
        }
        return data();
    }

    /** The model of data/verzeichnis.yaml. */
    Map<String, Object> data() {
        int total = entries.size();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("titel", listingHeader.get("title"));
        data.put("url", URL);
        data.put("formular", "/formulare/" + FORM_ID + "/");
        data.put("anzahl", total);
        data.put("beispiele", entries.stream().anyMatch(Entry::beispiel));

        List<Map<String, Object>> entryData = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slug", e.slug());
            m.put("url", e.url());
            m.put("uri", e.uri());
            m.put("titel", e.title());
            m.put("traeger", e.traeger());
            m.put("kanaele", e.kanaele().stream().map(ChannelDirectory::option).toList());
            m.put("kanaeleWerte", String.join(" ", e.kanaele().stream().map(Option::value).toList()));
            if (e.plattform() != null) {
                m.put("plattform", e.plattform());
            }
            // An example's ways are shown as text only: nothing on it can be tapped.
            List<Map<String, Object>> wege = new ArrayList<>();
            for (Option kanal : e.kanaele()) {
                String kind = kanal.value().equals("social-media") && e.plattform() != null ? e.plattform()
                        : kanal.label();
                if (kanal.value().equals("telefon") && e.telefon() != null) {
                    wege.add(way(kind, e.telefon(), e.beispiel() ? null : telHref(e.telefon())));
                } else if (kanal.value().equals("email") && e.email() != null) {
                    wege.add(way(kind, e.email(), e.beispiel() ? null : "mailto:" + e.email()));
                } else if (e.links().containsKey(kanal.value())) {
                    URI link = e.links().get(kanal.value());
                    wege.add(way(kind, linkText(link), e.beispiel() ? null : link.toString()));
                }
            }
            m.put("wege", wege);
            m.put("erreichbarkeit", e.erreichbarkeit());
            m.put("zielgruppen", e.zielgruppen().stream().map(ChannelDirectory::option).toList());
            m.put("zielgruppenWerte", String.join(" ", e.zielgruppen().stream().map(Option::value).toList()));
            m.put("beschreibung", e.beschreibung());
            m.put("geprueft", Map.of("iso", e.geprueft().toString(), "text", e.geprueft().format(GERMAN_DATE)));
            m.put("beispiel", e.beispiel());
            entryData.add(m);
        }
        data.put("eintraege", entryData);

        List<Map<String, Object>> filterData = new ArrayList<>();
        for (Filter f : filters) {
            List<Entry> matching = entriesOf(f);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schluessel", f.key());
            m.put("art", f.kind());
            m.put("wert", f.value());
            m.put("label", f.label());
            m.put("url", f.url());
            m.put("ueberschrift", f.heading());
            m.put("seitentitel", f.kind().equals(ALL) ? listingHeader.get("title")
                    : listingHeader.get("title") + ": " + f.label());
            m.put("anzahl", matching.size());
            m.put("anzahlText", countText(matching.size(), total, f.kind().equals(ALL)));
            m.put("eintraege", matching.stream().map(Entry::slug).toList());
            filterData.add(m);
        }
        data.put("filter", filterData);
        return data;
    }

    /** "8 Angebote", "1 Angebot", "3 von 8 Angeboten". */
    static String countText(int shown, int total, boolean all) {
        if (all) {
            return shown == 1 ? "1 Angebot" : shown + " Angebote";
        }
        return shown + " von " + total + (total == 1 ? " Angebot" : " Angeboten");
    }

    private static Map<String, Object> option(Option o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wert", o.value());
        m.put("label", o.label());
        return m;
    }

    /** One way to reach a channel; {@code href} null for examples, which show the text only. */
    private static Map<String, Object> way(String kind, String text, String href) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("art", kind);
        m.put("text", text);
        if (href != null) {
            m.put("href", href);
        }
        return m;
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
