package de.fachkraftallianz.site;

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
 * third-party requests. Prints a report and writes it to site/target/benchmark.md. Numbers, not a pass/fail test.
 *
 * <p>Usage: {@code SiteBenchmark [bakes [bake JVM flags...]]} with {@code -Dproject.root=<checkout root>}; each bake
 * runs {@code java <flags> -cp <this classpath> SiteBaker site/src/jbake <temp work> <temp output>}.
 */
public final class SiteBenchmark {

    static final long BAKE_BUDGET_MS = 5_000;
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
        int pages = 0;
        Path temp = Files.createTempDirectory("site-bench");
        try {
            Path output = temp.resolve("site");
            for (int i = 0; i < bakes; i++) {
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(flags);
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), SiteBaker.class.getName(),
                        source.toString(), temp.resolve("work").toString(), output.toString()));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().remove("JAVA_TOOL_OPTIONS");
                long start = System.nanoTime();
                Process process = builder.start();
                String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = process.waitFor();
                wall[i] = (System.nanoTime() - start) / 1e6;
                Matcher m = BAKED.matcher(log);
                if (exit != 0 || !m.find()) {
                    throw new IllegalStateException("Bake " + (i + 1) + " failed (exit " + exit + "): " + command
                            + "\n" + log);
                }
                pages = Integer.parseInt(m.group(1));
                inJvm[i] = Long.parseLong(m.group(2));
            }
            bakeReport(report, wall, inJvm, pages, cores);
            // The address the site was baked with: SiteBaker writes the county's into its work copy.
            String host = SiteMap.readHost(temp.resolve("work/jbake.properties"));
            weightReport(report, new PageWeight(output, host));
        } finally {
            SiteBaker.deleteTree(temp);
        }
        Path file = root.resolve("site/target/benchmark.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
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
