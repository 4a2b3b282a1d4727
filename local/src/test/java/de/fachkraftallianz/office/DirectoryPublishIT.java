package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.store.DirectoryStore;
import de.fachkraftallianz.store.RetentionSweeper;
import de.fachkraftallianz.store.TableKeys;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * From the office to the public site over HTTP: an entry published in the office is on the directory's listing, its
 * filter pages and its own page within 60 seconds, as a visitor gets them from the running stack (no restart); so is
 * a change, and a withdrawn or erased entry is gone as quickly; retention never deletes a listed entry. The wait is
 * the only thing timed: these tests assert what is shown, the seconds are printed for the record.
 */
class DirectoryPublishIT {

    static final Duration WITHIN = Duration.ofSeconds(60);
    static LocalStack stack;
    static final HttpClient VISITOR = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void a_published_entry_is_on_the_listing_its_filter_pages_and_its_own_page_within_a_minute() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        String slug = reference.toLowerCase();
        String own = "/virtuelle-angebote/" + slug + "/";
        assertThat(get(own).statusCode()).as("not published yet").isEqualTo(404);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(PublicationIT.path(reference));
        Map<String, List<String>> fields = publicFields(reference);
        fields.put(Directory.HOURS, List.of("Mo–Fr 14–19 Uhr"));

        long start = System.nanoTime();
        assertThat(PublicationIT.post(amt, reference, "veroeffentlichen", 0, fields).statusCode()).isEqualTo(303);
        Document page = waitFor(own, doc -> doc != null);
        System.out.printf("[directory] published entry visible at %s after %d ms%n", own,
                (System.nanoTime() - start) / 1_000_000);

        String today = LocalDate.now(Validator.ZONE).format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        assertThat(page.select("h1").text()).isEqualTo("Jugendclub Musterstadt – online");
        assertThat(page.select(".angebot__fakten").text()).contains("Mo–Fr 14–19 Uhr").doesNotContain("14–18");
        assertThat(page.select(".angebot__wege a").eachAttr("href")).containsExactly("tel:+493023125456",
                "mailto:jugendclub@example.org", "https://chat.example.org/jugendclub",
                "https://video.example.org/jugendclub", "https://social.example.org/jugendclub");
        assertThat(page.select(".angebot__geprueft").text()).isEqualTo("Zuletzt geprüft am " + today);
        assertThat(page.text()).as("the contact person is never published").doesNotContain("Erika Mustermann")
                .doesNotContain("erika.mustermann@example.org");
        for (String listing : List.of("/virtuelle-angebote/", "/virtuelle-angebote/kanal/telefon/",
                "/virtuelle-angebote/zielgruppe/jugendliche/",
                "/virtuelle-angebote/kanal/chat/zielgruppe/junge-erwachsene/")) {
            assertThat(waitFor(listing, doc -> doc.getElementById("angebot-" + slug) != null)
                    .select("#angebot-" + slug + " a").attr("href")).as(listing).isEqualTo(own);
        }
        assertThat(get("/virtuelle-angebote/kanal/telefon/zielgruppe/kinder/").body())
                .as("not for children").doesNotContain("angebot-" + slug);
        assertThat(get("/virtuelle-angebote/sitemap.xml").body()).contains(own);
    }

    @Test
    void a_change_shows_within_a_minute_and_a_withdrawn_entry_is_gone_as_quickly() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        String own = "/virtuelle-angebote/" + reference.toLowerCase() + "/";
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(PublicationIT.path(reference));
        assertThat(PublicationIT.post(amt, reference, "veroeffentlichen", 0, publicFields(reference)).statusCode())
                .isEqualTo(303);
        waitFor(own, doc -> doc != null);

        amt.get(PublicationIT.path(reference));
        Map<String, List<String>> fields = publicFields(reference);
        fields.put(Directory.DESCRIPTION, List.of("Jetzt auch am Wochenende für dich da."));
        assertThat(PublicationIT.post(amt, reference, "veroeffentlichen", 1, fields).statusCode()).isEqualTo(303);
        long start = System.nanoTime();
        waitFor(own, doc -> doc != null && doc.text().contains("Jetzt auch am Wochenende für dich da."));
        System.out.printf("[directory] change visible after %d ms%n", (System.nanoTime() - start) / 1_000_000);

        amt.get(PublicationIT.path(reference));
        assertThat(amt.postAll(PublicationIT.path(reference), List.of(Map.entry("version", "2"),
                Map.entry("aktion", "zuruecknehmen"))).statusCode()).isEqualTo(303);
        start = System.nanoTime();
        waitFor(own, doc -> doc == null);
        System.out.printf("[directory] withdrawn entry gone after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(get(own).body()).contains("Seite nicht gefunden");
        assertThat(get("/virtuelle-angebote/").body()).doesNotContain("angebot-" + reference.toLowerCase());
    }

    @Test
    void html_in_a_published_text_is_text_on_the_site() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        String own = "/virtuelle-angebote/" + reference.toLowerCase() + "/";
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(PublicationIT.path(reference));
        Map<String, List<String>> fields = publicFields(reference);
        fields.put(Directory.TITLE, List.of("<script>alert('x')</script> <b>Chat</b>"));
        assertThat(PublicationIT.post(amt, reference, "veroeffentlichen", 0, fields).statusCode()).isEqualTo(303);

        Document page = waitFor(own, doc -> doc != null);
        assertThat(page.select("h1").text()).isEqualTo("<script>alert('x')</script> <b>Chat</b>");
        assertThat(page.select("main script, main b")).isEmpty();
        assertThat(get(own).body()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;b&gt;Chat&lt;/b&gt;");
    }

    @Test
    void an_erased_channel_leaves_the_site_within_a_minute() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        String slug = reference.toLowerCase();
        String own = "/virtuelle-angebote/" + slug + "/";
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(PublicationIT.path(reference));
        assertThat(PublicationIT.post(amt, reference, "veroeffentlichen", 0, publicFields(reference)).statusCode())
                .isEqualTo(303);
        waitFor("/virtuelle-angebote/", doc -> doc.getElementById("angebot-" + slug) != null);
        waitFor(own, doc -> doc != null);

        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        String base = "/intern/vorgang/" + reference;
        HttpResponse<String> confirm = admin.get(base + "/loeschen");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(confirm.body()).select("main .notice").text())
                .contains("steht im Verzeichnis „Virtuelle Angebote“", "verschwindet er auch von der Website");
        assertThat(admin.post(base + "/loeschen", Map.of("grund", "Antrag nach Art. 17 DSGVO")).statusCode())
                .isEqualTo(303);
        long start = System.nanoTime();
        waitFor(own, doc -> doc == null);
        System.out.printf("[directory] erased entry gone after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(get(own).body()).contains("Seite nicht gefunden");
        for (String listing : List.of("/virtuelle-angebote/", "/virtuelle-angebote/kanal/telefon/",
                "/virtuelle-angebote/zielgruppe/jugendliche/")) {
            assertThat(waitFor(listing, doc -> doc.getElementById("angebot-" + slug) == null)).as(listing).isNotNull();
        }
        assertThat(get("/virtuelle-angebote/sitemap.xml").body()).doesNotContain(own);
        assertThat(new DirectoryStore(stack.dynamoDb(), stack.tableName()).entries())
                .noneMatch(e -> e.slug().equals(slug));
    }

    @Test
    void a_listed_channel_outlives_its_retention_period_and_goes_once_withdrawn_and_due() throws Exception {
        String reference = OfficeIT.submit(stack, Directory.FORM_ID, false);
        String own = "/virtuelle-angebote/" + reference.toLowerCase() + "/";
        String base = "/intern/vorgang/" + reference;
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get(PublicationIT.path(reference));
        assertThat(PublicationIT.post(amt, reference, "veroeffentlichen", 0, publicFields(reference)).statusCode())
                .isEqualTo(303);
        amt.get(base);
        assertThat(amt.post(base + "/status", Map.of("version", "1", "status", "IN_PROGRESS")).statusCode())
                .isEqualTo(303);
        amt.get(base);
        assertThat(amt.post(base + "/status", Map.of("version", "2", "status", "DONE", "grund", "Geprüft und "
                + "veröffentlicht.")).statusCode()).isEqualTo(303);
        assertThat(Jsoup.parse(amt.get(base).body()).select(".office-retention").text())
                .contains("steht im Verzeichnis „Virtuelle Angebote“", "solange er dort steht");
        waitFor(own, doc -> doc != null);

        // Closed and listed: no expiry, so neither the sweeper nor DynamoDB's time to live ever takes it.
        int retentionDays = PublicationIT.FORM.retentionDays();
        RetentionSweeper sweeper = new RetentionSweeper(stack.dynamoDb(), stack.tableName());
        sweeper.sweep(Instant.now().plus(Duration.ofDays(10L * 365)), () -> true);
        assertThat(item(reference)).doesNotContainKeys(TableKeys.TTL_ATTRIBUTE, TableKeys.GSI5_PK)
                .containsKey(TableKeys.GSI6_PK);
        assertThat(get(own).statusCode()).as("still listed").isEqualTo(200);

        // Withdrawn: its retention period starts now, and when it is over the sweeper deletes it.
        amt.get(PublicationIT.path(reference));
        Instant withdrawnAt = Instant.now();
        assertThat(amt.postAll(PublicationIT.path(reference), List.of(Map.entry("version", "3"),
                Map.entry("aktion", "zuruecknehmen"))).statusCode()).isEqualTo(303);
        waitFor(own, doc -> doc == null);
        long expiresAt = Long.parseLong(item(reference).get(TableKeys.TTL_ATTRIBUTE).n());
        assertThat(expiresAt).isBetween(withdrawnAt.plus(Duration.ofDays(retentionDays)).getEpochSecond() - 1,
                Instant.now().plus(Duration.ofDays(retentionDays)).getEpochSecond() + 1);
        assertThat(item(reference)).containsKey(TableKeys.GSI5_PK).doesNotContainKey(TableKeys.GSI6_PK);
        sweeper.sweep(Instant.now().plus(Duration.ofDays(retentionDays - 1L)), () -> true);
        assertThat(item(reference)).as("not yet due").isNotEmpty();
        sweeper.sweep(Instant.now().plus(Duration.ofDays(retentionDays + 1L)), () -> true);
        assertThat(item(reference)).as("due and deleted").isEmpty();
    }

    private static Map<String, AttributeValue> item(String reference) {
        Map<String, AttributeValue> item = stack.dynamoDb().getItem(b -> b.tableName(stack.tableName())
                .key(TableKeys.submissionKey(reference)).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    static Map<String, List<String>> publicFields(String reference) {
        PublicationIT.stack = stack;
        return PublicationIT.publicFields(reference);
    }

    /** The page at {@code path} as soon as it satisfies {@code ready} (null: not found), within a minute. */
    static Document waitFor(String path, Predicate<Document> ready) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (true) {
            HttpResponse<String> response = get(path);
            Document doc = response.statusCode() == 200 ? Jsoup.parse(response.body(), stack.uri(path).toString()) : null;
            if (ready.test(doc)) {
                return doc;
            }
            assertThat(System.nanoTime()).as(path + " as expected within " + WITHIN.toSeconds() + " s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return VISITOR.send(HttpRequest.newBuilder(stack.uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
