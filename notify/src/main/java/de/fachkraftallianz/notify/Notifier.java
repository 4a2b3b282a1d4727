package de.fachkraftallianz.notify;

import de.fachkraftallianz.Log;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.notify.mail.Mail;
import de.fachkraftallianz.notify.mail.MailTexts;
import de.fachkraftallianz.notify.mail.Mailer;
import de.fachkraftallianz.notify.mail.Mailer.SendFailure;
import de.fachkraftallianz.notify.store.OutboxStore;
import de.fachkraftallianz.notify.store.OutboxStore.Entry;
import de.fachkraftallianz.notify.store.OutboxStore.Finish;
import de.fachkraftallianz.notify.store.OutboxStore.Page;
import de.fachkraftallianz.notify.store.OutboxStore.Submission;
import de.fachkraftallianz.store.OutboxMapper.Pending;
import de.fachkraftallianz.submission.Notification;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Delivers what the outbox holds: reads the outbox index (never the table), and for each pending notification that
 * is due claims it on the item, sends it, and records the result on the item — each step a conditional write.
 *
 * <p><b>At most once.</b> SES has no idempotency key, and a mail once handed over cannot be recalled or looked up. So
 * the claim is written before the mail goes out, and a notification is only ever sent under a fresh claim. If the
 * notifier dies between sending and recording (a crash, a timeout, a lost connection to the table), the claim stays
 * behind; after {@link #CLAIM_LEASE} the next run finds it and, unable to know whether the mail left, records it as
 * failed with reason {@code outcome-unknown} instead of sending again. A duplicate is impossible; the price is that
 * this rare case (and an SES call that timed out after the request went out) is reported as failed although the mail
 * may well have arrived. Refusals by SES and unreachable SES are retried with {@link Backoff}; after
 * {@link Backoff#MAX_ATTEMPTS} the notification is given up ({@code outboxFailed}).
 */
public final class Notifier {

    /**
     * How long a claim protects a notification before a later run takes its holder for dead: far longer than the
     * notifier function may run (template.yaml Timeout, checked by TemplateTest).
     */
    public static final Duration CLAIM_LEASE = Duration.ofMinutes(5);
    static final String OUTCOME_UNKNOWN = "outcome-unknown";

    /** Test seams for the moments a real notifier can die in. Production uses {@link #NONE}. */
    public interface Hooks {
        /** Between a mail accepted by SES and the write that records it. */
        void afterSend(String reference, Notification notification);
    }

    public static final Hooks NONE = new NoHooks();

    private final OutboxStore store;
    private final Mailer mailer;
    private final NotifyConfig config;
    private final FormCatalog forms;
    private final Clock clock;
    private final Hooks hooks;
    private final SecureRandom random = new SecureRandom();

    public Notifier(OutboxStore store, Mailer mailer, NotifyConfig config, FormCatalog forms, Clock clock,
                    Hooks hooks) {
        this.store = store;
        this.mailer = mailer;
        this.config = config;
        this.forms = forms;
        this.clock = clock;
        this.hooks = hooks;
    }

    /** What a run did, for its log line and for tests. */
    public static final class Result {
        int due;
        int sent;
        int retrying;
        int failed;
        int errors;

        public Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("due", due);
            fields.put("sent", sent);
            fields.put("retrying", retrying);
            fields.put("failed", failed);
            fields.put("errors", errors);
            return fields;
        }

        public int sent() {
            return sent;
        }

        public int retrying() {
            return retrying;
        }

        public int failed() {
            return failed;
        }

        public int errors() {
            return errors;
        }
    }

    /** @param timeLeft false once no new notification should be started (the function's time runs out) */
    public Result deliver(BooleanSupplier timeLeft) {
        Result result = new Result();
        Page page = store.pending(null);
        while (true) {
            for (Entry entry : page.entries()) {
                if (!timeLeft.getAsBoolean()) {
                    return result;
                }
                try {
                    deliver(entry, result);
                } catch (RuntimeException e) {
                    // Left as it is: a claim taken stays until its lease ends (as after a crash), anything else is
                    // tried again on the next run. The log names the item and the exception, never a value.
                    result.errors++;
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("reference", entry.reference());
                    fields.put("outcome", "error");
                    fields.put("exception", e.getClass().getName());
                    Log.info("notification", fields);
                }
            }
            if (page.next() == null) {
                return result;
            }
            page = store.pending(page.next());
        }
    }

    private void deliver(Entry entry, Result result) {
        Instant now = now();
        if (entry.pending().isEmpty()) {
            store.leaveIndex(entry.reference());
            return;
        }
        boolean anything = false;
        for (Pending pending : entry.pending()) {
            anything |= pending.claimed() ? stale(pending, now) : !pending.nextAttemptAt().isAfter(now);
        }
        if (!anything) {
            return;
        }
        Submission item = store.read(entry.reference()).orElse(null);
        if (item == null) {
            return; // deleted meanwhile (retention, erasure)
        }
        if (item.pending().isEmpty()) {
            if (item.indexed()) {
                store.leaveIndex(item.reference());
            }
            return;
        }
        for (Pending pending : item.pending()) {
            if (pending.claimed()) {
                if (stale(pending, now)) {
                    // Its notifier died after claiming: the mail may have left. At most once: never send again.
                    record(store.failed(item.reference(), pending.notification(), pending.claim(), OUTCOME_UNKNOWN,
                            pending.attempts(), now), item, pending.notification(), "failed", pending.attempts(),
                            OUTCOME_UNKNOWN, result);
                }
                continue;
            }
            if (pending.nextAttemptAt().isAfter(now)) {
                continue;
            }
            result.due++;
            attempt(item, pending, result);
        }
    }

    private void attempt(Submission item, Pending pending, Result result) {
        Notification notification = pending.notification();
        String token = HexFormat.of().formatHex(randomBytes());
        Instant now = now();
        if (!store.claim(item.reference(), notification, pending.attempts(), token, now)) {
            return; // another notifier has it
        }
        int attempts = pending.attempts() + 1;
        if (item.status().isSpam()) {
            // Marked as spam in the office before the mail went out: nothing is sent for spam.
            record(store.failed(item.reference(), notification, token, "status-" + item.status().name(), attempts,
                    now), item, notification, "not-sent", attempts, "spam", result);
            return;
        }
        Mail mail = mail(item, notification);
        if (mail == null) {
            record(store.failed(item.reference(), notification, token, "no-address", attempts, now), item,
                    notification, "failed", attempts, "no-address", result);
            return;
        }
        String messageId;
        try {
            messageId = mailer.send(mail);
        } catch (SendFailure failure) {
            switch (failure.outcome()) {
                case NOT_SENT -> {
                    if (Backoff.exhausted(attempts)) {
                        record(store.failed(item.reference(), notification, token, failure.code(), attempts, now()),
                                item, notification, "failed", attempts, failure.code(), result);
                    } else {
                        Instant next = now().plus(Backoff.after(attempts));
                        store.retryLater(item.reference(), notification, token, next, failure.code());
                        result.retrying++;
                        log(item, notification, "retry-later", attempts, failure.code());
                    }
                }
                case NOT_SENT_PERMANENTLY -> record(store.failed(item.reference(), notification, token,
                        failure.code(), attempts, now()), item, notification, "failed", attempts, failure.code(), result);
                case UNKNOWN -> record(store.failed(item.reference(), notification, token,
                        OUTCOME_UNKNOWN, attempts, now()), item, notification, "failed", attempts, failure.code(), result);
                default -> throw new IllegalStateException(failure.outcome().name());
            }
            return;
        }
        hooks.afterSend(item.reference(), notification);
        record(store.sent(item.reference(), notification, token, messageId, attempts, now()), item, notification,
                "sent", attempts, null, result);
    }

    private void record(Finish finish, Submission item, Notification notification, String outcome, int attempts,
                        String code, Result result) {
        if (finish == Finish.CLAIM_LOST) {
            log(item, notification, "claim-lost", attempts, code);
            return;
        }
        if ("sent".equals(outcome)) {
            result.sent++;
        } else {
            result.failed++;
        }
        log(item, notification, outcome, attempts, code);
    }

    private static boolean stale(Pending pending, Instant now) {
        return pending.claimedAt() == null || !pending.claimedAt().plus(CLAIM_LEASE).isAfter(now);
    }

    /** The mail for a notification, or null if a receipt has no address to go to. */
    Mail mail(Submission item, Notification notification) {
        FormDefinition form = forms.find(item.formId()).orElseThrow(
                () -> new IllegalStateException("Unknown form " + item.formId()));
        return switch (notification) {
            case TEAM -> MailTexts.team(teamMailboxes(item.formId()), form, item.reference(), item.createdAt(),
                    config.siteUrl());
            case RECEIPT -> item.email() == null || item.email().isBlank() ? null
                    : MailTexts.receipt(item.email(), form, item.reference(), item.createdAt(),
                    config.contact(Department.answering(item.formId())));
        };
    }

    /** Each department's mailbox once (two departments may share one). */
    List<String> teamMailboxes(String formId) {
        Set<String> to = new LinkedHashSet<>();
        for (Department department : Department.workingOn(formId)) {
            to.add(config.mailbox(department));
        }
        return new ArrayList<>(to);
    }

    private static void log(Submission item, Notification notification, String outcome, int attempts, String code) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("reference", item.reference());
        fields.put("formId", item.formId());
        fields.put("notification", notification.key());
        fields.put("outcome", outcome);
        fields.put("attempts", attempts);
        if (code != null) {
            fields.put("error", code);
        }
        Log.info("notification", fields);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static final class NoHooks implements Hooks {
        @Override
        public void afterSend(String reference, Notification notification) {
            // Nothing: only tests stop here.
        }
    }
}
