package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.office.auth.Cookies;
import de.fachkraftallianz.store.DynamoSubmissionStore;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submit.SubmissionService;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The office through the local gateway, signed in through the local Cognito stand-in, against dynalite. */
class OfficeIT {

    static LocalStack stack;
    static final FormCatalog FORMS = FormCatalog.load();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A fresh NEW submission of the form (its content made unique), as the public form would store it. */
    static String submit(String formId) {
        FormDefinition form = FORMS.find(formId).orElseThrow();
        LocalDate today = LocalDate.now(Validator.ZONE);
        Map<String, List<String>> values = new LinkedHashMap<>(
                new Validator(Clock.systemUTC()).validate(form, Samples.values(formId, today)).values());
        String free = form.fields().stream().filter(f -> f.type() == de.fachkraftallianz.forms.FieldType.TEXTAREA)
                .findFirst().orElseThrow().name();
        values.put(free, List.of("Beispiel " + UUID.randomUUID()));
        return new SubmissionService(new DynamoSubmissionStore(stack.dynamoDb(), stack.tableName()), Clock.systemUTC())
                .submit(form, values, null).reference();
    }

    static CaseFile read(String reference) {
        return new OfficeStore(stack.dynamoDb(), stack.tableName()).find(reference).orElseThrow();
    }

    @Test
    void a_signed_out_visitor_is_sent_to_the_sign_in_and_back_to_where_they_wanted_to_go() throws Exception {
        Staff nobody = new Staff(stack);
        HttpResponse<String> inbox = nobody.get("/intern?status=NEW");
        assertThat(inbox.statusCode()).isEqualTo(303);
        assertThat(inbox.headers().firstValue("location")).contains("/api/office/login?next=%2Fintern%3Fstatus%3DNEW");
    }

    @Test
    void jugendamt_staff_sign_in_work_a_request_from_new_to_done_and_the_history_says_who_did_what() throws Exception {
        String reference = submit("bedarf-einrichtung");
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);

        HttpResponse<String> inbox = amt.get("/intern");
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("Angemeldet: Anna Amt (Beispiel)", "Jugend- und Bildungsamt",
                reference, "ungelesen");
        HttpResponse<String> detail = amt.get("/intern/vorgang/" + reference);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("Vorgang " + reference, "Personalbedarf einer Einrichtung melden",
                FORMS.find("bedarf-einrichtung").orElseThrow().fields().get(0).label());
        assertThat(read(reference).openedAt()).as("opened: no longer unread").isNotNull();

        assertThat(amt.post("/intern/vorgang/" + reference + "/status", Map.of("version", "0", "status", "IN_PROGRESS"))
                .statusCode()).isEqualTo(303);
        assertThat(amt.post("/intern/vorgang/" + reference + "/notiz", Map.of("version", "1", "text", "Träger A angefragt."))
                .statusCode()).isEqualTo(303);
        String me = read(reference).history().get(0).by().id();
        assertThat(amt.post("/intern/vorgang/" + reference + "/zuweisung", Map.of("version", "2", "person", me))
                .statusCode()).isEqualTo(303);
        assertThat(amt.post("/intern/vorgang/" + reference + "/status", Map.of("version", "3", "status", "DONE",
                "grund", "Zwei Fachkräfte vermittelt.")).statusCode()).isEqualTo(303);

        CaseFile done = read(reference);
        assertThat(done.status()).isEqualTo(Status.DONE);
        assertThat(done.version()).isEqualTo(4);
        assertThat(done.assignee().name()).isEqualTo("Anna Amt (Beispiel)");
        assertThat(done.notes()).extracting(CaseFile.Note::text).containsExactly("Träger A angefragt.");
        assertThat(done.history()).extracting(CaseFile.HistoryEntry::action, CaseFile.HistoryEntry::from,
                CaseFile.HistoryEntry::to, CaseFile.HistoryEntry::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("STATUS", "NEW", "IN_PROGRESS", null),
                org.assertj.core.groups.Tuple.tuple("NOTE", null, null, "Träger A angefragt."),
                org.assertj.core.groups.Tuple.tuple("ASSIGN", null, "Anna Amt (Beispiel)", null),
                org.assertj.core.groups.Tuple.tuple("STATUS", "IN_PROGRESS", "DONE", "Zwei Fachkräfte vermittelt."));
        assertThat(done.history()).allSatisfy(e -> assertThat(e.by().name()).isEqualTo("Anna Amt (Beispiel)"));
        String page = amt.get("/intern/vorgang/" + reference).body();
        assertThat(page).contains("„Neu“ → „In Bearbeitung“", "„In Bearbeitung“ → „Erledigt“", "Zwei Fachkräfte vermittelt.",
                "Träger A angefragt.");
    }

    @Test
    void signing_out_ends_the_session_on_the_server_and_at_the_provider() throws Exception {
        Staff pkd = Staff.signIn(stack, "pkd", LocalCognito.PKD_PASSWORD);
        String session = pkd.siteCookies.get(Cookies.SESSION);
        HttpResponse<String> out = pkd.post("/api/office/logout", Map.of());
        // A page that leads on to the provider's sign-out, not a redirect (the CSP's form-action 'self' would block
        // a form's redirect to the provider; OfficeBrowserIT shows it in Chromium).
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.body()).contains("<meta http-equiv=\"refresh\" content=\"0; url="
                + stack.cognito().authBase() + "/logout?client_id=")
                .contains("logout_uri=" + java.net.URLEncoder.encode(stack.baseUrl() + "/intern/abgemeldet",
                        java.nio.charset.StandardCharsets.UTF_8));
        assertThat(pkd.siteCookies).doesNotContainKey(Cookies.SESSION);

        Staff replay = new Staff(stack);
        replay.siteCookies.put(Cookies.SESSION, session);
        assertThat(replay.get("/intern").statusCode()).as("the old cookie opens nothing").isEqualTo(303);
    }
}
