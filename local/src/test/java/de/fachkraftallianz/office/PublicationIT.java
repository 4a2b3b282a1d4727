package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.PublicationCheck;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.store.DirectoryStore;
import de.fachkraftallianz.store.DirectoryStore.Held;
import de.fachkraftallianz.store.DynamoSubmissionStore;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.SessionStore;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.Retention;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submit.SubmissionService;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Publishing a counselling channel in the office, through the local gateway against dynalite: review with the
 * preview, corrections recorded in the history with the organisation's answers kept, publish, confirm after a
 * re-check, withdraw; and every refusal (no consent, a link or number that cannot be published, a stale page, an
 * entry that is not published, another department).
 */
class PublicationIT {

    static LocalStack stack;
    static final CaseFile.Person AMT = new CaseFile.Person("6f1c2a3b-4d5e-4f60-8a71-b2c3d4e5f601", "Anna Amt (Beispiel)");
    static final FormDefinition FORM = FormCatalog.load().find(Directory.FORM_ID).orElseThrow();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static DirectoryStore directory() {
        return new DirectoryStore(stack.dynamoDb(), stack.tableName());
    }

    static Held held(String reference) {
        return directory().find(reference).orElseThrow();
    }

    static String path(String reference) {
        return "/intern/vorgang/" + reference + "/veroeffentlichung";
    }

    /** The public fields as the organisation sent them, as the page's form posts them. */
    static Map<String, List<String>> publicFields(String reference) {
        return new LinkedHashMap<>(PublicationCheck.publicFields(FORM, held(reference).file().values()));
    }

    static HttpResponse<String> post(Staff staff, String reference, String action, long version,
            Map<String, List<String>> fields) throws Exception {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("version", Long.toString(version)));
        fields.forEach((name, values) -> values.forEach(v -> form.add(Map.entry(name, v))));
        form.add(Map.entry("aktion", action));
        return staff.postAll(path(reference), form);
    }

    /** A submission stored as the public form stores it, without the consent to publish (the form requires it). */
    static String submitWithoutConsent() {
        Map<String, List<String>> values = new LinkedHashMap<>(new Validator(Clock.systemUTC())
                .validate(FORM, Samples.values(Directory.FORM_ID, LocalDate.now(Validator.ZONE))).values());
        values.remove(PublicationCheck.consentField(FORM).name());
        values.put(Directory.TITLE, List.of("Ohne Einwilligung " + UUID.randomUUID().toString().substring(0, 8)));
        return new SubmissionService(new DynamoSubmissionStore(stack.dynamoDb(), stack.tableName()), Clock.systemUTC())
                .submit(FORM, values, null).reference();
    }

    @Test
    void jugendamt_publishes_a_channel_with_a_correction_and_only_its_public_fields_reach_the_directory() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        CaseFile submitted = held(reference).file();

        HttpResponse<String> casePage = amt.get("/intern/vorgang/" + reference);
        assertThat(casePage.body()).contains("href=\"" + path(reference) + "\"");
        HttpResponse<String> page = amt.get(path(reference));
        assertThat(page.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(page.body());
        assertThat(doc.select(".office-preview .angebot__title").text())
                .isEqualTo(submitted.values().get(Directory.TITLE).get(0));
        assertThat(doc.select("#f-erreichbarkeit-original").text()).contains("Mo–Fr 14–18 Uhr");
        assertThat(doc.select("input[name=ansprechperson], input[name=email]")).as("never published").isEmpty();

        Map<String, List<String>> fields = publicFields(reference);
        fields.put(Directory.HOURS, List.of("Mo–Fr 14–19 Uhr"));
        fields.put("ansprechperson", List.of("Nicht veröffentlichen"));
        HttpResponse<String> published = post(amt, reference, "veroeffentlichen", 0, fields);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(303);
        assertThat(published.headers().firstValue("location").orElseThrow()).contains(path(reference) + "?gespeichert=veroeffentlicht");

        Held after = held(reference);
        DirectoryStore.Publication publication = after.publication().orElseThrow();
        assertThat(publication.published()).isTrue();
        assertThat(publication.slug()).isEqualTo(reference.toLowerCase());
        assertThat(publication.checked()).isEqualTo(LocalDate.now(Validator.ZONE));
        assertThat(publication.fields()).containsEntry(Directory.HOURS, List.of("Mo–Fr 14–19 Uhr"))
                .doesNotContainKeys("ansprechperson", "email", "veroeffentlichung");
        assertThat(FORM.fields()).filteredOn(f -> publication.fields().containsKey(f.name()))
                .allMatch(FormDefinition.Field::published);
        assertThat(after.file().values().get(Directory.HOURS)).as("the organisation's answer stays")
                .containsExactly("Mo–Fr 14–18 Uhr");
        assertThat(after.file().history()).extracting(CaseFile.HistoryEntry::action, CaseFile.HistoryEntry::text)
                .containsExactly(tuple("PUBLISH", "Wann ist das Angebot erreichbar?: „Mo–Fr 14–18 Uhr“ → „Mo–Fr 14–19 Uhr“"));
        assertThat(directory().entries()).anySatisfy(e -> assertThat(e.slug()).isEqualTo(publication.slug()));
        Map<String, AttributeValue> item = stack.dynamoDb().getItem(b -> b.tableName(stack.tableName())
                .key(TableKeys.submissionKey(reference))).item();
        assertThat(item).as("kept while published").doesNotContainKey(TableKeys.TTL_ATTRIBUTE)
                .containsEntry(TableKeys.GSI6_PK, AttributeValue.fromS(TableKeys.DIRECTORY));

        Document shown = Jsoup.parse(amt.get(path(reference) + "?gespeichert=veroeffentlicht").body());
        assertThat(shown.select("[role=status]").text()).contains("Veröffentlicht");
        assertThat(shown.select(".facts").text()).contains("Im Verzeichnis seit", "/virtuelle-angebote/"
                + reference.toLowerCase() + "/");
        assertThat(amt.get("/intern/vorgang/" + reference).body())
                .contains("Im Verzeichnis veröffentlicht, mit Korrekturen am Eintrag des Trägers");
    }

    @Test
    void a_change_to_a_published_entry_is_recorded_in_the_history_and_a_confirmation_renews_the_check() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(path(reference));
        assertThat(post(amt, reference, "veroeffentlichen", 0, publicFields(reference)).statusCode()).isEqualTo(303);

        amt.get(path(reference));
        Map<String, List<String>> fields = new LinkedHashMap<>(held(reference).publication().orElseThrow().fields());
        fields.put(Directory.DESCRIPTION, List.of("Neue Beschreibung des Angebots."));
        HttpResponse<String> changed = post(amt, reference, "veroeffentlichen", 1, fields);
        assertThat(changed.headers().firstValue("location").orElseThrow()).contains("gespeichert=geaendert");

        // Checked long ago (as if the office had not looked for a year), then confirmed unchanged.
        stack.dynamoDb().updateItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(reference))
                .updateExpression("SET publication.#c = :old").expressionAttributeNames(Map.of("#c", "checked"))
                .expressionAttributeValues(Map.of(":old", AttributeValue.fromS("2020-04-01"))));
        Document due = Jsoup.parse(amt.get(path(reference)).body());
        assertThat(due.select(".notice--due").text()).contains("Prüfung fällig", "180 Tagen");
        assertThat(Jsoup.parse(amt.get("/intern/verzeichnis").body()).select("tr:has(a[href=" + path(reference) + "])")
                .text()).contains("01.04.2020", "Prüfung fällig");
        HttpResponse<String> confirmed = post(amt, reference, "veroeffentlichen", 2, fields);
        assertThat(confirmed.headers().firstValue("location").orElseThrow()).contains("gespeichert=geprueft");

        Held after = held(reference);
        assertThat(after.publication().orElseThrow().checked()).isEqualTo(LocalDate.now(Validator.ZONE));
        assertThat(after.file().values().get(Directory.DESCRIPTION).get(0)).doesNotContain("Neue Beschreibung");
        assertThat(after.file().history()).extracting(CaseFile.HistoryEntry::action)
                .containsExactly("PUBLISH", "PUBLISH_CHANGE", "PUBLISH_CHECK");
        assertThat(after.file().history().get(1).text()).startsWith("Kurze Beschreibung: „")
                .endsWith("“ → „Neue Beschreibung des Angebots.“");
        assertThat(Jsoup.parse(amt.get(path(reference)).body()).select(".notice--due")).isEmpty();
        String history = amt.get("/intern/vorgang/" + reference).body();
        assertThat(history).contains("Eintrag im Verzeichnis geändert: Kurze Beschreibung",
                "Eintrag im Verzeichnis geprüft, unverändert");
    }

    @Test
    void without_the_organisations_consent_nothing_can_be_published() throws Exception {
        String reference = submitWithoutConsent();
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Document page = Jsoup.parse(amt.get(path(reference)).body());
        assertThat(page.select(".facts").text()).contains("Einwilligung des Trägers fehlt");
        assertThat(page.select("button[value=veroeffentlichen]")).isEmpty();

        HttpResponse<String> refused = post(amt, reference, "veroeffentlichen", 0, publicFields(reference));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Der Träger hat der Veröffentlichung nicht zugestimmt");
        assertThat(held(reference).publication()).isEmpty();
        assertThat(held(reference).file().version()).isZero();
    }

    @Test
    void a_link_that_is_not_https_or_a_phone_number_that_is_not_one_is_refused_at_its_field() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(path(reference));
        Map<String, List<String>> fields = publicFields(reference);
        fields.put("chat_adresse", List.of("http://chat.example.org/jugendclub"));
        fields.put("video_adresse", List.of("javascript:alert(1)"));
        fields.put("telefon", List.of("0800 ANRUFEN"));

        HttpResponse<String> refused = post(amt, reference, "veroeffentlichen", 0, fields);
        assertThat(refused.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select("#f-chat_adresse-error").text()).contains("https://");
        assertThat(page.select("#f-video_adresse-error").text()).contains("https://");
        assertThat(page.select("#f-telefon-error").text()).contains("Telefonnummer");
        assertThat(page.select(".error-summary a").eachAttr("href"))
                .contains("#f-chat_adresse", "#f-video_adresse", "#f-telefon");
        assertThat(page.select("#f-chat_adresse").attr("value")).as("typed value kept")
                .isEqualTo("http://chat.example.org/jugendclub");
        assertThat(page.title()).startsWith("Nicht gespeichert");
        assertThat(held(reference).publication()).isEmpty();

        fields.put("telefon", List.of("+49 30 23125 456"));
        fields.put("chat_adresse", List.of("https://chat.example.org/jugendclub"));
        fields.put("video_adresse", List.of("https://video.example.org/jugendclub"));
        assertThat(post(amt, reference, "veroeffentlichen", 0, fields).statusCode()).isEqualTo(303);
    }

    @Test
    void html_in_a_public_text_stays_text_in_the_preview() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(path(reference));
        Map<String, List<String>> fields = publicFields(reference);
        fields.put(Directory.TITLE, List.of("<script>alert(1)</script> & <b>fett</b>"));

        HttpResponse<String> preview = post(amt, reference, "vorschau", 0, fields);
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fett&lt;/b&gt;")
                .doesNotContain("<script>alert").doesNotContain("<b>fett");
        assertThat(Jsoup.parse(preview.body()).select(".office-preview .angebot__title").text())
                .isEqualTo("<script>alert(1)</script> & <b>fett</b>");
        assertThat(held(reference).file().version()).as("a preview writes nothing").isZero();
    }

    @Test
    void publishing_twice_is_harmless_and_says_so() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(path(reference));
        Map<String, List<String>> fields = publicFields(reference);

        HttpResponse<String> first = post(amt, reference, "veroeffentlichen", 0, fields);
        HttpResponse<String> second = post(amt, reference, "veroeffentlichen", 0, fields);

        assertThat(first.headers().firstValue("location").orElseThrow()).contains("gespeichert=veroeffentlicht");
        assertThat(second.statusCode()).isEqualTo(303);
        assertThat(second.headers().firstValue("location").orElseThrow()).contains("gespeichert=unveraendert");
        assertThat(held(reference).file().history()).hasSize(1);
        assertThat(held(reference).file().version()).isEqualTo(1);
    }

    @Test
    void a_withdrawn_entry_leaves_the_directory_and_withdrawing_it_again_answers_clearly() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(path(reference));
        assertThat(post(amt, reference, "zuruecknehmen", 0, Map.of()).statusCode())
                .as("not published yet").isEqualTo(409);
        assertThat(post(amt, reference, "veroeffentlichen", 0, publicFields(reference)).statusCode()).isEqualTo(303);
        amt.get(path(reference));

        HttpResponse<String> withdrawn = amt.postAll(path(reference), List.of(Map.entry("version", "1"),
                Map.entry("aktion", "zuruecknehmen"), Map.entry("grund", "Angebot beendet.")));
        assertThat(withdrawn.statusCode()).isEqualTo(303);
        assertThat(withdrawn.headers().firstValue("location").orElseThrow()).contains("gespeichert=zurueckgenommen");
        Held after = held(reference);
        assertThat(after.publication().orElseThrow().published()).isFalse();
        assertThat(directory().entries()).noneMatch(e -> e.slug().equals(reference.toLowerCase()));
        assertThat(after.file().history()).extracting(CaseFile.HistoryEntry::action, CaseFile.HistoryEntry::text)
                .endsWith(tuple("UNPUBLISH", "Angebot beendet."));
        Map<String, AttributeValue> item = stack.dynamoDb().getItem(b -> b.tableName(stack.tableName())
                .key(TableKeys.submissionKey(reference))).item();
        assertThat(item).as("still open: no expiry until it is closed").doesNotContainKeys(TableKeys.TTL_ATTRIBUTE,
                TableKeys.GSI5_PK, TableKeys.GSI6_PK);

        HttpResponse<String> again = amt.postAll(path(reference), List.of(Map.entry("version", "1"),
                Map.entry("aktion", "zuruecknehmen")));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Dieser Eintrag steht nicht im Verzeichnis: Es gibt nichts zurückzunehmen.");
        assertThat(held(reference).file().version()).isEqualTo(2);
    }

    @Test
    void a_listed_channel_closes_without_an_expiry_and_its_retention_period_starts_when_it_is_withdrawn() {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        OfficeStore office = new OfficeStore(stack.dynamoDb(), stack.tableName());
        Instant at = Instant.now();
        // Closed before it is published: its retention period runs ...
        assertThat(office.changeStatus(reference, 0, Status.NEW, Status.IN_PROGRESS, AMT, at, null, FORM.id(),
                FORM.retentionDays())).isInstanceOf(OfficeStore.Changed.class);
        assertThat(office.changeStatus(reference, 1, Status.IN_PROGRESS, Status.DONE, AMT, at, "Geprüft.", FORM.id(),
                FORM.retentionDays())).isInstanceOf(OfficeStore.Changed.class);
        assertThat(item(reference)).containsKeys(TableKeys.TTL_ATTRIBUTE, TableKeys.GSI5_PK);
        // ... and stops while it is listed, in the same write that publishes it.
        assertThat(publish(reference, 2)).isInstanceOf(OfficeStore.Changed.class);
        assertThat(item(reference)).doesNotContainKeys(TableKeys.TTL_ATTRIBUTE, TableKeys.GSI5_PK, TableKeys.GSI5_SK)
                .containsKey(TableKeys.GSI6_PK);

        // Reopened and closed again while listed: still none (the close is one write, with its history entry).
        assertThat(office.changeStatus(reference, 3, Status.DONE, Status.IN_PROGRESS, AMT, at, null, FORM.id(),
                FORM.retentionDays())).isInstanceOf(OfficeStore.Changed.class);
        OfficeStore.Result closed = office.changeStatus(reference, 4, Status.IN_PROGRESS, Status.DECLINED, AMT, at,
                "Doch nicht.", FORM.id(), FORM.retentionDays());
        assertThat(closed).isInstanceOf(OfficeStore.Changed.class);
        assertThat(((OfficeStore.Changed) closed).now().status()).isEqualTo(Status.DECLINED);
        assertThat(item(reference)).doesNotContainKeys(TableKeys.TTL_ATTRIBUTE, TableKeys.GSI5_PK)
                .containsKey(TableKeys.GSI6_PK);
        assertThat(held(reference).file().history()).extracting(CaseFile.HistoryEntry::action)
                .containsExactly("STATUS", "STATUS", "PUBLISH", "STATUS", "STATUS");
        assertThat(held(reference).file().version()).isEqualTo(5);

        // A close made on a stale version is a conflict, listed or not, and writes nothing.
        assertThat(office.changeStatus(reference, 4, Status.IN_PROGRESS, Status.DONE, AMT, at, "Alt.", FORM.id(),
                FORM.retentionDays())).isInstanceOf(OfficeStore.Conflict.class);
        assertThat(held(reference).file().version()).isEqualTo(5);

        // Withdrawn while closed: the retention period starts now.
        Instant withdrawn = Instant.now();
        Instant expires = Retention.onMove(Status.DECLINED, withdrawn, FORM.retentionDays());
        assertThat(directory().unpublish(reference, 5, new CaseFile.HistoryEntry(withdrawn, AMT, "UNPUBLISH", null,
                null, null), expires)).isInstanceOf(OfficeStore.Changed.class);
        assertThat(item(reference)).containsEntry(TableKeys.TTL_ATTRIBUTE,
                AttributeValue.fromN(Long.toString(expires.getEpochSecond()))).containsKey(TableKeys.GSI5_PK)
                .doesNotContainKey(TableKeys.GSI6_PK);
    }

    @Test
    void a_submission_past_its_expiry_is_gone_and_cannot_be_published() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        Map<String, List<String>> fields = publicFields(reference);
        OfficeStore office = new OfficeStore(stack.dynamoDb(), stack.tableName());
        // Closed so long ago that its retention period is over; the sweeper has not come by yet.
        Instant longAgo = Instant.now().minus(java.time.Duration.ofDays(FORM.retentionDays() + 2L));
        office.changeStatus(reference, 0, Status.NEW, Status.IN_PROGRESS, AMT, longAgo, null, FORM.id(),
                FORM.retentionDays());
        office.changeStatus(reference, 1, Status.IN_PROGRESS, Status.DONE, AMT, longAgo, "Erledigt.", FORM.id(),
                FORM.retentionDays());
        Map<String, AttributeValue> before = item(reference);

        assertThat(publish(reference, 2, fields)).isNotInstanceOf(OfficeStore.Changed.class);
        assertThat(item(reference)).as("nothing written").isEqualTo(before);
        assertThat(directory().find(reference)).isEmpty();
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        assertThat(amt.get(path(reference)).statusCode()).isEqualTo(404);
    }

    private static OfficeStore.Result publish(String reference, long version) {
        return publish(reference, version, publicFields(reference));
    }

    private static OfficeStore.Result publish(String reference, long version, Map<String, List<String>> fields) {
        return directory().publish(reference, version, FORM.id(), new DirectoryStore.Publication(
                reference.toLowerCase(), fields, LocalDate.now(Validator.ZONE), Instant.now(), null, true),
                new CaseFile.HistoryEntry(Instant.now(), AMT, "PUBLISH", null, reference.toLowerCase(), null));
    }

    private static Map<String, AttributeValue> item(String reference) {
        Map<String, AttributeValue> item = stack.dynamoDb().getItem(b -> b.tableName(stack.tableName())
                .key(TableKeys.submissionKey(reference)).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    @Test
    void a_change_on_a_stale_page_is_a_conflict_and_keeps_what_was_typed() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        amt.get(path(reference));
        admin.get(path(reference));
        assertThat(admin.post("/intern/vorgang/" + reference + "/notiz", Map.of("version", "0", "text", "Rückruf"))
                .statusCode()).isEqualTo(303);

        Map<String, List<String>> fields = publicFields(reference);
        fields.put(Directory.HOURS, List.of("Täglich 8–20 Uhr"));
        HttpResponse<String> late = post(amt, reference, "veroeffentlichen", 0, fields);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("Ada Admin (Beispiel) hat den Vorgang geändert", "Täglich 8–20 Uhr",
                "name=\"version\" value=\"1\"");
        assertThat(held(reference).publication()).isEmpty();
    }

    /**
     * Every persona × every form × ordinary and suspected spam, for the publication page, a preview posted to it and
     * the directory list: only the Jugendamt and administrators, only counselling channels, spam for administrators
     * only (the expectations written out here, as in OfficeAccessMatrixIT).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} spam={2}")
    @org.junit.jupiter.params.provider.MethodSource("personas")
    void every_persona_and_form_gets_what_need_to_know_allows(OfficeAccessMatrixIT.Persona persona, String formId,
            boolean spam) throws Exception {
        String reference = OfficeIT.submit(stack, formId, spam);
        SessionStore sessions = new SessionStore(stack.dynamoDb(), stack.tableName());
        String id = UUID.randomUUID().toString();
        String csrf = UUID.randomUUID().toString();
        if (persona.groups != null) {
            sessions.create(id, new SessionStore.Session("pub-" + persona, "pub-" + persona, "Test (Beispiel)",
                    persona.groups, csrf, java.time.Instant.now(), java.time.Instant.now()));
        }
        Staff staff = new Staff(stack);
        if (persona.groups != null) {
            staff.siteCookies.put(de.fachkraftallianz.office.auth.Cookies.SESSION, id);
            staff.csrf = csrf;
        }
        boolean publisher = persona.groups != null && Access.mayPublish(persona.groups);
        boolean channel = formId.equals(Directory.FORM_ID);
        boolean sees = persona.maySee(formId, spam);
        int expected = persona.groups == null ? 303 : persona.groups.isEmpty() || !publisher ? 403
                : !channel ? 404 : !sees ? 403 : 200;

        HttpResponse<String> page = staff.get(path(reference));
        assertThat(page.statusCode()).as("page").isEqualTo(expected);
        Map<String, List<String>> fields = channel ? publicFields(reference) : Map.of();
        HttpResponse<String> preview = post(staff, reference, "vorschau", 0, fields);
        assertThat(preview.statusCode()).as("preview").isEqualTo(persona.groups == null ? 401 : expected);
        HttpResponse<String> list = staff.get("/intern/verzeichnis");
        assertThat(list.statusCode()).as("list").isEqualTo(persona.groups == null ? 303
                : publisher ? 200 : 403);
        if (expected != 200) {
            assertThat(page.body() + preview.body()).doesNotContain(reference);
        }
        assertThat(held(reference).file().version()).as("nothing written").isZero();
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> personas() {
        List<org.junit.jupiter.params.provider.Arguments> cases = new ArrayList<>();
        for (OfficeAccessMatrixIT.Persona persona : OfficeAccessMatrixIT.Persona.values()) {
            for (String formId : FormCatalog.FORM_IDS) {
                for (boolean spam : List.of(false, true)) {
                    cases.add(org.junit.jupiter.params.provider.Arguments.of(persona, formId, spam));
                }
            }
        }
        return cases.stream();
    }

    @Test
    void only_the_jugendamt_and_administrators_see_the_directory_and_a_change_needs_the_csrf_token() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        Staff pkd = Staff.signIn(stack, "pkd", LocalCognito.PKD_PASSWORD);
        assertThat(pkd.get(path(reference)).statusCode()).isEqualTo(403);
        assertThat(pkd.get("/intern/verzeichnis").statusCode()).isEqualTo(403);
        assertThat(pkd.get("/intern").body()).doesNotContain("href=\"/intern/verzeichnis\"");
        assertThat(post(pkd, reference, "veroeffentlichen", 0, publicFields(reference)).statusCode()).isEqualTo(403);

        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        assertThat(admin.get(path(reference)).statusCode()).isEqualTo(200);
        assertThat(admin.get("/intern").body()).contains("href=\"/intern/verzeichnis\"");
        admin.csrf = null;
        assertThat(post(admin, reference, "veroeffentlichen", 0, publicFields(reference)).statusCode()).isEqualTo(403);
        assertThat(held(reference).publication()).isEmpty();

        String otherForm = OfficeIT.submit(stack, "barriere-melden", false);
        assertThat(admin.get(path(otherForm)).statusCode()).as("only counselling channels are published")
                .isEqualTo(404);
    }
}
