package de.fachkraftallianz.local;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import de.fachkraftallianz.http.UrlEncoding;

/**
 * One HttpApi route as API Gateway matches it: a method (or ANY) and a path whose segments are literals,
 * {@code {name}} (one segment) or a final {@code {name+}} (the rest); or the catch-all {@code $default}.
 */
public final class HttpApiRoute {

    public static final String DEFAULT_ROUTE_KEY = "$default";

    /** API Gateway's choice among matching routes: most specific path first, then a named method before ANY. */
    public static final Comparator<HttpApiRoute> MOST_SPECIFIC_FIRST = HttpApiRoute::compareSpecificity;

    private final String method;
    private final String path;
    private final List<String> segments;

    private HttpApiRoute(String method, String path) {
        this.method = method;
        this.path = path;
        this.segments = path == null ? List.of() : List.of(path.substring(1).split("/", -1));
    }

    public static HttpApiRoute of(String method, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("An HttpApi path must start with '/': " + path);
        }
        return new HttpApiRoute(method.toUpperCase(Locale.ROOT), path);
    }

    public static HttpApiRoute defaultRoute() {
        return new HttpApiRoute("ANY", null);
    }

    /** "ANY /api/forms/{formId}", or "$default". */
    public String routeKey() {
        return path == null ? DEFAULT_ROUTE_KEY : method + " " + path;
    }

    /**
     * The path parameters (percent-decoded) if this route takes the request, else empty.
     *
     * @param rawPath the request path as sent, still percent-encoded
     */
    public Optional<Map<String, String>> match(String requestMethod, String rawPath) {
        if (!method.equals("ANY") && !method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (path == null) {
            return Optional.of(parameters);
        }
        String[] requested = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isGreedy(segment)) {
                String rest = String.join("/", List.of(requested).subList(Math.min(i, requested.length), requested.length));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 2), UrlEncoding.decodePathLenient(rest));
                return Optional.of(parameters);
            }
            if (i >= requested.length) {
                return Optional.empty();
            }
            if (isVariable(segment)) {
                if (requested[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), UrlEncoding.decodePathLenient(requested[i]));
            } else if (!segment.equals(UrlEncoding.decodePathLenient(requested[i]))) {
                return Optional.empty();
            }
        }
        return requested.length == segments.size() ? Optional.of(parameters) : Optional.empty();
    }

    @Override
    public String toString() {
        return routeKey();
    }

    private static int compareSpecificity(HttpApiRoute a, HttpApiRoute b) {
        if (a.path == null || b.path == null) {
            return Boolean.compare(a.path == null, b.path == null);
        }
        for (int i = 0; i < Math.min(a.segments.size(), b.segments.size()); i++) {
            int byKind = Integer.compare(rank(b.segments.get(i)), rank(a.segments.get(i)));
            if (byKind != 0) {
                return byKind;
            }
        }
        int byLength = Integer.compare(b.segments.size(), a.segments.size());
        if (byLength != 0) {
            return byLength;
        }
        return Boolean.compare(a.method.equals("ANY"), b.method.equals("ANY"));
    }

    private static int rank(String segment) {
        return isGreedy(segment) ? 0 : isVariable(segment) ? 1 : 2;
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static boolean isGreedy(String segment) {
        return segment.startsWith("{") && segment.endsWith("+}");
    }
}
