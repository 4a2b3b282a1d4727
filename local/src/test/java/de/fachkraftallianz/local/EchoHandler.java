package de.fachkraftallianz.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;

import de.fachkraftallianz.Env;

/**
 * A handler for the gateway's tests (echo-template.yaml): answers with the event it received as JSON body. The
 * path parameter {@code mode} picks other answers: "fail" throws, "bare" writes JSON without statusCode, "garbage"
 * writes no JSON, "binary" answers base64, "env" answers with its environment, "forbidden" answers 403.
 */
public final class EchoHandler implements RequestStreamHandler {

    /** Requests of mode "together" that must be in the function at once. */
    static final int TOGETHER_COUNT = 4;
    static final java.util.concurrent.CountDownLatch TOGETHER = new java.util.concurrent.CountDownLatch(TOGETHER_COUNT);

    private final Env env;

    public EchoHandler(Env env) {
        this.env = env;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] eventJson = input.readAllBytes();
        Map<String, Object> event = JSON.std.mapFrom(eventJson);
        Object mode = event.get("pathParameters") instanceof Map<?, ?> parameters ? parameters.get("mode") : null;
        context.getLogger().log("echo " + mode + " in " + context.getFunctionName());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("headers", Map.of("content-type", "application/json", "x-echo", "yes"));
        if ("fail".equals(mode)) {
            throw new IllegalStateException("the echo handler fails on purpose");
        } else if ("bare".equals(mode)) {
            output.write(JSON.std.asBytes(Map.of("bare", true)));
            return;
        } else if ("garbage".equals(mode)) {
            output.write("not json".getBytes());
            return;
        } else if ("binary".equals(mode)) {
            response.put("headers", Map.of("content-type", "application/octet-stream"));
            response.put("body", "AAEC/w==");
            response.put("isBase64Encoded", true);
        } else if ("env".equals(mode)) {
            response.put("body", JSON.std.asString(env.values()));
        } else if ("together".equals(mode)) {
            // Answers whether TOGETHER requests were in the function at the same time (in separate instances).
            TOGETHER.countDown();
            boolean together;
            try {
                together = TOGETHER.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                together = false;
            }
            response.put("body", JSON.std.asString(Map.of("together", together)));
        } else if ("forbidden".equals(mode)) {
            response.put("statusCode", 403);
            response.put("body", "{}");
        } else {
            response.put("multiValueHeaders", Map.of("x-multi", List.of("one", "two")));
            response.put("cookies", List.of("first=1; Path=/", "second=2; Path=/"));
            response.put("body", new String(eventJson, java.nio.charset.StandardCharsets.UTF_8));
        }
        output.write(JSON.std.asBytes(response));
    }
}
