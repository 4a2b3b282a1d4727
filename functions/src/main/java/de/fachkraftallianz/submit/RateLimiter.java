package de.fachkraftallianz.submit;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code limit} accepted submissions per client per hour, counted in this function instance's memory.
 * It costs no extra DynamoDB call on the hot path; together with the function's reserved concurrency and the
 * HTTP API's throttling it bounds what one client can store. Clients are kept only as a hash of their address.
 */
public final class RateLimiter {

    private static final long WINDOW_MILLIS = 3_600_000;
    private static final int MAX_CLIENTS = 10_000;

    private final int limit;
    private final Clock clock;
    private final Map<String, Deque<Long>> recent = new LinkedHashMap<>();

    public RateLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Counts one submission for the client, unless the client is over its limit. */
    public synchronized boolean tryAcquire(String clientKey) {
        long now = clock.millis();
        Deque<Long> times = recent.computeIfAbsent(clientKey, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MILLIS) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        evictOldest();
        return true;
    }

    private void evictOldest() {
        Iterator<Map.Entry<String, Deque<Long>>> oldest = recent.entrySet().iterator();
        while (recent.size() > MAX_CLIENTS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
