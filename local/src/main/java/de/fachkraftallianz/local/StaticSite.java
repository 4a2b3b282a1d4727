package de.fachkraftallianz.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import de.fachkraftallianz.http.UrlEncoding;

/**
 * The baked site as CloudFront serves it from its bucket, with the template's PrettyUrlsFunction at the edge:
 * {@code /dir/} means {@code /dir/index.html}, a path whose last segment has no dot ({@code /dir}) redirects to
 * {@code /dir/} (query string dropped), anything else that is not a file is not found. A path that cannot be a page
 * of the site (an empty, "." or ".." segment, a backslash, NUL, a malformed escape; all after decoding) is never
 * redirected, so "//host/x" cannot become a protocol-relative redirect to another host: it is not found. The edge
 * function does exactly the same (PrettyUrlsFunctionIT runs both on the same paths).
 */
public final class StaticSite {

    /** What a request path leads to. */
    public sealed interface Lookup {
    }

    public record Found(Path file, String contentType) implements Lookup {
    }

    /** {@code location} is the raw path with a slash added (query string not included). */
    public record Redirect(String location) implements Lookup {
    }

    public record NotFound() implements Lookup {
    }

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("xml", "application/xml"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"),
            Map.entry("pdf", "application/pdf"));
    private static final String FALLBACK_TYPE = "application/octet-stream";

    private final Path root;
    /** A folder that serves every path below one top-level segment instead of the baked site (see withOverlay). */
    private final String overlaySegment;
    private final Path overlayRoot;

    public StaticSite(Path root) {
        this(root, null, null);
    }

    private StaticSite(Path root, String overlaySegment, Path overlayRoot) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("The baked site is missing: " + root + " does not exist. Bake it with"
                    + " 'mvn -q -pl site install -DskipTests', or start everything with 'mvn -Pstart verify'.");
        }
        try {
            this.root = root.toRealPath();
            this.overlayRoot = overlayRoot == null ? null : overlayRoot.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.overlaySegment = overlaySegment;
    }

    /**
     * The same site, but every path below {@code /<segment>/} is served from {@code folder} (which holds
     * {@code <segment>/...}) and never from the bake: as on AWS, where the directory's prefix in the bucket belongs to
     * its publisher. Files appear and change there while the stack runs; each request reads them as they are.
     */
    public StaticSite withOverlay(String segment, Path folder) {
        return new StaticSite(root, segment, folder);
    }

    public Path root() {
        return root;
    }

    public Lookup lookup(String rawPath) {
        Optional<List<String>> segments = segments(rawPath);
        if (segments.isEmpty()) {
            return new NotFound();
        }
        Path base = overlaySegment != null && !segments.get().isEmpty() && segments.get().get(0).equals(overlaySegment)
                ? overlayRoot : root;
        Path target = base;
        for (String segment : segments.get()) {
            target = target.resolve(segment);
        }
        if (!isInside(base, target)) {
            return new NotFound();
        }
        if (rawPath.endsWith("/")) {
            return file(base, target.resolve(de.fachkraftallianz.web.SitePaths.INDEX));
        }
        // The template's PrettyUrlsFunction: a last segment without a dot is a directory, whether it exists or not.
        if (!rawPath.substring(rawPath.lastIndexOf('/') + 1).contains(".")) {
            return new Redirect(rawPath + "/");
        }
        return file(base, target);
    }

    /** A page of the site by its path ("/404.html"), if it exists. */
    public Optional<Path> page(String path) {
        return lookup(path) instanceof Found found ? Optional.of(found.file()) : Optional.empty();
    }

    public static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, FALLBACK_TYPE);
    }

    /**
     * The decoded path segments below the root ("/a/b/" gives [a, b]), or empty if any segment is unsafe or the
     * path is malformed.
     */
    static Optional<List<String>> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String inner = rawPath.substring(1);
        if (inner.endsWith("/")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        if (inner.isEmpty()) {
            return Optional.of(List.of());
        }
        List<String> segments;
        try {
            segments = List.of(inner.split("/", -1)).stream().map(UrlEncoding::decodePathStrict).toList();
        } catch (UrlEncoding.MalformedException e) {
            return Optional.empty();
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("/")
                    || segment.contains("\\") || segment.indexOf('\0') >= 0) {
                return Optional.empty();
            }
        }
        return Optional.of(segments);
    }

    private Lookup file(Path base, Path file) {
        if (!Files.isRegularFile(file) || !isInside(base, file)) {
            return new NotFound();
        }
        return new Found(file, contentType(file));
    }

    /** Also after following symbolic links. */
    private static boolean isInside(Path base, Path path) {
        if (!path.normalize().startsWith(base)) {
            return false;
        }
        try {
            return !Files.exists(path) || path.toRealPath().startsWith(base);
        } catch (IOException e) {
            return false;
        }
    }
}
