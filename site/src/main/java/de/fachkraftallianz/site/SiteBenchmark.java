package de.fachkraftallianz.site;

import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.directory.EntryJson;
import de.fachkraftallianz.forms.FormCatalog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site's part of {@code mvn -Pbench}: bakes the whole site several times, each time in a fresh JVM as the build
 * does (the first bake in a fresh JVM is what a developer waits for), then weighs the baked pages and looks for
 * third-party requests; and the same with 500 directory entries, and one incremental publish of the directory. Prints a report and writes it to site/target/benchmark.md. Numbers, not a pass/fail test.
 *
 * <p>Usage: {@code SiteBenchmark [bakes [bake JVM flags...]]} with {@code -Dproject.root=<checkout root>}; each bake
 * runs {@code java <flags> -cp <this classpath> SiteBaker site/src/jbake <temp work> <temp output>}.
 */
public final class SiteBenchmark {

    static final long BAKE_BUDGET_MS = 5_000;
    static final int DIRECTORY_ENTRIES = 500;
    static final double BAKE_500_OVER_8_BUDGET = 1.3;
    static final double PUBLISH_OVER_BAKE_BUDGET = 0.25;
    static final int BUDGET_CORES = 2;

    private static final Pattern BAKED = Pattern.compile("\\[site] baked (\\d+) pages into .* in (\\d+) ms");

    private SiteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int bakes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> flags = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        Path root = Path.of(System.getProperty("project.root", "")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("site/src/jbake")) && Files.isDirectory(root.resolve("src/jbake"))) {
            root = root.getParent(); // started in site/
        }
        Path source = root.resolve("site/src/jbake");

        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder report = new StringBuilder("# Site benchmark\n\n").append(String.format(Locale.ROOT,
                "Machine: %d cores, %s %s, load average %.2f at the start; %d bakes, each in a fresh JVM "
                        + "(`java %s SiteBaker`, as site/pom.xml runs it).%n%n",
                cores, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), bakes, String.join(" ", flags)));

        double[] wall = new double[bakes];
        double[] inJvm = new double[bakes];
        double[] wall500 = new double[bakes];
        double[] inJvm500 = new double[bakes];
        int pages = 0;
        int pages500 = 0;
        Path temp = Files.createTempDirectory("site-bench");
        try {
            // Apart, so that each bake's directory kit (written beside its output) is its own.
            Path output = temp.resolve("plain/site");
            Path output500 = temp.resolve("full/site");
            List<Entry> entries = DirectoryFixture.realistic(DIRECTORY_ENTRIES);
            Path entriesFile = temp.resolve("entries.json");
            Files.writeString(entriesFile, EntryJson.write(entries), StandardCharsets.UTF_8);
            for (int i = 0; i < bakes; i++) {
                // Interleaved, so a change in the machine's load hits both alike.
                double[] plain = bake(flags, source, temp.resolve("work"), output, null, i);
                double[] full = bake(flags, source, temp.resolve("work-500"), output500, entriesFile, i);
                wall[i] = plain[0];
                inJvm[i] = plain[1];
                pages = (int) plain[2];
                wall500[i] = full[0];
                inJvm500[i] = full[1];
                pages500 = (int) full[2];
            }
            bakeReport(report, wall, inJvm, pages, cores);
            // The address the site was baked with: SiteBaker writes the county's into its work copy.
            String host = SiteMap.readHost(temp.resolve("work/jbake.properties"));
            weightReport(report, new PageWeight(output, host));
            directoryReport(report, wall, inJvm, wall500, inJvm500, pages500, output500, entries, bakes, host);
        } finally {
            SiteBaker.deleteTree(temp);
        }
        Path file = root.resolve("site/target/benchmark.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
    }

    /** One bake in a fresh JVM: {whole process ms, SiteBaker's own ms, pages}. */
    private static double[] bake(List<String> flags, Path source, Path work, Path output, Path entries, int i)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SiteBaker.class.getName(),
                source.toString(), work.toString(), output.toString()));
        if (entries != null) {
            command.add("--entries=" + entries);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        long start = System.nanoTime();
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        Matcher m = BAKED.matcher(log);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("Bake " + (i + 1) + " failed (exit " + exit + "): " + command + "\n" + log);
        }
        return new double[] {wall, Long.parseLong(m.group(2)), Integer.parseInt(m.group(1))};
    }

    /**
     * The directory with {@value #DIRECTORY_ENTRIES} entries (issue 11): the full bake against the bake with the 8
     * examples alone (same run, interleaved), and one incremental publish (what the publisher does after a change:
     * render the whole directory, compare with what the storage holds, write what differs) against the full bake. The
     * publishes run in this JVM onto a folder holding the bake's pages, as a warm publisher instance does; the first
     * one (templates not yet loaded in this JVM) is reported apart. The table's read is not in it (one Query on the
     * directory index; the local stack's DirectoryPublishIT prints the whole delay from office to page).
     */
    private static void directoryReport(StringBuilder report, double[] wall, double[] inJvm, double[] wall500,
            double[] inJvm500, int pages500, Path output500, List<Entry> entries, int bakes, String host)
            throws IOException {
        DirectoryRenderer renderer = new DirectoryRenderer(DirectoryKit.fromDirectory(DirectoryKit.besideSite(
                output500)), FormCatalog.load());
        DirectorySync sync = new DirectorySync(renderer, new FileSiteStorage(output500), DirectorySync.Invalidation.NONE);
        List<Entry> current = new ArrayList<>(entries);
        long start = System.nanoTime();
        DirectorySync.Result same = sync.sync(current);
        double first = (System.nanoTime() - start) / 1e6;
        int runs = Math.max(bakes * 2, 10);
        double[] publish = new double[runs];
        int written = 0;
        for (int i = 0; i < runs; i++) {
            Entry changed = current.get(i * 37 % current.size());
            java.util.Map<String, List<String>> fields = new java.util.LinkedHashMap<>(changed.fields());
            fields.put(de.fachkraftallianz.directory.Directory.DESCRIPTION, List.of(changed.value(
                    de.fachkraftallianz.directory.Directory.DESCRIPTION) + " Geändert (" + (i + 1) + ")."));
            current.set(i * 37 % current.size(), new Entry(changed.slug(), fields, changed.checked(), false));
            start = System.nanoTime();
            DirectorySync.Result result = sync.sync(current);
            publish[i] = (System.nanoTime() - start) / 1e6;
            written = Math.max(written, result.written().size());
        }
        double plainProcess = median(wall);
        double fullProcess = median(wall500);
        double plainOwn = median(inJvm);
        double fullOwn = median(inJvm500);
        double publishMedian = median(publish);
        report.append(String.format(Locale.ROOT, "%n## Directory with %d entries (%d pages)%n%n", entries.size(),
                pages500))
                .append("| | whole process (median) | SiteBaker's own time (median) |\n|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| full bake, 8 examples | %.0f ms | %.0f ms |%n", plainProcess,
                        plainOwn))
                .append(String.format(Locale.ROOT, "| full bake, 8 examples + %d entries | %.0f ms | %.0f ms |%n",
                        entries.size(), fullProcess, fullOwn))
                .append(String.format(Locale.ROOT, "| ratio | **%.2f×** | %.2f× |%n%n", fullProcess / plainProcess,
                        fullOwn / plainOwn))
                .append(String.format(Locale.ROOT, "Budget: the full bake with %d entries ≤ %.1f× the bake with the 8 "
                        + "examples, whole process: %s.%n%n", entries.size(), BAKE_500_OVER_8_BUDGET,
                        verdict(fullProcess / plainProcess <= BAKE_500_OVER_8_BUDGET)))
                .append(String.format(Locale.ROOT, "One publish (one entry changed, %d runs): median %.0f ms (min %.0f, "
                        + "max %.0f), pages written per publish at most %d; **%.2f×** the full bake (whole process). Budget ≤ "
                        + "%.2f×: %s. The first publish in this JVM (nothing to write: the bake and the publish render "
                        + "byte-identical pages, %d written) took %.0f ms, %.2f× the full bake.%n%n", runs,
                        publishMedian, min(publish), max(publish), written, publishMedian / fullProcess,
                        PUBLISH_OVER_BAKE_BUDGET, verdict(publishMedian / fullProcess <= PUBLISH_OVER_BAKE_BUDGET),
                        same.written().size(), first, first / fullProcess));
        PageWeight weights = new PageWeight(output500, host);
        long heaviest = 0;
        String heaviestPage = "";
        long heaviestListing = 0;
        String heaviestListingPage = "";
        int over = 0;
        for (Path page : weights.pages()) {
            long weight = weights.weight(page);
            String path = weights.path(page);
            over += weight > PageWeight.BUDGET_BYTES ? 1 : 0;
            if (weight > heaviest) {
                heaviest = weight;
                heaviestPage = path;
            }
            boolean listing = path.startsWith("/" + de.fachkraftallianz.directory.Directory.PREFIX)
                    && (path.contains("/kanal/") || path.contains("/zielgruppe/") || path.contains("/seite/")
                    || path.equals("/" + de.fachkraftallianz.directory.Directory.PREFIX + "index.html"));
            if (listing && weight > heaviestListing) {
                heaviestListing = weight;
                heaviestListingPage = path;
            }
        }
        report.append(String.format(Locale.ROOT, "Page weight with %d entries: heaviest page %s %.1f KB, heaviest "
                + "directory listing %s %.1f KB; over 40 KB: %d.%n", entries.size(), heaviestPage, heaviest / 1024.0,
                heaviestListingPage, heaviestListing / 1024.0, over));
    }

    private static void bakeReport(StringBuilder report, double[] wall, double[] inJvm, int pages, int cores) {
        report.append("## Full bake (").append(pages).append(" pages)\n\n")
                .append("| bake | whole process (JVM start to exit) | SiteBaker's own time (prepare + Oven + sitemap) |\n")
                .append("|---|---|---|\n");
        for (int i = 0; i < wall.length; i++) {
            report.append(String.format(Locale.ROOT, "| %d | %.0f ms | %.0f ms |%n", i + 1, wall[i], inJvm[i]));
        }
        double processMedian = median(wall);
        double bakeMedian = median(inJvm);
        report.append(String.format(Locale.ROOT, "| **median** | **%.0f ms** | **%.0f ms** |%n"
                        + "| min / max | %.0f / %.0f ms | %.0f / %.0f ms |%n%n",
                processMedian, bakeMedian, min(wall), max(wall), min(inJvm), max(inJvm)));
        report.append(String.format(Locale.ROOT, "Budget: full bake ≤ %.0f s on %d cores, judged on the whole process "
                        + "(what a developer waits for): median %.2f s: %s.", BAKE_BUDGET_MS / 1e3, BUDGET_CORES,
                processMedian / 1e3, verdict(processMedian <= BAKE_BUDGET_MS)));
        if (processMedian > BAKE_BUDGET_MS && bakeMedian <= BAKE_BUDGET_MS) {
            report.append(String.format(Locale.ROOT, " SiteBaker's own time alone (%.2f s) would meet it; the rest is "
                    + "JVM start and class loading.", bakeMedian / 1e3));
        }
        if (cores != BUDGET_CORES) {
            report.append(String.format(Locale.ROOT, " (Measured on %d cores, not %d.)", cores, BUDGET_CORES));
        }
        report.append("\n\n");
    }

    private static void weightReport(StringBuilder report, PageWeight weights) throws IOException {
        List<String> over = new ArrayList<>();
        List<String> thirdParty = new ArrayList<>();
        String heaviestPage = "";
        long heaviest = 0;
        List<Path> pages = weights.pages();
        for (Path page : pages) {
            long weight = weights.weight(page);
            if (weight > heaviest) {
                heaviest = weight;
                heaviestPage = weights.path(page);
            }
            if (weight > PageWeight.BUDGET_BYTES) {
                over.add(String.format(Locale.ROOT, "- %s: %d bytes%n", weights.path(page), weight));
            }
            weights.thirdPartyRequests(page).forEach(url -> thirdParty.add("- " + weights.path(page) + " → " + url
                    + "\n"));
        }
        report.append("## Page weight (HTML + CSS + icons + images + fonts, uncompressed)\n\n")
                .append(String.format(Locale.ROOT, "%d pages; heaviest %s: %.1f KB (%d bytes); over 40 KB: %d. "
                                + "Budget: every page ≤ 40 KB (%d bytes): %s.%n", pages.size(), heaviestPage,
                        heaviest / 1024.0, heaviest, over.size(), PageWeight.BUDGET_BYTES, verdict(over.isEmpty())));
        over.forEach(report::append);
        report.append(String.format(Locale.ROOT, "%n## Third-party requests%n%n%d (script, link, img and iframe "
                + "URLs and style sheet url()s off the site); budget 0: %s.%n", thirdParty.size(),
                verdict(thirdParty.isEmpty())));
        thirdParty.forEach(report::append);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
