package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpApiRouteTest {

    private final HttpApiRoute form = HttpApiRoute.of("ANY", "/api/forms/{formId}");
    private final HttpApiRoute thanks = HttpApiRoute.of("get", "/api/forms/{formId}/danke");

    @Test
    void a_variable_segment_becomes_a_path_parameter() {
        assertThat(form.match("POST", "/api/forms/kontakt")).contains(Map.of("formId", "kontakt"));
        assertThat(thanks.match("GET", "/api/forms/kontakt/danke")).contains(Map.of("formId", "kontakt"));
    }

    @Test
    void path_parameters_are_percent_decoded_but_plus_stays() {
        assertThat(form.match("GET", "/api/forms/a%20b+c")).contains(Map.of("formId", "a b+c"));
    }

    @Test
    void the_method_must_match_unless_the_route_says_any() {
        assertThat(thanks.match("POST", "/api/forms/kontakt/danke")).isEmpty();
        assertThat(form.match("DELETE", "/api/forms/kontakt")).isPresent();
    }

    @Test
    void segment_count_and_literals_must_match() {
        assertThat(form.match("GET", "/api/forms")).isEmpty();
        assertThat(form.match("GET", "/api/forms/")).isEmpty();
        assertThat(form.match("GET", "/api/forms/a/b")).isEmpty();
        assertThat(form.match("GET", "/api/other/a")).isEmpty();
    }

    @Test
    void a_greedy_variable_takes_the_rest_of_the_path() {
        HttpApiRoute greedy = HttpApiRoute.of("ANY", "/api/files/{proxy+}");
        assertThat(greedy.match("GET", "/api/files/a/b%2Fc")).contains(Map.of("proxy", "a/b/c"));
        assertThat(greedy.match("GET", "/api/files/")).isEmpty();
    }

    @Test
    void route_keys_read_as_in_the_event() {
        assertThat(form.routeKey()).isEqualTo("ANY /api/forms/{formId}");
        assertThat(thanks.routeKey()).isEqualTo("GET /api/forms/{formId}/danke");
        assertThat(HttpApiRoute.defaultRoute().routeKey()).isEqualTo("$default");
    }

    @Test
    void literals_beat_variables_beat_greedy_and_a_named_method_beats_any() {
        HttpApiRoute literal = HttpApiRoute.of("ANY", "/api/forms/special");
        HttpApiRoute getForm = HttpApiRoute.of("GET", "/api/forms/{formId}");
        HttpApiRoute greedy = HttpApiRoute.of("ANY", "/api/{proxy+}");
        List<HttpApiRoute> routes = new ArrayList<>(List.of(HttpApiRoute.defaultRoute(), greedy, form, getForm, literal));
        routes.sort(HttpApiRoute.MOST_SPECIFIC_FIRST);
        assertThat(routes).containsExactly(literal, getForm, form, greedy, routes.get(4));
        assertThat(routes.get(4).routeKey()).isEqualTo("$default");
    }
}
