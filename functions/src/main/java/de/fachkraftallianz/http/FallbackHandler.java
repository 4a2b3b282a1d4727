package de.fachkraftallianz.http;

import de.fachkraftallianz.Env;
import java.util.List;

/**
 * The API's {@code $default} route: every path under /api/ that no other route takes (a typo, a stale link, a path
 * next to a form's) gets the German "not found" page in the site's frame instead of API Gateway's own
 * {@code {"message":"Not Found"}}. It is the site's not-found page too: for a key the site bucket lacks, the
 * distribution's origin group asks the API the same path.
 */
public final class FallbackHandler extends HttpFunction {

    public static final String DEFAULT_ROUTE = "$default";

    public FallbackHandler() {
        this(Env.system());
    }

    public FallbackHandler(Env env) {
        this(env.required(ORIGIN_SECRET_ENV));
        registerForSnapStart();
    }

    /** For tests: {@code originSecret} null accepts requests without the distribution's header. */
    public FallbackHandler(String originSecret) {
        super(originSecret);
    }

    @Override
    public List<String> routeKeys() {
        return List.of(DEFAULT_ROUTE);
    }

    @Override
    protected ApiResponse handle(ApiRequest request, RequestLog log) {
        log.outcome("not-found");
        return Answers.notFound(request);
    }

    @Override
    protected void prime() {
        Answers.notFoundPage();
    }
}
