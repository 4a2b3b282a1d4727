package de.fachkraftallianz.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import de.fachkraftallianz.Env;
import de.fachkraftallianz.Json;
import de.fachkraftallianz.site.DirectoryKit;
import de.fachkraftallianz.site.DirectorySync;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The publisher's S3 and CloudFront calls, made by the real SDK clients against a local HTTP server that answers as
 * the services do (there is no local S3 or CloudFront): which requests go out, for which keys, and how the answers
 * are read. And the publisher refuses to run on AWS with the kit of a local bake.
 */
class AwsClientsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    record Request(String method, String path, String query, Map<String, String> headers, String body) {
    }

    private HttpServer server;
    private final List<Request> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] received = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            if (headers.getOrDefault("content-encoding", "").contains("aws-chunked")) {
                received = unchunk(received);
            }
            String body = new String(received, StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers,
                    body);
            synchronized (requests) {
                requests.add(request);
            }
            String answer = "";
            int status = 200;
            if (request.method().equals("GET") && request.query() != null && request.query().contains("list-type=2")) {
                answer = """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                          <Name>site</Name><Prefix>virtuelle-angebote/</Prefix><KeyCount>2</KeyCount>
                          <MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
                          <Contents><Key>virtuelle-angebote/index.html</Key><ETag>&quot;0cc175b9c0f1b6a831c399e269772661&quot;</ETag><Size>1</Size></Contents>
                          <Contents><Key>virtuelle-angebote/alt/index.html</Key><ETag>"92eb5ffee6ae2fec3ad71c777531578f"</ETag><Size>1</Size></Contents>
                        </ListBucketResult>""";
            } else if (request.method().equals("PUT")) {
                exchange.getResponseHeaders().add("ETag", "\"x\"");
            } else if (request.method().equals("POST") && request.query() != null && request.query().contains("delete")) {
                answer = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></DeleteResult>";
            } else if (request.path().contains("/invalidation")) {
                status = 201;
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1/invalidation/I1");
                answer = "<?xml version=\"1.0\"?><Invalidation xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                        + "<Id>I1</Id><Status>InProgress</Status><CreateTime>2026-04-20T10:00:00Z</CreateTime>"
                        + "<InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/x</Path></Items></Paths>"
                        + "<CallerReference>c</CallerReference></InvalidationBatch></Invalidation>";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    /**
     * Over plain HTTP the SDK signs the payload chunk by chunk ({@code aws-chunked}: "size;chunk-signature=…" CRLF
     * data CRLF …, ending with a chunk of size 0); S3 stores the data alone, so the test reads it the same way.
     */
    static byte[] unchunk(byte[] body) {
        String bytes = new String(body, StandardCharsets.ISO_8859_1); // one char per byte: sizes count bytes
        StringBuilder data = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = bytes.indexOf("\r\n", at);
            int size = Integer.parseInt(bytes.substring(at, lineEnd).split(";", 2)[0], 16);
            if (size == 0) {
                return data.toString().getBytes(StandardCharsets.ISO_8859_1);
            }
            data.append(bytes, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private S3Client s3() {
        return S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true).region(Region.EU_CENTRAL_1)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void the_bucket_is_listed_below_the_directory_written_with_content_types_and_deleted_in_one_batch() {
        S3SiteStorage storage = new S3SiteStorage(s3(), "site");

        Map<String, String> listed = storage.list("virtuelle-angebote/");
        storage.put("virtuelle-angebote/k7qm-4xrt/index.html", "<!DOCTYPE html>".getBytes(StandardCharsets.UTF_8),
                DirectorySync.contentType("virtuelle-angebote/k7qm-4xrt/index.html"));
        storage.delete(List.of("virtuelle-angebote/alt/index.html", "virtuelle-angebote/seite/9/index.html"));

        assertThat(listed).containsExactly(Map.entry("virtuelle-angebote/alt/index.html",
                "92eb5ffee6ae2fec3ad71c777531578f"), Map.entry("virtuelle-angebote/index.html",
                "0cc175b9c0f1b6a831c399e269772661"));
        assertThat(requests.get(0).path()).isEqualTo("/site");
        assertThat(requests.get(0).query()).contains("prefix=virtuelle-angebote%2F");
        Request put = requests.get(1);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/site/virtuelle-angebote/k7qm-4xrt/index.html");
        assertThat(put.headers()).containsEntry("content-type", "text/html; charset=utf-8");
        assertThat(put.body()).isEqualTo("<!DOCTYPE html>");
        Request delete = requests.get(2);
        assertThat(delete.method()).isEqualTo("POST");
        assertThat(delete.body()).contains("<Key>virtuelle-angebote/alt/index.html</Key>",
                "<Key>virtuelle-angebote/seite/9/index.html</Key>", "<Quiet>true</Quiet>");
        assertThat(requests).hasSize(3);
    }

    @Test
    void the_distribution_is_asked_to_forget_exactly_the_given_paths() {
        CloudFrontClient cloudFront = CloudFrontClient.builder().endpointOverride(endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();

        new CloudFrontInvalidation(cloudFront, "E2EXAMPLE").invalidate(List.of("/virtuelle-angebote/index.html",
                "/virtuelle-angebote/k7qm-4xrt/index.html"));

        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/2020-05-31/distribution/E2EXAMPLE/invalidation");
            assertThat(r.body()).contains("<Quantity>2</Quantity>", "<Path>/virtuelle-angebote/index.html</Path>",
                    "<Path>/virtuelle-angebote/k7qm-4xrt/index.html</Path>", "<CallerReference>");
        });
    }

    @Test
    void on_aws_the_publisher_refuses_the_kit_of_a_local_bake_and_takes_a_releases(@TempDir Path dir) throws IOException {
        Path localKit = ROOT.resolve("site/target/directory-kit");
        Map<String, String> aws = new LinkedHashMap<>(Map.of("TABLE_NAME", "t", "SITE_BUCKET", "site",
                "DISTRIBUTION_ID", "E2EXAMPLE", "AWS_REGION", "eu-central-1", "AWS_ACCESS_KEY_ID", "a",
                "AWS_SECRET_ACCESS_KEY", "b"));
        aws.put("DIRECTORY_KIT", localKit.toString());
        assertThatThrownBy(() -> new PublisherFunction(new Env(aws)))
                .hasMessageContaining("carries the kit of a local bake");

        Path releaseKit = dir.resolve("kit");
        try (Stream<Path> files = Files.walk(localKit)) {
            for (Path p : files.toList()) {
                Path target = releaseKit.resolve(localKit.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) Json.read(Files.readAllBytes(releaseKit.resolve("kit.json")));
        context.put("mode", "release");
        context.put("examples", List.of());
        Files.writeString(releaseKit.resolve("kit.json"), Json.write(context));
        aws.put("DIRECTORY_KIT", releaseKit.toString());
        assertThat(DirectoryKit.fromDirectory(releaseKit).release()).isTrue();
        assertThat(new PublisherFunction(new Env(aws))).isNotNull();
    }
}
