package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import de.fachkraftallianz.Env;
import de.fachkraftallianz.local.LocalScheduler.Schedule;

/** The scheduler's timer invokes the function, as Lambda runs it, with the schedule's input. */
class LocalSchedulerIT {

    static final LinkedBlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();

    /** Records every event it is invoked with. */
    public static final class RecordingHandler implements RequestStreamHandler {
        public RecordingHandler(Env env) {
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            RECEIVED.add(new String(input.readAllBytes(), StandardCharsets.UTF_8));
            output.write("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_due_schedule_invokes_its_function_with_its_input_and_run_does_the_same_at_once() throws Exception {
        RECEIVED.clear();
        SamFunction definition = new SamFunction("Ticker", RecordingHandler.class.getName(), List.of(), Map.of(), 5,
                128, 1);
        LocalFunction function = LocalFunction.load(definition, Map.of());
        Schedule schedule = new Schedule("Ticker", "Tick", "rate(1 minute)", ZoneOffset.UTC, "{\"task\":\"tick\"}");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // Counting from almost a minute ago, the first tick is due in about 200 ms.
        try (LocalScheduler scheduler = LocalScheduler.start(List.of(schedule), Map.of("Ticker", function),
                new PrintStream(log, true, StandardCharsets.UTF_8), true,
                Instant.now().minus(Duration.ofSeconds(60)).plusMillis(200))) {
            assertThat(RECEIVED.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"task\":\"tick\"}");
            assertThat(scheduler.run("Ticker", "Tick")).isEqualTo("{\"ok\":true}");
            assertThat(RECEIVED.poll(1, TimeUnit.SECONDS)).isEqualTo("{\"task\":\"tick\"}");
            assertThat(RECEIVED.poll(300, TimeUnit.MILLISECONDS)).as("the next tick is a minute away").isNull();
        }
        try (LocalScheduler manual = LocalScheduler.start(List.of(schedule), Map.of("Ticker", function),
                System.out, false, Instant.now().minus(Duration.ofSeconds(60)))) {
            assertThat(RECEIVED.poll(500, TimeUnit.MILLISECONDS)).as("timers off: nothing fires by itself").isNull();
            manual.run("Ticker", "Tick");
            assertThat(RECEIVED.poll(1, TimeUnit.SECONDS)).isEqualTo("{\"task\":\"tick\"}");
        }
    }
}
