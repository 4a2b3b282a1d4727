package de.fachkraftallianz.notify.mail;

import java.util.List;

/**
 * One plain-text e-mail, as the notifier sends it.
 *
 * @param to      the recipients (the team mailboxes, the sender of a form, or the administrators)
 * @param subject German, without anything a person typed
 * @param text    German plain text, without anything a person typed
 * @param kind    what it is (team, receipt, spam-summary): a tag on the message for SES's own event records
 */
public record Mail(List<String> to, String subject, String text, String kind) {

    public Mail {
        to = List.copyOf(to);
    }
}
