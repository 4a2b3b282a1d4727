package de.fachkraftallianz.submit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import de.fachkraftallianz.Env;
import de.fachkraftallianz.Json;
import de.fachkraftallianz.Log;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.ValidationResult;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.store.DynamoSubmissionStore;
import de.fachkraftallianz.store.SubmissionStore;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import de.fachkraftallianz.submit.RequestBody.MalformedBodyException;
import de.fachkraftallianz.submit.SubmissionService.Receipt;
import de.fachkraftallianz.web.FormHtml;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;

/**
 * The public form endpoint behind {@code ANY /api/forms/{formId}} and {@code GET /api/forms/{formId}/danke}.
 * Translates HTTP (API Gateway HTTP API, payload 2.0) into a validated, stored submission and back: 303 to the
 * thank-you page or the form again with its errors for the plain HTML form; 201/400 JSON for the enhanced form.
 */
public final class SubmitHandler implements RequestStreamHandler, Resource {

    /** Bodies above this are refused with 413; the longest form filled to every limit stays well below. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** A person needs longer than this to fill in any of the forms. */
    public static final long MIN_FILL_MILLIS = 3_000;
    static final String FILL_TIME = "_fill_ms";

    private final FormCatalog forms;
    private final Validator validator;
    private final SubmissionService service;
    private final SubmissionStore store;
    private final RateLimiter rateLimiter;
    private final SpamCheck spamCheck;
    private final Pages pages;

    /** For the Lambda runtime: configuration from the environment, clients built once. */
    public SubmitHandler() {
        this(Env.system());
    }

    /** For the local stack, which passes the environment template.yaml would set. */
    public SubmitHandler(Env env) {
        this(FormCatalog.load(), DynamoSubmissionStore.fromEnv(env), Clock.systemUTC(),
                env.optionalInt("RATE_LIMIT_PER_HOUR", 20));
        Core.getGlobalContext().register(this);
    }

    /** For tests. */
    public SubmitHandler(FormCatalog forms, SubmissionStore store, Clock clock, int rateLimitPerHour) {
        this.forms = forms;
        this.validator = new Validator(clock);
        this.store = store;
        this.service = new SubmissionService(store, clock);
        this.rateLimiter = new RateLimiter(rateLimitPerHour, clock);
        this.spamCheck = new SpamCheck(MIN_FILL_MILLIS);
        this.pages = new Pages();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        Map<String, Object> log = new LinkedHashMap<>();
        ApiResponse response;
        try {
            ApiRequest request = ApiRequest.fromEvent(Json.readObject(input));
            log.put("requestId", request.requestId());
            log.put("method", request.method());
            response = handle(request, log);
        } catch (RuntimeException | IOException e) {
            log.put("outcome", "error");
            log.put("exception", e.getClass().getName());
            response = ApiResponse.json(500, Map.of("message", "Es ist ein unerwarteter Fehler aufgetreten."));
        }
        log.put("status", response.statusCode());
        log.put("durationMs", (System.nanoTime() - start) / 1_000_000.0);
        Log.info("request", log);
        Json.write(response.toEvent(), output);
    }

    ApiResponse handle(ApiRequest request, Map<String, Object> log) {
        Optional<FormDefinition> found = forms.find(request.pathParameters().get("formId"));
        if (found.isEmpty()) {
            log.put("outcome", "unknown-form");
            return refuse(request, null, 404, "Formular nicht gefunden",
                    "Dieses Formular gibt es nicht. Bitte wählen Sie ein Formular auf unserer Startseite.");
        }
        FormDefinition form = found.get();
        log.put("formId", form.id());
        if (request.path().endsWith("/danke")) {
            return thanks(request, form, log);
        }
        if (!request.method().equals("POST")) {
            log.put("outcome", "method-not-allowed");
            return refuse(request, form, 405, "Nicht möglich",
                    "Diese Adresse nimmt nur ausgefüllte Formulare entgegen.").withHeader("allow", "POST");
        }
        if (!isAcceptedContentType(request)) {
            log.put("outcome", "unsupported-media-type");
            return refuse(request, form, 415, "Format nicht unterstützt", "Die Angaben kamen in einem Format an, "
                    + "das wir nicht annehmen. Bitte senden Sie das Formular auf unserer Internetseite ab.");
        }
        if (request.body().length > MAX_BODY_BYTES) {
            log.put("outcome", "too-large");
            return refuse(request, form, 413, "Angaben zu umfangreich", "Ihre Angaben sind zu umfangreich. Bitte "
                    + "kürzen Sie die längeren Texte und senden Sie das Formular erneut. Mit der Zurück-Funktion "
                    + "Ihres Browsers kommen Sie zu Ihren Eingaben.");
        }
        Map<String, List<String>> input;
        try {
            input = request.mediaType().equals("application/json")
                    ? RequestBody.parseJson(request.body())
                    : RequestBody.parseUrlEncoded(request.body());
        } catch (MalformedBodyException e) {
            log.put("outcome", "malformed");
            return refuse(request, form, 400, "Angaben nicht lesbar", "Die gesendeten Angaben konnten nicht gelesen "
                    + "werden. Bitte senden Sie das Formular erneut. Mit der Zurück-Funktion Ihres Browsers kommen "
                    + "Sie zu Ihren Eingaben.");
        }
        return submit(request, form, input, log);
    }

    private ApiResponse submit(ApiRequest request, FormDefinition form, Map<String, List<String>> input,
            Map<String, Object> log) {
        ValidationResult result = validator.validate(form, input);
        if (!result.valid()) {
            log.put("outcome", "invalid");
            log.put("invalidFields", List.copyOf(result.errors().keySet()));
            return request.wantsJson()
                    ? ApiResponse.json(400, Map.of("message", "Bitte prüfen Sie Ihre Angaben.", "errors", result.errors()))
                    : ApiResponse.html(400, pages.formAgain(form, result.values(), result.errors(), null));
        }
        if (!rateLimiter.tryAcquire(clientKey(request))) {
            log.put("outcome", "rate-limited");
            return keepInput(request, form, result, 429, "Von Ihrem Anschluss kamen in der letzten Stunde sehr viele "
                    + "Formulare. Bitte versuchen Sie es später noch einmal.").withHeader("retry-after", "3600");
        }
        Optional<String> spam = spamCheck.reason(first(input, FormHtml.HONEYPOT), first(input, FILL_TIME));
        Receipt receipt;
        try {
            receipt = service.submit(form, result.values(), spam.orElse(null));
        } catch (StoreUnavailableException e) {
            log.put("outcome", "store-unavailable");
            log.put("exception", String.valueOf(e.getCause() == null ? null : e.getCause().getClass().getName()));
            return keepInput(request, form, result, 503, "Ihre Angaben konnten gerade nicht gespeichert werden. "
                    + "Bitte versuchen Sie es in einigen Minuten noch einmal – Ihre Eingaben bleiben erhalten.")
                    .withHeader("retry-after", "60");
        }
        log.put("outcome", receipt.duplicate() ? "duplicate" : spam.isPresent() ? "stored-as-suspected-spam" : "stored");
        log.put("reference", receipt.reference());
        String thanksUrl = "/api/forms/" + form.id() + "/danke?ref=" + receipt.reference();
        if (request.wantsJson()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reference", receipt.reference());
            body.put("title", form.thanks().title());
            body.put("message", form.thanks().text());
            return ApiResponse.json(201, body).withHeader("location", thanksUrl);
        }
        return ApiResponse.seeOther(thanksUrl);
    }

    private ApiResponse thanks(ApiRequest request, FormDefinition form, Map<String, Object> log) {
        String reference = request.queryParameters() == null ? null : request.queryParameters().get("ref");
        if (!request.method().equals("GET") || reference == null || !References.FORMAT.matcher(reference).matches()) {
            log.put("outcome", "thanks-not-found");
            return ApiResponse.html(404, pages.message("Seite nicht gefunden",
                    "Diese Seite gibt es nicht. Ihre Vorgangsnummer finden Sie auf der Bestätigungsseite nach dem Absenden.",
                    form));
        }
        log.put("outcome", "thanks");
        return ApiResponse.html(200, pages.thanks(form, reference));
    }

    /** An error answer in which the visitor's input survives: the JSON form keeps it, the HTML form is re-rendered. */
    private ApiResponse keepInput(ApiRequest request, FormDefinition form, ValidationResult result, int status,
            String message) {
        return request.wantsJson()
                ? ApiResponse.json(status, Map.of("message", message))
                : ApiResponse.html(status, pages.formAgain(form, result.values(), Map.of(), message));
    }

    private ApiResponse refuse(ApiRequest request, FormDefinition form, int status, String title, String message) {
        return request.wantsJson()
                ? ApiResponse.json(status, Map.of("message", message))
                : ApiResponse.html(status, pages.message(title, message, form));
    }

    private static boolean isAcceptedContentType(ApiRequest request) {
        String type = request.mediaType();
        String charset = request.charset();
        return (type.equals("application/x-www-form-urlencoded") || type.equals("application/json"))
                && (charset == null || charset.equalsIgnoreCase("utf-8"));
    }

    private static String first(Map<String, List<String>> input, String name) {
        List<String> values = input.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The rate limiter knows clients only by a hash of their address. */
    private static String clientKey(ApiRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(request.clientAddress().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SnapStart: before the snapshot, run the code paths of a request once (parsing, validation, rendering, JSON)
     * and open the DynamoDB connection, so restored instances start warm. Nothing is written.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        for (FormDefinition form : forms.all()) {
            Map<String, String> pathParameters = Map.of("formId", form.id());
            handle(new ApiRequest("POST", "/api/forms/" + form.id(), Map.of("content-type", "application/json"),
                    pathParameters, Map.of(), "{}".getBytes(StandardCharsets.UTF_8), "", "priming"), new LinkedHashMap<>());
            handle(new ApiRequest("POST", "/api/forms/" + form.id(),
                    Map.of("content-type", "application/x-www-form-urlencoded"), pathParameters, Map.of(),
                    "datenschutz=ja".getBytes(StandardCharsets.UTF_8), "", "priming"), new LinkedHashMap<>());
        }
        // A key no submission has: opens the connection and loads the request/response path of the client.
        store.find("PRIM-ING0");
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: the client re-connects on demand and reads no time-dependent state at start.
    }
}
