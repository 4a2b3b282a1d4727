package de.fachkraftallianz.notify;

import de.fachkraftallianz.Log;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.notify.mail.MailTexts;
import de.fachkraftallianz.notify.mail.Mailer;
import de.fachkraftallianz.notify.mail.Mailer.SendFailure;
import de.fachkraftallianz.notify.store.OutboxStore;
import de.fachkraftallianz.submission.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The administrators' daily mail: how many submissions wait as suspected spam, per form, counted with COUNT queries
 * on the byFormStatus index ({@code FORM#<formId>#SUSPECTED_SPAM}). Nothing waiting, no mail. At most one a day: the
 * day's record is taken with a conditional write before sending; a lost summary is made good by the next day's, which
 * counts everything still waiting.
 */
public final class SpamSummary {

    private final OutboxStore store;
    private final Mailer mailer;
    private final NotifyConfig config;
    private final FormCatalog forms;
    private final Clock clock;

    public SpamSummary(OutboxStore store, Mailer mailer, NotifyConfig config, FormCatalog forms, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.config = config;
        this.forms = forms;
        this.clock = clock;
    }

    /** @return the number waiting, and what was done, for the log line */
    public Map<String, Object> run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<FormDefinition, Long> waiting = new LinkedHashMap<>();
        long total = 0;
        for (FormDefinition form : forms.all()) {
            long count = store.count(form.id(), Status.SUSPECTED_SPAM);
            waiting.put(form, count);
            total += count;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("waiting", total);
        String day = LocalDate.ofInstant(now, MailTexts.ZONE).toString();
        if (total == 0) {
            fields.put("outcome", "nothing-waiting");
        } else if (!store.claimSummary(day, total, now)) {
            fields.put("outcome", "already-sent-today");
        } else {
            try {
                String messageId = mailer.send(MailTexts.spamSummary(config.adminMailbox(), waiting, now,
                        config.siteUrl()));
                store.summaryResult(day, "messageId", messageId);
                fields.put("outcome", "sent");
            } catch (SendFailure failure) {
                store.summaryResult(day, "failed", failure.code());
                fields.put("outcome", "failed");
                fields.put("error", failure.code());
            }
        }
        Log.info("spam-summary", fields);
        return fields;
    }
}
