package de.fachkraftallianz.submit;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code limit} newly stored submissions per client per hour, counted in this function instance's memory.
 * Only what was stored counts: a refused, repeated or failed submission does not use up the limit, so a visitor
 * who retries during an outage is never locked out. It costs no extra DynamoDB call on the hot path; together with
 * the function's reserved concurrency and the HTTP API's throttling it bounds what one client can store. Clients
 * are known only by {@link ClientKey}.
 */
public final class RateLimiter {

    static final long WINDOW_MILLIS = 3_600_000;
    static final int MAX_CLIENTS = 10_000;

    private final int limit;
    private final int maxClients;
    private final Clock clock;
    /** Least recently counted client first. */
    private final Map<String, Deque<Long>> recent = new LinkedHashMap<>(16, 0.75f, true);

    public RateLimiter(int limit, Clock clock) {
        this(limit, MAX_CLIENTS, clock);
    }

    RateLimiter(int limit, int maxClients, Clock clock) {
        this.limit = limit;
        this.maxClients = maxClients;
        this.clock = clock;
    }

    /** Whether the client has used up its limit in the last hour. */
    public synchronized boolean isOverLimit(String clientKey) {
        Deque<Long> times = recent.get(clientKey);
        if (times == null) {
            return false;
        }
        long now = clock.millis();
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MILLIS) {
            times.pollFirst();
        }
        return times.size() >= limit;
    }

    /** Counts one stored submission for the client; forgets the least recently counted clients beyond the bound. */
    public synchronized void record(String clientKey) {
        Deque<Long> times = recent.get(clientKey);
        if (times == null) {
            times = new ArrayDeque<>();
            recent.put(clientKey, times);
        }
        times.addLast(clock.millis());
        Iterator<Map.Entry<String, Deque<Long>>> oldest = recent.entrySet().iterator();
        while (recent.size() > maxClients && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    synchronized int clients() {
        return recent.size();
    }
}
