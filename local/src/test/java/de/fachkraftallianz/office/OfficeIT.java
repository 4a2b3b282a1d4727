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
import de.fachkraftallianz.store.OutboxMapper;
import de.fachkraftallianz.store.TableKeys;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
public class OfficeIT {

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
        return submit(stack, formId, false);
    }

    /** A fresh submission of the form, NEW or suspected spam, stored as the public form would store it. */
    static String submit(LocalStack stack, String formId, boolean spam) {
        FormDefinition form = FORMS.find(formId).orElseThrow();
        LocalDate today = LocalDate.now(Validator.ZONE);
        Map<String, List<String>> values = new LinkedHashMap<>(
                new Validator(Clock.systemUTC()).validate(form, Samples.values(formId, today)).values());
        // Unique content (the reference is derived from it): a free-text answer the sample fills, made distinct.
        de.fachkraftallianz.forms.FormDefinition.Field free = form.fields().stream()
                .filter(f -> (f.type() == de.fachkraftallianz.forms.FieldType.TEXT
                        || f.type() == de.fachkraftallianz.forms.FieldType.TEXTAREA) && f.pattern() == null
                        && values.containsKey(f.name()))
                .findFirst().orElseThrow(() -> new AssertionError(formId + ": the sample fills no free-text field"));
        String unique = " " + UUID.randomUUID().toString().substring(0, 8);
        String value = values.get(free.name()).get(0);
        int room = free.maxLength() == null ? value.length() : Math.min(value.length(), free.maxLength() - unique.length());
        values.put(free.name(), List.of(value.substring(0, room) + unique));
        return new SubmissionService(new DynamoSubmissionStore(stack.dynamoDb(), stack.tableName()), Clock.systemUTC())
                .submit(form, values, spam ? "honeypot" : null).reference();
    }

    static CaseFile read(String reference) {
        return new OfficeStore(stack.dynamoDb(), stack.tableName()).find(reference).orElseThrow();
    }

    static OfficeStore store() {
        return new OfficeStore(stack.dynamoDb(), stack.tableName());
    }

    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item(String reference) {
        return stack.dynamoDb().getItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(reference))
                .consistentRead(true)).item();
    }

    /**
     * Leaves the submission as the notifier does when it gives up its team mail after every attempt (NotifierIT shows
     * the notifier writing exactly this): no outbox, the failure recorded, listed for the administrators.
     */
    public static void giveUpNotifications(LocalStack stack, String reference) {
        stack.dynamoDb().updateItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(reference))
                .updateExpression("SET #f = :f, #gp = :u, #gs = :s REMOVE #o")
                .expressionAttributeNames(Map.of("#f", OutboxMapper.FAILED, "#gp", TableKeys.GSI4_PK,
                        "#gs", TableKeys.GSI4_SK, "#o", OutboxMapper.OUTBOX))
                .expressionAttributeValues(Map.of(
                        ":f", AttributeValue.fromM(Map.of("team", AttributeValue.fromM(Map.of(
                                "reason", AttributeValue.fromS("MessageRejected"),
                                "failedAt", AttributeValue.fromS("2026-05-04T10:00:00Z"),
                                OutboxMapper.ATTEMPTS, AttributeValue.fromN("8"))))),
                        ":u", AttributeValue.fromS(TableKeys.UNDELIVERED_PARTITION),
                        ":s", AttributeValue.fromS(Instant.now() + "#" + reference))));
    }

    @Test
    void administrators_see_undelivered_notifications_and_send_them_again_or_not() throws Exception {
        String first = submit("barriere-melden");
        String second = submit("beratungsangebot");
        giveUpNotifications(stack, first);
        giveUpNotifications(stack, second);
        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);

        String inbox = admin.get("/intern").body();
        assertThat(inbox).contains("Nicht zugestellte Benachrichtigungen", "/intern/vorgang/" + first,
                "/intern/vorgang/" + second, "Mitteilung an das Team");
        assertThat(amt.get("/intern").body()).as("administrators only").doesNotContain("Nicht zugestellt");
        String page = admin.get("/intern/vorgang/" + first).body();
        assertThat(page).contains("Mitteilung an das Team: nach 8 Versuchen aufgegeben am 04.05.2026 12:00",
                "technischer Grund: MessageRejected", "Erneut senden", "Nicht erneut senden");
        assertThat(amt.get("/intern/vorgang/" + first).body()).doesNotContain("Nicht zugestellt", "Erneut senden");

        CaseFile file = store().find(first).orElseThrow();
        assertThat(amt.post("/intern/vorgang/" + first + "/benachrichtigung",
                Map.of("version", Long.toString(file.version()), "aktion", "erneut")).statusCode()).isEqualTo(403);
        assertThat(admin.post("/intern/vorgang/" + first + "/benachrichtigung",
                Map.of("version", Long.toString(file.version()), "aktion", "irgendwas")).statusCode()).isEqualTo(400);
        assertThat(store().find(first).orElseThrow().version()).as("nothing changed").isEqualTo(file.version());

        HttpResponse<String> resent = admin.post("/intern/vorgang/" + first + "/benachrichtigung",
                Map.of("version", Long.toString(file.version()), "aktion", "erneut"));
        assertThat(resent.statusCode()).isEqualTo(303);
        Map<String, AttributeValue> item = item(first);
        assertThat(item.get(TableKeys.GSI4_PK).s()).as("back in the notifier's work").isEqualTo(
                TableKeys.OUTBOX_PARTITION);
        assertThat(item.get(OutboxMapper.OUTBOX).m()).containsOnlyKeys("team");
        assertThat(admin.get("/intern/vorgang/" + first).body()).contains("Mitteilung an das Team: erneut zum Versand")
                .doesNotContain("Nicht erneut senden");

        CaseFile other = store().find(second).orElseThrow();
        assertThat(admin.post("/intern/vorgang/" + second + "/benachrichtigung",
                Map.of("version", Long.toString(other.version()), "aktion", "verwerfen")).statusCode()).isEqualTo(303);
        assertThat(item(second)).doesNotContainKeys(TableKeys.GSI4_PK, OutboxMapper.OUTBOX);
        assertThat(admin.get("/intern/vorgang/" + second).body()).contains("wird nicht erneut gesendet");
        String after = admin.get("/intern").body();
        assertThat(after).as("decided, both leave the administrators' list").doesNotContain("Nicht zugestellte");
        CaseFile decided = store().find(second).orElseThrow();
        HttpResponse<String> again = admin.post("/intern/vorgang/" + second + "/benachrichtigung",
                Map.of("version", Long.toString(decided.version()), "aktion", "erneut"));
        assertThat(again.statusCode()).as("nothing waits for a decision any more").isEqualTo(422);
        assertThat(store().find(second).orElseThrow().version()).isEqualTo(decided.version());
    }

    @Test
    void a_reversed_date_range_is_a_german_400_not_a_503() throws Exception {
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        for (String path : List.of("/intern?von=2026-12-05&bis=2026-11-01",
                "/intern/export?formular=bedarf-einrichtung&von=2026-12-05&bis=2026-11-01")) {
            HttpResponse<String> response = amt.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).contains("„Eingang bis“ liegt vor „Eingang ab“");
        }
    }

    @Test
    void a_signed_out_visitor_is_sent_to_the_sign_in_and_back_to_where_they_wanted_to_go() throws Exception {
        Staff nobody = new Staff(stack);
        HttpResponse<String> inbox = nobody.get("/intern?status=NEW");
        assertThat(inbox.statusCode()).isEqualTo(303);
        assertThat(inbox.headers().firstValue("location")).contains("/api/office/login?next=%2Fintern%3Fstatus%3DNEW");
    }

    /** The inbox row of an offer, as HTML ("" if not listed). */
    private static String offerRow(Staff staff, String reference) throws Exception {
        String page = staff.get("/intern?formular=angebot-traeger").body();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("<tr[^>]*>(?:(?!</tr>).)*" + reference
                + "(?:(?!</tr>).)*</tr>", java.util.regex.Pattern.DOTALL).matcher(page);
        return row.find() ? row.group() : "";
    }

    @Test
    void an_offer_both_departments_see_is_unread_for_each_until_someone_of_that_department_opens_it() throws Exception {
        String offer = submit("angebot-traeger");
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Staff pkd = Staff.signIn(stack, "pkd", LocalCognito.PKD_PASSWORD);
        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        assertThat(offerRow(amt, offer)).contains("ungelesen");
        assertThat(offerRow(pkd, offer)).contains("ungelesen");

        assertThat(pkd.get("/intern/vorgang/" + offer).statusCode()).isEqualTo(200);
        assertThat(offerRow(pkd, offer)).as("read in the Pflegekinderdienst").isNotEmpty().doesNotContain("ungelesen");
        assertThat(offerRow(amt, offer)).as("still new to the Jugend- und Bildungsamt").contains("ungelesen");
        assertThat(offerRow(admin, offer)).as("and to the administration").contains("ungelesen");
        java.time.Instant first = read(offer).openedAt();
        assertThat(first).isNotNull();

        assertThat(amt.get("/intern/vorgang/" + offer).statusCode()).isEqualTo(200);
        assertThat(offerRow(amt, offer)).isNotEmpty().doesNotContain("ungelesen");
        assertThat(read(offer).openedIn()).containsExactlyInAnyOrder("pflegekinderdienst", "jugendamt");
        assertThat(read(offer).openedAt()).as("the first opening stays the first").isEqualTo(first);
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
        // Call or write back with one click.
        assertThat(detail.body()).contains("<a href=\"tel:+493023125456\">030 23125 456</a>",
                "<a href=\"mailto:erika.mustermann@example.org\">erika.mustermann@example.org</a>");
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

    @Test
    void a_case_another_departments_colleague_has_shows_them_chosen_and_zuweisen_unchanged_keeps_them() throws Exception {
        String offer = submit("angebot-traeger");
        Staff pkd = Staff.signIn(stack, "pkd", LocalCognito.PKD_PASSWORD);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        pkd.get("/intern/vorgang/" + offer);
        // Paul takes it himself: the only option besides "Niemand" he is offered is himself.
        String pkdPage = pkd.get("/intern/vorgang/" + offer).body();
        java.util.regex.Matcher own = java.util.regex.Pattern.compile("<option value=\"([^\"]+)\"[^>]*>Paul Pflege "
                + "\\(Beispiel\\)</option>").matcher(pkdPage);
        assertThat(own.find()).isTrue();
        String paul = own.group(1);
        assertThat(pkd.post("/intern/vorgang/" + offer + "/zuweisung", Map.of("version", "0", "person", paul))
                .statusCode()).isEqualTo(303);

        String amtPage = amt.get("/intern/vorgang/" + offer).body();
        assertThat(amtPage).as("Paul is shown as chosen, not 'Niemand'")
                .containsPattern("<option value=\"" + paul + "\" selected[^>]*>Paul Pflege \\(Beispiel\\)</option>");
        assertThat(amt.post("/intern/vorgang/" + offer + "/zuweisung", Map.of("version", "1", "person", paul))
                .statusCode()).isEqualTo(303);
        assertThat(read(offer).assignee().id()).as("kept").isEqualTo(paul);
        assertThat(read(offer).version()).as("nothing written").isEqualTo(1);
    }

    @Test
    void a_stale_change_after_ones_own_change_in_another_window_says_so_not_someone_else() throws Exception {
        String reference = submit("bedarf-einrichtung");
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        assertThat(amt.post("/intern/vorgang/" + reference + "/notiz", Map.of("version", "0", "text", "Erster Tab"))
                .statusCode()).isEqualTo(303);
        HttpResponse<String> late = amt.post("/intern/vorgang/" + reference + "/notiz",
                Map.of("version", "0", "text", "Zweiter Tab"));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("Sie haben den Vorgang inzwischen schon geändert, zum Beispiel in einem "
                + "anderen Fenster.").doesNotContain("Jemand anderes", "Anna Amt (Beispiel) hat den Vorgang");
    }

    @Test
    void a_change_made_on_a_stale_version_gets_409_with_the_current_state_and_the_typed_text_kept() throws Exception {
        String reference = submit("angebot-traeger");
        Staff first = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Staff second = Staff.signIn(stack, "pkd", LocalCognito.PKD_PASSWORD);
        first.get("/intern/vorgang/" + reference);
        second.get("/intern/vorgang/" + reference);

        assertThat(first.post("/intern/vorgang/" + reference + "/status",
                Map.of("version", "0", "status", "IN_PROGRESS")).statusCode()).isEqualTo(303);
        HttpResponse<String> late = second.post("/intern/vorgang/" + reference + "/notiz",
                Map.of("version", "0", "text", "Mein Rückruf <b>heute</b>"));

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("Ihre Änderung wurde nicht gespeichert",
                        "Anna Amt (Beispiel) hat den Vorgang geändert, während Sie ihn offen hatten.")
                .contains("„Neu“ → „In Bearbeitung“", "Anna Amt (Beispiel)")
                .contains("Mein Rückruf &lt;b&gt;heute&lt;/b&gt;")
                .contains("name=\"version\" value=\"1\"");
        CaseFile now = read(reference);
        assertThat(now.version()).isEqualTo(1);
        assertThat(now.notes()).isEmpty();
    }

    @Test
    void refused_changes_answer_with_their_german_reason_and_change_nothing() throws Exception {
        String reference = submit("beratungsangebot");
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get("/intern/vorgang/" + reference);
        String base = "/intern/vorgang/" + reference;

        HttpResponse<String> skipping = amt.post(base + "/status", Map.of("version", "0", "status", "DONE",
                "grund", "Erledigt."));
        assertThat(skipping.statusCode()).isEqualTo(422);
        assertThat(skipping.body()).contains("Dieser Statuswechsel ist von „Neu“ aus nicht möglich");

        assertThat(amt.post(base + "/status", Map.of("version", "0", "status", "IN_PROGRESS")).statusCode())
                .isEqualTo(303);
        amt.get(base);
        HttpResponse<String> noReason = amt.post(base + "/status", Map.of("version", "1", "status", "DECLINED",
                "grund", "  "));
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(noReason.body()).contains("Bitte schreiben Sie eine kurze Begründung.");

        String tooLong = "x".repeat(2001);
        HttpResponse<String> oversize = amt.post(base + "/notiz", Map.of("version", "1", "text", tooLong));
        assertThat(oversize.statusCode()).isEqualTo(400);
        assertThat(oversize.body()).contains("höchstens 2000 Zeichen", tooLong);

        HttpResponse<String> badVersion = amt.post(base + "/notiz", Map.of("version", "eins", "text", "Hallo"));
        assertThat(badVersion.statusCode()).isEqualTo(400);

        HttpResponse<String> unknownStatus = amt.post(base + "/status", Map.of("version", "1", "status", "GELOESCHT"));
        assertThat(unknownStatus.statusCode()).isEqualTo(422);

        HttpResponse<String> strangerAssigned = amt.post(base + "/zuweisung", Map.of("version", "1",
                "person", LocalCognito.DEFAULT_USERS.get(1).sub()));
        assertThat(strangerAssigned.statusCode()).as("the Pflegekinderdienst does not work on this form")
                .isEqualTo(422);

        CaseFile after = read(reference);
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(after.notes()).isEmpty();
        assertThat(after.assignee()).isNull();
    }

    @Test
    void a_change_without_the_sessions_csrf_token_or_from_another_site_is_refused() throws Exception {
        String reference = submit("barriere-melden");
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get("/intern/vorgang/" + reference);
        String token = amt.csrf;
        String path = "/intern/vorgang/" + reference + "/notiz";

        amt.csrf = null;
        HttpResponse<String> missing = amt.post(path, Map.of("version", "0", "text", "ohne Token"));
        HttpResponse<String> wrong = amt.post(path, Map.of("_csrf", token + "x", "version", "0", "text", "falsch"));
        HttpResponse<String> crossSite = amt.post(path, Map.of("_csrf", token, "version", "0", "text", "fremd"),
                Map.of("sec-fetch-site", "cross-site"));
        for (HttpResponse<String> refused : List.of(missing, wrong, crossSite)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("Nicht ausgeführt");
        }
        HttpResponse<String> logout = amt.post("/api/office/logout", Map.of("_csrf", "nope"));
        assertThat(logout.statusCode()).as("signing out needs the token too").isEqualTo(403);
        assertThat(read(reference).version()).isZero();

        HttpResponse<String> sameSite = amt.post(path, Map.of("_csrf", token, "version", "0", "text", "richtig"),
                Map.of("sec-fetch-site", "same-origin"));
        assertThat(sameSite.statusCode()).isEqualTo(303);
        assertThat(read(reference).notes()).extracting(CaseFile.Note::text).containsExactly("richtig");
    }

    /**
     * The office's own "not found" reaches the person as it is, in the office's frame with the way back to the inbox:
     * the distribution has no custom error responses (they would apply to every behaviour); a page the site bucket
     * lacks is answered through its origin group instead.
     */
    @Test
    void unknown_or_malformed_references_and_paths_answer_404() throws Exception {
        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        for (String path : List.of("/intern/vorgang/2222-2222", "/intern/vorgang/%3Cscript%3E", "/intern/gibtsnicht",
                "/intern/vorgang/2222-2222/unbekannt")) {
            HttpResponse<String> answer = admin.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).contains("<h1>Nicht gefunden</h1>", "href=\"/intern\"", "Abmelden")
                    .doesNotContain("<script>", "Seite nicht gefunden");
        }
    }

    @Test
    void a_forged_or_unknown_session_cookie_opens_nothing() throws Exception {
        Staff forger = new Staff(stack);
        forger.siteCookies.put(Cookies.SESSION, "x".repeat(43));
        HttpResponse<String> inbox = forger.get("/intern");
        assertThat(inbox.statusCode()).isEqualTo(303);
        assertThat(inbox.headers().firstValue("location").orElseThrow()).startsWith("/api/office/login");
        assertThat(inbox.headers().allValues("set-cookie")).anySatisfy(c ->
                assertThat(c).startsWith(Cookies.SESSION + "=").contains("Max-Age=0"));
    }

    @Test
    void after_sign_in_only_an_office_path_is_a_place_to_return_to() throws Exception {
        for (String next : List.of("//evil.example/", "https://evil.example/intern", "/\\evil.example",
                "/intern/../api/forms", "/%2F%2Fevil.example")) {
            Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD, next);
            assertThat(amt.landedOn).as(next).isEqualTo("/intern");
        }
        Staff back = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD, "/intern?status=NEW&formular=beratungsangebot");
        assertThat(back.landedOn).isEqualTo("/intern?status=NEW&formular=beratungsangebot");
    }

    @Test
    void fifty_concurrent_status_changes_leave_every_count_right() throws Exception {
        String formId = "bedarf-einrichtung";
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Map<String, Integer> before = amt.counts("/intern?formular=" + formId);
        List<String> references = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            references.add(submit(formId));
        }
        amt.get("/intern?formular=" + formId);
        // Two changes race for each submission, both made on version 0: exactly one of each pair may win.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (String reference : references) {
            for (String note : List.of("erster", "zweiter")) {
                results.add(pool.submit(() -> {
                    start.await();
                    // The office function has 5 instances (template.yaml); beyond them the gateway refuses with
                    // 503, as AWS does, and the person sends again.
                    for (int attempt = 0; ; attempt++) {
                        int status = amt.post("/intern/vorgang/" + reference + "/status",
                                Map.of("version", "0", "status", "IN_PROGRESS", "grund", note)).statusCode();
                        if (status != 503 || attempt == 50) {
                            return status;
                        }
                        Thread.sleep(10);
                    }
                }));
            }
        }
        start.countDown();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var result : results) {
            statuses.add(result.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(statuses).as("changed, conflicting, or refused by the function's reserved concurrency")
                .allMatch(s -> s == 303 || s == 409 || s == 503);
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 303).hasSize(25);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(25);
        for (String reference : references) {
            CaseFile file = read(reference);
            assertThat(file.status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(file.version()).isEqualTo(1);
            assertThat(file.history()).hasSize(1);
        }
        Map<String, Integer> after = amt.counts("/intern?formular=" + formId);
        assertThat(after.get("Neu")).isEqualTo(before.get("Neu"));
        assertThat(after.get("In Bearbeitung")).isEqualTo(before.get("In Bearbeitung") + 25);
    }
}
