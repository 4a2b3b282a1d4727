package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.jr.ob.JSON;

/**
 * The gateway over real HTTP with the echo handler (echo-template.yaml) and a small site: the payload 2.0 event a
 * handler gets, how its answers reach the browser, and the static site's rules.
 */
class GatewayIT {

    private static final Path RESOURCES = Path.of("src/test/resources").toAbsolutePath();
    private static LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults()
                .withTemplate(RESOURCES.resolve("echo-template.yaml"))
                .withSiteDir(RESOURCES.resolve("site"))
                .withEnv("LIMIT", "3"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(stack.uri(path)));
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> json(HttpResponse<byte[]> response) throws IOException {
        return JSON.std.mapFrom(response.body());
    }

    // --- the event ---

    @Test
    void a_form_post_reaches_the_handler_as_a_payload_2_event() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(stack.uri("/api/echo/plain?x=1&x=2&ref=A%20B"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "first=1; second=2")
                .header("X-Mixed-Case", "yes")
                .POST(HttpRequest.BodyPublishers.ofString("name=J%C3%BCrgen&ok=1")));

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> event = json(response);
        assertThat(event).containsEntry("version", "2.0")
                .containsEntry("routeKey", "ANY /api/echo/{mode}")
                .containsEntry("rawPath", "/api/echo/plain")
                .containsEntry("rawQueryString", "x=1&x=2&ref=A%20B")
                .containsEntry("isBase64Encoded", true)
                .containsEntry("cookies", List.of("first=1", "second=2"));
        assertThat(new String(Base64.getDecoder().decode((String) event.get("body")), StandardCharsets.UTF_8))
                .isEqualTo("name=J%C3%BCrgen&ok=1");
        assertThat(map(event.get("pathParameters"))).isEqualTo(Map.of("mode", "plain"));
        assertThat(map(event.get("queryStringParameters"))).isEqualTo(Map.of("x", "1,2", "ref", "A B"));
        assertThat(map(event.get("headers")))
                .containsEntry("x-mixed-case", "yes")
                .containsEntry("content-type", "application/x-www-form-urlencoded")
                .containsEntry("host", "127.0.0.1:" + stack.port())
                .containsKey("cloudfront-viewer-address")
                .doesNotContainKey("cookie");
        Map<String, Object> http = map(map(event.get("requestContext")).get("http"));
        assertThat(http).containsEntry("method", "POST").containsEntry("path", "/api/echo/plain")
                .containsEntry("sourceIp", "127.0.0.1");
        assertThat(map(event.get("requestContext")).get("requestId"))
                .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
    }

    @Test
    void a_json_post_arrives_as_text() throws Exception {
        Map<String, Object> event = json(send(HttpRequest.newBuilder(stack.uri("/api/echo/plain"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Jürgen\"}"))));
        assertThat(event).containsEntry("isBase64Encoded", false).containsEntry("body", "{\"name\":\"Jürgen\"}");
    }

    @Test
    void the_most_specific_route_wins_and_its_key_is_in_the_event() throws Exception {
        assertThat(json(get("/api/echo/x/details"))).containsEntry("routeKey", "GET /api/echo/{mode}/details");
        Map<String, Object> greedy = json(send(HttpRequest.newBuilder(stack.uri("/api/files/a/b.txt"))
                .POST(HttpRequest.BodyPublishers.noBody())));
        assertThat(map(greedy.get("pathParameters"))).isEqualTo(Map.of("proxy", "a/b.txt"));
    }

    @Test
    void without_a_matching_route_api_gateway_answers_404_json() throws Exception {
        for (HttpRequest.Builder request : List.of(HttpRequest.newBuilder(stack.uri("/api/unknown")),
                HttpRequest.newBuilder(stack.uri("/api/echo/x/details")).POST(HttpRequest.BodyPublishers.noBody()))) {
            HttpResponse<byte[]> response = send(request);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            assertThat(text(response)).isEqualTo("{\"message\":\"Not Found\"}");
        }
    }

    @Test
    void the_handler_gets_the_templates_environment_resolved_for_local_use() throws Exception {
        Map<String, Object> env = json(get("/api/echo/env"));
        assertThat(env)
                .containsEntry("TABLE_NAME", stack.tableName())
                .containsEntry("LIMIT", "3")
                .containsEntry("GREETING", "hello from eu-central-1")
                .containsEntry("FROM_GLOBALS", "yes")
                .containsEntry("DYNAMODB_ENDPOINT", stack.dynamoDbEndpoint().toString())
                .containsEntry("AWS_REGION", "eu-central-1")
                .doesNotContainKey("JAVA_TOOL_OPTIONS");
    }

    // --- the handler's answers ---

    @Test
    void status_headers_multi_value_headers_and_cookies_reach_the_browser() throws Exception {
        HttpResponse<byte[]> response = get("/api/echo/plain");
        assertThat(response.headers().firstValue("x-echo")).contains("yes");
        assertThat(response.headers().allValues("x-multi")).containsExactly("one", "two");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("first=1; Path=/", "second=2; Path=/");
        assertThat(response.headers().firstValue("content-security-policy")).contains("default-src 'self'");
    }

    @Test
    void a_base64_answer_is_sent_as_bytes() throws Exception {
        assertThat(get("/api/echo/binary").body()).containsExactly(0, 1, 2, 255);
    }

    @Test
    void json_without_status_code_is_a_200_with_that_json() throws Exception {
        HttpResponse<byte[]> response = get("/api/echo/bare");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(text(response)).isEqualTo("{\"bare\":true}");
    }

    @Test
    void a_handler_that_throws_or_writes_garbage_gives_api_gateways_502() throws Exception {
        for (String mode : List.of("fail", "garbage")) {
            HttpResponse<byte[]> response = get("/api/echo/" + mode);
            assertThat(response.statusCode()).as(mode).isEqualTo(502);
            assertThat(text(response)).isEqualTo("{\"message\":\"Internal Server Error\"}");
        }
    }

    @Test
    void a_403_from_the_origin_shows_the_error_page_of_the_distribution() throws Exception {
        HttpResponse<byte[]> response = get("/api/echo/forbidden");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).contains("Seite nicht gefunden");
    }

    @Test
    void a_body_up_to_api_gateways_limit_reaches_the_function_whole() throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        Map<String, Object> event = json(send(HttpRequest.newBuilder(stack.uri("/api/echo/plain"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(body))));
        assertThat(((String) event.get("body")).length()).isEqualTo(body.length);
    }

    /** As API Gateway does over its 10 MB limit; the body is read first, so the client gets the answer, not a reset. */
    @Test
    void a_body_over_api_gateways_limit_is_read_then_refused_at_the_gateway() throws Exception {
        byte[] body = new byte[LocalGateway.MAX_BODY_BYTES + 1];
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stack.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/echo/plain HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").endsWith("{\"message\":\"Request Entity Too Large\"}");
        }
    }

    /** Lambda runs a function in up to its reserved concurrency of instances, each one request at a time. */
    @Test
    void requests_run_in_parallel_instances_of_the_function() throws Exception {
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(
                EchoHandler.TOGETHER_COUNT);
        try {
            List<java.util.concurrent.Future<HttpResponse<byte[]>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < EchoHandler.TOGETHER_COUNT; i++) {
                answers.add(clients.submit(() -> get("/api/echo/together")));
            }
            for (java.util.concurrent.Future<HttpResponse<byte[]>> answer : answers) {
                assertThat(json(answer.get())).containsEntry("together", true);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(stack.instances("EchoFunction")).isGreaterThanOrEqualTo(EchoHandler.TOGETHER_COUNT);
    }

    @Test
    void a_connection_that_stays_silent_is_closed_after_the_idle_timeout() throws Exception {
        try (LocalStack quick = LocalStack.start(LocalStack.Options.defaults()
                .withTemplate(RESOURCES.resolve("echo-template.yaml")).withSiteDir(RESOURCES.resolve("site"))
                .withIdleTimeout(java.time.Duration.ofMillis(300)));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), quick.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            byte[] rest = socket.getInputStream().readAllBytes();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("closed by the gateway, not by the test's 5 s read timeout").isLessThan(4_000);
            assertThat(new String(rest, StandardCharsets.UTF_8)).doesNotContain("Startseite");
        }
    }

    // --- the static site ---

    @Test
    void pages_are_served_with_the_security_headers() throws Exception {
        HttpResponse<byte[]> response = get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("Startseite");
        assertThat(response.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("content-security-policy")).contains("default-src 'self'");
        assertThat(response.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(response.headers().firstValue("x-frame-options")).contains("DENY");
        assertThat(response.headers().firstValue("referrer-policy")).contains("strict-origin-when-cross-origin");
        assertThat(get("/css/site.css").headers().firstValue("content-type")).contains("text/css; charset=utf-8");
    }

    @Test
    void a_directory_without_slash_redirects_to_the_slash_form() throws Exception {
        HttpResponse<byte[]> response = get("/kontakt?x=1");
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("location")).contains("/kontakt/");
        assertThat(text(get("/kontakt/"))).contains("Kontakt");
    }

    @Test
    void an_unknown_path_gets_the_sites_404_page() throws Exception {
        HttpResponse<byte[]> response = get("/nothing-here.html");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).contains("Seite nicht gefunden");
        assertThat(response.headers().firstValue("content-security-policy")).isPresent();
    }

    @Test
    void head_answers_with_the_length_and_without_a_body() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(stack.uri("/css/site.css"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-length")).contains("20");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void other_methods_on_the_site_are_not_allowed() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(stack.uri("/index.html"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET, HEAD");
    }

    @Test
    void traversal_out_of_the_site_is_blocked_whatever_the_client_sends() throws Exception {
        for (String path : List.of("/../echo-template.yaml", "/%2e%2e/echo-template.yaml",
                "/css/..%2f..%2fecho-template.yaml", "/..%5cecho-template.yaml")) {
            String answer = rawGet(path);
            assertThat(answer).as(path).matches("(?s)HTTP/1.1 40[04] .*").doesNotContain("AWSTemplateFormatVersion");
        }
    }

    /** A request sent byte for byte: HTTP clients would normalise the path first. */
    private static String rawGet(String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stack.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_base_url_is_the_loopback_address() {
        assertThat(stack.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + stack.port()));
    }
}
