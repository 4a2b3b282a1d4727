package de.fachkraftallianz.web;

/**
 * The one mapping between a baked file and its public path, as the edge serves the site: a folder's
 * {@code index.html} is the folder's path with a trailing slash ("kontakt/index.html" is "/kontakt/"), every other
 * file is its own path ("404.html" is "/404.html"). The site build (sitemap, page weight), the local site and the
 * tests use it.
 */
public final class SitePaths {

    public static final String INDEX = "index.html";

    private SitePaths() {
    }

    /** "index.html" -> "/", "kontakt/index.html" -> "/kontakt/", "x.html" -> "/x.html" (file relative to the site). */
    public static String pathOf(String file) {
        String relative = file.replace('\\', '/');
        if (relative.equals(INDEX)) {
            return "/";
        }
        if (relative.endsWith("/" + INDEX)) {
            return "/" + relative.substring(0, relative.length() - INDEX.length());
        }
        return "/" + relative;
    }

    /** "/" -> "index.html", "/kontakt/" -> "kontakt/index.html", "/x.html" -> "x.html" (relative to the site). */
    public static String fileOf(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.isEmpty() || relative.endsWith("/") ? relative + INDEX : relative;
    }
}
