package de.fachkraftallianz.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a request's one log line, filled as the request goes: ids, route, form, outcome, status, duration.
 * Never a value a person typed and never an address (see {@link de.fachkraftallianz.Log}).
 */
public final class RequestLog {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public RequestLog put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    public RequestLog outcome(String outcome) {
        return put("outcome", outcome);
    }

    public Object get(String name) {
        return fields.get(name);
    }

    public Map<String, Object> fields() {
        return fields;
    }
}
