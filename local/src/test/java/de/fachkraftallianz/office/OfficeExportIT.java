package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.CaseFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The export for Excel, retention (expiry on close, cleared on reopen, nothing shown past it) and erasure, through
 * the local gateway against dynalite, with the data-protection log they leave.
 */
class OfficeExportIT {

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

    /** The body of a CSV download: unpacked if gzip-encoded, as a browser does, and decoded as UTF-8 (BOM kept). */
    static String csv(HttpResponse<byte[]> response) {
        return new String(bytes(response), StandardCharsets.UTF_8);
    }

    static byte[] bytes(HttpResponse<byte[]> response) {
        if (!response.headers().firstValue("content-encoding").orElse("").equals("gzip")) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setAnswer(String reference, String field, String value) {
        stack.dynamoDb().updateItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(reference))
                .updateExpression("SET #data.#f = :v").expressionAttributeNames(Map.of("#data", "data", "#f", field))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
    }

    @Test
    void the_export_opens_in_german_excel_with_the_forms_labels_and_no_formula_runs() throws Exception {
        String reference = OfficeIT.submit(stack, "bedarf-einrichtung", false);
        setAnswer(reference, "aufgabe", "=HYPERLINK(\"https://example.org\";\"klick\")\nZweite Zeile; mit \"Anführung\"");
        setAnswer(reference, "qualifikation_hinweise", "@SUMME(A1)");
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);

        HttpResponse<byte[]> response = amt.download("/intern/export?formular=bedarf-einrichtung");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/csv; charset=utf-8");
        assertThat(response.headers().firstValue("content-disposition").orElseThrow())
                .startsWith("attachment; filename=\"fachkraftallianz-bedarf-einrichtung-").endsWith(".csv\"");
        byte[] bytes = bytes(response);
        assertThat(Arrays.copyOf(bytes, 3)).as("UTF-8 byte order mark").containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n\r").contains("\r\n");
        assertThat(text.replace("\r\n", "")).as("line ends are CRLF, except inside a quoted cell")
                .doesNotContain("\r");

        FormDefinition form = FORMS.find("bedarf-einrichtung").orElseThrow();
        String header = text.substring(0, text.indexOf("\r\n"));
        assertThat(header).startsWith("Vorgang;Eingang;Status;Zuständig;");
        assertThat(header.split(";", -1)).hasSize(4 + form.fields().size());
        form.fields().forEach(field -> assertThat(header).contains(field.summaryLabel()));

        String row = text.lines().filter(line -> line.startsWith(reference)).findFirst().orElseThrow();
        CaseFile file = new OfficeStore(stack.dynamoDb(), stack.tableName()).find(reference).orElseThrow();
        String start = file.values().get("einsatz_von").get(0);
        assertThat(row).as("dates as dd.MM.yyyy")
                .contains(start.substring(8, 10) + "." + start.substring(5, 7) + "." + start.substring(0, 4))
                .contains(";Neu;;")
                .contains("'@SUMME(A1)");
        assertThat(text).as("a formula is text, quotes doubled, the line break kept inside the quoted cell")
                .contains("\"'=HYPERLINK(\"\"https://example.org\"\";\"\"klick\"\")\nZweite Zeile; mit \"\"Anführung\"\"\"");
        String labels = form.fields().stream().filter(f -> f.name().equals("qualifikationen")).findFirst().orElseThrow()
                .options().stream().filter(o -> file.values().get("qualifikationen").contains(o.value()))
                .map(FormDefinition.Option::label).reduce((a, b) -> a + ", " + b).orElseThrow();
        assertThat(text).as("check box groups as their labels, joined").contains(labels);
    }

    @Test
    void the_export_follows_the_inboxs_filter_and_is_logged_for_the_data_protection_officer() throws Exception {
        String open = OfficeIT.submit(stack, "barriere-melden", false);
        String worked = OfficeIT.submit(stack, "barriere-melden", false);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        amt.get("/intern/vorgang/" + worked);
        assertThat(amt.post("/intern/vorgang/" + worked + "/status", Map.of("version", "0", "status", "IN_PROGRESS"))
                .statusCode()).isEqualTo(303);

        String filtered = csv(amt.download("/intern/export?formular=barriere-melden&status=IN_PROGRESS&von=2020-01-01"));
        assertThat(filtered).contains(worked).doesNotContain(open);
        assertThat(csv(amt.download("/intern/export?formular=barriere-melden"))).contains(worked, open);
        HttpResponse<String> withoutForm = amt.get("/intern/export");
        assertThat(withoutForm.statusCode()).isEqualTo(400);
        assertThat(withoutForm.body()).contains("Bitte ein Formular wählen");
        // Another department's form is refused as such, and nothing of it is logged as an export.
        HttpResponse<String> foreign = amt.get("/intern/export?formular=hilfe-pflegefamilie");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("Kein Zugriff auf dieses Formular").doesNotContain("Bitte ein Formular wählen");
        HttpResponse<String> unknown = amt.get("/intern/export?formular=gibt-es-nicht");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unbekanntes Formular");
        assertThat(amt.get("/intern?formular=barriere-melden&status=IN_PROGRESS").body())
                .contains("href=\"/intern/export?formular=barriere-melden&amp;status=IN_PROGRESS\"");

        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        String log = admin.get("/intern/protokoll").body();
        assertThat(log).contains("Export", "Anna Amt (Beispiel)", "Status: In Bearbeitung", "Zeilen: 1",
                "Formular: " + FORMS.find("barriere-melden").orElseThrow().title());
        assertThat(log).as("no personal data in the log").doesNotContain(worked, open);
        // The details in the order they were recorded (a DynamoDB map keeps none), the row count last.
        assertThat(log).containsPattern("Formular: [^<]*<br>Inhalt: [^<]*<br>Status: In Bearbeitung<br>Zuständig: "
                + "[^<]*<br>Eingang ab: 01\\.01\\.2020<br>Eingang bis: –<br>Zeilen: 1<br>");
        assertThat(amt.get("/intern/protokoll").statusCode()).as("administrators only").isEqualTo(403);
    }

    @Test
    void closing_starts_the_retention_period_reopening_stops_it_and_nothing_past_it_is_shown() throws Exception {
        String reference = OfficeIT.submit(stack, "beratungsangebot", false);
        OfficeStore store = new OfficeStore(stack.dynamoDb(), stack.tableName());
        assertThat(store.find(reference).orElseThrow().expiresAt()).as("open: kept").isNull();
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        String base = "/intern/vorgang/" + reference;
        amt.get(base);
        amt.post(base + "/status", Map.of("version", "0", "status", "IN_PROGRESS"));
        Instant closing = Instant.now();
        amt.post(base + "/status", Map.of("version", "1", "status", "DONE", "grund", "Veröffentlicht."));
        int days = FORMS.find("beratungsangebot").orElseThrow().retentionDays();
        Instant expires = store.find(reference).orElseThrow().expiresAt();
        assertThat(expires).isBetween(closing.plus(Duration.ofDays(days)).minusSeconds(5),
                closing.plus(Duration.ofDays(days)).plusSeconds(60));
        assertThat(item(reference)).containsKeys(TableKeys.GSI5_PK, TableKeys.GSI5_SK);
        assertThat(amt.get(base).body()).contains("Die Angaben werden am");

        amt.post(base + "/status", Map.of("version", "2", "status", "IN_PROGRESS"));
        assertThat(store.find(reference).orElseThrow().expiresAt()).as("reopened: kept again").isNull();
        assertThat(item(reference)).doesNotContainKeys(TableKeys.TTL_ATTRIBUTE, TableKeys.GSI5_PK);

        // Past its expiry (DynamoDB has not deleted it yet; dynalite never does): gone for the office.
        Map<String, Integer> before = amt.counts("/intern?formular=beratungsangebot");
        stack.dynamoDb().updateItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(reference))
                .updateExpression("SET expiresAt = :past").expressionAttributeValues(Map.of(":past",
                        AttributeValue.fromN(Long.toString(Instant.now().minusSeconds(1).getEpochSecond())))));
        assertThat(amt.get(base).statusCode()).isEqualTo(404);
        assertThat(amt.get("/intern?formular=beratungsangebot").body()).doesNotContain(reference);
        assertThat(amt.counts("/intern?formular=beratungsangebot").get("In Bearbeitung"))
                .isEqualTo(before.get("In Bearbeitung") - 1);
        assertThat(csv(amt.download("/intern/export?formular=beratungsangebot"))).doesNotContain(reference);
    }

    @Test
    void suspected_spam_that_nobody_reviews_goes_after_thirty_days() {
        String reference = OfficeIT.submit(stack, "hilfe-pflegefamilie", true);
        Instant expires = new OfficeStore(stack.dynamoDb(), stack.tableName()).find(reference).orElseThrow().expiresAt();
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)));
    }

    @Test
    void an_administrator_erases_a_submission_after_confirming_and_only_the_fact_is_logged() throws Exception {
        String reference = OfficeIT.submit(stack, "hilfe-pflegefamilie", false);
        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        String base = "/intern/vorgang/" + reference;
        admin.get(base);
        admin.post(base + "/notiz", Map.of("version", "0", "text", "Rückruf am Montag."));
        HttpResponse<String> confirm = admin.get(base + "/loeschen");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("jetzt löschen", "Endgültig löschen");
        HttpResponse<String> noReason = admin.post(base + "/loeschen", Map.of("grund", " "));
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(noReason.body()).contains("Bitte geben Sie einen Grund an.");
        assertThat(new OfficeStore(stack.dynamoDb(), stack.tableName()).find(reference)).isPresent();

        HttpResponse<String> erased = admin.post(base + "/loeschen", Map.of("grund", "Antrag nach Art. 17 DSGVO"));
        assertThat(erased.statusCode()).isEqualTo(303);
        assertThat(erased.headers().firstValue("location")).contains("/intern?geloescht=" + reference);
        assertThat(stack.dynamoDb().query(b -> b.tableName(stack.tableName()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.submissionPartition(reference)))))
                .items()).as("nothing of it is left").isEmpty();
        assertThat(admin.get("/intern?geloescht=" + reference).body()).contains("Der Vorgang " + reference + " ist gelöscht.");
        assertThat(admin.get(base).statusCode()).isEqualTo(404);
        String log = admin.get("/intern/protokoll").body();
        assertThat(log).contains("Löschung", reference, "Antrag nach Art. 17 DSGVO", "Ada Admin (Beispiel)")
                .doesNotContain("Rückruf am Montag.");
    }

    private static Map<String, AttributeValue> item(String reference) {
        return stack.dynamoDb().getItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(reference)))
                .item();
    }
}
