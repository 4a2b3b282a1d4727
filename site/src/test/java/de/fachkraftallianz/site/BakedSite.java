package de.fachkraftallianz.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** The baked site (target/site), read once: each HTML page by its file path and by its public URL path. */
final class BakedSite {

    static final Path SITE = SiteBakeTest.SITE;

    private static Map<String, Document> byUrl;

    private BakedSite() {
    }

    /** Public path ("/", "/kontakt/") -> parsed page, for every baked HTML page, sorted. */
    static synchronized Map<String, Document> pages() {
        if (byUrl == null) {
            Map<String, Document> pages = new TreeMap<>();
            try (Stream<Path> files = Files.walk(SITE)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                    String url = urlOf(SITE.relativize(file).toString().replace('\\', '/'));
                    pages.put(url, Jsoup.parse(file.toFile(), "UTF-8", "http://site.test" + url));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byUrl = Collections.unmodifiableMap(pages);
        }
        return byUrl;
    }

    static Document page(String url) {
        Document page = pages().get(url);
        if (page == null) {
            throw new AssertionError("no baked page at " + url);
        }
        return page;
    }

    /** "index.html" -> "/", "kontakt/index.html" -> "/kontakt/", "x.html" -> "/x.html". */
    static String urlOf(String file) {
        return de.fachkraftallianz.web.SitePaths.pathOf(file);
    }

    static String read(String file) {
        try {
            return Files.readString(SITE.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
