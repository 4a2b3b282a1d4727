package de.fachkraftallianz.bench;

import de.fachkraftallianz.Env;
import de.fachkraftallianz.Json;
import de.fachkraftallianz.http.HttpFunction;
import de.fachkraftallianz.office.OfficeHandler;
import de.fachkraftallianz.office.auth.Cookies;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An export through the office handler in a fresh JVM with a small heap, writing to nowhere, while a sampler records
 * the most heap in use: run with a form of 1,000 and one of 10,000 rows, the two peaks show whether memory grows
 * with the rows. Prints {@code <peak bytes> <response bytes>}. Usage: {@code ExportHeapProbe <endpoint> <table>
 * <session> <formId>}
 */
public final class ExportHeapProbe {

    private ExportHeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TABLE_NAME", args[1]);
        env.put("AWS_REGION", "eu-central-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("DYNAMODB_ENDPOINT", args[0]);
        env.put(HttpFunction.ORIGIN_SECRET_ENV, ColdStartProbe.ORIGIN_SECRET);
        env.put("SITE_URL", "http://127.0.0.1:1");
        env.put("OIDC_ISSUER", "http://127.0.0.1:1/pool");
        env.put("OIDC_LOGIN_BASE", "http://127.0.0.1:1");
        env.put("OIDC_CLIENT_ID", "bench");
        env.put("OIDC_CLIENT_SECRET", "bench");
        OfficeHandler handler = new OfficeHandler(new Env(env));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        System.gc();
        sampler.start();
        Counting nowhere = new Counting();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event(args[2], args[3]))
                .getBytes(StandardCharsets.UTF_8)), nowhere, null);
        sampler.interrupt();
        sampler.join();
        System.out.println(peak.get() + " " + nowhere.written);
    }

    /** Counts what is written and keeps nothing. */
    static final class Counting extends OutputStream {
        long written;

        @Override
        public void write(int b) {
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            written += len;
        }
    }

    static Map<String, Object> event(String session, String formId) {
        Map<String, Object> http = Map.of("method", "GET", "path", "/intern/export", "protocol", "HTTP/1.1",
                "sourceIp", "127.0.0.1", "userAgent", "bench");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", OfficeHandler.EXPORT);
        event.put("rawPath", "/intern/export");
        event.put("rawQueryString", "formular=" + formId);
        event.put("queryStringParameters", Map.of("formular", formId));
        event.put("cookies", List.of(Cookies.SESSION + "=" + session));
        event.put("headers", Map.of("accept", "text/csv", HttpFunction.ORIGIN_HEADER, ColdStartProbe.ORIGIN_SECRET));
        event.put("requestContext", Map.of("http", http, "requestId", UUID.randomUUID().toString(),
                "routeKey", OfficeHandler.EXPORT, "stage", "$default"));
        event.put("isBase64Encoded", false);
        return event;
    }
}
