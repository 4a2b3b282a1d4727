package de.fachkraftallianz.site;

import de.fachkraftallianz.Json;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.directory.EntryJson;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.TemplateLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the directory's pages are rendered from besides the entries, as one bake leaves it: the site's templates
 * (the page shell macro included) and {@code kit.json} with the county's data the templates read, the listing's
 * header and text, the start page's title (for the breadcrumbs), the site's address (for the directory's sitemap),
 * the bake's mode, and the made-up examples (none in a release bake).
 *
 * <p>The bake writes it next to the site ({@code site/target/directory-kit}) and renders the directory from it; the
 * local stack's publisher reads it from there, and the publisher's deployment jar carries it as resources
 * ({@code /directory-kit/}). So every way of producing the directory renders with the same templates and data.
 */
public final class DirectoryKit {

    public static final String CONTEXT_FILE = "kit.json";
    public static final String TEMPLATES = "templates";
    /** The folder inside the publisher's jar. */
    public static final String RESOURCE_ROOT = "directory-kit";

    private final TemplateLoader templates;
    private final Map<String, Object> context;
    private final List<Entry> examples;

    private DirectoryKit(TemplateLoader templates, Map<String, Object> context) throws IOException {
        this.templates = templates;
        this.context = context;
        this.examples = List.copyOf(EntryJson.fromJson(context.get("examples")));
    }

    /** Where a bake into {@code site} leaves its kit: next to it ("site/target/site" -> "site/target/directory-kit"). */
    public static Path besideSite(Path site) {
        return site.toAbsolutePath().normalize().resolveSibling("directory-kit");
    }

    /** The kit a bake wrote into {@code dir}. */
    public static DirectoryKit fromDirectory(Path dir) {
        try {
            Map<String, Object> context = Json.readObject(Files.newInputStream(dir.resolve(CONTEXT_FILE)));
            return new DirectoryKit(new FileTemplateLoader(dir.resolve(TEMPLATES).toFile()), context);
        } catch (IOException e) {
            throw new UncheckedIOException("No usable directory kit in " + dir + " (bake the site first): "
                    + e.getMessage(), e);
        }
    }

    /** The kit packed into a jar under {@code /directory-kit/}. */
    public static DirectoryKit fromClasspath(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + "/" + CONTEXT_FILE)) {
            if (in == null) {
                throw new IllegalStateException("No directory kit on the classpath (/" + RESOURCE_ROOT + "/)");
            }
            return new DirectoryKit(new ClassTemplateLoader(loader, "/" + RESOURCE_ROOT + "/" + TEMPLATES),
                    Json.readObject(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a kit: the templates folder copied, and the context. */
    static void write(Path dir, Path templates, Map<String, Object> context) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(TEMPLATES).resolve(templates.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(dir.resolve(CONTEXT_FILE), Json.write(context), StandardCharsets.UTF_8);
    }

    TemplateLoader templates() {
        return templates;
    }

    /** "local" or "release": a local bake's kit has placeholders and examples and must never reach AWS. */
    public String mode() {
        return String.valueOf(context.get("mode"));
    }

    public boolean release() {
        return "release".equals(mode());
    }

    /** The site's public address, without a trailing slash. */
    public String host() {
        return String.valueOf(context.get("host"));
    }

    public List<Entry> examples() {
        return examples;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
        Object value = context.get(key);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }
}
