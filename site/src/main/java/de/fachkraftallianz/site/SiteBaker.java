package de.fachkraftallianz.site;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.directory.EntryJson;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.web.FormPages;
import de.fachkraftallianz.web.Html;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jbake.app.Oven;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.app.configuration.JBakeConfigurationFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Bakes the site: copies {@code src/jbake} to a work folder, adds what is generated from the functions module
 * (one page and one form fragment per form definition, the form data for the templates, the page-shell macro),
 * and runs JBake's Oven into the output folder. Any bake problem fails the build.
 *
 * <p>The county's data come from {@code data/county.yaml} ({@link CountyConfig}); a placeholder anywhere else stops
 * every bake. A <em>release</em> bake, the one that is published, also stops while {@code data/county.yaml} has a
 * placeholder left, and lists every one with its line and key; after baking it checks that no page says
 * "Platzhalter".
 *
 * <p>The directory of virtual channels is not baked by JBake: the bake writes the directory's kit (templates and
 * data, {@link DirectoryKit}) next to the output and renders the directory's pages from it with
 * {@link DirectoryRenderer}, the renderer the publisher uses, with the made-up examples (a local bake) or none (a
 * release) and the entries of an optional JSON file ({@code --entries=<file>}, for tests and the benchmark).
 *
 * <p>Usage: {@code SiteBaker <source> <work> <output> [local|release] [--entries=<file>]}, run by the
 * exec-maven-plugin in {@code process-classes} ({@code release} with {@code -Drelease}).
 */
public final class SiteBaker {

    /** The page shell, shared with the function's own pages (error page, thank-you page). */
    static final String SHELL_RESOURCE = "web/page.html";

    /** Form ids become paths and URLs: keep them to the safe set that FormCatalog itself allows. */
    private static final Pattern FORM_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Content files JBake renders (everything else in content/ it copies as an asset). */
    private static final List<String> CONTENT_EXTENSIONS = List.of(".md", ".html");

    /** Source files that may hold text a visitor sees (and so a placeholder). */
    private static final Pattern TEXT_FILE = Pattern.compile(".*\\.(md|html|ftl|ya?ml|properties|txt|js|css|xml)");
    /** Baked files a release checks for a placeholder left over. */
    private static final Pattern BAKED_TEXT_FILE = Pattern.compile(".*\\.(html|xml|txt)");

    /** A local bake shows open placeholders; a release bake refuses them. */
    public enum Mode {
        LOCAL, RELEASE
    }

    private final Path source;
    private final Path work;
    private final Path output;
    private final Mode mode;
    private final Path entriesFile;
    /** Set by prepare(): what the directory's kit holds, and the entries to render besides the examples. */
    private Map<String, Object> kitContext;
    private List<Entry> entries = List.of();

    public SiteBaker(Path source, Path work, Path output) {
        this(source, work, output, Mode.LOCAL);
    }

    public SiteBaker(Path source, Path work, Path output, Mode mode) {
        this(source, work, output, mode, null);
    }

    /** @param entriesFile directory entries to bake besides the examples (JSON, {@link EntryJson}), or null */
    public SiteBaker(Path source, Path work, Path output, Mode mode, Path entriesFile) {
        this.source = source.toAbsolutePath().normalize();
        this.work = work.toAbsolutePath().normalize();
        this.output = output.toAbsolutePath().normalize();
        this.mode = mode;
        this.entriesFile = entriesFile;
    }

    /** Where a bake into {@code output} leaves the directory's kit: next to it ("site" -> "directory-kit"). */
    public static Path kitOf(Path output) {
        return DirectoryKit.besideSite(output);
    }

    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>();
        Path entriesFile = null;
        for (String arg : args) {
            if (arg.startsWith("--entries=")) {
                entriesFile = Path.of(arg.substring("--entries=".length()));
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 3 && positional.size() != 4) {
            throw new IllegalArgumentException("Usage: SiteBaker <source> <work> <output> [local|release]"
                    + " [--entries=<file>]");
        }
        Mode mode = positional.size() == 4 ? Mode.valueOf(positional.get(3).strip().toUpperCase(Locale.ROOT))
                : Mode.LOCAL;
        long start = System.nanoTime();
        int pages;
        try {
            pages = new SiteBaker(Path.of(positional.get(0)), Path.of(positional.get(1)), Path.of(positional.get(2)),
                    mode, entriesFile).bake();
        } catch (BakeFailedException e) {
            // The message lists every problem; a stack trace would only bury it.
            System.err.println("[site] " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.printf(Locale.ROOT, "[site] baked %d pages into %s in %d ms (%s bake)%n",
                pages, positional.get(2), (System.nanoTime() - start) / 1_000_000, mode.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Prepares the work folder and bakes into a fresh folder next to the output, which replaces the output only
     * when the bake succeeded (a failed bake leaves the last good site in place).
     *
     * @return the number of pages rendered
     * @throws BakeFailedException on any generation or bake problem
     */
    public int bake() throws IOException {
        routeJavaUtilLogging();
        prepare();

        Path fresh = output.resolveSibling(output.getFileName() + ".baking");
        deleteTree(fresh);
        Files.createDirectories(fresh);

        List<String> problems = new ArrayList<>();
        try (JBakeWarnings warnings = JBakeWarnings.capture()) {
            JBakeConfiguration config =
                    new JBakeConfigurationFactory().createDefaultJbakeConfiguration(work.toFile(), fresh.toFile(), true);
            Oven oven = new Oven(config);
            oven.bake();
            oven.getErrors().forEach(e -> problems.add(String.valueOf(e.getMessage())));
            problems.addAll(warnings.messages());
        }
        problems.addAll(missingOutputs(fresh));
        Path kit = kitOf(output);
        Path freshKit = kit.resolveSibling(kit.getFileName() + ".baking");
        if (problems.isEmpty()) {
            // The directory: its kit written next to the site, its pages rendered from that kit, as the publisher does.
            DirectoryKit.write(freshKit, work.resolve("templates"), kitContext);
            try {
                DirectoryRenderer renderer = new DirectoryRenderer(DirectoryKit.fromDirectory(freshKit),
                        FormCatalog.load());
                for (Map.Entry<String, byte[]> file : renderer.render(entries).entrySet()) {
                    Path target = fresh.resolve(file.getKey());
                    Files.createDirectories(target.getParent());
                    Files.write(target, file.getValue());
                }
            } catch (RuntimeException e) {
                problems.add("the directory of virtual channels: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(SiteMap.write(fresh, work.resolve("jbake.properties")));
        }
        if (problems.isEmpty() && mode == Mode.RELEASE) {
            problems.addAll(placeholdersBaked(fresh));
        }
        if (!problems.isEmpty()) {
            deleteTree(fresh);
            deleteTree(freshKit);
            throw new BakeFailedException(problems);
        }

        deleteTree(output);
        Files.move(fresh, output, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(kit);
        Files.move(freshKit, kit, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> files = Files.walk(output)) {
            return (int) files.filter(p -> p.toString().endsWith(".html")).count();
        }
    }

    /** The embedded OrientDB logs through java.util.logging: send that to Logback, which keeps it quiet. */
    private static synchronized void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** Copies the sources to the work folder and writes the generated files into it. */
    void prepare() throws IOException {
        if (!Files.isDirectory(source.resolve("content")) || !Files.isDirectory(source.resolve("templates"))) {
            throw new BakeFailedException(List.of("not a JBake source folder: " + source));
        }
        deleteTree(work);
        copyTree(source, work, source.resolve("assets"));
        // JBake copies the asset folder's contents to the site root; the pages link /assets/…, so nest them once.
        if (Files.isDirectory(source.resolve("assets"))) {
            copyTree(source.resolve("assets"), work.resolve("assets/assets"), null);
            try (Stream<Path> files = Files.list(work.resolve("assets/assets"))) {
                for (Path css : files.filter(f -> f.toString().endsWith(".css")).toList()) {
                    Files.writeString(css, withoutComments(Files.readString(css)));
                }
            }
        }

        applyCountyConfig();

        Path generated = work.resolve("templates/generated");
        Files.createDirectories(generated);
        write(generated.resolve("page.ftl"), PageShellMacro.fromShell(readShell(), SHELL_RESOURCE));

        List<Map<String, Object>> formData = new ArrayList<>();
        for (FormDefinition form : FormCatalog.load().all()) {
            String id = form.id();
            if (!FORM_ID.matcher(id).matches()) {
                throw new BakeFailedException(List.of("form id not usable in a URL: " + id));
            }
            write(generated.resolve("form-" + id + ".html"), FormPages.form(form, Map.of(), Map.of(), null));

            Path page = work.resolve("content/formulare/" + id + "/index.html");
            if (Files.exists(page)) {
                throw new BakeFailedException(List.of("content/formulare/" + id + "/ is generated; remove it from "
                        + source));
            }
            Files.createDirectories(page.getParent());
            write(page, "type=form\nstatus=published\nformId=" + id + "\n~~~~~~\n");
            formData.add(formData(form));
        }

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("forms", formData);
        data.put("unreviewedSpamDays", de.fachkraftallianz.submission.Retention.UNREVIEWED_SPAM.toDays());
        Path dataFile = work.resolve("data/forms.yaml");
        Files.createDirectories(dataFile.getParent());
        write(dataFile, "# Generated by SiteBaker from the form definitions. Do not edit.\n"
                + yaml().dump(data));

        // The directory of virtual channels: the listing's text and the examples, checked against the form; then the
        // folder leaves the work copy (JBake never renders it: DirectoryRenderer does, after the bake).
        FormDefinition channelForm = FormCatalog.load().find(Directory.FORM_ID).orElseThrow(
                () -> new BakeFailedException(List.of("no form " + Directory.FORM_ID + " for the directory")));
        ChannelDirectory.Sources directory = ChannelDirectory.read(work.resolve("content"), channelForm);
        deleteTree(work.resolve("content").resolve(Directory.FOLDER));
        kitContext = kitContext(directory);
        // The pages that link the listing (a news item's "siehe") find its title here, since it is no JBake document.
        @SuppressWarnings("unchecked")
        Map<String, Object> listingDoc = new LinkedHashMap<>((Map<String, Object>) kitContext.get("listing"));
        listingDoc.remove("einleitung");
        listingDoc.put("uri", Directory.PREFIX + "index.html");
        write(work.resolve("data/verzeichnis.yaml"), "# Generated by SiteBaker from content/" + Directory.FOLDER
                + "/index.md. Do not edit.\n" + yaml().dump(Map.of("listing", listingDoc)));
        if (entriesFile != null) {
            entries = EntryJson.read(Files.readAllBytes(entriesFile));
        }
    }

    /** What the directory's kit holds besides the templates (see {@link DirectoryKit}). */
    private Map<String, Object> kitContext(ChannelDirectory.Sources directory) throws IOException {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("mode", mode.name().toLowerCase(Locale.ROOT));
        try {
            context.put("host", SiteMap.host(SiteMap.readHost(work.resolve("jbake.properties"))));
        } catch (IllegalArgumentException e) {
            throw new BakeFailedException(List.of("jbake.properties: " + e.getMessage()));
        }
        Map<String, String> header = directory.listing().header();
        Map<String, Object> listing = new LinkedHashMap<>();
        for (String key : List.of("title", "navTitle", "einstiege", "einstiegeTitel")) {
            if (header.containsKey(key)) {
                listing.put(key, header.get(key));
            }
        }
        listing.put("einleitung", Markdown.toHtml(directory.listing().body()));
        context.put("listing", listing);
        Map<String, String> startHeader = ChannelDirectory.Document.read(work.resolve("content/index.md")).header();
        Map<String, Object> start = new LinkedHashMap<>();
        for (String key : List.of("title", "navTitle")) {
            if (startHeader.containsKey(key)) {
                start.put(key, startHeader.get(key));
            }
        }
        context.put("start", start);
        Map<String, Object> data = new LinkedHashMap<>();
        for (String name : List.of(CountyConfig.FILE.substring("data/".length()), "hilfe.yaml", "einstiege.yaml")) {
            data.put(name, jsonSafe(new Yaml().load(Files.readString(work.resolve("data").resolve(name),
                    StandardCharsets.UTF_8))));
        }
        context.put("data", data);
        // A release never carries the made-up examples: the publisher on AWS renders what the office published only.
        context.put("examples", EntryJson.toJson(mode == Mode.RELEASE ? List.of() : directory.examples()));
        return context;
    }

    /** YAML data as JSON values: maps, lists, strings, numbers, booleans (anything else as its text). */
    private static Object jsonSafe(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), jsonSafe(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(jsonSafe(v)));
            return copy;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long) {
            return value;
        }
        return String.valueOf(value);
    }

    /**
     * Checks data/county.yaml, refuses a placeholder anywhere else, puts the county's values in place of the
     * references in the work folder's content and data files and its public address into jbake.properties. A
     * release also refuses every placeholder still open, listing each with its line and key.
     */
    private void applyCountyConfig() throws IOException {
        CountyConfig county = CountyConfig.read(work.resolve(CountyConfig.FILE));
        List<String> problems = new ArrayList<>(county.problems());
        // The definitions stay the runtime source of each form's retention period; the county's file confirms it.
        Map<String, Integer> retention = new LinkedHashMap<>();
        for (FormDefinition form : FormCatalog.load().all()) {
            retention.put(form.id(), form.retentionDays());
        }
        problems.addAll(county.retentionProblems(retention));
        problems.addAll(placeholdersOutsideConfig());

        Path content = work.resolve("content");
        try (Stream<Path> files = Files.walk(content)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String where = "content/" + content.relativize(file).toString().replace('\\', '/');
                String resolved = county.resolveContent(text, where, problems);
                if (!resolved.equals(text)) {
                    write(file, resolved);
                }
            }
        }
        Path data = work.resolve("data");
        if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.list(data)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    if (file.equals(work.resolve(CountyConfig.FILE))) {
                        continue;
                    }
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    if (CountyConfig.REFERENCE.matcher(text).find()) {
                        Object resolved = county.resolveData(new Yaml().load(text), "data/" + file.getFileName(),
                                problems);
                        write(file, yaml().dump(resolved));
                    }
                }
            }
        }

        List<CountyConfig.Leaf> open = county.placeholders();
        if (mode == Mode.RELEASE && !open.isEmpty()) {
            problems.add("release bake: " + open.size() + " placeholder(s) in " + CountyConfig.FILE + " still open."
                    + " Fill in each value in " + source.resolve(CountyConfig.FILE) + " and bake again:");
            for (CountyConfig.Leaf leaf : open) {
                problems.add(CountyConfig.FILE + ":" + leaf.line() + " " + leaf.key() + " = " + leaf.text());
            }
        }
        if (!problems.isEmpty()) {
            throw new BakeFailedException(problems);
        }

        Optional<String> host = county.siteHost();
        if (host.isPresent()) {
            Path properties = work.resolve("jbake.properties");
            String text = Files.readString(properties, StandardCharsets.UTF_8);
            String line = SiteMap.HOST_PROPERTY + "=" + SiteMap.host(host.get());
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(SiteMap.HOST_PROPERTY) + "\\s*[=:].*$").matcher(text);
            write(properties, m.find() ? m.replaceFirst(Matcher.quoteReplacement(line)) : text + "\n" + line + "\n");
        }
    }

    /** Placeholders in the sources outside data/county.yaml: each of them belongs there. */
    private List<String> placeholdersOutsideConfig() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = source.relativize(file).toString().replace('\\', '/');
                if (rel.equals(CountyConfig.FILE) || !TEXT_FILE.matcher(rel).matches()) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = CountyConfig.PLACEHOLDER.matcher(lines.get(i));
                    while (m.find()) {
                        found.add(rel + ":" + (i + 1) + ": " + m.group() + " belongs into " + CountyConfig.FILE
                                + "; write a reference {{key}} here");
                    }
                }
            }
        }
        return found;
    }

    /** A release must not show a placeholder on any page, wherever it came from (e.g. a form definition). */
    private static List<String> placeholdersBaked(Path baked) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(baked)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = baked.relativize(file).toString().replace('\\', '/');
                if (BAKED_TEXT_FILE.matcher(rel).matches()
                        && Files.readString(file, StandardCharsets.UTF_8).contains(CountyConfig.PLACEHOLDER_WORD)) {
                    found.add("release bake: the baked page " + rel + " still says " + CountyConfig.PLACEHOLDER_WORD);
                }
            }
        }
        return found;
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        options.setWidth(Integer.MAX_VALUE); // one line per paragraph: readable diffs of the generated file
        return new Yaml(options);
    }

    /** What the templates need of a form; the form markup itself reaches the page only as FormHtml's fragment. */
    static Map<String, Object> formData(FormDefinition form) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", form.id());
        map.put("title", form.title());
        map.put("url", "/formulare/" + form.id() + "/");
        map.put("recipient", form.recipient());
        map.put("intro", Html.splitParagraphs(form.intro()));
        map.put("submitLabel", form.submitLabel());
        map.put("retentionDays", form.retentionDays());
        // The one sentence the form page says too; a listed channel's period starts when it is withdrawn.
        map.put("retention", de.fachkraftallianz.web.FormPages.retention(form));
        map.put("breadcrumbs", form.breadcrumbs().stream()
                .map(link -> Map.of("href", link.href(), "text", link.text())).toList());
        // What the form asks for, for the privacy notice; tick boxes (consents, confirmations) are not "Angaben".
        map.put("fields", form.fields().stream()
                .filter(f -> !f.type().isTickBox())
                .map(FormDefinition.Field::label)
                .toList());
        return map;
    }

    private static String readShell() throws IOException {
        try (InputStream in = SiteBaker.class.getClassLoader().getResourceAsStream(SHELL_RESOURCE)) {
            if (in == null) {
                throw new BakeFailedException(List.of("page shell " + SHELL_RESOURCE
                        + " not on the classpath (is the functions artifact current?)"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * JBake logs and skips a content file with a bad header or an unknown type; catch that here as well, in case it
     * ever does so without a warning: every content file must have become a page.
     */
    private List<String> missingOutputs(Path baked) throws IOException {
        Path content = work.resolve("content");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(content)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String rel = content.relativize(file).toString().replace('\\', '/');
                String ext = CONTENT_EXTENSIONS.stream().filter(rel::endsWith).findFirst().orElse(null);
                if (ext == null) {
                    continue;
                }
                String html = rel.substring(0, rel.length() - ext.length()) + ".html";
                if (!Files.isRegularFile(baked.resolve(html))) {
                    missing.add("content/" + rel + " was not rendered to " + html);
                }
            }
        }
        return missing;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * The style sheet as visitors load it: the source's comments and indentation are for its readers, every page pays
     * for their bytes. Markers for the tests ({@code nu-checker-skip}) stay.
     */
    static String withoutComments(String css) {
        StringBuilder out = new StringBuilder(css.length());
        int at = 0;
        while (at < css.length()) {
            int start = css.indexOf("/*", at);
            if (start < 0) {
                out.append(css, at, css.length());
                break;
            }
            int end = css.indexOf("*/", start + 2);
            if (end < 0) {
                throw new BakeFailedException(List.of("unterminated comment in a style sheet at " + start));
            }
            out.append(css, at, start);
            if (css.startsWith("/* nu-checker-skip", start)) {
                out.append(css, start, end + 2);
            }
            at = end + 2;
        }
        return out.toString().replaceAll("(?m)^[ \\t]+", "").replaceAll("\\n{3,}", "\n\n");
    }

    /** Copies {@code from} to {@code to}, leaving out the subtree {@code except} (may be null). */
    private static void copyTree(Path from, Path to, Path except) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.filter(p -> except == null || !p.startsWith(except)).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p, e);
                }
            }
        }
    }

    /** The bake did not produce a complete site; the message lists every problem found. */
    public static final class BakeFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        BakeFailedException(List<String> problems) {
            super("Site bake failed:\n - " + String.join("\n - ", problems));
        }
    }
}
