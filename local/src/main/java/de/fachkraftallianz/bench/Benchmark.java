package de.fachkraftallianz.bench;

import de.fachkraftallianz.Json;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.ProjectRoot;
import de.fachkraftallianz.store.SubmissionMapper;
import de.fachkraftallianz.store.SubmissionTable;
import de.fachkraftallianz.submit.Submission;
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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Measures what the budgets in the README are about, in one run against a local stack:
 * cold starts (fresh JVMs on the deployment jar, untuned and tuned), the deployment jar's size, and warm
 * submissions through the local gateway next to raw PutItem calls on the same dynalite.
 * Prints a report and writes it to local/target/benchmark.md. Numbers, not a pass/fail test: the machine's load
 * decides too much for that.
 */
public final class Benchmark {

    static final double HANDLER_OVER_BARE_BUDGET = 1.15;
    static final double TUNED_OVER_UNTUNED_BUDGET = 0.45;
    static final long JAR_BUDGET_BYTES = 8_000_000;
    static final double ADDED_P50_BUDGET_MS = 1.0;
    /** What ships (template.yaml's JAVA_TOOL_OPTIONS) plus an AppCDS archive standing in for SnapStart's snapshot. */
    static final List<String> TUNED_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    private final Path root = ProjectRoot.find();
    private final Path jar = root.resolve("functions/target/function.jar");
    private final Path work = root.resolve("local/target/bench");
    private final String javaCommand = ProcessHandle.current().info().command().orElse("java");
    private final int runs;
    private final int warmups;
    private final int requests;

    Benchmark(int runs, int warmups, int requests) {
        this.runs = runs;
        this.warmups = warmups;
        this.requests = requests;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        new Benchmark(runs, 2, requests).run();
    }

    void run() throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the deployment jar first: mvn -pl functions package");
        }
        Files.createDirectories(work);
        StringBuilder report = new StringBuilder("# Benchmark\n\n");
        report.append(String.format(Locale.ROOT, "Machine: %d cores, %s %s; %d cold runs per variant (median), "
                + "%d warm requests.%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), runs, requests));
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults()
                .withEnv("RATE_LIMIT_PER_HOUR", "100000").withLog(new PrintStream(OutputStream.nullOutputStream())))) {
            coldStarts(stack, report);
            jarSize(report);
            warm(stack, report);
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
                        + "Tuned handler / untuned handler: %.2f (budget ≤ %.2f): %s.%n%n",
                        HANDLER_OVER_BARE_BUDGET, verdict(handler / bare <= HANDLER_OVER_BARE_BUDGET
                                && handlerTuned / bareTuned <= HANDLER_OVER_BARE_BUDGET),
                        handler / bare, handlerTuned / bareTuned, handlerTuned / handler, TUNED_OVER_UNTUNED_BUDGET,
                        verdict(handlerTuned / handler <= TUNED_OVER_UNTUNED_BUDGET)));
    }

    /** The probe class alone in a jar: class data sharing archives accept jars only on the class path. */
    private Path probeJar() throws IOException {
        String entry = ColdStartProbe.class.getName().replace('.', '/') + ".class";
        Path probe = work.resolve("probe.jar");
        try (InputStream in = ColdStartProbe.class.getClassLoader().getResourceAsStream(entry);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(probe))) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return probe;
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
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.add("-Xshare:auto");
        command.addAll(flags);
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName(), mode, endpoint, table));
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
        double[] gateway = new double[requests];
        double[] putItem = new double[requests];
        double gatewaySeconds = 0;
        try (KeepAliveClient http = new KeepAliveClient(stack.port())) {
            // Interleaved, one submission then one raw write, so both see the same dynalite and the same load.
            for (int i = -Math.min(500, requests); i < requests; i++) {
                long t = System.nanoTime();
                submit(http);
                long submitted = System.nanoTime();
                Map<String, AttributeValue> item = SubmissionMapper.toItem(sameShape(UUID.randomUUID().toString()));
                long p = System.nanoTime();
                stack.dynamoDb().putItem(b -> b.tableName(stack.tableName()).item(item)
                        .conditionExpression("attribute_not_exists(" + SubmissionTable.PK + ")"));
                long written = System.nanoTime();
                if (i >= 0) {
                    gateway[i] = (submitted - t) / 1e6;
                    putItem[i] = (written - p) / 1e6;
                    gatewaySeconds += (submitted - t) / 1e9;
                }
            }
        }
        double seconds = gatewaySeconds;
        Arrays.sort(gateway);
        Arrays.sort(putItem);
        double added = percentile(gateway, 50) - percentile(putItem, 50);
        report.append("## Warm submissions (one client, sequential)\n\n")
                .append("| path | p50 | p99 | throughput |\n|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| POST /api/forms/beratungsangebot through the gateway | %.2f ms | "
                        + "%.2f ms | %.0f submissions/s |%n", percentile(gateway, 50), percentile(gateway, 99),
                        requests / seconds))
                .append(String.format(Locale.ROOT, "| raw PutItem (same item, same condition) on the same dynalite "
                        + "| %.2f ms | %.2f ms | |%n",
                        percentile(putItem, 50), percentile(putItem, 99)))
                .append(String.format(Locale.ROOT, "%nAdded at p50: %.2f ms (budget ≤ %.1f ms): %s.%n", added,
                        ADDED_P50_BUDGET_MS, verdict(added <= ADDED_P50_BUDGET_MS)));
    }

    /** A submission like the ones the gateway run stores (same fields, indexes and size), for a fair raw write. */
    private static Submission sameShape(String unique) throws Exception {
        Map<String, List<String>> values = new LinkedHashMap<>();
        ColdStartProbe.body(unique).forEach((name, value) -> values.put(name,
                value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value))));
        Instant now = Instant.now();
        return new Submission(unique.substring(0, 9), "beratungsangebot", Submission.Status.NEW, now,
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
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
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
