package de.fachkraftallianz.notify;

import de.fachkraftallianz.Env;
import java.util.Map;

/**
 * What the county configures for the mails (template.yaml parameters, see README "Notifications"): the sender
 * address of the verified SES identity, the configuration set, one mailbox per department, the administrators'
 * mailbox, and per department the contact a receipt names. Defaults are placeholders on the reserved domain
 * {@code example.invalid} and "[Platzhalter: …]" texts.
 *
 * @param siteUrl the site's public address; the office link in the team mail starts with it
 */
public record NotifyConfig(String siteUrl, String from, String configurationSet,
                           Map<Department, String> mailboxes, String adminMailbox,
                           Map<Department, String> contacts) {

    public NotifyConfig {
        mailboxes = Map.copyOf(mailboxes);
        contacts = Map.copyOf(contacts);
        siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
    }

    public static NotifyConfig fromEnv(Env env) {
        return new NotifyConfig(
                env.required("SITE_URL"),
                env.required("MAIL_FROM"),
                env.required("MAIL_CONFIGURATION_SET"),
                Map.of(Department.JUGENDAMT, env.required("MAILBOX_JUGENDAMT"),
                        Department.PFLEGEKINDERDIENST, env.required("MAILBOX_PFLEGEKINDERDIENST")),
                env.required("MAILBOX_ADMIN"),
                Map.of(Department.JUGENDAMT, env.required("CONTACT_JUGENDAMT"),
                        Department.PFLEGEKINDERDIENST, env.required("CONTACT_PFLEGEKINDERDIENST")));
    }

    public String mailbox(Department department) {
        return mailboxes.get(department);
    }

    public String contact(Department department) {
        return contacts.get(department);
    }
}
