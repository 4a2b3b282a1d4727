package de.fachkraftallianz.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The e-mails a stored submission causes, each sent at most once by the notifier (notify/). Which ones are due is
 * decided here, once, when the submission is stored: the store writes them as pending into the submission's own item
 * (the outbox), so a notification exists exactly when its submission does.
 *
 * <p>No mail ever carries what a person typed: the team's mail names the form, the reference, the time and the office
 * link; the confirmation to the sender adds what happens next and whom to ask.
 */
public enum Notification {

    /** To the mailbox of every department that works on the form: "a new submission is waiting". */
    TEAM("team"),
    /** To the sender's own e-mail address, only if they asked for it (Eingangsbestätigung). */
    RECEIPT("receipt");

    /** The check box a form offers next to its e-mail field (see FormCatalog): ticked, the sender gets a receipt. */
    public static final String RECEIPT_FIELD = "eingangsbestaetigung";
    /** The field whose address a receipt goes to. Forms with a receipt check box have exactly this e-mail field. */
    public static final String EMAIL_FIELD = "email";
    /** The value a ticked check box sends (FieldType.TICKED). */
    private static final String TICKED = "ja";

    private final String key;

    Notification(String key) {
        this.key = key;
    }

    /** The name in the item's outbox map ({@code outbox.<key>}) and in the logs. */
    public String key() {
        return key;
    }

    public static Notification ofKey(String key) {
        for (Notification notification : values()) {
            if (notification.key.equals(key)) {
                return notification;
            }
        }
        throw new IllegalArgumentException("No notification " + key);
    }

    /**
     * What a newly stored submission causes. Suspected spam causes nothing (the administrators' daily summary counts
     * it instead); a receipt only where the sender ticked the check box and gave an address.
     */
    public static List<Notification> dueFor(Submission submission) {
        if (submission.status().isSpam()) {
            return List.of();
        }
        List<Notification> due = new ArrayList<>(2);
        due.add(TEAM);
        if (receiptRequested(submission.values())) {
            due.add(RECEIPT);
        }
        return List.copyOf(due);
    }

    static boolean receiptRequested(Map<String, List<String>> values) {
        return TICKED.equals(first(values, RECEIPT_FIELD)) && first(values, EMAIL_FIELD) != null
                && !first(values, EMAIL_FIELD).isBlank();
    }

    private static String first(Map<String, List<String>> values, String name) {
        List<String> given = values.get(name);
        return given == null || given.isEmpty() ? null : given.get(0);
    }
}
