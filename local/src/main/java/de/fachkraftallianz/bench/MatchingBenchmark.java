package de.fachkraftallianz.bench;

import static de.fachkraftallianz.bench.OfficeBenchmark.expect;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.MatchService;
import de.fachkraftallianz.matching.Ranking;
import de.fachkraftallianz.matching.Vocabulary;
import de.fachkraftallianz.office.Access;
import de.fachkraftallianz.office.auth.Cookies;
import de.fachkraftallianz.store.MatchStore;
import de.fachkraftallianz.store.SessionStore;
import de.fachkraftallianz.store.SubmissionMapper;
import de.fachkraftallianz.submission.Retention;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Matching's two reading pages against the raw DynamoDB calls each makes, replayed with the same store code against
 * the same dynalite in the same run (interleaved rounds, as {@link OfficeBenchmark}): the suggestions for one request
 * with {@value #OPEN_OFFERS} open offers in the table, and the overview with {@value OfficeBenchmark#SUBMISSIONS}
 * submissions (the office benchmark's fixture, every request and offer with its facts). Neither page scans: the
 * suggestions are two Queries over the open offers (the index by form and status, facts in the projection) and one
 * BatchGetItem for the contacts of the ten shown; the overview is two Queries per form over the open backlog and one
 * GetItem per request form for the week's match log. The budget is the ratio of the p50s.
 */
final class MatchingBenchmark {

    static final int OPEN_OFFERS = 2_000;
    static final double PAGE_OVER_RAW_BUDGET = 1.5;
    private static final String USER = "bench-matching";

    private final int requests;
    private final int warmup;

    MatchingBenchmark(int requests) {
        this.requests = requests;
        this.warmup = Math.max(10, requests / 10);
    }

    /** Only matching's pages: {@code java … MatchingBenchmark [requests]}; writes local/target/benchmark-matching.md. */
    public static void main(String[] args) throws Exception {
        StringBuilder report = new StringBuilder("# Matching\n\n");
        new MatchingBenchmark(args.length > 0 ? Integer.parseInt(args[0]) : 60).run(report);
        Path out = de.fachkraftallianz.local.ProjectRoot.find().resolve("local/target/benchmark-matching.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    void run(StringBuilder report) throws Exception {
        report.append("## Matching's pages through the gateway vs. the raw DynamoDB calls each makes\n\n")
                .append("Raw: the same calls with the same store code straight to the same dynalite. Interleaved rounds "
                        + "of 10; ").append(requests).append(" requests each after ").append(warmup)
                .append(" of warm-up.\n\n")
                .append("| page | calls | gateway p50 | gateway p99 | raw p50 | raw p99 | p50 ratio | budget |\n"
                        + "|---|---|---|---|---|---|---|---|\n");
        suggestions(report);
        overview(report);
        report.append(String.format(Locale.ROOT, "%nBudget: each page's p50 ≤ %.1f× the p50 of its raw calls.%n%n",
                PAGE_OVER_RAW_BUDGET));
    }

    private static LocalStack stack() {
        return LocalStack.start(LocalStack.Options.defaults().withLog(new PrintStream(OutputStream.nullOutputStream())));
    }

    private static String session(LocalStack stack, List<String> groups) {
        String session = "bench-matching-session-" + Long.toHexString(new Random(11).nextLong());
        new SessionStore(stack.dynamoDb(), stack.tableName()).create(session, new SessionStore.Session(USER, USER,
                "Benchmark (Beispiel)", groups, "bench-csrf", Instant.now(), Instant.now()));
        return session;
    }

    /** One facility's request and {@value #OPEN_OFFERS} open offers (new or in progress) in an otherwise empty table. */
    private void suggestions(StringBuilder report) throws Exception {
        try (LocalStack stack = stack()) {
            Random random = new Random(5);
            Instant now = Instant.now();
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = 0; i < OPEN_OFFERS; i++) {
                Instant created = now.minus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 30)));
                batch.add(put(OfficeBenchmark.reference(i), Facts.OFFER_FORM,
                        i % 3 == 0 ? Status.IN_PROGRESS : Status.NEW, created,
                        OfficeBenchmark.matchingAnswers(Facts.OFFER_FORM, random, now), i));
                if (batch.size() == 25) {
                    OfficeBenchmark.write(stack.dynamoDb(), stack.tableName(), batch);
                    batch = new ArrayList<>();
                }
            }
            String request = OfficeBenchmark.reference(OPEN_OFFERS);
            Map<String, List<String>> asked = OfficeBenchmark.matchingAnswers(Facts.FACILITY_FORM, random, now);
            asked.put("einsatzbereich", List.of("stationaer"));
            asked.put("anzahl_fachkraefte", List.of("3"));
            batch.add(put(request, Facts.FACILITY_FORM, Status.NEW, now, asked, OPEN_OFFERS));
            OfficeBenchmark.write(stack.dynamoDb(), stack.tableName(), batch);

            String session = session(stack, List.of(Access.JUGENDAMT));
            Map<String, String> cookie = Map.of("Cookie", Cookies.SESSION + "=" + session, "Accept", "text/html");
            MatchStore store = new MatchStore(stack.dynamoDb(), stack.tableName());
            SessionStore sessions = new SessionStore(stack.dynamoDb(), stack.tableName());
            MatchService service = new MatchService(store, Clock.systemUTC());
            Vocabulary words = Vocabulary.of(FormCatalog.load());
            var file = service.find(request).orElseThrow();
            List<String> shown = new ArrayList<>();
            for (Ranking.Suggestion s : Ranking.rank(file.facts(), file.number(), candidates(store), LocalDate.now(),
                    words).ranked().subList(0, 10)) {
                shown.add(s.offer().reference());
            }
            OfficeBenchmark.measure(stack, warmup, requests, report, "suggestions for one request, "
                            + OPEN_OFFERS + " open offers", "2 GetItems, 2 Queries (" + OPEN_OFFERS + " index items), "
                            + "1 BatchGetItem (10 offers)",
                    http -> expect(http.request("GET", "/intern/vorgang/" + request + "/vorschlaege", cookie, null),
                            "200"),
                    () -> {
                        sessions.find(session, Instant.now());
                        service.find(request);
                        store.open(Facts.OFFER_FORM);
                        store.contacts(shown);
                    });
        }
    }

    private static List<Ranking.Candidate> candidates(MatchStore store) {
        List<Ranking.Candidate> candidates = new ArrayList<>();
        for (var row : store.open(Facts.OFFER_FORM)) {
            candidates.add(new Ranking.Candidate(row.reference(), row.createdAt(), row.facts(), row.number()));
        }
        return candidates;
    }

    private static WriteRequest put(String reference, String formId, Status status, Instant created,
            Map<String, List<String>> values, int number) {
        Map<String, List<String>> all = new LinkedHashMap<>(values);
        all.put("traeger", List.of("Beispiel-Träger " + number + " e. V."));
        all.put("ansprechperson", List.of("Person " + number + " (Beispiel)"));
        all.put("telefon", List.of("030 23125 " + (100 + number % 900)));
        all.put("email", List.of("traeger" + number + "@example.org"));
        Submission submission = new Submission(reference, formId, status, created, Retention.onArrival(status, created),
                "0".repeat(64), all, null);
        return WriteRequest.builder().putRequest(PutRequest.builder()
                .item(SubmissionMapper.toItem(submission, "bench")).build()).build();
    }

    /** The office benchmark's {@value OfficeBenchmark#SUBMISSIONS} submissions; an administrator (every form). */
    private void overview(StringBuilder report) throws Exception {
        try (LocalStack stack = stack()) {
            OfficeBenchmark.load(stack.dynamoDb(), stack.tableName(), 0);
            String session = session(stack, List.of(Access.ADMIN));
            Map<String, String> cookie = Map.of("Cookie", Cookies.SESSION + "=" + session, "Accept", "text/html");
            MatchStore store = new MatchStore(stack.dynamoDb(), stack.tableName());
            SessionStore sessions = new SessionStore(stack.dynamoDb(), stack.tableName());
            int open = 0;
            for (String formId : List.of(Facts.FACILITY_FORM, Facts.FOSTER_FORM, Facts.OFFER_FORM)) {
                open += store.open(formId).size();
            }
            OfficeBenchmark.measure(stack, warmup, requests, report, "overview (Lagebild), "
                            + OfficeBenchmark.SUBMISSIONS + " submissions, " + open + " of them open requests or offers",
                    "1 GetItem, 6 Queries (the open backlog of 3 forms), 2 GetItems (week's match logs)",
                    http -> expect(http.request("GET", "/intern/lagebild", cookie, null), "200"),
                    () -> {
                        sessions.find(session, Instant.now());
                        LocalDate monday = MatchStore.monday(Instant.now());
                        for (String formId : Facts.REQUEST_FORMS) {
                            store.open(formId);
                            store.matchesInWeek(formId, monday);
                        }
                        store.open(Facts.OFFER_FORM);
                    });
        }
    }
}
