package de.fachkraftallianz.office.retention;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import de.fachkraftallianz.Env;
import de.fachkraftallianz.Json;
import de.fachkraftallianz.Log;
import de.fachkraftallianz.store.DynamoClients;
import de.fachkraftallianz.store.RetentionSweeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The retention sweeper, run every hour by EventBridge (template.yaml: SweeperFunction; locally by the local stack's
 * scheduler on the same schedule): deletes the submissions whose retention period is over, after ending the matches
 * of requests and offers among them. Logs how many, never which.
 */
public final class SweeperHandler implements RequestStreamHandler {

    /** No further deletion is started with less time left than this. */
    static final long RESERVE_MILLIS = 5_000;

    private final RetentionSweeper sweeper;
    private final Clock clock;

    public SweeperHandler() {
        this(Env.system());
    }

    public SweeperHandler(Env env) {
        this(new RetentionSweeper(DynamoClients.fromEnv(env), env.required("TABLE_NAME")), Clock.systemUTC());
    }

    public SweeperHandler(RetentionSweeper sweeper, Clock clock) {
        this.sweeper = sweeper;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        input.readAllBytes();
        RetentionSweeper.Result result = sweeper.sweep(clock.instant(),
                () -> context == null || context.getRemainingTimeInMillis() > RESERVE_MILLIS);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("deleted", result.deleted());
        fields.put("keptReopened", result.kept());
        fields.put("matchesEnded", result.matchesEnded());
        fields.put("finished", result.finished());
        fields.put("durationMs", (System.nanoTime() - start) / 1_000_000.0);
        Log.info("retention-sweep", fields);
        Json.write(fields, output);
    }
}
