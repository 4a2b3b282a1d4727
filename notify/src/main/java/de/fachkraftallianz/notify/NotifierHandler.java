package de.fachkraftallianz.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import de.fachkraftallianz.Env;
import de.fachkraftallianz.Json;
import de.fachkraftallianz.Log;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.notify.mail.Mailer;
import de.fachkraftallianz.notify.mail.SesMailer;
import de.fachkraftallianz.notify.store.OutboxStore;
import de.fachkraftallianz.store.DynamoClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notifier function, run by EventBridge Scheduler (template.yaml: NotifierFunction): every minute with
 * {@code {"task":"deliver"}} it delivers the outbox; once a day with {@code {"task":"spam-summary"}} it mails the
 * administrators how much suspected spam waits. Locally the local stack's scheduler runs it on the same schedules.
 */
public final class NotifierHandler implements RequestStreamHandler {

    public static final String DELIVER = "deliver";
    public static final String SPAM_SUMMARY = "spam-summary";
    /** No new notification is started with less time left than this (an SES call and two table writes fit in it). */
    static final long RESERVE_MILLIS = 15_000;

    private final Notifier notifier;
    private final SpamSummary summary;

    /** For the Lambda runtime: configuration from the environment, clients built once. */
    public NotifierHandler() {
        this(Env.system());
    }

    /** For the local stack, which passes the environment template.yaml would set. */
    public NotifierHandler(Env env) {
        this(new OutboxStore(DynamoClients.fromEnv(env), env.required("TABLE_NAME")),
                mailer(env), NotifyConfig.fromEnv(env), Clock.systemUTC(), Notifier.NONE);
    }

    /** For tests: the collaborators, a clock to move and the hooks to stop at. */
    public NotifierHandler(OutboxStore store, Mailer mailer, NotifyConfig config, Clock clock, Notifier.Hooks hooks) {
        FormCatalog forms = FormCatalog.load();
        this.notifier = new Notifier(store, mailer, config, forms, clock, hooks);
        this.summary = new SpamSummary(store, mailer, config, forms, clock);
    }

    private static Mailer mailer(Env env) {
        return new SesMailer(SesMailer.client(env), env.required("MAIL_FROM"), env.required("MAIL_CONFIGURATION_SET"));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long start = System.nanoTime();
        Object task = Json.readObject(input).get("task");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("task", task);
        if (DELIVER.equals(task)) {
            fields.putAll(notifier.deliver(() -> context == null
                    || context.getRemainingTimeInMillis() > RESERVE_MILLIS).fields());
        } else if (SPAM_SUMMARY.equals(task)) {
            fields.putAll(summary.run());
        } else {
            throw new IllegalArgumentException("Unknown task " + task + ": expected " + DELIVER + " or " + SPAM_SUMMARY);
        }
        fields.put("durationMs", (System.nanoTime() - start) / 1_000_000.0);
        Log.info("notifier", fields);
        Json.write(fields, output);
    }

    /** Runs one task without the Lambda wrapping (tests). */
    public Notifier.Result deliver() {
        return notifier.deliver(() -> true);
    }

    public Map<String, Object> spamSummary() {
        return summary.run();
    }
}
