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
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the template's CloudFront distribution does to requests and responses, read from template.yaml so the local
 * gateway cannot drift from it. A request gets the first cache behaviour whose path pattern matches (else the
 * default one), as CloudFront picks it; each behaviour has its origin (the site bucket or the API), its allowed
 * methods, its origin request policy (which viewer headers and cookies reach the origin, CloudFront-Viewer-Address),
 * its response headers policy (the security headers) and the origin's custom headers. The distribution's custom
 * error responses apply to every behaviour. A template without a distribution gives {@link #passThrough()}.
 */
public final class CloudFrontEdge {

    /** A response header and whether it replaces the origin's own (CloudFront's Override). */
    public record ResponseHeader(String value, boolean override) {
    }

    /**
     * An origin group's failover: when the primary origin answers one of {@code statusCodes}, CloudFront asks the
     * secondary origin the same request, as {@code to} describes it.
     */
    public record Failover(Set<Integer> statusCodes, Behaviour to) {
    }

    /** A custom error response: the page (a site path) and the status the viewer gets instead. */
    public record ErrorPage(String pagePath, int status) {
    }

    /**
     * One cache behaviour.
     *
     * @param forwardedHeaders lower-case viewer header names that reach the origin; empty means all
     * @param cookies          cookie names that reach the origin: an empty set means all, no set means none
     * @param originHeaders    the origin's custom headers (added to every request, replacing a viewer's)
     */
    public record Behaviour(String pathPattern, boolean toApi, Set<String> allowedMethods,
                            Optional<Set<String>> forwardedHeaders, Optional<Set<String>> cookies,
                            boolean addsViewerAddress, Map<String, ResponseHeader> responseHeaders,
                            Map<String, String> originHeaders, Optional<Failover> failover) {

        public boolean allows(String method) {
            return allowedMethods.contains(method.toUpperCase(Locale.ROOT));
        }

        /**
         * The headers that reach the origin: the viewer's, filtered by the origin request policy (the Cookie header
         * reduced to the forwarded cookies), plus CloudFront-Viewer-Address ("ip:port") when the policy asks for it
         * and the origin's custom headers. Host stays (API Gateway's own).
         */
        public Map<String, List<String>> toOrigin(Map<String, List<String>> viewerHeaders, String viewerIp,
                                                  int viewerPort) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            viewerHeaders.forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("cookie")) {
                    List<String> kept = keptCookies(values);
                    if (!kept.isEmpty()) {
                        headers.put(lower, List.of(String.join("; ", kept)));
                    }
                } else if (lower.equals("host") || lower.equals("content-length")
                        || (!lower.startsWith("cloudfront-") && !originHeaders.containsKey(lower)
                        && forwardedHeaders.map(s -> s.contains(lower)).orElse(true))) {
                    headers.computeIfAbsent(lower, n -> new ArrayList<>()).addAll(values);
                }
            });
            if (addsViewerAddress) {
                String ip = viewerIp.contains(":") ? "[" + viewerIp + "]" : viewerIp;
                headers.put(VIEWER_ADDRESS, List.of(ip + ":" + viewerPort));
            }
            originHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
            return headers;
        }

        private List<String> keptCookies(List<String> cookieHeaders) {
            List<String> kept = new ArrayList<>();
            if (cookies.isEmpty()) {
                return kept;
            }
            for (String header : cookieHeaders) {
                for (String cookie : header.split(";")) {
                    String trimmed = cookie.strip();
                    int equals = trimmed.indexOf('=');
                    String name = equals < 0 ? trimmed : trimmed.substring(0, equals);
                    if (!trimmed.isEmpty() && (cookies.get().isEmpty() || cookies.get().contains(name))) {
                        kept.add(trimmed);
                    }
                }
            }
            return kept;
        }
    }

    /** The headers the brief for the local stack names, for a template without a response headers policy. */
    static final Map<String, ResponseHeader> DEFAULT_SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", new ResponseHeader("default-src 'self'; script-src 'self'; style-src 'self';"
                    + " img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self';"
                    + " frame-ancestors 'none'; base-uri 'self'; object-src 'none'", true),
            "X-Content-Type-Options", new ResponseHeader("nosniff", true),
            "Referrer-Policy", new ResponseHeader("strict-origin-when-cross-origin", true),
            "X-Frame-Options", new ResponseHeader("DENY", true));

    static final String VIEWER_ADDRESS = "cloudfront-viewer-address";
    private static final Set<String> ALL_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE");

    private final Behaviour defaultBehaviour;
    private final List<Behaviour> behaviours;
    private final List<Pattern> patterns;
    private final Map<Integer, ErrorPage> errorPages;
    private final int missingObjectStatus;

    private CloudFrontEdge(Behaviour defaultBehaviour, List<Behaviour> behaviours, Map<Integer, ErrorPage> errorPages,
                           int missingObjectStatus) {
        this.defaultBehaviour = defaultBehaviour;
        this.behaviours = List.copyOf(behaviours);
        this.patterns = behaviours.stream().map(b -> glob(b.pathPattern())).toList();
        this.errorPages = Map.copyOf(errorPages);
        this.missingObjectStatus = missingObjectStatus;
    }

    /** Without a distribution: /api/* to the API, everything forwarded, the default security headers, no error pages. */
    public static CloudFrontEdge passThrough() {
        Behaviour site = new Behaviour("*", false, Set.of("GET", "HEAD"), Optional.empty(), Optional.of(Set.of()),
                false, DEFAULT_SECURITY_HEADERS, Map.of(), Optional.empty());
        Behaviour api = new Behaviour(LocalGateway.API_PREFIX + "*", true, ALL_METHODS, Optional.empty(),
                Optional.of(Set.of()), false, DEFAULT_SECURITY_HEADERS, Map.of(), Optional.empty());
        return new CloudFrontEdge(site, List.of(api), Map.of(), 403);
    }

    /**
     * The edge of the template's first CloudFront distribution.
     *
     * @param resolve the local value of a template value (a custom origin header may be a !Sub of a secret)
     */
    public static CloudFrontEdge fromTemplate(CloudFormationTemplate template, Function<Object, Optional<String>> resolve) {
        Optional<Map<String, Object>> distribution = template.resources().values().stream()
                .filter(r -> "AWS::CloudFront::Distribution".equals(r.get("Type")))
                .map(r -> map(map(r.get("Properties"), "Distribution.Properties").get("DistributionConfig"),
                        "DistributionConfig"))
                .findFirst();
        if (distribution.isEmpty()) {
            return passThrough();
        }
        Map<String, Object> config = distribution.get();
        Map<String, Map<String, Object>> origins = new LinkedHashMap<>();
        for (Object origin : list(config.get("Origins"), "Origins")) {
            Map<String, Object> o = map(origin, "Origins[]");
            origins.put(String.valueOf(o.get("Id")), o);
        }
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        Object originGroups = config.get("OriginGroups");
        if (originGroups != null) {
            for (Object group : list(map(originGroups, "OriginGroups").get("Items"), "OriginGroups.Items")) {
                Map<String, Object> g = map(group, "OriginGroups.Items[]");
                groups.put(String.valueOf(g.get("Id")), g);
            }
        }
        Behaviour defaultBehaviour = behaviour(template, "*", map(config.get("DefaultCacheBehavior"),
                "DefaultCacheBehavior"), origins, groups, resolve);
        List<Behaviour> behaviours = new ArrayList<>();
        for (Object b : list(config.get("CacheBehaviors"), "CacheBehaviors")) {
            Map<String, Object> behaviour = map(b, "CacheBehaviors[]");
            behaviours.add(behaviour(template, String.valueOf(behaviour.get("PathPattern")), behaviour, origins, groups,
                    resolve));
        }
        Map<Integer, ErrorPage> errorPages = new LinkedHashMap<>();
        for (Object e : list(config.get("CustomErrorResponses"), "CustomErrorResponses")) {
            Map<String, Object> error = map(e, "CustomErrorResponses[]");
            if (error.get("ResponsePagePath") != null) {
                errorPages.put(Integer.valueOf(error.get("ErrorCode").toString()), new ErrorPage(
                        error.get("ResponsePagePath").toString(),
                        Integer.parseInt(error.getOrDefault("ResponseCode", error.get("ErrorCode")).toString())));
            }
        }
        return new CloudFrontEdge(defaultBehaviour, behaviours, errorPages, missingObjectStatus(template));
    }

    /** The behaviour CloudFront picks for a path: the first whose pattern matches, else the default one. */
    public Behaviour behaviourFor(String rawPath) {
        for (int i = 0; i < behaviours.size(); i++) {
            if (patterns.get(i).matcher(rawPath).matches()) {
                return behaviours.get(i);
            }
        }
        return defaultBehaviour;
    }

    public Behaviour defaultBehaviour() {
        return defaultBehaviour;
    }

    public List<Behaviour> behaviours() {
        return behaviours;
    }

    /** The custom error response for an origin status, if the distribution has one. */
    public Optional<ErrorPage> errorPage(int originStatus) {
        return Optional.ofNullable(errorPages.get(originStatus));
    }

    /**
     * What the site bucket answers for a key it does not have: 404 if the bucket policy lets the distribution list
     * the bucket (s3:ListBucket), else 403.
     */
    public int missingObjectStatus() {
        return missingObjectStatus;
    }

    /** CloudFront's path patterns: '*' any characters, '?' one, case-sensitive, the leading '/' optional. */
    static Pattern glob(String pathPattern) {
        String pattern = pathPattern.startsWith("/") || pathPattern.startsWith("*") ? pathPattern : "/" + pathPattern;
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static Behaviour behaviour(CloudFormationTemplate template, String pathPattern,
                                       Map<String, Object> behaviour, Map<String, Map<String, Object>> origins,
                                       Map<String, Map<String, Object>> groups,
                                       Function<Object, Optional<String>> resolve) {
        String target = String.valueOf(behaviour.get("TargetOriginId"));
        Optional<Failover> failover = Optional.empty();
        Map<String, Object> group = groups.get(target);
        if (group != null) {
            // An origin group: the primary member serves, the secondary is asked on the failover status codes.
            List<Object> members = list(map(group.get("Members"), "Members").get("Items"), "Members.Items");
            target = String.valueOf(map(members.get(0), "Members.Items[]").get("OriginId"));
            Map<String, Object> secondary = new LinkedHashMap<>(behaviour);
            secondary.put("TargetOriginId", map(members.get(1), "Members.Items[]").get("OriginId"));
            Set<Integer> codes = new LinkedHashSet<>();
            for (Object code : list(map(map(group.get("FailoverCriteria"), "FailoverCriteria").get("StatusCodes"),
                    "StatusCodes").get("Items"), "StatusCodes.Items")) {
                codes.add(Integer.valueOf(code.toString()));
            }
            failover = Optional.of(new Failover(Set.copyOf(codes),
                    behaviour(template, pathPattern, secondary, origins, Map.of(), resolve)));
        }
        Map<String, Object> origin = origins.getOrDefault(target, Map.of());
        boolean toApi = origin.containsKey("CustomOriginConfig");
        Set<String> methods = new LinkedHashSet<>();
        for (Object method : list(behaviour.getOrDefault("AllowedMethods", List.of("GET", "HEAD")), "AllowedMethods")) {
            methods.add(method.toString().toUpperCase(Locale.ROOT));
        }
        Map<String, String> originHeaders = new LinkedHashMap<>();
        for (Object h : list(origin.get("OriginCustomHeaders"), "OriginCustomHeaders")) {
            Map<String, Object> header = map(h, "OriginCustomHeaders[]");
            String name = String.valueOf(header.get("HeaderName")).toLowerCase(Locale.ROOT);
            originHeaders.put(name, resolve.apply(header.get("HeaderValue")).orElseThrow(() ->
                    new IllegalStateException("The origin header " + name + " has no local value")));
        }

        Optional<Set<String>> forwarded = Optional.empty();
        Optional<Set<String>> cookies = Optional.of(Set.of());
        boolean viewerAddress = false;
        Optional<Map<String, Object>> originPolicy = referenced(template, behaviour.get("OriginRequestPolicyId"))
                .map(p -> map(p.get("OriginRequestPolicyConfig"), "OriginRequestPolicyConfig"));
        if (originPolicy.isPresent()) {
            Map<String, Object> headers = map(originPolicy.get().get("HeadersConfig"), "HeadersConfig");
            String headerBehaviour = String.valueOf(headers.getOrDefault("HeaderBehavior", "none"));
            Set<String> named = lowerCase(list(headers.get("Headers"), "HeadersConfig.Headers"));
            forwarded = headerBehaviour.startsWith("allViewer") ? Optional.empty()
                    : Optional.of(headerBehaviour.equals("whitelist") ? named : Set.of());
            viewerAddress = named.contains(VIEWER_ADDRESS);
            Map<String, Object> cookieConfig = map(originPolicy.get().get("CookiesConfig"), "CookiesConfig");
            String cookieBehaviour = String.valueOf(cookieConfig.getOrDefault("CookieBehavior", "none"));
            cookies = switch (cookieBehaviour) {
                case "all" -> Optional.of(Set.of());
                case "whitelist" -> Optional.of(Set.copyOf(stringList(cookieConfig.get("Cookies"))));
                default -> Optional.empty();
            };
        } else if (!toApi) {
            cookies = Optional.empty();
        } else {
            // No origin request policy: CloudFront forwards no headers or cookies beyond the cache key.
            forwarded = Optional.of(Set.of());
            cookies = Optional.empty();
        }
        return new Behaviour(pathPattern, toApi, Set.copyOf(methods), forwarded, cookies, viewerAddress,
                responseHeaders(template, behaviour), Map.copyOf(originHeaders), failover);
    }

    private static Set<String> lowerCase(List<Object> names) {
        Set<String> lower = new LinkedHashSet<>();
        for (Object name : names) {
            lower.add(name.toString().toLowerCase(Locale.ROOT));
        }
        return lower;
    }

    private static List<String> stringList(Object value) {
        List<String> strings = new ArrayList<>();
        for (Object item : list(value, "list")) {
            strings.add(String.valueOf(item));
        }
        return strings;
    }

    /** 404 if a bucket policy grants s3:ListBucket on the bucket itself, else 403 (S3 hides what it lacks). */
    private static int missingObjectStatus(CloudFormationTemplate template) {
        for (Map<String, Object> resource : template.resources().values()) {
            if ("AWS::S3::BucketPolicy".equals(resource.get("Type"))) {
                Map<String, Object> document = map(map(resource.get("Properties"), "BucketPolicy.Properties")
                        .get("PolicyDocument"), "PolicyDocument");
                for (Object s : list(document.get("Statement"), "Statement")) {
                    Map<String, Object> statement = map(s, "Statement[]");
                    Object action = statement.get("Action");
                    List<Object> actions = action instanceof List<?> l ? new ArrayList<>(l) : List.of(String.valueOf(action));
                    if ("Allow".equals(statement.get("Effect")) && actions.contains("s3:ListBucket")) {
                        return 404;
                    }
                }
            }
        }
        return 403;
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
        for (Object i : list(custom.get("Items"), "CustomHeadersConfig.Items")) {
            Map<String, Object> item = map(i, "CustomHeadersConfig.Items[]");
            headers.put(String.valueOf(item.get("Header")),
                    new ResponseHeader(String.valueOf(item.get("Value")), override(item)));
        }
        return Map.copyOf(headers);
    }

    /** Over plain http, upgrade-insecure-requests would send the page's own requests to an https port nobody serves. */
    static String withoutHttpsUpgrade(String csp) {
        List<String> directives = new ArrayList<>();
        for (String directive : csp.split(";")) {
            String d = directive.strip();
            if (!d.isEmpty() && !d.equalsIgnoreCase("upgrade-insecure-requests")) {
                directives.add(d);
            }
        }
        return String.join("; ", directives);
    }

    private static Optional<Map<String, Object>> section(Map<String, Object> security, String name) {
        return Optional.ofNullable(security.get(name)).map(s -> map(s, name));
    }

    private static boolean override(Map<String, Object> setting) {
        return Boolean.TRUE.equals(setting.get("Override"));
    }
}
