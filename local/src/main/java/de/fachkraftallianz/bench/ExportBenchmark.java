package de.fachkraftallianz.bench;

import static de.fachkraftallianz.bench.Benchmark.median;

import de.fachkraftallianz.local.ExampleSubmissions;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.office.Access;
import de.fachkraftallianz.office.auth.Cookies;
import de.fachkraftallianz.store.SessionStore;
import de.fachkraftallianz.store.SubmissionMapper;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The export of {@value #ROWS} rows of one form through the gateway (handler, CSV, gzip, base64 into the event)
 * against the raw paginated Query of the same rows on the same dynalite; and the export's memory, in fresh JVMs, for
 * a form of {@value #FEW_ROWS} and one of {@value #ROWS} rows.
 */
final class ExportBenchmark {

    static final int ROWS = 10_000;
    static final int FEW_ROWS = 1_000;
    static final double EXPORT_OVER_QUERY_BUDGET = 1.5;
    static final String BIG_FORM = "bedarf-einrichtung";
    static final String SMALL_FORM = "angebot-traeger";

    LocalStack stack;
    String session;

    void prepare(StringBuilder report) {
        stack = LocalStack.start(LocalStack.Options.defaults().withLog(new PrintStream(OutputStream.nullOutputStream())));
        long start = System.nanoTime();
        load(stack.dynamoDb(), stack.tableName(), BIG_FORM, ROWS);
        load(stack.dynamoDb(), stack.tableName(), SMALL_FORM, FEW_ROWS);
        session = "bench-export-session";
        new SessionStore(stack.dynamoDb(), stack.tableName()).create(session, new SessionStore.Session("bench-admin",
                "bench", "Benchmark (Beispiel)", List.of(Access.ADMIN), "bench-csrf", Instant.now(), Instant.now()));
        report.append(String.format(Locale.ROOT, "%d submissions of %s and %d of %s loaded in %.1f s, each with the "
                + "answers of the form's made-up example.%n%n", ROWS, BIG_FORM, FEW_ROWS, SMALL_FORM,
                (System.nanoTime() - start) / 1e9));
    }

    /** Median times of the export through the gateway and of the raw Query, interleaved. */
    void run(StringBuilder report, int runs) throws Exception {
        double[] gateway = new double[runs];
        double[] raw = new double[runs];
        long[] bytes = new long[1];
        Map<String, String> headers = Map.of("Cookie", Cookies.SESSION + "=" + session, "Accept", "text/csv");
        try (Benchmark.KeepAliveClient http = new Benchmark.KeepAliveClient(stack.port())) {
            for (int i = -1; i < runs; i++) {
                long t = System.nanoTime();
                String response = http.request("GET", "/intern/export?formular=" + BIG_FORM, headers, null);
                double g = (System.nanoTime() - t) / 1e6;
                if (!response.startsWith("HTTP/1.1 200")) {
                    throw new IllegalStateException("export failed: " + response.lines().findFirst().orElse(""));
                }
                bytes[0] = response.length();
                t = System.nanoTime();
                int rows = rawQuery(stack.dynamoDb(), stack.tableName(), BIG_FORM);
                double r = (System.nanoTime() - t) / 1e6;
                if (rows != ROWS) {
                    throw new IllegalStateException("raw query read " + rows + " rows");
                }
                if (i >= 0) {
                    gateway[i] = g;
                    raw[i] = r;
                }
            }
        }
        double ratio = median(gateway) / median(raw);
        report.append("## Export of " + ROWS + " rows vs. the raw paginated Query of the same rows\n\n")
                .append("| | median | ratio | budget |\n|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| CSV export through the gateway (gzip, about %.1f MB on the wire) "
                        + "| %.0f ms | **%.2f×** | ≤ %.1f×: %s |%n", bytes[0] / 1e6, median(gateway), ratio,
                        EXPORT_OVER_QUERY_BUDGET, ratio <= EXPORT_OVER_QUERY_BUDGET ? "met" : "MISSED"))
                .append(String.format(Locale.ROOT, "| raw Query of the form index, 250 per page, same filter | %.0f ms "
                        + "| | |%n%n", median(raw)));
    }

    /** The same Query the export makes (form index, newest first, not expired), its items only read. */
    static int rawQuery(DynamoDbClient dynamoDb, String table, String formId) {
        int rows = 0;
        Map<String, AttributeValue> start = null;
        AttributeValue now = AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond()));
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> {
                b.tableName(table).indexName(TableKeys.GSI_BY_FORM).keyConditionExpression("#pk = :pk")
                        .filterExpression("(attribute_not_exists(#exp) OR #exp > :now)")
                        .expressionAttributeNames(Map.of("#pk", TableKeys.GSI1_PK, "#exp", TableKeys.TTL_ATTRIBUTE))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.formPartition(formId,
                                false)), ":now", now))
                        .scanIndexForward(false).limit(250);
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            rows += page.items().size();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return rows;
    }

    static void load(DynamoDbClient dynamoDb, String table, String formId, int count) {
        ExampleSubmissions.Example example = ExampleSubmissions.load().stream()
                .filter(e -> e.form().equals(formId)).findFirst().orElseThrow();
        Instant now = Instant.now();
        de.fachkraftallianz.forms.FormDefinition form = de.fachkraftallianz.forms.FormCatalog.load().find(formId)
                .orElseThrow();
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, List<String>> values = new LinkedHashMap<>(ExampleSubmissions.answers(example.values(),
                    LocalDate.now()));
            // Every row its own free text (as real ones are), so compression is not flattered by repetition.
            for (de.fachkraftallianz.forms.FormDefinition.Field field : form.fields()) {
                if ((field.type() == de.fachkraftallianz.forms.FieldType.TEXT
                        || field.type() == de.fachkraftallianz.forms.FieldType.TEXTAREA) && values.containsKey(field.name())) {
                    values.put(field.name(), List.of(values.get(field.name()).get(0) + " " + java.util.UUID.randomUUID()));
                }
            }
            String reference = OfficeBenchmark.reference(i + (formId.equals(BIG_FORM) ? 0 : 1 << 20));
            Instant created = now.minus(Duration.ofMinutes(i));
            Submission submission = new Submission(reference, formId, i % 3 == 0 ? Status.IN_PROGRESS : Status.NEW,
                    created, null, "0".repeat(64), values, null);
            Map<String, AttributeValue> item = new HashMap<>(SubmissionMapper.toItem(submission, "bench"));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
                batch = new ArrayList<>();
            }
        }
    }
}
