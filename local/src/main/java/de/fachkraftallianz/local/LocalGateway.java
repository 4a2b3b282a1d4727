package de.fachkraftallianz.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import com.fasterxml.jackson.jr.ob.JSON;

import de.fachkraftallianz.http.Answers;

/**
 * What CloudFront and API Gateway do on AWS, on 127.0.0.1. Each request gets the distribution's cache behaviour for
 * its path ({@link CloudFrontEdge}): a behaviour for the API sends it to the function whose HttpApi route matches (as
 * a payload 2.0 event, answered per payload 2.0; the function runs up to its reserved concurrency of instances at
 * once), the default behaviour serves the baked site. Forwarded headers and cookies, the origin's custom headers,
 * the security headers and the error pages follow the template. Logs one line per request: method, path without
 * query string, status, duration; nothing else about it.
 *
 * <p>Answers of its own are the ones API Gateway or CloudFront give on AWS ({@code {"message":"…"}}), except for
 * what only a local server can run into (an unreadable request line), which gets a German page.
 */
public final class LocalGateway implements AutoCloseable {

    public static final String API_PREFIX = "/api/";
    /** API Gateway's payload limit; the handlers enforce their own, smaller one in German. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** A connection that sends nothing for this long is closed (a read timeout for a half-sent request too). */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private record Route(HttpApiRoute route, LocalFunction function) {
    }

    /** An answer on its way to the client: status, headers (lower-case names), body. */
    private record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        Reply with(String name, String value) {
            headers.put(name, new ArrayList<>(List.of(value)));
            return this;
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final StaticSite site;
    private final CloudFrontEdge edge;
    private final List<Route> routes;
    private final PrintStream log;

    private LocalGateway(Server server, ServerConnector connector, StaticSite site, CloudFrontEdge edge,
                         List<Route> routes, PrintStream log) {
        this.server = server;
        this.connector = connector;
        this.site = site;
        this.edge = edge;
        this.routes = routes;
        this.log = log;
    }

    /** Listens on 127.0.0.1:{@code port} (0 for a free port). */
    public static LocalGateway start(int port, StaticSite site, CloudFrontEdge edge, List<LocalFunction> functions,
                                     PrintStream log, Duration idleTimeout) throws IOException {
        List<Route> routes = new ArrayList<>();
        for (LocalFunction function : functions) {
            for (HttpApiRoute route : function.definition().routes()) {
                routes.add(new Route(route, function));
            }
        }
        routes.sort(Comparator.comparing(Route::route, HttpApiRoute.MOST_SPECIFIC_FIRST));

        QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000);
        threads.setName("gateway");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // The gateway decides about every path itself (as CloudFront passes them on): Jetty must not refuse one first.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        LocalGateway gateway = new LocalGateway(server, connector, site, edge, List.copyOf(routes), log);
        server.setHandler(gateway.new Entry());
        server.setErrorHandler(gateway.new GermanErrors());
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // Starting failed already.
            }
            throw new IOException("The gateway cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        return gateway;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Route keys and the functions they lead to, most specific first. */
    public Map<String, String> routes() {
        Map<String, String> keys = new LinkedHashMap<>();
        routes.forEach(r -> keys.put(r.route().routeKey(), r.function().definition().logicalId()));
        return keys;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.println("[gateway] stopping failed: " + e);
        }
    }

    /** Every request, one thread each (Jetty's pool); a blocking handler, like the functions it calls. */
    private final class Entry extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            String method = request.getMethod();
            String rawPath = request.getHttpURI().getPath();
            Reply reply;
            try {
                CloudFrontEdge.Behaviour behaviour = edge.behaviourFor(rawPath);
                reply = behaviour.toApi() ? api(request, behaviour, rawPath) : file(request, behaviour, rawPath);
            } catch (Exception | LinkageError e) {
                log.println("[gateway] " + method + " " + rawPath + " failed in the gateway: " + e);
                e.printStackTrace(log);
                reply = message(500, "Internal Server Error", edge.defaultBehaviour());
            }
            send(request, response, callback, reply);
            log.printf("[gateway] %s %s %d %d ms%n", method, rawPath, reply.status(),
                    (System.nanoTime() - start) / 1_000_000);
            return true;
        }
    }

    /**
     * Jetty's own error answers (a request line it cannot read, such as a malformed escape in the path, a header too
     * large, a timeout): in German, in the site's frame, with the security headers.
     */
    private final class GermanErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() >= 400 ? response.getStatus() : 400;
            String text = Answers.page("Anfrage nicht lesbar", "Diese Anfrage konnte nicht gelesen werden. Bitte "
                    + "öffnen Sie die Startseite und versuchen Sie es von dort noch einmal.", "/", "Zur Startseite");
            Reply reply = new Reply(status, new LinkedHashMap<>(), text.getBytes(StandardCharsets.UTF_8))
                    .with("content-type", "text/html; charset=utf-8");
            withSecurityHeaders(reply, edge.defaultBehaviour().responseHeaders());
            response.setStatus(status);
            reply.headers().forEach((name, values) -> values.forEach(v -> response.getHeaders().add(name, v)));
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            return true;
        }
    }

    private Reply api(Request request, CloudFrontEdge.Behaviour behaviour, String rawPath) throws IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (!behaviour.allows(method)) {
            return message(403, "Forbidden", behaviour);
        }
        Optional<Route> route = Optional.empty();
        Map<String, String> pathParameters = Map.of();
        for (Route candidate : routes) {
            Optional<Map<String, String>> match = candidate.route().match(method, rawPath);
            if (match.isPresent()) {
                route = Optional.of(candidate);
                pathParameters = match.get();
                break;
            }
        }
        byte[] body = readAtMost(request, MAX_BODY_BYTES);
        if (body == null) {
            // Jetty reads what is left of the body before it answers, so the client gets the 413, not a reset.
            return message(413, "Request Entity Too Large", behaviour);
        }
        if (route.isEmpty()) {
            return message(404, "Not Found", behaviour);
        }

        String requestId = HttpApiEvent.newRequestId();
        String viewerIp = Request.getRemoteAddr(request);
        HttpApiEvent.Request event = new HttpApiEvent.Request(method, rawPath, request.getHttpURI().getQuery(),
                request.getConnectionMetaData().getProtocol(),
                behaviour.toOrigin(headers(request.getHeaders()), viewerIp, Request.getRemotePort(request)),
                body, viewerIp, port(), Instant.now());
        byte[] eventJson = JSON.std.asBytes(HttpApiEvent.of(event, route.get().route(), pathParameters, requestId));

        LocalFunction function = route.get().function();
        HttpApiResponse response;
        try {
            response = HttpApiResponse.parse(function.invoke(eventJson));
        } catch (LocalFunction.ThrottledException e) {
            log.println("[gateway] " + e.getMessage());
            return message(503, "Service Unavailable", behaviour).with("apigw-requestid", requestId);
        } catch (HttpApiResponse.MalformedResponse e) {
            log.println("[gateway] " + function.definition().logicalId() + " returned a malformed response: "
                    + e.getMessage());
            return message(502, "Internal Server Error", behaviour).with("apigw-requestid", requestId);
        } catch (Exception | LinkageError e) {
            // On AWS the runtime logs the function's error and API Gateway answers 502.
            log.println("[gateway] " + function.definition().logicalId() + " failed:");
            e.printStackTrace(log);
            return message(502, "Internal Server Error", behaviour).with("apigw-requestid", requestId);
        }
        Optional<CloudFrontEdge.ErrorPage> errorPage = edge.errorPage(response.statusCode());
        if (errorPage.isPresent()) {
            return errorPage(errorPage.get(), behaviour);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> {
            if (!name.equals("content-length") && !name.equals("transfer-encoding") && !name.equals("connection")) {
                headers.put(name, new ArrayList<>(values));
            }
        });
        headers.put("apigw-requestid", new ArrayList<>(List.of(requestId)));
        return withSecurityHeaders(new Reply(response.statusCode(), headers, response.body()), behaviour.responseHeaders());
    }

    private Reply file(Request request, CloudFrontEdge.Behaviour behaviour, String rawPath) throws IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (!behaviour.allows(method)) {
            // CloudFront refuses a method the behaviour does not allow.
            return plain(405, "Method Not Allowed", behaviour).with("allow", String.join(", ",
                    behaviour.allowedMethods().stream().sorted(Comparator.comparing(LocalGateway::methodRank)).toList()));
        }
        StaticSite.Lookup lookup = site.lookup(rawPath);
        if (lookup instanceof StaticSite.Found found) {
            Reply reply = new Reply(200, new LinkedHashMap<>(), Files.readAllBytes(found.file()))
                    .with("content-type", found.contentType()).with("cache-control", "no-cache");
            return withSecurityHeaders(reply, behaviour.responseHeaders());
        }
        if (lookup instanceof StaticSite.Redirect redirect) {
            return plain(301, "Moved Permanently", behaviour).with("location", redirect.location());
        }
        int missing = edge.missingObjectStatus();
        if (behaviour.failover().isPresent() && behaviour.failover().get().statusCodes().contains(missing)) {
            // An origin group: CloudFront asks the secondary origin (the API) the same request.
            return api(request, behaviour.failover().get().to(), rawPath);
        }
        Optional<CloudFrontEdge.ErrorPage> errorPage = edge.errorPage(missing);
        return errorPage(errorPage.orElse(new CloudFrontEdge.ErrorPage("/404.html", missing)), behaviour);
    }

    private static int methodRank(String method) {
        return List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE").indexOf(method);
    }

    private Reply errorPage(CloudFrontEdge.ErrorPage errorPage, CloudFrontEdge.Behaviour behaviour) throws IOException {
        Optional<Path> page = site.page(errorPage.pagePath());
        if (page.isEmpty()) {
            return plain(errorPage.status(), "Not Found", behaviour);
        }
        Reply reply = new Reply(errorPage.status(), new LinkedHashMap<>(), Files.readAllBytes(page.get()))
                .with("content-type", StaticSite.contentType(page.get()));
        return withSecurityHeaders(reply, behaviour.responseHeaders());
    }

    /** API Gateway's own answers: {"message":"..."}. */
    private static Reply message(int status, String message, CloudFrontEdge.Behaviour behaviour) {
        try {
            Reply reply = new Reply(status, new LinkedHashMap<>(), JSON.std.asBytes(Map.of("message", message)))
                    .with("content-type", "application/json");
            return withSecurityHeaders(reply, behaviour.responseHeaders());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply plain(int status, String text, CloudFrontEdge.Behaviour behaviour) {
        Reply reply = new Reply(status, new LinkedHashMap<>(), text.getBytes(StandardCharsets.UTF_8))
                .with("content-type", "text/plain; charset=utf-8");
        return withSecurityHeaders(reply, behaviour.responseHeaders());
    }

    private static Reply withSecurityHeaders(Reply reply, Map<String, CloudFrontEdge.ResponseHeader> securityHeaders) {
        securityHeaders.forEach((name, header) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (header.override() || !reply.headers().containsKey(lower)) {
                reply.headers().put(lower, new ArrayList<>(List.of(header.value())));
            }
        });
        return reply;
    }

    private static void send(Request request, Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        HttpFields.Mutable headers = response.getHeaders();
        reply.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        boolean head = request.getMethod().equalsIgnoreCase("HEAD");
        boolean noBody = head || reply.status() == 204 || reply.status() == 304 || reply.status() < 200;
        if (noBody) {
            if (head && reply.status() != 204 && reply.status() != 304) {
                headers.put("content-length", Integer.toString(reply.body().length));
            }
            response.write(true, null, callback);
        } else {
            headers.put("content-length", Integer.toString(reply.body().length));
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        }
    }

    private static Map<String, List<String>> headers(HttpFields fields) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : fields) {
            headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    /** The whole body, or null if it is longer than {@code limit}. */
    private static byte[] readAtMost(Request request, int limit) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? null : body;
        }
    }
}
