package de.fachkraftallianz.site;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.web.FormHtml;
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
 * <p>Usage: {@code SiteBaker <source> <work> <output>}, run by the exec-maven-plugin in {@code process-classes}.
 */
public final class SiteBaker {

    /** The page shell, shared with the function's own pages (error page, thank-you page). */
    static final String SHELL_RESOURCE = "web/page.html";

    /** Form ids become paths and URLs: keep them to the safe set that FormCatalog itself allows. */
    private static final Pattern FORM_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Content files JBake renders (everything else in content/ it copies as an asset). */
    private static final List<String> CONTENT_EXTENSIONS = List.of(".md", ".html");

    private final Path source;
    private final Path work;
    private final Path output;

    public SiteBaker(Path source, Path work, Path output) {
        this.source = source.toAbsolutePath().normalize();
        this.work = work.toAbsolutePath().normalize();
        this.output = output.toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: SiteBaker <source> <work> <output>");
        }
        long start = System.nanoTime();
        int pages = new SiteBaker(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])).bake();
        System.out.printf(Locale.ROOT, "[site] baked %d pages into %s in %d ms%n",
                pages, args[2], (System.nanoTime() - start) / 1_000_000);
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
        if (problems.isEmpty()) {
            problems.addAll(SiteMap.write(fresh, work.resolve("jbake.properties")));
        }
        if (!problems.isEmpty()) {
            deleteTree(fresh);
            throw new BakeFailedException(problems);
        }

        deleteTree(output);
        Files.move(fresh, output, StandardCopyOption.ATOMIC_MOVE);
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
        }

        Path generated = work.resolve("templates/generated");
        Files.createDirectories(generated);
        write(generated.resolve("page.ftl"), PageShellMacro.fromShell(readShell(), SHELL_RESOURCE));

        List<Map<String, Object>> formData = new ArrayList<>();
        for (FormDefinition form : FormCatalog.load().all()) {
            String id = form.id();
            if (!FORM_ID.matcher(id).matches()) {
                throw new BakeFailedException(List.of("form id not usable in a URL: " + id));
            }
            write(generated.resolve("form-" + id + ".html"), FormHtml.render(form, Map.of(), Map.of()));

            Path page = work.resolve("content/formulare/" + id + "/index.html");
            if (Files.exists(page)) {
                throw new BakeFailedException(List.of("content/formulare/" + id + "/ is generated; remove it from "
                        + source));
            }
            Files.createDirectories(page.getParent());
            write(page, "type=form\nstatus=published\nformId=" + id + "\n~~~~~~\n");
            formData.add(formData(form));
        }

        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        options.setWidth(Integer.MAX_VALUE); // one line per paragraph: readable diffs of the generated file
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("forms", formData);
        Path dataFile = work.resolve("data/forms.yaml");
        Files.createDirectories(dataFile.getParent());
        write(dataFile, "# Generated by SiteBaker from the form definitions. Do not edit.\n"
                + new Yaml(options).dump(data));

        // The directory of virtual channels: its entries checked against the beratungsangebot form, a page per filter.
        FormDefinition channelForm = FormCatalog.load().find(ChannelDirectory.FORM_ID).orElseThrow(
                () -> new BakeFailedException(List.of("no form " + ChannelDirectory.FORM_ID + " for the directory")));
        Map<String, Object> directory =
                ChannelDirectory.read(work.resolve("content"), channelForm).generate(work.resolve("content"));
        write(work.resolve("data/" + ChannelDirectory.DATA_FILE), "# Generated by SiteBaker from content/"
                + ChannelDirectory.FOLDER + "/. Do not edit.\n"
                + new Yaml(options).dump(Map.of("verzeichnis", directory)));
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
