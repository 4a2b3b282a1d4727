package de.fachkraftallianz;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured log lines (one JSON object per line on stdout, which Lambda sends to CloudWatch). Only ids, form
 * types, outcomes, status codes and durations go in: never what a visitor typed, never an address.
 */
public final class Log {

    private Log() {
    }

    public static void info(String message, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", "INFO");
        line.put("message", message);
        line.putAll(fields);
        System.out.println(Json.write(line));
    }
}
