package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.store.DynamoClients;
import de.fachkraftallianz.web.Html;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The table hangs (the local DynamoDB-compatible server is stopped with SIGSTOP, so connections open but nothing
 * answers): the visitor must get the German 503 with everything typed kept, within the function's own time limits
 * and long before Lambda would kill the function (10 s), and the log must say what happened.
 */
class StoreOutageIT {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final LocalDate today = LocalDate.now(Validator.ZONE);
    private LocalStack stack;

    @BeforeEach
    void start() {
        stack = LocalStack.start(LocalStack.Options.defaults().withEnv("RATE_LIMIT_PER_HOUR", "1"));
    }

    @AfterEach
    void stop() throws Exception {
        signal("CONT");
        stack.close();
    }

    @Test
    void a_hanging_table_gets_the_visitor_a_german_503_with_the_input_within_a_few_seconds() throws Exception {
        Map<String, List<String>> values = Samples.values("hilfe-pflegefamilie", today);
        PrintStream original = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        HttpResponse<String> response;
        long millis;
        signal("STOP");
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            long start = System.nanoTime();
            response = post(Samples.urlEncoded(values));
            millis = (System.nanoTime() - start) / 1_000_000;
        } finally {
            System.setOut(original);
            signal("CONT");
        }
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("nicht gespeichert", "value=\"Max Mustermann\"")
                .contains(Html.escape(values.get("beschreibung").get(0))).doesNotContain("Vorgangsnummer");
        assertThat(millis).as("answered by the function's own time limit (call timeout %s), far inside Lambda's 10 s",
                DynamoClients.CALL_TIMEOUT).isLessThan(DynamoClients.CALL_TIMEOUT.toMillis() + 2_500);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"store-unavailable\"")
                .doesNotContain("\"outcome\":\"duplicate\"").doesNotContain("Max Mustermann");
    }

    @Test
    void failed_saves_during_an_outage_do_not_use_up_the_rate_limit() throws Exception {
        signal("STOP");
        try {
            assertThat(post(Samples.urlEncoded(variant("Anna A."))).statusCode()).isEqualTo(503);
        } finally {
            signal("CONT");
        }
        // Limit 1 per hour: the failed attempt must not have used it.
        HttpResponse<String> next = post(Samples.urlEncoded(variant("Berta B.")));
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(post(Samples.urlEncoded(variant("Clara C."))).statusCode()).as("now the one stored counts")
                .isEqualTo(429);
    }

    private Map<String, List<String>> variant(String name) {
        Map<String, List<String>> values = new LinkedHashMap<>(Samples.values("hilfe-pflegefamilie", today));
        values.put("name", List.of(name));
        return values;
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(stack.uri("/api/forms/hilfe-pflegefamilie"))
                        .timeout(Duration.ofSeconds(20))
                        .header("content-type", "application/x-www-form-urlencoded").header("accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.ofString(body + "&_schritt=absenden")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Stops or continues the local DynamoDB-compatible server (kill -STOP / -CONT), children included. */
    private void signal(String signal) throws Exception {
        List<ProcessHandle> processes = new java.util.ArrayList<>();
        processes.add(stack.dynamoDbProcess());
        stack.dynamoDbProcess().descendants().forEach(processes::add);
        for (ProcessHandle process : processes) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            assertThat(kill.waitFor()).as("kill -" + signal).isZero();
        }
    }
}
