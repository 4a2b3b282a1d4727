package de.fachkraftallianz.local;

import static de.fachkraftallianz.local.CloudFormationTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.jr.ob.JSON;

import de.fachkraftallianz.http.UrlEncoding;

/**
 * The template's PrettyUrlsFunction, run as CloudFront runs it (its own JavaScript, in Node.js), next to the local
 * stack's StaticSite on the same paths: both must give the same answer for every one, and neither may turn a path
 * into a redirect to another host.
 */
class PrettyUrlsFunctionIT {

    /** Ordinary pages, and the paths an attacker tries. */
    static final List<String> PATHS = List.of(
            "/", "/kontakt", "/kontakt/", "/kontakt/index.html", "/assets/site.css", "/missing", "/missing/",
            "/missing.html", "/dir.with.dot/page", "/Gr%C3%BC%C3%9Fe", "/.hidden",
            "//evil.example.com/x", "//evil.example.com", "//evil.example.com/x/", "///evil.example.com/x",
            "/\\evil.example.com/x", "/\\\\evil.example.com/x", "/%2F%2Fevil.example.com/x", "/%2f/evil.example.com",
            "/%5Cevil.example.com/x", "/%5cevil.example.com", "/kontakt//", "/a//b", "/a/../kontakt", "/./kontakt",
            "/kontakt/%2e%2e", "/%2e%2e/x", "/x%00y", "/%ZZ", "/%C3%28", "/x%", "/%E2%80%AEtxt.exe");

    @TempDir
    static Path site;
    private static StaticSite staticSite;

    @BeforeAll
    static void fixture() throws Exception {
        Files.writeString(site.resolve("index.html"), "start");
        Files.createDirectories(site.resolve("kontakt"));
        Files.writeString(site.resolve("kontakt/index.html"), "kontakt");
        Files.createDirectories(site.resolve("assets"));
        Files.writeString(site.resolve("assets/site.css"), "css");
        Files.writeString(site.resolve("404.html"), "404");
        staticSite = new StaticSite(site);
    }

    @Test
    void the_edge_function_and_the_local_site_agree_on_every_path() throws Exception {
        List<Map<String, Object>> edge = runEdgeFunction(PATHS);
        for (int i = 0; i < PATHS.size(); i++) {
            String path = PATHS.get(i);
            Map<String, Object> answer = edge.get(i);
            StaticSite.Lookup local = staticSite.lookup(path);
            if (answer.containsKey("redirect")) {
                assertThat(local).as(path).isEqualTo(new StaticSite.Redirect((String) answer.get("redirect")));
            } else {
                assertThat(local).as(path + " (edge passes " + answer.get("uri") + " to the bucket)")
                        .isEqualTo(bucket((String) answer.get("uri")));
            }
        }
    }

    @Test
    void no_path_becomes_a_redirect_to_another_host() throws Exception {
        for (Map<String, Object> answer : runEdgeFunction(PATHS)) {
            Object location = answer.get("redirect");
            if (location != null) {
                String target = (String) location;
                assertThat(target).as("a path on this site").startsWith("/").doesNotStartWith("//")
                        .doesNotStartWith("/\\").doesNotContain("\\");
                assertThat(java.net.URI.create("https://site.example").resolve(target.replace("%", "%25")).getHost())
                        .isEqualTo("site.example");
            }
        }
    }

    @Test
    void the_known_open_redirects_are_closed() throws Exception {
        List<Map<String, Object>> edge = runEdgeFunction(List.of("//evil.example.com/x", "/\\evil.example.com/x"));
        assertThat(edge).allSatisfy(answer -> assertThat(answer).doesNotContainKey("redirect"));
    }

    /** What the S3 bucket answers for a URI the edge passes on: the object of that (decoded, literal) key, or none. */
    private static StaticSite.Lookup bucket(String uri) {
        String key;
        try {
            key = UrlEncoding.decodePathStrict(uri).substring(1);
        } catch (UrlEncoding.MalformedException e) {
            return new StaticSite.NotFound();
        }
        // The baked site has no key with a backslash, NUL, empty or dot segments: such a key is always missing.
        boolean plain = !key.isEmpty() && !key.contains("\\") && key.indexOf('\u0000') < 0
                && List.of(key.split("/", -1)).stream().noneMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."));
        if (plain && Files.isRegularFile(site.resolve(key))) {
            return new StaticSite.Found(site.resolve(key), StaticSite.contentType(site.resolve(key)));
        }
        return new StaticSite.NotFound();
    }

    /** Runs the function's code from template.yaml in Node.js on each path, as a viewer-request event. */
    private static List<Map<String, Object>> runEdgeFunction(List<String> paths) throws Exception {
        CloudFormationTemplate template = CloudFormationTemplate.read(ProjectRoot.find().resolve("template.yaml"));
        String code = (String) map(template.resource("PrettyUrlsFunction").get("Properties"), "Properties")
                .get("FunctionCode");
        Path script = Files.createTempFile(site, "edge", ".js");
        Files.writeString(script, code + """

                const paths = JSON.parse(require('fs').readFileSync(0, 'utf8'));
                const answers = paths.map((uri) => {
                  const result = handler({ version: '1.0', request: { method: 'GET', uri: uri, querystring: {},
                    headers: {}, cookies: {} } });
                  return result.statusCode ? { status: result.statusCode, redirect: result.headers.location.value }
                    : { uri: result.uri };
                });
                process.stdout.write(JSON.stringify(answers));
                """);
        Process node = new ProcessBuilder("node", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        node.getOutputStream().write(JSON.std.asBytes(paths));
        node.getOutputStream().close();
        byte[] output = node.getInputStream().readAllBytes();
        assertThat(node.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("node " + script).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> answers = (List<Map<String, Object>>) (List<?>) JSON.std.listFrom(
                new String(output, StandardCharsets.UTF_8));
        assertThat(answers).hasSameSizeAs(paths);
        answers.forEach(a -> assertThat(Optional.ofNullable(a.get("status"))).isIn(Optional.empty(), Optional.of(301)));
        return answers;
    }
}
