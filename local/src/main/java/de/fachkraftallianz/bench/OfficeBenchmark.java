package de.fachkraftallianz.bench;

import static de.fachkraftallianz.bench.Benchmark.percentile;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.office.Access;
import de.fachkraftallianz.office.auth.Cookies;
import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.MatchService;
import de.fachkraftallianz.store.Inbox;
import de.fachkraftallianz.store.MatchStore;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.SessionStore;
import de.fachkraftallianz.store.SubmissionMapper;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The office's pages with {@value #SUBMISSIONS} submissions in a fresh local table: each page through the gateway
 * (handler, session, rendering) next to the raw DynamoDB calls that page makes, made with the same store code straight
 * against the same dynalite, interleaved in rounds so both see the same load. The budget is the ratio of the p50s.
 */
final class OfficeBenchmark {

    static final int SUBMISSIONS = 10_000;
    static final double PAGE_OVER_RAW_BUDGET = 1.5;
    private static final String USER = "bench-user";
    private static final int ROUND = 10;

    private final int requests;
    private final int warmup;
    /** The office stack and what the cold-start probe needs of it; set by {@link #prepare()}. */
    LocalStack stack;
    String session;
    String openedReference;

    OfficeBenchmark(int requests) {
        this.requests = requests;
        this.warmup = Math.max(ROUND, requests / 10);
    }

    /** Starts a stack of its own and fills its table. */
    void prepare(StringBuilder report) {
        stack = LocalStack.start(LocalStack.Options.defaults().withLog(new PrintStream(OutputStream.nullOutputStream())));
        long start = System.nanoTime();
        Fixture fixture = load(stack.dynamoDb(), stack.tableName(), requests + warmup);
        this.fixture = fixture;
        openedReference = fixture.opened.get(0);
        session = "bench-session-" + Long.toHexString(new Random(7).nextLong());
        new SessionStore(stack.dynamoDb(), stack.tableName()).create(session, new SessionStore.Session(USER, "bench",
                "Benchmark (Beispiel)", List.of(Access.JUGENDAMT), "bench-csrf", Instant.now(), Instant.now()));
        report.append(String.format(Locale.ROOT, "%d submissions loaded in %.1f s (%d forms, every status, 15 %% of "
                + "the open ones assigned to the benchmark's user).%n%n", SUBMISSIONS,
                (System.nanoTime() - start) / 1e9, FormCatalog.FORM_IDS.size()));
    }

    private Fixture fixture;

    void run(StringBuilder report) throws Exception {
        OfficeStore store = new OfficeStore(stack.dynamoDb(), stack.tableName());
        SessionStore sessions = new SessionStore(stack.dynamoDb(), stack.tableName());
        List<String> forms = new Access(List.of(Access.JUGENDAMT)).forms();
        List<Status> open = List.of(Status.NEW, Status.IN_PROGRESS);
        Map<String, String> cookie = Map.of("Cookie", Cookies.SESSION + "=" + session, "Accept", "text/html");

        report.append("## Office pages through the gateway vs. the raw DynamoDB calls each makes\n\n")
                .append("A signed-in member of the Jugend- und Bildungsamt (four forms). Raw: the same calls with the "
                        + "same store code (session GetItem, Queries, GetItem, UpdateItem) straight to the same "
                        + "dynalite; gateway: the HTTP request through the local gateway, the office handler and the "
                        + "rendered page. Interleaved rounds of " + ROUND + ".\n\n")
                .append("| page | calls | gateway p50 | gateway p99 | raw p50 | raw p99 | p50 ratio | budget |\n"
                        + "|---|---|---|---|---|---|---|---|\n");

        Inbox.Query firstPage = new Inbox.Query(forms, Optional.empty(), false, Optional.empty(), false,
                Optional.empty(), Optional.empty(), Optional.empty(), 25);
        measure(report, "inbox, first page", "1 GetItem, 4 Queries, 8 COUNT Queries",
                http -> expect(http.request("GET", "/intern", cookie, null), "200"),
                () -> {
                    sessions.find(session, Instant.now());
                    store.inbox(firstPage);
                    store.counts(forms, open);
                });

        Inbox.Query filtered = new Inbox.Query(List.of("bedarf-einrichtung"), Optional.of(Status.IN_PROGRESS), false,
                Optional.of(USER), false, Optional.empty(), Optional.empty(), Optional.empty(), 25);
        measure(report, "inbox, filtered (form, status, mine)", "1 GetItem, 1 Query, 2 COUNT Queries",
                http -> expect(http.request("GET", "/intern?formular=bedarf-einrichtung&status=IN_PROGRESS&zustaendig=mir",
                        cookie, null), "200"),
                () -> {
                    sessions.find(session, Instant.now());
                    store.inbox(filtered);
                    store.counts(List.of("bedarf-einrichtung"), open);
                });

        MatchStore matchStore = new MatchStore(store);
        MatchService matching = new MatchService(matchStore, java.time.Clock.systemUTC());
        String openedForm = store.find(openedReference).orElseThrow().formId();
        measure(report, "submission's page", Facts.matches(openedForm) ? "3 GetItems, 1 Query" : "2 GetItems, 1 Query",
                http -> expect(http.request("GET", "/intern/vorgang/" + openedReference, cookie, null), "200"),
                () -> {
                    sessions.find(session, Instant.now());
                    store.find(openedReference);
                    store.staff();
                    // Its matching section: a request's matches, or an offer's capacity (after any repair), and
                    // whether the other sides of its matches still exist (only if it has any).
                    Optional<de.fachkraftallianz.matching.MatchFile> section = Facts.isOffer(openedForm)
                            ? matching.repair(openedReference, false)
                            : Facts.isRequest(openedForm) ? matching.find(openedReference) : Optional.empty();
                    if (section.isPresent() && !MatchService.entries(section.get()).isEmpty()) {
                        List<String> others = new ArrayList<>();
                        MatchService.entries(section.get()).values().forEach(m -> others.add(
                                section.get().isRequest() ? m.offer() : m.request()));
                        matchStore.present(others, Instant.now());
                    }
                });

        Deque<String> viaGateway = new ArrayDeque<>(fixture.untouched.subList(0, fixture.untouched.size() / 2));
        Deque<String> raw = new ArrayDeque<>(fixture.untouched.subList(fixture.untouched.size() / 2,
                fixture.untouched.size()));
        Map<String, String> form = new HashMap<>(cookie);
        form.put("Content-Type", "application/x-www-form-urlencoded");
        Person me = new Person(USER, "Benchmark (Beispiel)");
        measure(report, "status change (NEW → IN_PROGRESS)", "2 GetItems, 1 Query, 1 conditional UpdateItem",
                http -> {
                    String reference = viaGateway.pop();
                    expect(http.request("POST", "/intern/vorgang/" + reference + "/status", form,
                            "_csrf=bench-csrf&version=0&status=IN_PROGRESS&grund="
                                    + URLEncoder.encode("Übernommen", StandardCharsets.UTF_8)), "303");
                },
                () -> {
                    String reference = raw.pop();
                    sessions.find(session, Instant.now());
                    CaseFile file = store.find(reference).orElseThrow();
                    store.staff();
                    if (!(store.changeStatus(reference, file.version(), file.status(), Status.IN_PROGRESS, me,
                            Instant.now(), "Übernommen", file.formId(), 180) instanceof OfficeStore.Changed)) {
                        throw new IllegalStateException("raw status change not stored");
                    }
                });
        report.append(String.format(Locale.ROOT, "%nBudget: each page's p50 ≤ %.1f× the p50 of its raw calls. "
                + "Absolute times are context for this machine only (%d cores).%n%n", PAGE_OVER_RAW_BUDGET,
                Runtime.getRuntime().availableProcessors()));
    }

    interface GatewayCall {
        void run(Benchmark.KeepAliveClient http) throws Exception;
    }

    interface RawCall {
        void run() throws Exception;
    }

    private void measure(StringBuilder report, String page, String calls, GatewayCall gateway, RawCall raw)
            throws Exception {
        measure(stack, warmup, requests, report, page, calls, gateway, raw);
    }

    /**
     * One page: {@code requests} requests through the gateway and as many raw call sets, in interleaved rounds of
     * {@value #ROUND} after {@code warmup} of each; one table row with both p50s and their ratio.
     */
    static void measure(LocalStack stack, int warmup, int requests, StringBuilder report, String page, String calls,
            GatewayCall gateway, RawCall raw) throws Exception {
        List<Double> viaGateway = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        try (Benchmark.KeepAliveClient http = new Benchmark.KeepAliveClient(stack.port())) {
            for (int done = -warmup; done < requests; done += ROUND) {
                for (int i = 0; i < ROUND; i++) {
                    long t = System.nanoTime();
                    gateway.run(http);
                    if (done >= 0) {
                        viaGateway.add((System.nanoTime() - t) / 1e6);
                    }
                }
                for (int i = 0; i < ROUND; i++) {
                    long t = System.nanoTime();
                    raw.run();
                    if (done >= 0) {
                        direct.add((System.nanoTime() - t) / 1e6);
                    }
                }
            }
        }
        double[] g = sorted(viaGateway);
        double[] r = sorted(direct);
        double ratio = percentile(g, 50) / percentile(r, 50);
        report.append(String.format(Locale.ROOT, "| %s | %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | **%.2f×** | "
                + "≤ %.1f×: %s |%n", page, calls, percentile(g, 50), percentile(g, 99), percentile(r, 50),
                percentile(r, 99), ratio, PAGE_OVER_RAW_BUDGET, ratio <= PAGE_OVER_RAW_BUDGET ? "met" : "MISSED"));
    }

    private static double[] sorted(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }

    static void expect(String response, String status) {
        if (!response.startsWith("HTTP/1.1 " + status)) {
            throw new IllegalStateException("expected " + status + ", got " + response.lines().findFirst().orElse(""));
        }
    }

    /** What the loaded table holds that the measurements need. */
    record Fixture(List<String> opened, List<String> untouched) {
    }

    /**
     * {@value #SUBMISSIONS} submissions over the last 180 days, spread over the forms and statuses as an office that
     * keeps up would have them (most closed, some open, a few suspected spam); 15 % of the open ones assigned to the
     * benchmark's user. {@code untouched} NEW ones of one form are kept apart for the status changes.
     */
    static Fixture load(DynamoDbClient dynamoDb, String table, int statusChanges) {
        return load(dynamoDb, table, statusChanges, SUBMISSIONS);
    }

    static Fixture load(DynamoDbClient dynamoDb, String table, int statusChanges, int submissions) {
        Random random = new Random(42);
        Instant now = Instant.now();
        List<String> opened = new ArrayList<>();
        List<String> untouched = new ArrayList<>();
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < submissions; i++) {
            String formId = FormCatalog.FORM_IDS.get(i % FormCatalog.FORM_IDS.size());
            boolean reserved = i >= submissions - 2 * statusChanges;
            Status status = reserved ? Status.NEW : pick(random);
            Instant created = now.minus(Duration.ofMinutes(reserved ? i % 1000 : random.nextInt(180 * 24 * 60)));
            String reference = reference(i);
            Map<String, List<String>> values = new LinkedHashMap<>();
            values.put("beschreibung", List.of("Beispieltext " + i + " mit ein paar Sätzen, wie eine Anfrage sie hat. "
                    .repeat(4)));
            values.put("ort", List.of("Pirna"));
            values.put("plz", List.of("01796"));
            if (!reserved) {
                values.putAll(matchingAnswers(formId, random, created));
            }
            Submission submission = new Submission(reference, reserved ? "barriere-melden" : formId, status, created,
                    created.plus(Duration.ofDays(180)), "0".repeat(64), values, null);
            Map<String, AttributeValue> item = new HashMap<>(SubmissionMapper.toItem(submission, "bench"));
            if (!reserved) {
                item.put("openedAt", AttributeValue.fromS(created.plusSeconds(600).toString()));
                if (!status.isClosed() && random.nextInt(100) < 15) {
                    item.put("assigneeId", AttributeValue.fromS(USER));
                    item.put("assigneeName", AttributeValue.fromS("Benchmark (Beispiel)"));
                    item.put(TableKeys.GSI3_PK, AttributeValue.fromS(TableKeys.assigneePartition(USER)));
                    item.put(TableKeys.GSI3_SK, AttributeValue.fromS(TableKeys.timeSortKey(created, reference)));
                }
                if (opened.size() < 10 && !status.isSpam()) {
                    opened.add(reference);
                }
            } else {
                untouched.add(reference);
            }
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == submissions - 1) {
                write(dynamoDb, table, batch);
                batch = new ArrayList<>();
            }
        }
        return new Fixture(opened, untouched);
    }

    /** Postcodes the fixture spreads requests and offers over (all in the facility form's county pattern). */
    static final List<String> POSTCODES = List.of("01796", "01744", "01809", "01814", "01773", "01705", "01855");
    private static final List<String> AREAS = List.of("stationaer", "teilstationaer", "ambulant", "sonstiges");
    private static final List<String> QUALIFICATIONS = List.of("sozialpaedagogik", "erzieher", "heilerziehungspflege",
            "andere");

    /**
     * The answers matching reads, as the three forms would give them (kinds of help, qualifications, postcodes,
     * periods of a few weeks around the day received, hours, numbers), so every request and offer carries its facts.
     */
    static Map<String, List<String>> matchingAnswers(String formId, Random random, Instant created) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        java.time.LocalDate from = java.time.LocalDate.ofInstant(created, java.time.ZoneOffset.UTC)
                .plusDays(random.nextInt(30));
        switch (formId) {
            case "bedarf-einrichtung" -> {
                values.put("einsatzbereich", List.of(AREAS.get(random.nextInt(AREAS.size()))));
                values.put("qualifikationen", some(QUALIFICATIONS, random));
                values.put("plz", List.of(POSTCODES.get(random.nextInt(POSTCODES.size()))));
                values.put("anzahl_fachkraefte", List.of(Integer.toString(1 + random.nextInt(4))));
                values.put("stunden_pro_woche", List.of(Integer.toString(10 + random.nextInt(31))));
                values.put("einsatz_von", List.of(from.toString()));
                if (random.nextBoolean()) {
                    values.put("einsatz_bis", List.of(from.plusDays(14 + random.nextInt(80)).toString()));
                }
            }
            case "hilfe-pflegefamilie" -> {
                values.put("einsatz_von", List.of(from.toString()));
                values.put("einsatz_bis", List.of(from.plusDays(14 + random.nextInt(80)).toString()));
                values.put("stunden_pro_woche", List.of(Integer.toString(2 + random.nextInt(10))));
            }
            case "angebot-traeger" -> {
                List<String> areas = new ArrayList<>(some(AREAS, random));
                if (random.nextInt(3) == 0) {
                    areas.add("pflegefamilie");
                }
                values.put("einsatzbereiche", areas);
                values.put("qualifikationen", some(QUALIFICATIONS, random));
                boolean county = random.nextBoolean();
                values.put("einsatzgebiet", List.of(county ? "landkreis" : "orte"));
                if (!county) {
                    values.put("einsatzorte", List.of(String.join(", ", some(POSTCODES, random))));
                }
                values.put("mobil", List.of(random.nextInt(4) == 0 ? "nein" : "ja"));
                values.put("anzahl_fachkraefte", List.of(Integer.toString(1 + random.nextInt(5))));
                values.put("stunden_pro_woche", List.of(Integer.toString(10 + random.nextInt(31))));
                values.put("verfuegbar_von", List.of(from.toString()));
                if (random.nextBoolean()) {
                    values.put("verfuegbar_bis", List.of(from.plusDays(30 + random.nextInt(90)).toString()));
                }
            }
            default -> {
            }
        }
        return values;
    }

    /** One to three of the values, in their order. */
    private static List<String> some(List<String> all, Random random) {
        List<String> picked = new ArrayList<>();
        int first = random.nextInt(all.size());
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            String value = all.get((first + i * 2) % all.size());
            if (!picked.contains(value)) {
                picked.add(value);
            }
        }
        return picked;
    }

    /** A reference in the real format (References.FORMAT), unique per number, all starting with "B". */
    static String reference(int number) {
        String alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        char[] code = new char[8];
        code[0] = 'B';
        for (int i = 7, n = number; i > 0; i--, n /= alphabet.length()) {
            code[i] = alphabet.charAt(n % alphabet.length());
        }
        return new String(code, 0, 4) + "-" + new String(code, 4, 4);
    }

    private static Status pick(Random random) {
        int p = random.nextInt(100);
        return p < 8 ? Status.NEW : p < 20 ? Status.IN_PROGRESS : p < 80 ? Status.DONE : p < 92 ? Status.DECLINED
                : p < 96 ? Status.SUSPECTED_SPAM : Status.SPAM;
    }

    static void write(DynamoDbClient dynamoDb, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            pending = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }
}
