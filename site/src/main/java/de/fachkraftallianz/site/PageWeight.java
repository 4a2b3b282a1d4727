package de.fachkraftallianz.site;

import de.fachkraftallianz.web.SitePaths;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The weight and third-party budgets of a baked site, shared by PageWeightTest and SiteBenchmark.
 *
 * <p>A page's weight is its HTML plus each distinct local style sheet, icon and image it loads, plus what those
 * style sheets load in turn through {@code url()} and {@code @import} (fonts, background images); uncompressed,
 * scripts not counted. A third-party request is an absolute (or protocol-relative) URL in the {@code src} or
 * {@code href} of a script, link, img or iframe, or in a local style sheet, whose origin is not the site's own.
 */
public final class PageWeight {

    /** Every page with its CSS, images and fonts. */
    public static final long BUDGET_BYTES = 40 * 1024;

    /** The origin root-relative URLs resolve against while reading the pages. */
    private static final String LOCAL_ORIGIN = "http://site.invalid";

    private static final Pattern CSS_REF =
            Pattern.compile("url\\(\\s*(['\"]?)([^'\")]+)\\1\\s*\\)|@import\\s+(['\"])([^'\"]+)\\3");

    private final Path site;
    private final String siteOrigin;

    /**
     * @param site the baked site's root folder
     * @param host the site's public address ({@code site.host}); URLs on it count as local; may be null
     */
    public PageWeight(Path site, String host) {
        this.site = site.toAbsolutePath().normalize();
        this.siteOrigin = host == null || host.isBlank() ? LOCAL_ORIGIN : origin(URI.create(host.strip()));
    }

    /** Every HTML page of the site, sorted. */
    public List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(site)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    /** The page's public path: "kontakt/index.html" -> "/kontakt/index.html". */
    public String path(Path page) {
        return "/" + site.relativize(page.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The page's bytes plus those of each distinct local file it loads that counts (see the class comment). */
    public long weight(Path page) throws IOException {
        long total = Files.size(page);
        for (Path file : loads(page).local()) {
            total += Files.size(file);
        }
        return total;
    }

    /** The distinct third-party URLs the page (or a local style sheet it uses) makes the browser request. */
    public List<String> thirdPartyRequests(Path page) throws IOException {
        return List.copyOf(loads(page).thirdParty());
    }

    private record Loads(Set<Path> local, Set<String> thirdParty) {
    }

    private Loads loads(Path page) throws IOException {
        Loads loads = new Loads(new LinkedHashSet<>(), new LinkedHashSet<>());
        Document doc = Jsoup.parse(page.toFile(), "UTF-8", LOCAL_ORIGIN + path(page));
        for (Element e : doc.select("script[src], img[src], iframe[src], link[href]")) {
            String attr = e.tagName().equals("link") ? "href" : "src";
            URI uri = uri(e.absUrl(attr));
            if (uri == null) {
                continue;
            }
            if (!isLocal(uri)) {
                loads.thirdParty().add(uri.toString());
            } else if (e.is("img, link[rel~=(?i)(^|\\s)(stylesheet|icon)(\\s|$)]")) {
                Path file = local(uri, path(page), e.attr(attr));
                if (loads.local().add(file) && e.is("link[rel~=(?i)(^|\\s)stylesheet(\\s|$)]")) {
                    addStyleSheet(uri, file, loads);
                }
            }
        }
        return loads;
    }

    /** What a local style sheet loads: fonts, images and imported style sheets. */
    private void addStyleSheet(URI cssUri, Path css, Loads loads) throws IOException {
        Matcher m = CSS_REF.matcher(Files.readString(css, StandardCharsets.UTF_8));
        while (m.find()) {
            String ref = (m.group(2) != null ? m.group(2) : m.group(4)).strip();
            URI uri = ref.startsWith("data:") ? null : uri(resolve(cssUri, ref));
            if (uri == null) {
                continue;
            }
            if (!isLocal(uri)) {
                loads.thirdParty().add(uri.toString());
            } else {
                Path file = local(uri, path(css), ref);
                if (loads.local().add(file) && file.toString().endsWith(".css")) {
                    addStyleSheet(uri, file, loads);
                }
            }
        }
    }

    private static String resolve(URI base, String ref) {
        try {
            return base.resolve(ref).toString();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** An http(s) URL, or null for anything else (data:, mailto:, unparsable). */
    private static URI uri(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean isLocal(URI uri) {
        String origin = origin(uri);
        return origin.equals(LOCAL_ORIGIN) || origin.equals(siteOrigin);
    }

    private static String origin(URI uri) {
        return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
    }

    /** The site's file for a local URL; fails if the site has none (a page loading a missing file). */
    private Path local(URI uri, String from, String ref) {
        Path file = site.resolve(SitePaths.fileOf(uri.getPath() == null ? "/" : uri.getPath())).normalize();
        if (!file.startsWith(site) || !Files.isRegularFile(file)) {
            throw new IllegalStateException(from + " loads " + ref + ", which is not in the site");
        }
        return file;
    }
}
