package de.fachkraftallianz.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What CloudFront and API Gateway do on AWS, on 127.0.0.1: {@code /api/*} goes to the function whose HttpApi route
 * matches (as a payload 2.0 event, answered per payload 2.0), everything else to the baked site. The CloudFront parts
 * (forwarded headers, security headers, error pages) follow the template's distribution ({@link CloudFrontEdge}).
 * Logs one line per request: method, path without query string, status, duration; nothing else about it.
 */
public final class LocalGateway implements AutoCloseable {

    public static final String API_PREFIX = "/api/";
    /** The gateway's own limit; API Gateway's is 10 MB, the handler enforces the real one. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private record Route(HttpApiRoute route, LocalFunction function) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final StaticSite site;
    private final CloudFrontEdge edge;
    private final List<Route> routes;
    private final PrintStream log;

    private LocalGateway(HttpServer server, ExecutorService executor, StaticSite site, CloudFrontEdge edge,
                         List<Route> routes, PrintStream log) {
        this.server = server;
        this.executor = executor;
        this.site = site;
        this.edge = edge;
        this.routes = routes;
        this.log = log;
    }

    /** Listens on 127.0.0.1:{@code port} (0 for a free port). */
    public static LocalGateway start(int port, StaticSite site, CloudFrontEdge edge, List<LocalFunction> functions,
                                     PrintStream log) throws IOException {
        List<Route> routes = new ArrayList<>();
        for (LocalFunction function : functions) {
            for (HttpApiRoute route : function.definition().routes()) {
                routes.add(new Route(route, function));
            }
        }
        routes.sort(Comparator.comparing(Route::route, HttpApiRoute.MOST_SPECIFIC_FIRST));

        // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, every response
        // then waits for the client's delayed ACK (about 40 ms). Read once, when the server classes first load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "gateway-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        LocalGateway gateway = new LocalGateway(server, executor, site, edge, List.copyOf(routes), log);
        server.createContext("/", gateway::handle);
        server.start();
        return gateway;
    }

    public int port() {
        return server.getAddress().getPort();
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
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        int status = 500;
        try {
            status = rawPath.startsWith(API_PREFIX) ? api(exchange) : file(exchange);
        } catch (Exception e) {
            log.println("[gateway] " + method + " " + rawPath + " failed in the gateway: " + e);
            e.printStackTrace(log);
            status = sendQuietly(exchange, 500, "Internal Server Error", edge.siteResponseHeaders());
        } finally {
            exchange.close();
            log.printf("[gateway] %s %s %d %d ms%n", method, rawPath, status, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private int api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        Optional<Route> route = Optional.empty();
        Map<String, String> pathParameters = Map.of();
        for (Route candidate : routes) {
            Optional<Map<String, String>> match = candidate.route().match(method, uri.getRawPath());
            if (match.isPresent()) {
                route = Optional.of(candidate);
                pathParameters = match.get();
                break;
            }
        }
        if (route.isEmpty()) {
            return message(exchange, 404, "Not Found");
        }
        String contentLength = exchange.getRequestHeaders().getFirst("Content-Length");
        if (contentLength != null && contentLength.matches("\\d{1,18}") && Long.parseLong(contentLength) > MAX_BODY_BYTES) {
            return message(exchange, 413, "Request Entity Too Large");
        }
        byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return message(exchange, 413, "Request Entity Too Large");
        }

        String requestId = HttpApiEvent.newRequestId();
        InetSocketAddress viewer = exchange.getRemoteAddress();
        String viewerIp = viewer.getAddress().getHostAddress();
        HttpApiEvent.Request request = new HttpApiEvent.Request(method, uri.getRawPath(), uri.getRawQuery(),
                exchange.getProtocol(), edge.toApiOrigin(exchange.getRequestHeaders(), viewerIp, viewer.getPort()),
                body, viewerIp, port(), Instant.now());
        byte[] event = JSON.std.asBytes(HttpApiEvent.of(request, route.get().route(), pathParameters, requestId));
        exchange.getResponseHeaders().set("apigw-requestid", requestId);

        LocalFunction function = route.get().function();
        HttpApiResponse response;
        try {
            response = HttpApiResponse.parse(function.invoke(event));
        } catch (HttpApiResponse.MalformedResponse e) {
            log.println("[gateway] " + function.definition().logicalId() + " returned a malformed response: "
                    + e.getMessage());
            return message(exchange, 502, "Internal Server Error");
        } catch (Exception | LinkageError e) {
            // On AWS the runtime logs the function's error and API Gateway answers 502.
            log.println("[gateway] " + function.definition().logicalId() + " failed:");
            e.printStackTrace(log);
            return message(exchange, 502, "Internal Server Error");
        }
        Optional<CloudFrontEdge.ErrorPage> errorPage = edge.errorPage(response.statusCode());
        if (errorPage.isPresent()) {
            return errorPage(exchange, errorPage.get(), edge.apiResponseHeaders());
        }
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> {
            if (!name.equals("content-length") && !name.equals("transfer-encoding") && !name.equals("connection")) {
                headers.put(name, List.copyOf(values));
            }
        });
        return send(exchange, response.statusCode(), response.body(), edge.apiResponseHeaders());
    }

    private int file(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        Map<String, CloudFrontEdge.ResponseHeader> securityHeaders = edge.siteResponseHeaders();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            // The default behaviour allows GET and HEAD only; CloudFront refuses the rest.
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return plain(exchange, 405, "Method Not Allowed", securityHeaders);
        }
        StaticSite.Lookup lookup = site.lookup(exchange.getRequestURI().getRawPath());
        if (lookup instanceof StaticSite.Found found) {
            exchange.getResponseHeaders().set("Content-Type", found.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            return send(exchange, 200, Files.readAllBytes(found.file()), securityHeaders);
        }
        if (lookup instanceof StaticSite.Redirect redirect) {
            exchange.getResponseHeaders().set("Location", redirect.location());
            return plain(exchange, 301, "Moved Permanently", securityHeaders);
        }
        // The bucket answers 403 for a missing key (no s3:ListBucket); the distribution maps that to its error page.
        Optional<CloudFrontEdge.ErrorPage> errorPage = edge.errorPage(403);
        if (errorPage.isPresent()) {
            return errorPage(exchange, errorPage.get(), securityHeaders);
        }
        return errorPage(exchange, new CloudFrontEdge.ErrorPage("/404.html", 404), securityHeaders);
    }

    private int errorPage(HttpExchange exchange, CloudFrontEdge.ErrorPage errorPage,
                          Map<String, CloudFrontEdge.ResponseHeader> securityHeaders) throws IOException {
        exchange.getResponseHeaders().clear();
        Optional<Path> page = site.page(errorPage.pagePath());
        if (page.isEmpty()) {
            return plain(exchange, errorPage.status(), "Not Found", securityHeaders);
        }
        exchange.getResponseHeaders().set("Content-Type", StaticSite.contentType(page.get()));
        return send(exchange, errorPage.status(), Files.readAllBytes(page.get()), securityHeaders);
    }

    /** API Gateway's own answers: {"message":"..."}. */
    private int message(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        return send(exchange, status, JSON.std.asBytes(Map.of("message", message)), edge.apiResponseHeaders());
    }

    private int plain(HttpExchange exchange, int status, String text,
                      Map<String, CloudFrontEdge.ResponseHeader> securityHeaders) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        return send(exchange, status, text.getBytes(StandardCharsets.UTF_8), securityHeaders);
    }

    private int sendQuietly(HttpExchange exchange, int status, String text,
                            Map<String, CloudFrontEdge.ResponseHeader> securityHeaders) {
        try {
            return plain(exchange, status, text, securityHeaders);
        } catch (IOException | RuntimeException alreadySent) {
            return status;
        }
    }

    private int send(HttpExchange exchange, int status, byte[] body,
                     Map<String, CloudFrontEdge.ResponseHeader> securityHeaders) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        securityHeaders.forEach((name, header) -> {
            if (header.override() || !headers.containsKey(name)) {
                headers.set(name, header.value());
            }
        });
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304
                || status < 200;
        if (noBody) {
            if (exchange.getRequestMethod().equals("HEAD") && status != 204 && status != 304) {
                headers.set("Content-Length", Integer.toString(body.length));
            }
            exchange.sendResponseHeaders(status, -1);
            return status;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        try (in) {
            return in.readNBytes(limit);
        }
    }

}
