package de.fachkraftallianz.local;

import static de.fachkraftallianz.local.CloudFormationTemplate.list;
import static de.fachkraftallianz.local.CloudFormationTemplate.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the template's CloudFront distribution does to requests and responses, read from template.yaml so the local
 * gateway cannot drift from it: per cache behaviour, the origin request policy (which viewer headers and cookies
 * reach the API, the CloudFront-Viewer-Address header) and the response headers policy (the security headers);
 * and the distribution's custom error responses. A template without a distribution gives {@link #passThrough()}.
 */
public final class CloudFrontEdge {

    /** A response header and whether it replaces the origin's own (CloudFront's Override). */
    public record ResponseHeader(String value, boolean override) {
    }

    /** A custom error response: the page (a site path) and the status the viewer gets instead. */
    public record ErrorPage(String pagePath, int status) {
    }

    /** The headers the brief for the local stack names, for a template without a response headers policy. */
    static final Map<String, ResponseHeader> DEFAULT_SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", new ResponseHeader("default-src 'self'; script-src 'self'; style-src 'self';"
                    + " img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self';"
                    + " frame-ancestors 'none'; base-uri 'self'; object-src 'none'", true),
            "X-Content-Type-Options", new ResponseHeader("nosniff", true),
            "Referrer-Policy", new ResponseHeader("strict-origin-when-cross-origin", true),
            "X-Frame-Options", new ResponseHeader("DENY", true));

    private static final String VIEWER_ADDRESS = "cloudfront-viewer-address";

    private final Map<String, ResponseHeader> siteHeaders;
    private final Map<String, ResponseHeader> apiHeaders;
    /** Lower-case names of viewer headers forwarded to the API; empty means all. */
    private final Optional<Set<String>> forwardedHeaders;
    private final boolean forwardsCookies;
    private final boolean addsViewerAddress;
    private final Map<Integer, ErrorPage> errorPages;

    private CloudFrontEdge(Map<String, ResponseHeader> siteHeaders, Map<String, ResponseHeader> apiHeaders,
                           Optional<Set<String>> forwardedHeaders, boolean forwardsCookies, boolean addsViewerAddress,
                           Map<Integer, ErrorPage> errorPages) {
        this.siteHeaders = siteHeaders;
        this.apiHeaders = apiHeaders;
        this.forwardedHeaders = forwardedHeaders;
        this.forwardsCookies = forwardsCookies;
        this.addsViewerAddress = addsViewerAddress;
        this.errorPages = errorPages;
    }

    /** Everything forwarded, the default security headers, no error pages. */
    public static CloudFrontEdge passThrough() {
        return new CloudFrontEdge(DEFAULT_SECURITY_HEADERS, DEFAULT_SECURITY_HEADERS, Optional.empty(), true, false,
                Map.of());
    }

    /** The edge of the template's first CloudFront distribution, for the API under {@code apiPathPattern}. */
    public static CloudFrontEdge fromTemplate(CloudFormationTemplate template, String apiPathPattern) {
        Optional<Map<String, Object>> distribution = template.resources().values().stream()
                .filter(r -> "AWS::CloudFront::Distribution".equals(r.get("Type")))
                .map(r -> map(map(r.get("Properties"), "Distribution.Properties").get("DistributionConfig"),
                        "DistributionConfig"))
                .findFirst();
        if (distribution.isEmpty()) {
            return passThrough();
        }
        Map<String, Object> config = distribution.get();
        Map<String, Object> defaultBehaviour = map(config.get("DefaultCacheBehavior"), "DefaultCacheBehavior");
        Map<String, Object> apiBehaviour = list(config.get("CacheBehaviors"), "CacheBehaviors").stream()
                .map(b -> map(b, "CacheBehaviors[]"))
                .filter(b -> apiPathPattern.equals(b.get("PathPattern")))
                .findFirst()
                .orElse(defaultBehaviour);

        Optional<Set<String>> forwarded = Optional.empty();
        boolean cookies = true;
        boolean viewerAddress = false;
        Optional<Map<String, Object>> originPolicy = referenced(template, apiBehaviour.get("OriginRequestPolicyId"))
                .map(p -> map(p.get("OriginRequestPolicyConfig"), "OriginRequestPolicyConfig"));
        if (originPolicy.isPresent()) {
            Map<String, Object> headers = map(originPolicy.get().get("HeadersConfig"), "HeadersConfig");
            String behaviour = String.valueOf(headers.getOrDefault("HeaderBehavior", "none"));
            Set<String> named = list(headers.get("Headers"), "HeadersConfig.Headers").stream()
                    .map(h -> h.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            forwarded = behaviour.startsWith("allViewer") ? Optional.empty()
                    : Optional.of(behaviour.equals("whitelist") ? named : Set.of());
            viewerAddress = named.contains(VIEWER_ADDRESS);
            Map<String, Object> cookieConfig = map(originPolicy.get().get("CookiesConfig"), "CookiesConfig");
            cookies = "all".equals(cookieConfig.getOrDefault("CookieBehavior", "none"));
        }

        Map<Integer, ErrorPage> errorPages = new LinkedHashMap<>();
        list(config.get("CustomErrorResponses"), "CustomErrorResponses").stream()
                .map(e -> map(e, "CustomErrorResponses[]"))
                .filter(e -> e.get("ResponsePagePath") != null)
                .forEach(e -> errorPages.put(Integer.valueOf(e.get("ErrorCode").toString()), new ErrorPage(
                        e.get("ResponsePagePath").toString(),
                        Integer.parseInt(e.getOrDefault("ResponseCode", e.get("ErrorCode")).toString()))));

        return new CloudFrontEdge(responseHeaders(template, defaultBehaviour), responseHeaders(template, apiBehaviour),
                forwarded, cookies, viewerAddress, Map.copyOf(errorPages));
    }

    public Map<String, ResponseHeader> siteResponseHeaders() {
        return siteHeaders;
    }

    public Map<String, ResponseHeader> apiResponseHeaders() {
        return apiHeaders;
    }

    /** The custom error response for an origin status, if the distribution has one. */
    public Optional<ErrorPage> errorPage(int originStatus) {
        return Optional.ofNullable(errorPages.get(originStatus));
    }

    /**
     * The headers that reach the API origin: the viewer's, filtered by the origin request policy, plus
     * CloudFront-Viewer-Address ("ip:port") when the policy asks for it. Host stays (API Gateway's own).
     */
    public Map<String, List<String>> toApiOrigin(Map<String, List<String>> viewerHeaders, String viewerIp,
                                                 int viewerPort) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        viewerHeaders.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean keep = lower.equals("host") || lower.equals("content-length")
                    || (lower.equals("cookie") ? forwardsCookies
                    : !lower.startsWith("cloudfront-") && forwardedHeaders.map(s -> s.contains(lower)).orElse(true));
            if (keep) {
                headers.computeIfAbsent(lower, n -> new ArrayList<>()).addAll(values);
            }
        });
        if (addsViewerAddress) {
            String ip = viewerIp.contains(":") ? "[" + viewerIp + "]" : viewerIp;
            headers.put(VIEWER_ADDRESS, List.of(ip + ":" + viewerPort));
        }
        return headers;
    }

    private static Optional<Map<String, Object>> referenced(CloudFormationTemplate template, Object reference) {
        return CloudFormationTemplate.argument(reference, "Ref")
                .filter(String.class::isInstance).map(String.class::cast)
                .filter(template::hasResource)
                .map(id -> map(template.resource(id).get("Properties"), id + ".Properties"));
    }

    private static Map<String, ResponseHeader> responseHeaders(CloudFormationTemplate template,
                                                               Map<String, Object> behaviour) {
        Optional<Map<String, Object>> policy = referenced(template, behaviour.get("ResponseHeadersPolicyId"))
                .map(p -> map(p.get("ResponseHeadersPolicyConfig"), "ResponseHeadersPolicyConfig"));
        if (policy.isEmpty()) {
            return Map.of();
        }
        Map<String, ResponseHeader> headers = new LinkedHashMap<>();
        Map<String, Object> security = map(policy.get().get("SecurityHeadersConfig"), "SecurityHeadersConfig");
        section(security, "ContentSecurityPolicy").ifPresent(csp -> headers.put("Content-Security-Policy",
                new ResponseHeader(withoutHttpsUpgrade(String.valueOf(csp.get("ContentSecurityPolicy"))),
                        override(csp))));
        section(security, "ContentTypeOptions").ifPresent(o ->
                headers.put("X-Content-Type-Options", new ResponseHeader("nosniff", override(o))));
        section(security, "FrameOptions").ifPresent(o ->
                headers.put("X-Frame-Options", new ResponseHeader(String.valueOf(o.get("FrameOption")), override(o))));
        section(security, "ReferrerPolicy").ifPresent(o ->
                headers.put("Referrer-Policy", new ResponseHeader(String.valueOf(o.get("ReferrerPolicy")), override(o))));
        // StrictTransportSecurity is left out: browsers ignore it over plain http, which is all the local stack speaks.
        Map<String, Object> custom = map(policy.get().get("CustomHeadersConfig"), "CustomHeadersConfig");
        list(custom.get("Items"), "CustomHeadersConfig.Items").stream()
                .map(i -> map(i, "CustomHeadersConfig.Items[]"))
                .forEach(i -> headers.put(String.valueOf(i.get("Header")),
                        new ResponseHeader(String.valueOf(i.get("Value")), override(i))));
        return Map.copyOf(headers);
    }

    /** Over plain http, upgrade-insecure-requests would send the page's own requests to an https port nobody serves. */
    static String withoutHttpsUpgrade(String csp) {
        return List.of(csp.split(";")).stream()
                .map(String::trim)
                .filter(d -> !d.isEmpty() && !d.equalsIgnoreCase("upgrade-insecure-requests"))
                .collect(Collectors.joining("; "));
    }

    private static Optional<Map<String, Object>> section(Map<String, Object> security, String name) {
        return Optional.ofNullable(security.get(name)).map(s -> map(s, name));
    }

    private static boolean override(Map<String, Object> setting) {
        return Boolean.TRUE.equals(setting.get("Override"));
    }
}
