package de.fachkraftallianz.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import de.fachkraftallianz.Json;
import de.fachkraftallianz.Log;
import de.fachkraftallianz.http.ApiRequest.MalformedRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.crac.Core;
import org.crac.Resource;

/**
 * The one request path every function shares: read the payload 2.0 event, check that it came through the site's
 * CloudFront distribution, hand it to {@link #handle} by route key, write one log line, answer a failure in German
 * (400 for an event that cannot be read, 500 for anything unexpected) and take part in SnapStart.
 *
 * <p>A function declares the route keys of template.yaml it serves ({@link #routeKeys()}, checked against the
 * template) and dispatches on {@link ApiRequest#routeKey()}, never on the path.
 */
public abstract class HttpFunction implements RequestStreamHandler, Resource {

    /** The header CloudFront adds to every request for the API origin; its value is the origin secret. */
    public static final String ORIGIN_HEADER = "x-origin-verify";
    /** The environment variable holding the origin secret (template.yaml resolves it from Secrets Manager). */
    public static final String ORIGIN_SECRET_ENV = "ORIGIN_VERIFY_SECRET";

    private final byte[] originSecret;

    /** @param originSecret the value CloudFront sends in {@link #ORIGIN_HEADER}; null checks nothing (unit tests) */
    protected HttpFunction(String originSecret) {
        this.originSecret = originSecret == null ? null : originSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** The route keys ("ANY /api/forms/{formId}", "$default") this function serves, as template.yaml declares them. */
    public abstract List<String> routeKeys();

    /** Answers one request that came through the distribution. Runtime exceptions become the German 500 page. */
    protected abstract ApiResponse handle(ApiRequest request, RequestLog log);

    /** SnapStart: run the hot paths once before the snapshot, writing nothing. */
    protected abstract void prime();

    /** Lets the runtime call {@link #beforeCheckpoint} (the no-argument constructor path on AWS). */
    protected final void registerForSnapStart() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        RequestLog log = new RequestLog();
        ApiResponse response = answer(input, log);
        log.put("status", response.statusCode());
        log.put("durationMs", (System.nanoTime() - start) / 1_000_000.0);
        if (response.stream() == null) {
            Log.info("request", log.fields());
        }
        response.writeEvent(output);
        if (response.stream() != null) {
            // A streamed body is produced while it is written: its log line comes after, with what it wrote.
            log.put("durationMs", (System.nanoTime() - start) / 1_000_000.0);
            Log.info("request", log.fields());
        }
    }

    private ApiResponse answer(InputStream input, RequestLog log) {
        ApiRequest request = null;
        try {
            request = ApiRequest.fromEvent(Json.readObject(input));
            log.put("requestId", request.requestId());
            log.put("route", request.routeKey());
            log.put("method", request.method());
            if (!cameThroughDistribution(request)) {
                log.outcome("not-through-distribution");
                return Answers.notThroughSite(request);
            }
            return handle(request, log);
        } catch (MalformedRequestException e) {
            log.outcome("malformed-request");
            return Answers.unreadable(request);
        } catch (RuntimeException | IOException e) {
            log.outcome("error");
            log.put("exception", e.getClass().getName());
            return Answers.unexpected(request);
        }
    }

    /** Constant-time comparison: the secret must not leak through timing. */
    private boolean cameThroughDistribution(ApiRequest request) {
        if (originSecret == null) {
            return true;
        }
        String sent = request.header(ORIGIN_HEADER);
        return sent != null && MessageDigest.isEqual(originSecret, sent.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: clients re-connect on demand and no time-dependent state is read at start.
    }
}
