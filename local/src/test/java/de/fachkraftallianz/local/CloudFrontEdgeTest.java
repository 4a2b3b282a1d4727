package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The checkout's template.yaml: what its CloudFront distribution does, as the local gateway reproduces it. */
class CloudFrontEdgeTest {

    private static final CloudFrontEdge EDGE = CloudFrontEdge.fromTemplate(
            CloudFormationTemplate.read(ProjectRoot.find().resolve("template.yaml")), "/api/*");

    private static Map<String, List<String>> viewerHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:3000"));
        headers.put("Content-type", List.of("application/x-www-form-urlencoded"));
        headers.put("Content-length", List.of("12"));
        headers.put("User-agent", List.of("Firefox"));
        headers.put("Cookie", List.of("session=abc"));
        headers.put("X-Something-else", List.of("dropped"));
        headers.put("Cloudfront-viewer-address", List.of("6.6.6.6:1"));
        return headers;
    }

    @Test
    void the_api_gets_only_the_headers_of_the_origin_request_policy() {
        Map<String, List<String>> forwarded = EDGE.toApiOrigin(viewerHeaders(), "127.0.0.1", 50000);
        assertThat(forwarded).containsKeys("host", "content-type", "content-length", "user-agent")
                .doesNotContainKeys("cookie", "x-something-else");
    }

    @Test
    void cloudfront_sets_the_viewer_address_itself_and_a_client_cannot_forge_it() {
        Map<String, List<String>> forwarded = EDGE.toApiOrigin(viewerHeaders(), "127.0.0.1", 50000);
        assertThat(forwarded).containsEntry("cloudfront-viewer-address", List.of("127.0.0.1:50000"));
        assertThat(EDGE.toApiOrigin(Map.of(), "::1", 5).get("cloudfront-viewer-address"))
                .containsExactly("[::1]:5");
    }

    @Test
    void responses_get_the_security_headers_of_the_response_headers_policy() {
        for (Map<String, CloudFrontEdge.ResponseHeader> headers
                : List.of(EDGE.siteResponseHeaders(), EDGE.apiResponseHeaders())) {
            assertThat(headers.get("Content-Security-Policy").value()).startsWith("default-src 'self'; script-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("upgrade-insecure-requests");
            assertThat(headers.get("X-Content-Type-Options").value()).isEqualTo("nosniff");
            assertThat(headers.get("X-Frame-Options").value()).isEqualTo("DENY");
            assertThat(headers.get("Referrer-Policy").value()).isEqualTo("strict-origin-when-cross-origin");
            assertThat(headers).doesNotContainKey("Strict-Transport-Security");
        }
    }

    @Test
    void a_missing_object_shows_the_404_page() {
        assertThat(EDGE.errorPage(403)).contains(new CloudFrontEdge.ErrorPage("/404.html", 404));
        assertThat(EDGE.errorPage(404)).isEmpty();
    }

    @Test
    void upgrade_insecure_requests_is_dropped_for_plain_http() {
        assertThat(CloudFrontEdge.withoutHttpsUpgrade("default-src 'self'; upgrade-insecure-requests; img-src data:"))
                .isEqualTo("default-src 'self'; img-src data:");
    }

    @Test
    void without_a_distribution_everything_passes_and_the_default_security_headers_apply() {
        CloudFrontEdge edge = CloudFrontEdge.fromTemplate(CloudFormationTemplate.parse("Resources: {}"), "/api/*");
        assertThat(edge.toApiOrigin(viewerHeaders(), "127.0.0.1", 1)).containsKeys("cookie", "x-something-else")
                .doesNotContainKey("cloudfront-viewer-address");
        assertThat(edge.siteResponseHeaders()).containsKeys("Content-Security-Policy", "X-Content-Type-Options",
                "Referrer-Policy", "X-Frame-Options");
    }
}
