package de.fachkraftallianz.notify;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Env;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.local.CloudFormationTemplate;
import de.fachkraftallianz.local.Dynalite;
import de.fachkraftallianz.local.LocalSes;
import de.fachkraftallianz.local.ProjectRoot;
import de.fachkraftallianz.local.TableBootstrap;
import de.fachkraftallianz.notify.mail.SesMailer;
import de.fachkraftallianz.notify.store.OutboxStore;
import de.fachkraftallianz.store.DynamoSubmissionStore;
import de.fachkraftallianz.store.OutboxMapper;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.Notification;
import de.fachkraftallianz.submit.SubmissionService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.submission.CaseFile;
import static org.assertj.core.api.Assertions.tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The notifier against the real local servers, started as the local stack starts them: dynalite with the template's
 * table, aws-ses-v2-local reached by the real SesV2Client. Submissions are stored by the submit path's own service and
 * store; the notifier runs with a clock the test moves, so backoff and leases can be walked through in seconds.
 */
class NotifierIT {

    private static final Path ROOT = ProjectRoot.find();
    private static final String SITE = "http://127.0.0.1:3000";
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static Dynalite dynalite;
    private static LocalSes ses;
    private static DynamoDbClient dynamoDb;

    private static final CaseFile.Person ADMIN = new CaseFile.Person("admin-1", "Ada Admin (Beispiel)");
    private final MovableClock clock = new MovableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private final FormCatalog forms = FormCatalog.load();
    private String table;
    private SubmissionService submissions;

    @BeforeAll
    static void startServers() {
        dynalite = Dynalite.start(ROOT, 0, Optional.empty());
        ses = LocalSes.start(ROOT, 0);
        dynamoDb = DynamoDbClient.builder().endpointOverride(dynalite.endpoint()).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stopServers() {
        dynamoDb.close();
        ses.close();
        dynalite.close();
    }

    @BeforeEach
    void freshTableAndMailbox() {
        table = "notify-" + TABLES.incrementAndGet();
        TableBootstrap.ensureTable(dynamoDb, CloudFormationTemplate.read(ROOT.resolve("template.yaml")),
                "SubmissionsTable", table);
        submissions = new SubmissionService(new DynamoSubmissionStore(dynamoDb, table), clock);
        ses.startAgain();
        ses.clear();
    }

    @AfterEach
    void sesBack() throws Exception {
        signalSes("CONT");
        ses.startAgain();
    }

    @Test
    void the_team_is_told_once_after_the_submission_is_stored_and_the_item_records_it() {
        String reference = store("bedarf-einrichtung", Map.of("email", "a@example.org"), null);
        assertThat(outboxIndex()).containsExactly(reference);

        Notifier.Result result = notifier().deliver();

        assertThat(result.sent()).isEqualTo(1);
        List<Map<String, Object>> mails = ses.mails();
        assertThat(mails).hasSize(1);
        Map<String, Object> mail = mails.get(0);
        assertThat(to(mail)).containsExactly("jugendamt@example.invalid");
        assertThat(mail.get("from")).isEqualTo("fachkraftallianz@example.invalid");
        assertThat(subject(mail)).isEqualTo("Neuer Eingang: Personalbedarf einer Einrichtung melden (" + reference + ")");
        assertThat(text(mail)).contains("Eingegangen: 04.05.2026 12:00 Uhr", SITE + "/intern/vorgang/" + reference);
        Map<String, AttributeValue> item = item(reference);
        assertThat(item).doesNotContainKeys(OutboxMapper.OUTBOX, TableKeys.GSI4_PK, TableKeys.GSI4_SK,
                OutboxMapper.FAILED);
        assertThat(item.get(OutboxMapper.SENT).m().get("team").m().get("messageId").s())
                .isEqualTo(mail.get("messageId"));
        assertThat(outboxIndex()).isEmpty();

        clock.advance(Duration.ofHours(3));
        assertThat(notifier().deliver().sent()).isZero();
        assertThat(ses.mails()).as("never twice").hasSize(1);
    }

    @Test
    void a_submission_that_could_not_be_stored_sends_nothing() {
        SubmissionService broken = new SubmissionService(new DynamoSubmissionStore(dynamoDb, "no-such-table"), clock);
        FormDefinition form = forms.find("bedarf-einrichtung").orElseThrow();
        try {
            broken.submit(form, Map.of("email", List.of("a@example.org")), null);
        } catch (StoreUnavailableException expected) {
            // The visitor gets the 503 (SubmitIT, StoreOutageIT).
        }
        notifier().deliver();
        assertThat(ses.mails()).isEmpty();
        assertThat(outboxIndex()).isEmpty();
    }

    @Test
    void suspected_spam_sends_nothing_and_never_enters_the_outbox() {
        store("hilfe-pflegefamilie", Map.of("email", "spam@example.org", "eingangsbestaetigung", "ja"), "honeypot");
        assertThat(outboxIndex()).isEmpty();
        notifier().deliver();
        assertThat(ses.mails()).isEmpty();
    }

    @Test
    void a_receipt_goes_to_the_sender_who_asked_and_the_team_mail_to_both_departments_of_an_offer() {
        String reference = store("angebot-traeger", Map.of("email", "traeger@example.org",
                "eingangsbestaetigung", "ja", "traeger", "Marker-Traeger-Zq"), null);
        assertThat(notifier().deliver().sent()).isEqualTo(2);

        List<Map<String, Object>> mails = ses.mails();
        assertThat(mails).hasSize(2);
        Map<String, Object> receipt = mails.stream().filter(m -> subject(m).startsWith("Eingangsbestätigung"))
                .findFirst().orElseThrow();
        assertThat(to(receipt)).containsExactly("traeger@example.org");
        assertThat(text(receipt)).contains(reference, "[Platzhalter: Telefon und E-Mail-Adresse des Jugend- und "
                + "Bildungsamtes für Rückfragen]").doesNotContain("traeger@example.org");
        Map<String, Object> team = mails.stream().filter(m -> subject(m).startsWith("Neuer Eingang")).findFirst()
                .orElseThrow();
        assertThat(to(team)).containsExactly("jugendamt@example.invalid", "pflegekinderdienst@example.invalid");
        mails.forEach(m -> assertThat(subject(m) + text(m)).doesNotContain("Marker-Traeger-Zq"));
        assertThat(item(reference).get(OutboxMapper.SENT).m()).containsOnlyKeys("team", "receipt");
    }

    @Test
    void ses_down_means_a_retry_after_the_backoff_and_then_exactly_one_mail() {
        String reference = store("beratungsangebot", Map.of("email", "a@example.org"), null);
        ses.stop();

        Notifier.Result failed = notifier().deliver();

        assertThat(failed.retrying()).isEqualTo(1);
        Map<String, AttributeValue> pending = item(reference).get(OutboxMapper.OUTBOX).m().get("team").m();
        assertThat(pending.get(OutboxMapper.ATTEMPTS).n()).isEqualTo("1");
        assertThat(pending.get(OutboxMapper.NEXT_ATTEMPT_AT).s()).isEqualTo("2026-05-04T10:01:00Z");
        assertThat(pending.get(OutboxMapper.LAST_ERROR).s()).isEqualTo("ConnectException");
        assertThat(pending).as("the claim is given back").doesNotContainKey(OutboxMapper.CLAIM);
        assertThat(outboxIndex()).containsExactly(reference);

        ses.startAgain();
        clock.advance(Duration.ofSeconds(59));
        assertThat(notifier().deliver().sent()).as("not due yet").isZero();
        assertThat(ses.mails()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(notifier().deliver().sent()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        notifier().deliver();
        assertThat(ses.mails()).hasSize(1);
        assertThat(item(reference).get(OutboxMapper.SENT).m().get("team").m().get(OutboxMapper.ATTEMPTS).n())
                .isEqualTo("2");
        assertThat(outboxIndex()).isEmpty();
    }

    @Test
    void after_eight_failed_attempts_the_notification_is_given_up_and_shown_as_failed() {
        String reference = store("barriere-melden", Map.of(), null);
        ses.stop();
        for (int attempt = 1; attempt <= Backoff.MAX_ATTEMPTS; attempt++) {
            Notifier.Result result = notifier().deliver();
            assertThat(result.retrying() + result.failed()).as("attempt " + attempt).isEqualTo(1);
            if (attempt < Backoff.MAX_ATTEMPTS) {
                clock.advance(Backoff.after(attempt));
            }
        }
        Map<String, AttributeValue> item = item(reference);
        assertThat(item).doesNotContainKeys(OutboxMapper.OUTBOX, OutboxMapper.SENT);
        assertThat(item.get(TableKeys.GSI4_PK).s()).as("listed for the administrators")
                .isEqualTo(TableKeys.UNDELIVERED_PARTITION);
        assertThat(outboxIndex()).as("not the notifier's work any more").isEmpty();
        Map<String, AttributeValue> failed = item.get(OutboxMapper.FAILED).m().get("team").m();
        assertThat(failed.get("reason").s()).isEqualTo("ConnectException");
        assertThat(failed.get(OutboxMapper.ATTEMPTS).n()).isEqualTo("8");
        assertThat(failed.get("failedAt").s()).isEqualTo(clock.instant().toString());

        ses.startAgain();
        clock.advance(Duration.ofDays(1));
        notifier().deliver();
        assertThat(ses.mails()).as("given up is given up").isEmpty();

        // The office shows it to the administrators, who send it again once the mail service works.
        OfficeStore office = new OfficeStore(dynamoDb, table, clock);
        assertThat(office.undelivered(50)).extracting(OfficeStore.UndeliveredEntry::reference).containsExactly(reference);
        CaseFile file = office.find(reference).orElseThrow();
        assertThat(file.undelivered()).extracting(CaseFile.Undelivered::notification, CaseFile.Undelivered::attempts,
                CaseFile.Undelivered::reason).containsExactly(tuple(Notification.TEAM, 8, "ConnectException"));
        assertThat(office.resendNotifications(reference, file.version(), List.of(Notification.TEAM), ADMIN,
                clock.instant())).isInstanceOf(OfficeStore.Changed.class);
        assertThat(office.undelivered(50)).isEmpty();
        assertThat(outboxIndex()).containsExactly(reference);
        assertThat(notifier().deliver().sent()).isEqualTo(1);
        assertThat(ses.mails()).hasSize(1);
        item = item(reference);
        assertThat(item).doesNotContainKeys(OutboxMapper.OUTBOX, TableKeys.GSI4_PK, TableKeys.GSI4_SK);
        assertThat(item.get(OutboxMapper.SENT).m()).containsKey("team");
        assertThat(item.get(OutboxMapper.FAILED).m()).isEmpty();
        CaseFile after = office.find(reference).orElseThrow();
        assertThat(after.undelivered()).isEmpty();
        assertThat(after.history()).last().extracting(CaseFile.HistoryEntry::action, CaseFile.HistoryEntry::to,
                CaseFile.HistoryEntry::text).containsExactly(OfficeStore.NOTIFY, OfficeStore.RESENT, "team");
        assertThat(office.resendNotifications(reference, after.version(), List.of(Notification.TEAM), ADMIN,
                clock.instant())).as("nothing waits any more").isNotInstanceOf(OfficeStore.Changed.class);
        notifier().deliver();
        assertThat(ses.mails()).as("delivered is never sent again").hasSize(1);
    }

    @Test
    void a_crash_between_sending_and_recording_never_leads_to_a_second_mail() {
        String reference = store("hilfe-pflegefamilie", Map.of("email", "p@example.org"), null);
        AtomicInteger crashes = new AtomicInteger();
        Notifier.Hooks crashOnce = (ref, notification) -> {
            if (crashes.getAndIncrement() == 0) {
                throw new IllegalStateException("the function dies here");
            }
        };
        Notifier.Result crashed = handler(crashOnce).deliver();
        assertThat(crashed.errors()).isEqualTo(1);
        assertThat(ses.mails()).as("SES took the mail").hasSize(1);
        Map<String, AttributeValue> claimed = item(reference).get(OutboxMapper.OUTBOX).m().get("team").m();
        assertThat(claimed).containsKey(OutboxMapper.CLAIM);

        // Runs within the lease leave the claim alone; the first run after it cannot know whether the mail left.
        clock.advance(Notifier.CLAIM_LEASE.minusSeconds(1));
        handler(crashOnce).deliver();
        assertThat(item(reference)).containsKey(OutboxMapper.OUTBOX);
        clock.advance(Duration.ofSeconds(1));
        Notifier.Result after = handler(crashOnce).deliver();
        assertThat(after.sent()).isZero();
        assertThat(after.failed()).isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        handler(crashOnce).deliver();

        assertThat(ses.mails()).as("at most once").hasSize(1);
        Map<String, AttributeValue> item = item(reference);
        assertThat(item).doesNotContainKeys(OutboxMapper.OUTBOX);
        assertThat(item.get(TableKeys.GSI4_PK).s()).isEqualTo(TableKeys.UNDELIVERED_PARTITION);
        assertThat(item.get(OutboxMapper.FAILED).m().get("team").m().get("reason").s())
                .isEqualTo(Notifier.OUTCOME_UNKNOWN);
        assertThat(outboxIndex()).isEmpty();

        // An administrator decides not to send it again (the mail may well have arrived): it leaves the list.
        OfficeStore office = new OfficeStore(dynamoDb, table, clock);
        CaseFile file = office.find(reference).orElseThrow();
        assertThat(office.dismissNotifications(reference, file.version(), List.of(Notification.TEAM), ADMIN,
                clock.instant())).isInstanceOf(OfficeStore.Changed.class);
        assertThat(item(reference)).doesNotContainKeys(TableKeys.GSI4_PK, TableKeys.GSI4_SK);
        assertThat(office.undelivered(50)).isEmpty();
        assertThat(office.find(reference).orElseThrow().undelivered()).isEmpty();
        assertThat(office.find(reference).orElseThrow().history()).last()
                .extracting(CaseFile.HistoryEntry::to).isEqualTo(OfficeStore.DISMISSED);
        clock.advance(Duration.ofDays(1));
        handler(crashOnce).deliver();
        assertThat(ses.mails()).hasSize(1);
    }

    @Test
    void a_send_that_timed_out_is_not_repeated_because_ses_may_have_taken_it() throws Exception {
        String reference = store("bedarf-einrichtung", Map.of(), null);
        signalSes("STOP");
        Notifier.Result result;
        try {
            result = notifier().deliver();
        } finally {
            signalSes("CONT");
        }
        assertThat(result.failed()).isEqualTo(1);
        assertThat(item(reference).get(OutboxMapper.FAILED).m().get("team").m().get("reason").s())
                .isEqualTo(Notifier.OUTCOME_UNKNOWN);
        // The paused server now handles the request it had received: the mail did leave, once.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ses.mails().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        clock.advance(Duration.ofDays(1));
        notifier().deliver();
        assertThat(ses.mails()).hasSize(1);
    }

    @Test
    void two_notifiers_at_once_send_every_mail_exactly_once() throws Exception {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            references.add(store("beratungsangebot", Map.of("email", "n" + i + "@example.org",
                    "eingangsbestaetigung", "ja", "angebot_name", "Angebot " + i), null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Notifier.Result>> runs = List.of(() -> notifier().deliver(), () -> notifier().deliver());
            int sent = 0;
            for (Future<Notifier.Result> run : pool.invokeAll(runs)) {
                sent += run.get().sent();
            }
            assertThat(sent).isEqualTo(24);
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> mails = ses.mails();
        assertThat(mails).hasSize(24);
        assertThat(mails.stream().map(NotifierIT::subject).distinct()).hasSize(24);
        assertThat(outboxIndex()).isEmpty();
    }

    @Test
    void the_administrators_hear_once_a_day_how_much_suspected_spam_waits() {
        NotifierHandler handler = handler(Notifier.NONE);
        assertThat(handler.spamSummary()).containsEntry("outcome", "nothing-waiting").containsEntry("waiting", 0L);
        assertThat(ses.mails()).as("nothing waiting, no mail").isEmpty();

        store("bedarf-einrichtung", Map.of("email", "s1@example.org"), "honeypot");
        store("bedarf-einrichtung", Map.of("email", "s2@example.org"), "too-fast");
        store("barriere-melden", Map.of("problem", "spam"), "honeypot");
        store("barriere-melden", Map.of("problem", "real"), null);

        assertThat(handler.spamSummary()).containsEntry("outcome", "sent").containsEntry("waiting", 3L);
        assertThat(handler.spamSummary()).as("a schedule delivered twice").containsEntry("outcome",
                "already-sent-today");
        List<Map<String, Object>> mails = ses.mails();
        assertThat(mails).hasSize(1);
        Map<String, Object> mail = mails.get(0);
        assertThat(to(mail)).containsExactly("administration@example.invalid");
        assertThat(subject(mail)).isEqualTo("Verdacht auf Spam: 3 Eingänge warten auf Prüfung");
        assertThat(text(mail)).contains("- Personalbedarf einer Einrichtung melden: 2\n", "- Barriere melden: 1\n",
                SITE + "/intern\n", "Stand: 04.05.2026 12:00 Uhr").doesNotContain("Unterstützung für Ihre Pflegefamilie")
                .doesNotContain("s1@example.org");
        assertThat(new OutboxStore(dynamoDb, table).summary("2026-05-04").orElseThrow().get("messageId").s())
                .isEqualTo(mail.get("messageId"));

        clock.advance(Duration.ofDays(1));
        assertThat(handler.spamSummary()).containsEntry("outcome", "sent");
        assertThat(ses.mails()).hasSize(2);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private String store(String formId, Map<String, String> values, String spamReason) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        values.forEach((name, value) -> answers.put(name, List.of(value)));
        answers.put("_unique", List.of(Long.toString(System.nanoTime())));
        return submissions.submit(forms.find(formId).orElseThrow(), answers, spamReason).reference();
    }

    private NotifierHandler notifier() {
        return handler(Notifier.NONE);
    }

    private NotifierHandler handler(Notifier.Hooks hooks) {
        Env env = new Env(Map.of("AWS_REGION", "eu-central-1", "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "SES_ENDPOINT", ses.endpoint().toString()));
        NotifyConfig config = new NotifyConfig(SITE, "fachkraftallianz@example.invalid", "local-notifications",
                Map.of(Department.JUGENDAMT, "jugendamt@example.invalid",
                        Department.PFLEGEKINDERDIENST, "pflegekinderdienst@example.invalid"),
                "administration@example.invalid",
                Map.of(Department.JUGENDAMT, "[Platzhalter: Telefon und E-Mail-Adresse des Jugend- und Bildungsamtes "
                                + "für Rückfragen]",
                        Department.PFLEGEKINDERDIENST, "[Platzhalter: Telefon und E-Mail-Adresse des "
                                + "Pflegekinderdienstes für Rückfragen]"));
        return new NotifierHandler(new OutboxStore(dynamoDb, table),
                new SesMailer(SesMailer.client(env), config.from(), config.configurationSet()), config, clock, hooks);
    }

    private Map<String, AttributeValue> item(String reference) {
        return dynamoDb.getItem(b -> b.tableName(table).key(TableKeys.submissionKey(reference)).consistentRead(true))
                .item();
    }

    /** The references in the outbox index. */
    private List<String> outboxIndex() {
        List<String> references = new ArrayList<>();
        for (OutboxStore.Entry entry : new OutboxStore(dynamoDb, table).pending(null).entries()) {
            references.add(entry.reference());
        }
        return references;
    }

    @SuppressWarnings("unchecked")
    static List<String> to(Map<String, Object> mail) {
        return (List<String>) ((Map<String, Object>) mail.get("destination")).get("to");
    }

    static String subject(Map<String, Object> mail) {
        return (String) mail.get("subject");
    }

    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> mail) {
        return (String) ((Map<String, Object>) mail.get("body")).get("text");
    }

    /** Pauses or continues aws-ses-v2-local (kill -STOP / -CONT): connections are taken, nothing is answered. */
    private static void signalSes(String signal) throws Exception {
        Optional<ProcessHandle> server = ses.process();
        if (server.isEmpty()) {
            return;
        }
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(server.get());
        server.get().descendants().forEach(processes::add);
        for (ProcessHandle process : processes) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
        }
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
