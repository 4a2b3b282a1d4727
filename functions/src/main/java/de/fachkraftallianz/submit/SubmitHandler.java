package de.fachkraftallianz.submit;

import de.fachkraftallianz.Env;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.ReservedFields;
import de.fachkraftallianz.forms.ValidationResult;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.http.Answers;
import de.fachkraftallianz.http.ApiRequest;
import de.fachkraftallianz.http.ApiResponse;
import de.fachkraftallianz.http.HttpFunction;
import de.fachkraftallianz.http.MediaType;
import de.fachkraftallianz.http.RequestLog;
import de.fachkraftallianz.store.DynamoSubmissionStore;
import de.fachkraftallianz.store.SubmissionStore;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import de.fachkraftallianz.submit.RequestBody.MalformedBodyException;
import de.fachkraftallianz.submit.SubmissionService.Receipt;
import de.fachkraftallianz.web.FormPages;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public form endpoint. Translates HTTP (API Gateway HTTP API, payload 2.0) into a validated, stored
 * submission and back. A browser goes form → review of the answers → confirmation with the answers; errors bring the
 * form back with every answer, the messages next to their fields and a summary on top (the enhancing script sends
 * the same posts, asks for the same HTML and swaps it in). An API client posts JSON and gets 201/400 JSON.
 */
public final class SubmitHandler extends HttpFunction {

    public static final String SUBMIT = "ANY /api/forms/{formId}";
    public static final String THANKS = "GET /api/forms/{formId}/danke";
    private static final List<String> ROUTE_KEYS = List.of(SUBMIT, THANKS);

    /** Bodies above this are refused with 413; the longest form filled to every limit stays well below. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** A person needs longer than this to fill in any of the forms. */
    public static final long MIN_FILL_MILLIS = 3_000;

    private final FormCatalog forms;
    private final Validator validator;
    private final SubmissionService service;
    private final SubmissionStore store;
    private final RateLimiter rateLimiter;
    private final SpamCheck spamCheck;
    /** What SnapStart priming handled ("formId:status"), for the test that priming does its work. */
    final List<String> primed = new ArrayList<>();

    /** For the Lambda runtime: configuration from the environment, clients built once. */
    public SubmitHandler() {
        this(Env.system());
    }

    /** For the local stack, which passes the environment template.yaml would set. */
    public SubmitHandler(Env env) {
        this(FormCatalog.load(), DynamoSubmissionStore.fromEnv(env), Clock.systemUTC(),
                env.optionalInt("RATE_LIMIT_PER_HOUR", 20), env.required(ORIGIN_SECRET_ENV));
        registerForSnapStart();
    }

    /** For tests: {@code originSecret} null accepts requests without the distribution's header. */
    public SubmitHandler(FormCatalog forms, SubmissionStore store, Clock clock, int rateLimitPerHour,
            String originSecret) {
        super(originSecret);
        this.forms = forms;
        this.validator = new Validator(clock);
        this.store = store;
        this.service = new SubmissionService(store, clock);
        this.rateLimiter = new RateLimiter(rateLimitPerHour, clock);
        this.spamCheck = new SpamCheck(MIN_FILL_MILLIS);
    }

    @Override
    public List<String> routeKeys() {
        return ROUTE_KEYS;
    }

    @Override
    protected ApiResponse handle(ApiRequest request, RequestLog log) {
        Optional<FormDefinition> found = forms.find(request.pathParameter("formId"));
        if (found.isEmpty()) {
            log.outcome("unknown-form");
            return Answers.message(request, 404, "Formular nicht gefunden",
                    "Dieses Formular gibt es nicht. Bitte wählen Sie ein Formular auf unserer Startseite.");
        }
        FormDefinition form = found.get();
        log.put("formId", form.id());
        switch (request.routeKey()) {
            case SUBMIT:
                return submit(request, form, log);
            case THANKS:
                return thanks(request, form, log);
            default:
                log.outcome("unknown-route");
                return Answers.notFound(request);
        }
    }

    private ApiResponse submit(ApiRequest request, FormDefinition form, RequestLog log) {
        if (!request.method().equals("POST")) {
            log.outcome("method-not-allowed");
            return refuse(request, form, 405, "Nicht möglich",
                    "Diese Adresse nimmt nur ausgefüllte Formulare entgegen.").withHeader("allow", "POST");
        }
        MediaType type = request.mediaType();
        boolean json = type.is("application/json");
        if (!(json || type.is("application/x-www-form-urlencoded")) || !type.isUtf8OrUnspecified()) {
            log.outcome("unsupported-media-type");
            return refuse(request, form, 415, "Format nicht unterstützt", "Die Angaben kamen in einem Format an, "
                    + "das wir nicht annehmen. Bitte senden Sie das Formular auf unserer Internetseite ab.");
        }
        if (request.body().length > MAX_BODY_BYTES) {
            log.outcome("too-large");
            return refuse(request, form, 413, "Angaben zu umfangreich", "Ihre Angaben sind zu umfangreich. Bitte "
                    + "kürzen Sie die längeren Texte und senden Sie das Formular erneut. Mit der Zurück-Funktion "
                    + "Ihres Browsers kommen Sie zu Ihren Eingaben.");
        }
        Map<String, List<String>> input;
        try {
            input = json ? RequestBody.parseJson(request.body()) : RequestBody.parseUrlEncoded(request.body());
        } catch (MalformedBodyException e) {
            log.outcome("malformed");
            return refuse(request, form, 400, "Angaben nicht lesbar", "Die gesendeten Angaben konnten nicht gelesen "
                    + "werden. Bitte senden Sie das Formular erneut. Mit der Zurück-Funktion Ihres Browsers kommen "
                    + "Sie zu Ihren Eingaben.");
        }
        ValidationResult result = validator.validate(form, input);
        boolean browser = !request.wantsJson();
        String change = first(input, ReservedFields.CHANGE);
        if (browser && change != null) {
            // "Ändern" on the review page: the form again with every answer, at that question; no errors yet.
            log.outcome("change");
            return ApiResponse.html(200, Pages.formAgain(form, result.values(), Map.of(), null));
        }
        if (!result.valid()) {
            log.outcome("invalid");
            log.put("invalidFields", List.copyOf(result.errors().keySet()));
            return request.wantsJson()
                    ? ApiResponse.json(400, Map.of("message", "Bitte prüfen Sie Ihre Angaben.", "errors", result.errors()))
                    : ApiResponse.html(400, Pages.formAgain(form, result.values(), result.errors(), null));
        }
        if (browser && !ReservedFields.SEND.equals(first(input, ReservedFields.STEP))) {
            // A browser sees the answers once more before they are sent; nothing is stored yet.
            log.outcome("review");
            return ApiResponse.html(200, Pages.review(form, result.values(), carried(input), null));
        }
        String client = ClientKey.of(request);
        if (rateLimiter.isOverLimit(client)) {
            log.outcome("rate-limited");
            return keepInput(request, form, result, 429, "Von Ihrem Anschluss kamen in der letzten Stunde sehr viele "
                    + "Formulare. Bitte versuchen Sie es später noch einmal.").withHeader("retry-after", "3600");
        }
        Optional<String> spam = spamCheck.reason(first(input, ReservedFields.HONEYPOT), first(input, ReservedFields.FILL_TIME));
        Receipt receipt;
        try {
            receipt = service.submit(form, result.values(), spam.orElse(null));
        } catch (StoreUnavailableException e) {
            log.outcome("store-unavailable");
            log.put("exception", e.kind());
            return keepInput(request, form, result, 503, "Ihre Angaben konnten gerade nicht gespeichert werden. "
                    + "Bitte versuchen Sie es in einigen Minuten noch einmal – Ihre Eingaben bleiben erhalten.")
                    .withHeader("retry-after", "60");
        }
        if (receipt.isNew()) {
            rateLimiter.record(client);
        }
        log.outcome(!receipt.isNew() ? "duplicate" : spam.isPresent() ? "stored-as-suspected-spam" : "stored");
        if (receipt.kind() == SubmissionService.Kind.STORED_BY_RETRY) {
            log.put("storedByRetry", true);
        }
        log.put("reference", receipt.reference());
        if (browser) {
            // The confirmation answers the post itself: only this page carries the answers, to print or save.
            // Sending again (a reload) arrives at the same reference: the same content on the same day.
            return ApiResponse.html(200, Pages.confirmation(form, receipt.reference(), result.values()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", receipt.reference());
        body.put("title", form.thanks().title());
        body.put("message", form.thanks().text());
        return ApiResponse.json(201, body).withHeader("location",
                "/api/forms/" + form.id() + "/danke?ref=" + receipt.reference());
    }

    private ApiResponse thanks(ApiRequest request, FormDefinition form, RequestLog log) {
        String reference = request.queryParameter("ref");
        if (reference == null || !References.FORMAT.matcher(reference).matches()) {
            log.outcome("thanks-not-found");
            return Answers.message(request, 404, "Seite nicht gefunden", "Diese Seite gibt es nicht. Ihre "
                    + "Vorgangsnummer finden Sie auf der Bestätigungsseite nach dem Absenden.",
                    FormPages.pagePath(form), "Zurück zum Formular „" + form.title() + "“");
        }
        log.outcome("thanks");
        return ApiResponse.html(200, Pages.thanks(form, reference));
    }

    /**
     * A refusal of valid, reviewed answers (rate limit, store unavailable) in which the input survives: the review
     * page again with the message, ready to be sent again.
     */
    private ApiResponse keepInput(ApiRequest request, FormDefinition form, ValidationResult result, int status,
            String message) {
        return request.wantsJson()
                ? ApiResponse.json(status, Map.of("message", message))
                : ApiResponse.html(status, Pages.review(form, result.values(), Map.of(), message));
    }

    /** The spam-protection fields as they came, carried through the review page to the final post. */
    private static Map<String, String> carried(Map<String, List<String>> input) {
        Map<String, String> carried = new LinkedHashMap<>();
        String honeypot = first(input, ReservedFields.HONEYPOT);
        if (honeypot != null && !honeypot.isEmpty()) {
            carried.put(ReservedFields.HONEYPOT, honeypot);
        }
        String fillTime = first(input, ReservedFields.FILL_TIME);
        if (fillTime != null) {
            carried.put(ReservedFields.FILL_TIME, fillTime);
        }
        return carried;
    }

    private static ApiResponse refuse(ApiRequest request, FormDefinition form, int status, String title,
            String message) {
        return Answers.message(request, status, title, message, FormPages.pagePath(form),
                "Zurück zum Formular „" + form.title() + "“");
    }

    private static String first(Map<String, List<String>> input, String name) {
        List<String> values = input.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * SnapStart: before the snapshot, run every form through the request path once, as JSON and as a plain form
     * post (parsing, validation, rendering, JSON), read once and send a write that cannot succeed, so restored
     * instances start with the code and the connection warm. Nothing is stored; the visitors' limits stay untouched.
     */
    @Override
    protected void prime() {
        primed.clear();
        for (FormDefinition form : forms.all()) {
            Map<String, String> pathParameters = Map.of("formId", form.id());
            ApiResponse asJson = handle(new ApiRequest(SUBMIT, "POST", "/api/forms/" + form.id(),
                    Map.of("content-type", "application/json"), List.of(), pathParameters, Map.of(),
                    "{}".getBytes(StandardCharsets.UTF_8), "", "priming"), new RequestLog());
            ApiResponse asForm = handle(new ApiRequest(SUBMIT, "POST", "/api/forms/" + form.id(),
                    Map.of("content-type", "application/x-www-form-urlencoded"), List.of(), pathParameters, Map.of(),
                    "priming=ja".getBytes(StandardCharsets.UTF_8), "", "priming"), new RequestLog());
            primed.add(form.id() + ":" + asJson.statusCode() + "/" + asForm.statusCode());
        }
        // A reference no submission has (not of the reference format): opens the connection, loads the read path.
        store.find("PRIMING");
        store.primeWritePath();
    }
}
