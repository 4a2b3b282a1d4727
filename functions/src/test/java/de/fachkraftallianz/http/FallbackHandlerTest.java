package de.fachkraftallianz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FallbackHandlerTest {

    private final FallbackHandler handler = new FallbackHandler("secret");

    @ParameterizedTest
    @ValueSource(strings = {"/api/forms/", "/api/forms/x/y", "/api/forms/bedarf-einrichtung/danke/x", "/api/%ZZ"})
    void paths_next_to_the_routes_get_the_german_not_found_page(String path) throws Exception {
        Map<String, Object> response = call(event(path, "text/html", "secret"));
        assertThat(response.get("statusCode")).isEqualTo(404);
        assertThat((String) response.get("body")).contains("<html lang=\"de\"", "Seite nicht gefunden")
                .doesNotContain("Not Found");
    }

    @Test
    void a_script_gets_a_german_message_as_json() throws Exception {
        Map<String, Object> response = call(event("/api/nichts", "application/json", "secret"));
        assertThat(response.get("statusCode")).isEqualTo(404);
        assertThat((String) JSON.std.mapFrom(response.get("body")).get("message")).contains("Seite, die Sie aufrufen wollten, gibt es nicht");
    }

    /** The distribution's origin group asks the API for a key the site bucket lacks: the same page, with ways on. */
    @ParameterizedTest
    @ValueSource(strings = {"/gibt-es-nicht/index.html", "/kontakt/alt.html", "/favicon.png"})
    void a_page_the_site_lacks_gets_the_not_found_page_with_the_ways_on(String path) throws Exception {
        Map<String, Object> response = call(event(path, "text/html", "secret"));
        assertThat(response.get("statusCode")).isEqualTo(404);
        String body = (String) response.get("body");
        assertThat(body).contains("<title>Seite nicht gefunden", "<h1>Seite nicht gefunden</h1>");
        String content = body.substring(body.indexOf("<h1>"));
        for (String way : java.util.List.of("/", "/hilfe-anfragen/einrichtungen/", "/hilfe-anfragen/pflegefamilien/",
                "/fachkraefte-anbieten/", "/virtuelle-angebote/", "/kontakt/", "/formulare/barriere-melden/")) {
            assertThat(content).as(path).contains("<a href=\"" + way + "\">");
        }
    }

    @Test
    void a_request_that_bypassed_the_distribution_is_refused_in_german() throws Exception {
        Map<String, Object> response = call(event("/api/nichts", "text/html", "wrong"));
        assertThat(response.get("statusCode")).isEqualTo(403);
        assertThat((String) response.get("body")).contains("nur über die Internetseite");
    }

    private Map<String, Object> call(Map<String, Object> event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.std.asBytes(event)), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }

    private static Map<String, Object> event(String path, String accept, String originSecret) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("headers", Map.of("accept", accept, HttpFunction.ORIGIN_HEADER, originSecret));
        event.put("requestContext", Map.of("routeKey", "$default", "requestId", "r",
                "http", Map.of("method", "GET", "path", path, "sourceIp", "198.51.100.23")));
        event.put("isBase64Encoded", false);
        return event;
    }
}
