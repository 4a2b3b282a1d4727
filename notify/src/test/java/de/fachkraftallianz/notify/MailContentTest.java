package de.fachkraftallianz.notify;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FieldType;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.notify.mail.Mail;
import de.fachkraftallianz.notify.store.OutboxStore;
import de.fachkraftallianz.store.SubmissionMapper;
import de.fachkraftallianz.submission.Notification;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mails of every form, built from a stored item whose every answer is a unique marker: no marker may appear in a
 * subject or body (the receipt's address appears as its recipient only). German, with the reference, the time in
 * Berlin and the office link.
 */
class MailContentTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-29T00:30:00Z"); // 01:30 in Berlin (winter time)
    private static final String SITE = "https://fachkraftallianz.example";
    private static final NotifyConfig CONFIG = new NotifyConfig(SITE + "/", "absender@example.invalid", "set",
            Map.of(Department.JUGENDAMT, "jba@example.invalid", Department.PFLEGEKINDERDIENST, "pkd@example.invalid"),
            "admin@example.invalid",
            Map.of(Department.JUGENDAMT, "Kontakt JBA: 03501 000000", Department.PFLEGEKINDERDIENST,
                    "Kontakt PKD: 03501 111111"));

    private final FormCatalog catalog = FormCatalog.load();
    private final Notifier notifier = new Notifier(null, null, CONFIG, catalog, Clock.systemUTC(), Notifier.NONE);

    @Test
    void no_answer_of_any_form_reaches_a_subject_or_body() {
        for (FormDefinition form : catalog.all()) {
            Markers markers = markers(form);
            OutboxStore.Submission item = OutboxStore.submissionOf(SubmissionMapper.toItem(new Submission(
                    "K7QM-4XRT", form.id(), Status.NEW, RECEIVED, RECEIVED.plusSeconds(3600), "hash",
                    markers.values, null), "w"));
            Mail team = notifier.mail(item, Notification.TEAM);
            Mail receipt = notifier.mail(item, Notification.RECEIPT);
            assertThat(markers.texts).as(form.id() + " markers").hasSizeGreaterThan(3);
            for (Mail mail : List.of(team, receipt)) {
                for (String marker : markers.texts) {
                    assertThat(mail.subject()).as(form.id() + " " + mail.kind() + " subject").doesNotContain(marker);
                    assertThat(mail.text()).as(form.id() + " " + mail.kind() + " text").doesNotContain(marker);
                }
            }
            assertThat(receipt.to()).as("the receipt goes to the address given, and only there")
                    .containsExactly(markers.values.get("email").get(0));
            assertThat(team.to()).doesNotContain(markers.values.get("email").get(0));
        }
    }

    @Test
    void the_team_mail_names_form_reference_berlin_time_and_the_office_link_in_german() {
        for (FormDefinition form : catalog.all()) {
            Mail mail = notifier.mail(item(form.id(), null), Notification.TEAM);
            assertThat(mail.subject()).isEqualTo("Neuer Eingang: " + form.title() + " (K7QM-4XRT)");
            assertThat(mail.text()).contains("über das Formular „" + form.title() + "“",
                    "Vorgangsnummer: K7QM-4XRT", "Eingegangen: 29.03.2026 01:30 Uhr",
                    SITE + "/intern/vorgang/K7QM-4XRT\n", "keine davon");
            assertThat(mail.kind()).isEqualTo("team");
        }
        // After the change to summer time the offset is two hours.
        assertThat(notifier.mail(new OutboxStore.Submission("K7QM-4XRT", "barriere-melden", Status.NEW,
                Instant.parse("2026-03-29T01:00:00Z"), null, List.of(), Map.of(), Map.of(), java.util.Set.of(), true),
                Notification.TEAM).text()).contains("Eingegangen: 29.03.2026 03:00 Uhr");
    }

    @Test
    void each_form_goes_to_the_mailboxes_of_the_departments_working_on_it() {
        assertThat(notifier.mail(item("bedarf-einrichtung", null), Notification.TEAM).to())
                .containsExactly("jba@example.invalid");
        assertThat(notifier.mail(item("beratungsangebot", null), Notification.TEAM).to())
                .containsExactly("jba@example.invalid");
        assertThat(notifier.mail(item("barriere-melden", null), Notification.TEAM).to())
                .containsExactly("jba@example.invalid");
        assertThat(notifier.mail(item("hilfe-pflegefamilie", null), Notification.TEAM).to())
                .containsExactly("pkd@example.invalid");
        assertThat(notifier.mail(item("angebot-traeger", null), Notification.TEAM).to())
                .containsExactly("jba@example.invalid", "pkd@example.invalid");
        NotifyConfig shared = new NotifyConfig(SITE, "a@example.invalid", "set",
                Map.of(Department.JUGENDAMT, "team@example.invalid", Department.PFLEGEKINDERDIENST, "team@example.invalid"),
                "admin@example.invalid", CONFIG.contacts());
        assertThat(new Notifier(null, null, shared, catalog, Clock.systemUTC(), Notifier.NONE)
                .mail(item("angebot-traeger", null), Notification.TEAM).to()).as("one mailbox, one copy")
                .containsExactly("team@example.invalid");
    }

    @Test
    void the_receipt_says_what_happens_next_and_whom_to_ask_without_pointing_at_a_page() {
        for (FormDefinition form : catalog.all()) {
            Mail mail = notifier.mail(item(form.id(), "person@example.org"), Notification.RECEIPT);
            assertThat(mail.to()).containsExactly("person@example.org");
            assertThat(mail.subject()).isEqualTo("Eingangsbestätigung: " + form.title() + " (Vorgangsnummer K7QM-4XRT)");
            String contact = form.id().equals("hilfe-pflegefamilie") ? "Kontakt PKD: 03501 111111"
                    : "Kontakt JBA: 03501 000000";
            assertThat(mail.text()).contains("Ihre Angaben im Formular „" + form.title() + "“ sind bei uns eingegangen",
                    "Vorgangsnummer: K7QM-4XRT", "Eingegangen: 29.03.2026 01:30 Uhr", "So geht es weiter:",
                    form.thanks().text().split("\n\n")[0], "Bei Fragen wenden Sie sich bitte an:\n" + form.recipient() + "\n"
                            + contact, "Ihre Vorgangsnummer steht oben in dieser E-Mail.",
                    "Ihre Angaben selbst stehen nicht in dieser E-Mail");
            assertThat(mail.text()).as("a mail has no page").doesNotContain("auf dieser Seite")
                    .doesNotContain("person@example.org").doesNotContain("/intern");
        }
        assertThat(notifier.mail(item("hilfe-pflegefamilie", "p@example.org"), Notification.RECEIPT).text())
                .as("the emergency numbers of the thanks page stay").contains("110", "112");
    }

    @Test
    void a_receipt_without_an_address_is_no_mail() {
        assertThat(notifier.mail(item("bedarf-einrichtung", null), Notification.RECEIPT)).isNull();
        assertThat(notifier.mail(item("bedarf-einrichtung", " "), Notification.RECEIPT)).isNull();
    }

    private static OutboxStore.Submission item(String formId, String email) {
        return new OutboxStore.Submission("K7QM-4XRT", formId, Status.NEW, RECEIVED, email, List.of(), Map.of(),
                Map.of(), java.util.Set.of(), true);
    }

    /** A unique marker for every answer a person types or picks; {@code texts} are those that can be searched for. */
    record Markers(Map<String, List<String>> values, List<String> texts) {
    }

    static Markers markers(FormDefinition form) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        int n = 0;
        for (Field field : form.fields()) {
            n++;
            String tag = form.id().substring(0, 3).toUpperCase() + n;
            String value = switch (field.type()) {
                case EMAIL -> "mrk" + tag.toLowerCase() + "@example.org";
                case TEL -> "0351 9" + (40_000 + form.id().length() * 100 + n);
                case URL -> "https://mrk" + tag.toLowerCase() + ".example.org/p";
                case NUMBER -> Integer.toString(field.max());
                case DATE -> "2031-0" + (1 + n % 9) + "-" + (10 + n % 18);
                case CHECKBOX, CONSENT -> FieldType.TICKED;
                case SELECT, RADIO, CHECKBOXES -> field.options().get(0).value();
                default -> "Mrk" + tag + "Zq";
            };
            values.put(field.name(), List.of(value));
            if (!field.type().hasOptions() && !field.type().isTickBox() && field.type() != FieldType.NUMBER) {
                texts.add(value);
            }
            if (field.type() == FieldType.DATE) {
                texts.add(value.substring(8) + "." + value.substring(5, 7) + "." + value.substring(0, 4));
            }
        }
        return new Markers(values, texts);
    }
}
