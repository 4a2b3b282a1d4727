package de.fachkraftallianz.notify.mail;

import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.submission.Status;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The German texts of the notifier's mails. None takes anything a person typed: only the form's own definition (its
 * title, its recipient, its text for what happens next), the reference, the time and configured values. Plain text,
 * so nothing needs escaping and every mail program shows it alike.
 */
public final class MailTexts {

    /** Office route of a submission's detail page (template.yaml: GET /intern/vorgang/{reference}). */
    public static final String OFFICE_CASE_PATH = "/intern/vorgang/";
    /** The office's inbox (template.yaml: GET /intern). */
    public static final String OFFICE_HOME_PATH = "/intern";
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZONE);
    /**
     * How every form's thanks text asks to note the reference shown on the page; a mail has no "page", so it says
     * where the reference is instead. MailTextsTest checks that every form's text still contains this sentence.
     */
    static final String NOTE_THE_REFERENCE = "Bitte notieren Sie sich die Vorgangsnummer auf dieser Seite.";
    static final String REFERENCE_ABOVE = "Ihre Vorgangsnummer steht oben in dieser E-Mail.";
    private static final String AUTOMATIC = "Diese E-Mail wurde automatisch erstellt.";

    private MailTexts() {
    }

    /** "dd.MM.yyyy HH:mm" in Europe/Berlin. */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** To the team mailboxes: a new submission waits in the office. */
    public static Mail team(List<String> to, FormDefinition form, String reference, Instant receivedAt,
                            String siteUrl) {
        String subject = "Neuer Eingang: " + form.title() + " (" + reference + ")";
        String text = "Guten Tag,\n\n"
                + "über das Formular „" + form.title() + "“ ist ein neuer Eingang angekommen.\n\n"
                + "Vorgangsnummer: " + reference + "\n"
                + "Eingegangen: " + time(receivedAt) + " Uhr\n\n"
                + "Zum Vorgang in der Sachbearbeitung (mit Anmeldung):\n"
                + siteUrl + OFFICE_CASE_PATH + reference + "\n\n"
                + "Die Angaben stehen nur dort. Aus Gründen des Datenschutzes enthält diese E-Mail keine davon.\n\n"
                + AUTOMATIC + "\n";
        return new Mail(to, subject, text, "team");
    }

    /**
     * To the person who sent the form and asked for it: what arrived (form and reference), what happens next (the
     * form's own text), whom to ask. Nothing of what they typed, so a stranger's address gets nothing of value.
     */
    public static Mail receipt(String to, FormDefinition form, String reference, Instant receivedAt, String contact) {
        String subject = "Eingangsbestätigung: " + form.title() + " (Vorgangsnummer " + reference + ")";
        String text = "Guten Tag,\n\n"
                + "vielen Dank. Ihre Angaben im Formular „" + form.title() + "“ sind bei uns eingegangen.\n\n"
                + "Vorgangsnummer: " + reference + "\n"
                + "Eingegangen: " + time(receivedAt) + " Uhr\n\n"
                + "So geht es weiter:\n"
                + nextSteps(form) + "\n\n"
                + "Bei Fragen wenden Sie sich bitte an:\n"
                + form.recipient() + "\n"
                + contact + "\n"
                + "Bitte nennen Sie dabei Ihre Vorgangsnummer.\n\n"
                + "Ihre Angaben selbst stehen nicht in dieser E-Mail. So bleiben sie geschützt.\n"
                + "Sie erhalten diese E-Mail, weil im Formular eine Eingangsbestätigung an diese Adresse gewünscht "
                + "wurde. Haben Sie selbst nichts gesendet, hat jemand anderes Ihre Adresse eingetragen. Dann können "
                + "Sie diese E-Mail löschen.\n\n"
                + AUTOMATIC + "\n";
        return new Mail(List.of(to), subject, text, "receipt");
    }

    /** The form's "what happens next" as the thanks page says it, without pointing at a page the mail does not have. */
    static String nextSteps(FormDefinition form) {
        String text = form.thanks().text();
        if (!text.contains(NOTE_THE_REFERENCE)) {
            throw new IllegalStateException("Form " + form.id() + ": its thanks text no longer says \""
                    + NOTE_THE_REFERENCE + "\"; adapt MailTexts.nextSteps");
        }
        return text.replace(NOTE_THE_REFERENCE, REFERENCE_ABOVE);
    }

    /** To the administrators: how many suspected-spam submissions wait for review, per form. */
    public static Mail spamSummary(String to, Map<FormDefinition, Long> waiting, Instant at, String siteUrl) {
        long total = 0;
        StringBuilder perForm = new StringBuilder();
        for (Map.Entry<FormDefinition, Long> entry : waiting.entrySet()) {
            total += entry.getValue();
            if (entry.getValue() > 0) {
                perForm.append("- ").append(entry.getKey().title()).append(": ").append(entry.getValue()).append('\n');
            }
        }
        String count = total == 1 ? "1 Eingang wartet" : total + " Eingänge warten";
        String subject = "Verdacht auf Spam: " + count + " auf Prüfung";
        String text = "Guten Tag,\n\n"
                + "in der Sachbearbeitung der Fachkraftallianz " + (total == 1 ? "wartet 1 Eingang" : "warten " + total
                + " Eingänge") + " mit dem Status „" + Status.SUSPECTED_SPAM.label() + "“ auf Ihre Prüfung:\n\n"
                + perForm + "\n"
                + "Bitte prüfen Sie " + (total == 1 ? "ihn" : "sie") + " in der Sachbearbeitung (mit Anmeldung):\n"
                + siteUrl + OFFICE_HOME_PATH + "\n\n"
                + "Stand: " + time(at) + " Uhr. Diese Zusammenfassung kommt einmal am Tag, solange Eingänge warten.\n\n"
                + AUTOMATIC + "\n";
        return new Mail(List.of(to), subject, text, "spam-summary");
    }
}
