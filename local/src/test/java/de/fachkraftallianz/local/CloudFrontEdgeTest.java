package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The checkout's template.yaml: what its CloudFront distribution does, as the local gateway reproduces it. */
class CloudFrontEdgeTest {

    private static final CloudFormationTemplate TEMPLATE =
            CloudFormationTemplate.read(ProjectRoot.find().resolve("template.yaml"));
    private static final LocalEnvironment ENVIRONMENT = new LocalEnvironment(TEMPLATE, Map.of());
    private static final CloudFrontEdge EDGE = CloudFrontEdge.fromTemplate(TEMPLATE, ENVIRONMENT::resolve);

    private static Map<String, List<String>> viewerHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:3000"));
        headers.put("Content-type", List.of("application/x-www-form-urlencoded"));
        headers.put("Content-length", List.of("12"));
        headers.put("User-agent", List.of("Firefox"));
        headers.put("Cookie", List.of("session=abc; other=1"));
        headers.put("X-Something-else", List.of("dropped"));
        headers.put("Cloudfront-viewer-address", List.of("6.6.6.6:1"));
        headers.put("X-Origin-Verify", List.of("forged"));
        return headers;
    }

    @Test
    void a_request_gets_the_first_behaviour_whose_path_pattern_matches_else_the_default() {
        assertThat(EDGE.behaviourFor("/api/forms/x").toApi()).isTrue();
        assertThat(EDGE.behaviourFor("/api/forms/x").pathPattern()).isEqualTo("/api/*");
        assertThat(EDGE.behaviourFor("/kontakt/").toApi()).isFalse();
        assertThat(EDGE.behaviourFor("/apix").toApi()).as("not under /api/").isFalse();
        assertThat(EDGE.behaviourFor("/").pathPattern()).isEqualTo("*");
    }

    @Test
    void path_patterns_follow_cloudfronts_rules() {
        assertThat(CloudFrontEdge.glob("/api/*").matcher("/api/").matches()).isTrue();
        assertThat(CloudFrontEdge.glob("/api/*").matcher("/api").matches()).isFalse();
        assertThat(CloudFrontEdge.glob("api/*").matcher("/api/x/y").matches()).as("leading slash optional").isTrue();
        assertThat(CloudFrontEdge.glob("*.jpg").matcher("/a/b.jpg").matches()).isTrue();
        assertThat(CloudFrontEdge.glob("/a?c").matcher("/abc").matches()).isTrue();
        assertThat(CloudFrontEdge.glob("/API/*").matcher("/api/x").matches()).as("case-sensitive").isFalse();
    }

    @Test
    void the_api_gets_only_the_headers_of_the_origin_request_policy_and_no_cookies() {
        Map<String, List<String>> forwarded = EDGE.behaviourFor("/api/forms/x").toOrigin(viewerHeaders(), "127.0.0.1", 50000);
        assertThat(forwarded).containsKeys("host", "content-type", "content-length", "user-agent")
                .doesNotContainKeys("cookie", "x-something-else");
    }

    @Test
    void cloudfront_sets_the_viewer_address_and_the_origin_secret_itself_and_a_client_cannot_forge_them() {
        CloudFrontEdge.Behaviour api = EDGE.behaviourFor("/api/forms/x");
        Map<String, List<String>> forwarded = api.toOrigin(viewerHeaders(), "127.0.0.1", 50000);
        assertThat(forwarded).containsEntry("cloudfront-viewer-address", List.of("127.0.0.1:50000"));
        assertThat(api.toOrigin(Map.of(), "::1", 5).get("cloudfront-viewer-address")).containsExactly("[::1]:5");
        String secret = ENVIRONMENT.resolve(Map.of("Fn::Sub",
                "{{resolve:secretsmanager:${OriginVerifySecret}:SecretString}}")).orElseThrow();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32).doesNotContain("resolve");
        assertThat(forwarded.get("x-origin-verify")).containsExactly(secret);
    }

    @Test
    void cookies_reach_an_origin_only_as_its_policy_names_them() {
        CloudFrontEdge edge = CloudFrontEdge.fromTemplate(CloudFormationTemplate.parse("""
                Resources:
                  Distribution:
                    Type: AWS::CloudFront::Distribution
                    Properties:
                      DistributionConfig:
                        Origins:
                          - Id: site
                            S3OriginConfig: {}
                          - Id: api
                            CustomOriginConfig: {}
                        DefaultCacheBehavior:
                          TargetOriginId: site
                        CacheBehaviors:
                          - PathPattern: /intern/*
                            TargetOriginId: api
                            OriginRequestPolicyId: !Ref Session
                          - PathPattern: /api/*
                            TargetOriginId: api
                  Session:
                    Type: AWS::CloudFront::OriginRequestPolicy
                    Properties:
                      OriginRequestPolicyConfig:
                        HeadersConfig:
                          HeaderBehavior: none
                        CookiesConfig:
                          CookieBehavior: whitelist
                          Cookies: [session]
                """), value -> Optional.empty());
        assertThat(edge.behaviourFor("/intern/x").toOrigin(viewerHeaders(), "127.0.0.1", 1).get("cookie"))
                .containsExactly("session=abc");
        assertThat(edge.behaviourFor("/api/x").toOrigin(viewerHeaders(), "127.0.0.1", 1)).doesNotContainKey("cookie");
    }

    @Test
    void responses_get_the_security_headers_of_the_response_headers_policy() {
        for (CloudFrontEdge.Behaviour behaviour : List.of(EDGE.defaultBehaviour(), EDGE.behaviourFor("/api/x"))) {
            Map<String, CloudFrontEdge.ResponseHeader> headers = behaviour.responseHeaders();
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
    void the_site_allows_get_and_head_only_the_api_every_method() {
        assertThat(EDGE.defaultBehaviour().allows("GET")).isTrue();
        assertThat(EDGE.defaultBehaviour().allows("POST")).isFalse();
        assertThat(EDGE.behaviourFor("/api/x").allows("POST")).isTrue();
    }

    @Test
    void a_missing_object_is_asked_of_the_api_through_the_origin_group_and_no_answer_is_replaced() {
        assertThat(EDGE.missingObjectStatus()).isEqualTo(404);
        CloudFrontEdge.Failover failover = EDGE.defaultBehaviour().failover().orElseThrow();
        assertThat(failover.statusCodes()).containsExactly(404);
        assertThat(failover.to().toApi()).isTrue();
        assertThat(failover.to().originHeaders()).containsKey("x-origin-verify");
        assertThat(failover.to().forwardedHeaders()).as("no origin request policy: no viewer headers").contains(java.util.Set.of());
        assertThat(EDGE.behaviourFor("/api/forms/x").failover()).isEmpty();
        // No custom error responses: they would replace the API's and the office's own 404 answers too.
        assertThat(EDGE.errorPage(404)).isEmpty();
        assertThat(EDGE.errorPage(403)).isEmpty();
    }

    @Test
    void upgrade_insecure_requests_is_dropped_for_plain_http() {
        assertThat(CloudFrontEdge.withoutHttpsUpgrade("default-src 'self'; upgrade-insecure-requests; img-src data:"))
                .isEqualTo("default-src 'self'; img-src data:");
    }

    @Test
    void without_a_distribution_everything_passes_and_the_default_security_headers_apply() {
        CloudFrontEdge edge = CloudFrontEdge.fromTemplate(CloudFormationTemplate.parse("Resources: {}"), v -> Optional.empty());
        assertThat(edge.behaviourFor("/api/x").toOrigin(viewerHeaders(), "127.0.0.1", 1))
                .containsKeys("cookie", "x-something-else").doesNotContainKey("cloudfront-viewer-address");
        assertThat(edge.defaultBehaviour().responseHeaders()).containsKeys("Content-Security-Policy",
                "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options");
    }
}
