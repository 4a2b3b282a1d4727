package de.fachkraftallianz.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FieldType;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.CloudFormationTemplate;
import de.fachkraftallianz.local.LocalScheduler;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.ProjectRoot;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.Notification;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The whole local stack: forms posted through the gateway to the real submit function, the notifier run by the
 * local scheduler from the template's schedule (its timers off, so the test says when), the mails read back from
 * aws-ses-v2-local's HTTP API.
 */
class NotificationsStackIT {

    private static LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final LocalDate today = LocalDate.now(Validator.ZONE);
    private final FormCatalog forms = FormCatalog.load();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults().withoutScheduleTimers()
                .withEnv("RATE_LIMIT_PER_HOUR", "1000"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @BeforeEach
    void emptyMailbox() {
        stack.ses().clear();
    }

    @Test
    void the_local_stack_runs_the_notifier_on_the_templates_schedules_against_the_local_ses() {
        assertThat(stack.schedules()).isEqualTo(LocalScheduler.fromTemplate(
                CloudFormationTemplate.read(ProjectRoot.find().resolve("template.yaml"))));
        assertThat(stack.environment("NotifierFunction"))
                .containsEntry("SES_ENDPOINT", stack.ses().endpoint().toString())
                .containsEntry("SITE_URL", stack.baseUrl().toString())
                .containsEntry("MAIL_CONFIGURATION_SET", "fachkraftallianz-local-notifications")
                .containsEntry("MAILBOX_JUGENDAMT", "jugendamt@example.invalid")
                .containsEntry("TABLE_NAME", stack.tableName());
        assertThat(stack.runSchedule("NotifierFunction", "DeliverPending")).contains("\"task\":\"deliver\"");
    }

    @Test
    void every_form_reaches_its_team_and_a_sender_who_asked_without_a_single_answer_in_a_mail() throws Exception {
        Map<String, Map<String, List<String>>> sent = new LinkedHashMap<>();
        List<String> markers = new ArrayList<>();
        int formNumber = 0;
        for (FormDefinition form : forms.all()) {
            formNumber++;
            int sampleNumber = 0;
            for (Map<String, List<String>> sample : Samples.all(form.id(), today)) {
                sampleNumber++;
                Map<String, List<String>> values = marked(form, sample, "F" + formNumber + "s" + sampleNumber);
                markers.addAll(searchable(form, values));
                HttpResponse<String> response = post(form.id(), values);
                assertThat(response.statusCode()).as(form.id() + " " + response.body()).isEqualTo(201);
                sent.put((String) JSON.std.mapFrom(response.body()).get("reference"), values);
            }
        }
        assertThat(markers).as("markers to look for").hasSizeGreaterThan(30);

        String run = stack.runSchedule("NotifierFunction", "DeliverPending");
        assertThat(run).contains("\"errors\":0");

        List<Map<String, Object>> mails = stack.ses().mails();
        int receipts = 0;
        for (Map.Entry<String, Map<String, List<String>>> submission : sent.entrySet()) {
            String reference = submission.getKey();
            List<Map<String, Object>> about = mails.stream()
                    .filter(m -> NotifierIT.subject(m).contains(reference)).toList();
            List<String> email = submission.getValue().get(Notification.EMAIL_FIELD);
            boolean asked = email != null && List.of("ja").equals(
                    submission.getValue().get(Notification.RECEIPT_FIELD));
            assertThat(about).as(reference + ": the team mail, and the receipt if asked").hasSize(asked ? 2 : 1);
            for (Map<String, Object> mail : about) {
                if (NotifierIT.subject(mail).startsWith("Eingangsbestätigung")) {
                    receipts++;
                    assertThat(NotifierIT.to(mail)).containsExactly(email.get(0));
                } else {
                    assertThat(NotifierIT.text(mail)).contains(stack.baseUrl() + "/intern/vorgang/" + reference);
                }
            }
        }
        assertThat(receipts).as("every form offers the receipt in one of its samples").isEqualTo(5);
        assertThat(mails).hasSize(sent.size() + receipts);
        for (Map<String, Object> mail : mails) {
            String content = NotifierIT.subject(mail) + "\n" + NotifierIT.text(mail);
            for (String marker : markers) {
                assertThat(content).as("no answer in a mail").doesNotContain(marker);
            }
        }

        stack.runSchedule("NotifierFunction", "DeliverPending");
        assertThat(stack.ses().mails()).as("the next run sends nothing again").hasSize(mails.size());
    }

    /**
     * A hanging table (dynalite paused with SIGSTOP): the visitor gets the 503 within the time limits. The write the
     * table had already received may still be applied when it resumes, so the mails must follow the table, not the
     * answer: a team mail (and the receipt asked for) exactly when the submission is in the table, else nothing.
     * The deterministic case, a write the table refuses, is NotifierIT's.
     */
    @Test
    void after_a_table_outage_mails_follow_what_the_table_holds_not_what_the_visitor_was_told() throws Exception {
        stack.runSchedule("NotifierFunction", "DeliverPending");
        stack.ses().clear();
        long before = countOf("hilfe-pflegefamilie");
        Map<String, List<String>> values = marked(forms.find("hilfe-pflegefamilie").orElseThrow(),
                Samples.values("hilfe-pflegefamilie", today), "outage");
        signalDynalite("STOP");
        HttpResponse<String> response;
        try {
            response = post("hilfe-pflegefamilie", values);
        } finally {
            signalDynalite("CONT");
        }
        assertThat(response.statusCode()).isEqualTo(503);
        Thread.sleep(1_000);
        long stored = countOf("hilfe-pflegefamilie") - before;
        assertThat(stored).isBetween(0L, 1L);

        stack.runSchedule("NotifierFunction", "DeliverPending");
        List<Map<String, Object>> mails = stack.ses().mails();
        assertThat(mails).as("stored: %d", stored).hasSize((int) stored * 2);
        mails.forEach(mail -> assertThat(NotifierIT.subject(mail)).contains("Unterstützung für Ihre Pflegefamilie"));
    }

    /** How many submissions of a form the table holds (a COUNT query on the byForm index). */
    private static long countOf(String formId) {
        return stack.dynamoDb().query(b -> b.tableName(stack.tableName()).indexName(TableKeys.GSI_BY_FORM)
                .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", TableKeys.GSI1_PK))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(TableKeys.formPartition(formId, false))))
                .select(Select.COUNT)).count();
    }

    @Test
    void suspected_spam_is_not_mailed_but_counted_for_the_administrators() throws Exception {
        Map<String, List<String>> values = marked(forms.find("barriere-melden").orElseThrow(),
                Samples.values("barriere-melden", today), "spam");
        values.put("homepage", List.of("https://spam.example"));
        assertThat(post("barriere-melden", values).statusCode()).isEqualTo(201);
        stack.runSchedule("NotifierFunction", "DeliverPending");
        assertThat(stack.ses().mails()).isEmpty();

        assertThat(stack.runSchedule("NotifierFunction", "SpamSummary")).contains("\"outcome\":\"sent\"");
        List<Map<String, Object>> mails = stack.ses().mails();
        assertThat(mails).hasSize(1);
        assertThat(NotifierIT.to(mails.get(0))).containsExactly("administration@example.invalid");
        assertThat(NotifierIT.text(mails.get(0))).contains("- Barriere melden: 1\n", stack.baseUrl() + "/intern\n");
    }

    /** The public submit path's jar stays as lean as it was: the SES client is in the notifier's jar only. */
    @Test
    void the_mail_client_is_in_the_notifiers_jar_and_not_in_the_submit_functions() throws Exception {
        java.nio.file.Path root = ProjectRoot.find();
        try (java.util.zip.ZipFile submit = new java.util.zip.ZipFile(root.resolve("functions/target/function.jar").toFile());
             java.util.zip.ZipFile notifier = new java.util.zip.ZipFile(root.resolve("notify/target/notifier.jar").toFile())) {
            assertThat(submit.stream().map(java.util.zip.ZipEntry::getName))
                    .noneMatch(name -> name.contains("/sesv2/") || name.startsWith("de/fachkraftallianz/notify/"));
            assertThat(notifier.getEntry("software/amazon/awssdk/services/sesv2/SesV2Client.class")).isNotNull();
            assertThat(notifier.getEntry(NotifierHandler.class.getName().replace('.', '/') + ".class")).isNotNull();
        }
    }

    /** The sample with every typed answer replaced by a unique marker where the field takes any text. */
    private static Map<String, List<String>> marked(FormDefinition form, Map<String, List<String>> sample, String tag) {
        Map<String, List<String>> values = new LinkedHashMap<>(sample);
        int n = 0;
        for (Field field : form.fields()) {
            n++;
            if (!values.containsKey(field.name()) || field.pattern() != null) {
                continue;
            }
            String marker = "Mrk" + tag + "f" + n + "Zq";
            switch (field.type()) {
                case TEXT, TEXTAREA -> values.put(field.name(), List.of(marker));
                case EMAIL -> values.put(field.name(), List.of(marker.toLowerCase() + "@example.org"));
                case URL -> values.put(field.name(), List.of("https://" + marker.toLowerCase() + ".example.org/"));
                default -> {
                }
            }
        }
        return values;
    }

    /** Every answer worth looking for in a mail: free values of five characters or more, dates in both spellings. */
    private static List<String> searchable(FormDefinition form, Map<String, List<String>> values) {
        List<String> found = new ArrayList<>();
        for (Field field : form.fields()) {
            List<String> given = values.get(field.name());
            if (given == null || field.type().hasOptions() || field.type().isTickBox()
                    || field.type() == FieldType.NUMBER) {
                continue;
            }
            for (String value : given) {
                if (value.length() >= 5) {
                    found.add(value);
                }
                if (field.type() == FieldType.DATE) {
                    found.add(value.substring(8) + "." + value.substring(5, 7) + "." + value.substring(0, 4));
                }
            }
        }
        return found;
    }

    private HttpResponse<String> post(String formId, Map<String, List<String>> values) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        values.forEach((name, list) -> body.put(name, list.size() == 1 && !forms.find(formId).orElseThrow()
                .field(name).map(f -> f.type().isMultiValued()).orElse(false) ? list.get(0) : list));
        return http.send(HttpRequest.newBuilder(stack.uri("/api/forms/" + formId))
                        .timeout(Duration.ofSeconds(20))
                        .header("content-type", "application/json").header("accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.std.asString(body), StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void signalDynalite(String signal) throws Exception {
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(stack.dynamoDbProcess());
        stack.dynamoDbProcess().descendants().forEach(processes::add);
        for (ProcessHandle process : processes) {
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor())
                    .isZero();
        }
    }
}
