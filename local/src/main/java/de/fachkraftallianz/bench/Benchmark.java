package de.fachkraftallianz.bench;

import de.fachkraftallianz.Json;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.ProjectRoot;
import de.fachkraftallianz.store.SubmissionMapper;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Measures what the budgets in the README are about, in one run against a local stack: cold starts (fresh JVMs on
 * the deployment jar, untuned and tuned), the deployment jar's size, and warm submissions through the local gateway
 * next to raw PutItem calls on the same dynalite, with one client and with {@value #PARALLEL_CLIENTS} at once.
 * Budgets are ratios measured in this run (absolute times differ up to 1.8× between machines of our kind); absolute
 * figures are reported as context, labelled with the machine. Prints a report and writes it to
 * local/target/benchmark.md. Numbers, not a pass/fail test: the machine's load decides too much for that.
 */
public final class Benchmark {

    static final double HANDLER_OVER_BARE_BUDGET = 1.10;
    static final long JAR_BUDGET_BYTES = 8_000_000;
    static final double GATEWAY_OVER_PUT_BUDGET = 1.35;
    static final int PARALLEL_CLIENTS = 8;
    /** What ships (template.yaml's JAVA_TOOL_OPTIONS) plus an AppCDS archive standing in for SnapStart's snapshot. */
    static final List<String> TUNED_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    private final Path root = ProjectRoot.find();
    private final Path jar = root.resolve("functions/target/function.jar");
    private final Path officeJar = root.resolve("office/target/office.jar");
    private final Path work = root.resolve("local/target/bench");
    private final String javaCommand = ProcessHandle.current().info().command().orElse("java");
    private final int runs;
    private final int warmups;
    private final int requests;
    private final int officeRequests;

    Benchmark(int runs, int warmups, int requests, int officeRequests) {
        this.runs = runs;
        this.warmups = warmups;
        this.requests = requests;
        this.officeRequests = officeRequests;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int officeRequests = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        new Benchmark(runs, 2, requests, officeRequests).run();
    }

    void run() throws Exception {
        if (!Files.exists(jar) || !Files.exists(officeJar)) {
            throw new IllegalStateException("Build the deployment jars first: mvn -pl functions,office package");
        }
        Files.createDirectories(work);
        StringBuilder report = new StringBuilder("# Benchmark\n\n");
        report.append(String.format(Locale.ROOT, "Machine: %d cores, %s %s; %d cold runs per variant (median), "
                + "%d warm requests.%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), runs, requests));
        String only = System.getProperty("bench.only", "");
        if (only.isEmpty() || only.equals("submit")) {
            try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults()
                    .withEnv("RATE_LIMIT_PER_HOUR", "100000").withLog(new PrintStream(OutputStream.nullOutputStream())))) {
                coldStarts(stack, report);
                jarSize(report);
                warm(stack, report);
            }
        }
        OfficeBenchmark office = new OfficeBenchmark(officeRequests);
        try {
            if (!only.isEmpty() && !only.equals("office")) {
                throw new SkipPart();
            }
            report.append("# Office\n\n");
            office.prepare(report);
            officeColdStarts(office, report);
            office.run(report);
        } catch (SkipPart skipped) {
            // Another part was asked for.
        } finally {
            if (office.stack != null) {
                office.stack.close();
            }
        }
        ExportBenchmark export = new ExportBenchmark();
        try {
            if (!only.isEmpty() && !only.equals("export")) {
                throw new SkipPart();
            }
            export.prepare(report);
            export.run(report, Math.max(3, runs / 3));
            exportHeap(export, report);
        } catch (SkipPart skipped) {
            // Another part was asked for.
        } finally {
            if (export.stack != null) {
                export.stack.close();
            }
        }
        if (only.isEmpty() || only.equals("matching")) {
            report.append("# Matching\n\n");
            new MatchingBenchmark(Math.max(20, officeRequests / 5)).run(report);
        }
        Files.writeString(work.resolve("../benchmark.md").normalize(), report);
        System.out.println(report);
    }

    private void coldStarts(LocalStack stack, StringBuilder report) throws Exception {
        String endpoint = stack.dynamoDbEndpoint().toString();
        String classpath = jar + File.pathSeparator + probeJar();
        List<String> archiveFlags = new ArrayList<>();
        for (String mode : List.of("bare", "handler")) {
            Path archive = work.resolve(mode + ".jsa");
            Files.deleteIfExists(archive);
            exec(classpath, List.of("-XX:ArchiveClassesAtExit=" + archive), mode, endpoint, stack.tableName());
            archiveFlags.add("-XX:SharedArchiveFile=" + archive);
        }
        double[][] samples = new double[4][runs];
        for (int i = -warmups; i < runs; i++) {
            // Interleaved, so a change in the machine's load hits every variant alike.
            double[] round = {
                exec(classpath, List.of(), "bare", endpoint, stack.tableName()),
                exec(classpath, List.of(), "handler", endpoint, stack.tableName()),
                exec(classpath, tuned(archiveFlags.get(0)), "bare", endpoint, stack.tableName()),
                exec(classpath, tuned(archiveFlags.get(1)), "handler", endpoint, stack.tableName())};
            if (i >= 0) {
                for (int v = 0; v < 4; v++) {
                    samples[v][i] = round[v];
                }
            }
        }
        double bare = median(samples[0]);
        double handler = median(samples[1]);
        double bareTuned = median(samples[2]);
        double handlerTuned = median(samples[3]);
        report.append("## Cold start (fresh JVM, one valid submission vs. one bare PutItem)\n\n")
                .append("| variant | bare SDK PutItem | submit handler | handler / bare |\n|---|---|---|---|\n")
                .append(row("untuned (JVM defaults)", bare, handler))
                .append(row("tuned (C1 only + AppCDS archive)", bareTuned, handlerTuned))
                .append(String.format(Locale.ROOT, "%nHandler within %.2f× of bare: %s (untuned %.2f×, tuned %.2f×). "
                        + "Context, not a budget (a property of the JVM and machine as much as of our code): tuned "
                        + "handler / untuned handler %.2f, tuned bare / untuned bare %.2f.%n%n",
                        HANDLER_OVER_BARE_BUDGET, verdict(handler / bare <= HANDLER_OVER_BARE_BUDGET
                                && handlerTuned / bareTuned <= HANDLER_OVER_BARE_BUDGET),
                        handler / bare, handlerTuned / bareTuned, handlerTuned / handler, bareTuned / bare));
    }

    /** The probe classes alone in a jar: class data sharing archives accept jars only on the class path. */
    private Path probeJar() throws IOException {
        Path probe = work.resolve("probe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(probe))) {
            for (Class<?> type : List.of(ColdStartProbe.class, OfficeColdStartProbe.class, ExportHeapProbe.class,
                    ExportHeapProbe.Counting.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return probe;
    }

    /** A part of the benchmark not asked for (-Dbench.only). */
    private static final class SkipPart extends RuntimeException {
    }

    static final double OFFICE_OVER_SUBMIT_BUDGET = 1.3;
    /** The export's heap with ten times the rows may be at most this much higher (sampling and GC timing vary). */
    static final double EXPORT_HEAP_GROWTH_BUDGET = 1.25;

    /**
     * The export's memory: in fresh JVMs (64 MB heap, serial GC) through the office handler, the most heap in use
     * while exporting {@value ExportBenchmark#FEW_ROWS} rows and while exporting {@value ExportBenchmark#ROWS}.
     */
    private void exportHeap(ExportBenchmark export, StringBuilder report) throws Exception {
        String classpath = officeJar + File.pathSeparator + probeJar();
        // Three interleaved runs per size, the median peak of each: a single peak depends on when the collector ran.
        int probes = 3;
        double[][] peakRuns = new double[2][probes];
        long[] sizes = new long[2];
        String[] forms = {ExportBenchmark.SMALL_FORM, ExportBenchmark.BIG_FORM};
        for (int run = 0; run < probes; run++) {
            for (int i = 0; i < 2; i++) {
                List<String> command = new ArrayList<>(List.of(javaCommand, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                        classpath, ExportHeapProbe.class.getName(), export.stack.dynamoDbEndpoint().toString(),
                        export.stack.tableName(), export.session, forms[i]));
                Path output = work.resolve("export-probe.log");
                Path errors = work.resolve("export-probe.err");
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false)
                        .redirectOutput(output.toFile()).redirectError(errors.toFile());
                builder.environment().remove("JAVA_TOOL_OPTIONS");
                if (builder.start().waitFor() != 0) {
                    throw new IllegalStateException("export probe failed: " + Files.readString(output)
                            + Files.readString(errors));
                }
                String[] result = Files.readString(output).strip().split("\\s+");
                peakRuns[i][run] = Long.parseLong(result[result.length - 2]);
                sizes[i] = Long.parseLong(result[result.length - 1]);
            }
        }
        double[] peaks = {median(peakRuns[0]), median(peakRuns[1])};
        double growth = (double) peaks[1] / peaks[0];
        report.append(String.format(Locale.ROOT, "Export memory (fresh JVM, -Xmx64m, serial GC, most heap in use, "
                + "sampled every millisecond, median of three runs each): %d rows %.1f MB, %d rows %.1f MB (event %.1f MB, gzip + base64): "
                + "%.2f× for ten times the rows; budget ≤ %.2f×: %s.%n%n", ExportBenchmark.FEW_ROWS, peaks[0] / 1e6,
                ExportBenchmark.ROWS, peaks[1] / 1e6, sizes[1] / 1e6, growth, EXPORT_HEAP_GROWTH_BUDGET,
                verdict(growth <= EXPORT_HEAP_GROWTH_BUDGET)));
    }

    /**
     * The office function's first request (a submission's page with a session) against the submit function's (one
     * submission), each in fresh JVMs on its own deployment jar, interleaved, against the office benchmark's table.
     */
    private void officeColdStarts(OfficeBenchmark office, StringBuilder report) throws Exception {
        String endpoint = office.stack.dynamoDbEndpoint().toString();
        String table = office.stack.tableName();
        String submitPath = jar + File.pathSeparator + probeJar();
        String officePath = officeJar + File.pathSeparator + probeJar();
        List<String> submitArgs = List.of(ColdStartProbe.class.getName(), "handler", endpoint, table);
        List<String> officeArgs = List.of(OfficeColdStartProbe.class.getName(), endpoint, table, office.session,
                office.openedReference);
        Path submitArchive = work.resolve("submit-office-run.jsa");
        Path officeArchive = work.resolve("office.jsa");
        Files.deleteIfExists(submitArchive);
        Files.deleteIfExists(officeArchive);
        execMain(submitPath, List.of("-XX:ArchiveClassesAtExit=" + submitArchive), submitArgs);
        execMain(officePath, List.of("-XX:ArchiveClassesAtExit=" + officeArchive), officeArgs);
        double[][] samples = new double[4][runs];
        for (int i = -warmups; i < runs; i++) {
            double[] round = {
                execMain(submitPath, List.of(), submitArgs),
                execMain(officePath, List.of(), officeArgs),
                execMain(submitPath, tuned("-XX:SharedArchiveFile=" + submitArchive), submitArgs),
                execMain(officePath, tuned("-XX:SharedArchiveFile=" + officeArchive), officeArgs)};
            if (i >= 0) {
                for (int v = 0; v < 4; v++) {
                    samples[v][i] = round[v];
                }
            }
        }
        double submit = median(samples[0]);
        double officeStart = median(samples[1]);
        double submitTuned = median(samples[2]);
        double officeTuned = median(samples[3]);
        long officeSize = Files.size(officeJar);
        report.append("## Office cold start (fresh JVM: a submission's page with a session vs. one submission)\n\n")
                .append("| variant | submit handler | office handler | office / submit |\n|---|---|---|---|\n")
                .append(row("untuned (JVM defaults)", submit, officeStart))
                .append(row("tuned (C1 only + AppCDS archive)", submitTuned, officeTuned))
                .append(String.format(Locale.ROOT, "%nOffice within %.1f× of submit: %s (untuned %.2f×, tuned %.2f×). "
                        + "office/target/office.jar: %.2f MB.%n%n", OFFICE_OVER_SUBMIT_BUDGET,
                        verdict(officeStart / submit <= OFFICE_OVER_SUBMIT_BUDGET
                                && officeTuned / submitTuned <= OFFICE_OVER_SUBMIT_BUDGET),
                        officeStart / submit, officeTuned / submitTuned, officeSize / 1e6));
    }

    private List<String> tuned(String archiveFlag) {
        List<String> flags = new ArrayList<>(TUNED_FLAGS);
        flags.add(archiveFlag);
        return flags;
    }

    private static String row(String name, double bare, double handler) {
        return String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.2f× |%n", name, bare, handler, handler / bare);
    }

    /** Wall time of a fresh JVM running the probe, in milliseconds; fails if the probe fails. */
    private double exec(String classpath, List<String> flags, String mode, String endpoint, String table)
            throws IOException, InterruptedException {
        return execMain(classpath, flags, List.of(ColdStartProbe.class.getName(), mode, endpoint, table));
    }

    /** Wall time of a fresh JVM running {@code mainAndArgs}, in milliseconds; fails if it fails. */
    private double execMain(String classpath, List<String> flags, List<String> mainAndArgs)
            throws IOException, InterruptedException {
        String mode = String.join(" ", mainAndArgs.subList(0, Math.min(2, mainAndArgs.size())));
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.add("-Xshare:auto");
        command.addAll(flags);
        command.add("-cp");
        command.add(classpath);
        command.addAll(mainAndArgs);
        Path output = work.resolve("probe.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double millis = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException("Cold start probe failed (" + mode + ", exit " + exit + "): " + command
                    + "\n" + Files.readString(output));
        }
        return millis;
    }

    private void jarSize(StringBuilder report) throws IOException {
        long size = Files.size(jar);
        report.append(String.format(Locale.ROOT, "## Deployment jar%n%nfunctions/target/function.jar: %.2f MB "
                + "(%d bytes); budget ≤ 8 MB: %s.%n%n", size / 1e6, size, verdict(size <= JAR_BUDGET_BYTES)));
    }

    private void warm(LocalStack stack, StringBuilder report) throws Exception {
        report.append("## Warm submissions through the gateway vs. the raw PutItem they make\n\n")
                .append("Each submission: HTTP to the local gateway, the payload 2.0 event, the submit handler "
                        + "(validation, reference, one conditional PutItem). Raw: the same conditional PutItem of an "
                        + "item of the same shape, sent straight to the same dynalite. Interleaved, so both see the "
                        + "same load.\n\n")
                .append("| clients | gateway p50 | gateway p99 | raw p50 | raw p99 | p50 ratio | p99 ratio | "
                        + "budget (≤ ratio) |\n|---|---|---|---|---|---|---|---|\n");
        for (int clients : List.of(1, PARALLEL_CLIENTS)) {
            double[][] latencies = warmRun(stack, clients, Math.max(clients, requests));
            double[] gateway = latencies[0];
            double[] raw = latencies[1];
            double p50 = percentile(gateway, 50) / percentile(raw, 50);
            double p99 = percentile(gateway, 99) / percentile(raw, 99);
            boolean met = clients == 1 ? p50 <= GATEWAY_OVER_PUT_BUDGET
                    : p50 <= GATEWAY_OVER_PUT_BUDGET && p99 <= GATEWAY_OVER_PUT_BUDGET;
            report.append(String.format(Locale.ROOT, "| %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | **%.2f×** | "
                    + "%.2f× | %.2f× (%s): %s |%n", clients, percentile(gateway, 50), percentile(gateway, 99),
                    percentile(raw, 50), percentile(raw, 99), p50, p99, GATEWAY_OVER_PUT_BUDGET,
                    clients == 1 ? "p50" : "p50 and p99", verdict(met)));
        }
        report.append(String.format(Locale.ROOT, "%nAbsolute times are context for this machine only (%d cores); "
                + "only the ratios are budgets.%n", Runtime.getRuntime().availableProcessors()));
    }

    /**
     * {@code total} submissions through the gateway and as many raw PutItems, from {@code clients} threads at once,
     * in interleaved rounds; returns both latency lists in milliseconds, sorted.
     */
    private double[][] warmRun(LocalStack stack, int clients, int total) throws Exception {
        int perClient = total / clients;
        int round = clients == 1 ? 1 : 25;
        int warmup = Math.min(500, total) / clients;
        List<Double> gateway = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Double> raw = java.util.Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier barrier = new CyclicBarrier(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    try (KeepAliveClient http = new KeepAliveClient(stack.port())) {
                        for (int done = -warmup; done < perClient; done += round) {
                            // Every client sends a round through the gateway, then a round raw, in step.
                            barrier.await();
                            for (int i = 0; i < round; i++) {
                                long t = System.nanoTime();
                                submit(http);
                                if (done >= 0) {
                                    gateway.add((System.nanoTime() - t) / 1e6);
                                }
                            }
                            barrier.await();
                            for (int i = 0; i < round; i++) {
                                Map<String, AttributeValue> item = SubmissionMapper.toItem(
                                        sameShape(UUID.randomUUID().toString()), "bench");
                                long t = System.nanoTime();
                                stack.dynamoDb().putItem(b -> b.tableName(stack.tableName()).item(item)
                                        .conditionExpression("attribute_not_exists(" + TableKeys.PK + ")"));
                                if (done >= 0) {
                                    raw.add((System.nanoTime() - t) / 1e6);
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> client : running) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new double[][] {sorted(gateway), sorted(raw)};
    }

    private static double[] sorted(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }

    /** A submission like the ones the gateway run stores (same fields, indexes and size), for a fair raw write. */
    private static Submission sameShape(String unique) throws Exception {
        Map<String, List<String>> values = new LinkedHashMap<>();
        ColdStartProbe.body(unique).forEach((name, value) -> values.put(name,
                value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value))));
        Instant now = Instant.now();
        return new Submission(unique.substring(0, 9), "beratungsangebot", Status.NEW, now,
                now.plusSeconds(86_400L * 365), "0".repeat(64), values, null);
    }

    private static void submit(KeepAliveClient http) throws Exception {
        String body = Json.write(ColdStartProbe.body(UUID.randomUUID().toString()));
        String response = http.post("/api/forms/beratungsangebot", body);
        if (!response.startsWith("HTTP/1.1 201")) {
            throw new IllegalStateException("Submission failed: " + response.lines().findFirst().orElse(""));
        }
    }

    /**
     * A minimal HTTP/1.1 client on one kept-alive socket with TCP_NODELAY: it measures the gateway and the
     * function, not a client library (the JDK's HttpClient alone adds about 0.4 ms per request here).
     */
    static final class KeepAliveClient implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        KeepAliveClient(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream());
            in = new BufferedInputStream(socket.getInputStream());
        }

        /** Sends a JSON POST and returns status line, headers and body as text. */
        String post(String path, String json) throws IOException {
            return request("POST", path, Map.of("Content-Type", "application/json", "Accept", "application/json"),
                    json);
        }

        /** Sends a request (body may be null) and returns status line, headers and body as text. */
        String request(String method, String path, Map<String, String> headers, String text) throws IOException {
            byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (text != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return response();
        }

        private String response() throws IOException {
            StringBuilder head = new StringBuilder();
            int length = 0;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                head.append(line).append('\n');
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
