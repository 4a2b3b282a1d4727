package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.HtmlChecker;
import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.EntryJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory with 500 entries (realistic lengths) and with 100 entries whose every field is as long as the form
 * allows, each baked in full: every page stays within the site's 40 KB (HTML, CSS and images), is valid HTML (the
 * Nu checker) and needs no script (its only script is the shell's; every filter and page is a link). The bake's
 * time against the 8 examples is the benchmark's (mvn -Pbench), not a test.
 */
class DirectoryScaleTest {

    @TempDir
    static Path dir;

    static Path realistic;
    static Path longest;

    @BeforeAll
    static void bake() throws IOException {
        realistic = bake("realistic", DirectoryFixture.realistic(500));
        longest = bake("longest", DirectoryFixture.longest(100));
    }

    private static Path bake(String name, List<de.fachkraftallianz.directory.Entry> entries) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, EntryJson.write(entries), StandardCharsets.UTF_8);
        Path site = dir.resolve(name + "/site");
        new SiteBaker(SiteBakeTest.SOURCE, dir.resolve(name + "/work"), site, SiteBaker.Mode.LOCAL, file).bake();
        return site;
    }

    @Test
    void with_500_entries_every_page_stays_within_40_kb() throws IOException {
        assertWithinBudget(realistic, 500);
    }

    @Test
    void with_the_longest_entries_the_form_allows_every_page_stays_within_40_kb() throws IOException {
        assertWithinBudget(longest, 100);
    }

    @Test
    void with_500_entries_every_directory_page_is_valid_html_and_needs_no_script() throws IOException {
        List<Path> pages = directoryPages(realistic);
        for (Path page : pages) {
            Document doc = Jsoup.parse(page.toFile(), "UTF-8");
            assertThat(doc.select("script").eachAttr("src")).as(page.toString()).containsExactly("/assets/forms.js");
        }
        // The Nu checker on every listing page and every tenth entry page (all entry pages share one template).
        List<Path> checked = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            boolean entryPage = pages.get(i).getParent().getParent().getFileName().toString().equals(Directory.FOLDER)
                    && !pages.get(i).getParent().getFileName().toString().equals(Directory.FOLDER);
            if (!entryPage || i % 10 == 0) {
                checked.add(pages.get(i));
            }
        }
        assertThat(checked).hasSizeGreaterThan(300);
        HtmlChecker checker = new HtmlChecker();
        List<String> errors = new ArrayList<>();
        checked.forEach(page -> errors.addAll(checker.check(page)));
        assertThat(errors).isEmpty();
    }

    private static void assertWithinBudget(Path site, int entries) throws IOException {
        PageWeight weights = new PageWeight(site, null);
        List<String> over = new ArrayList<>();
        long heaviest = 0;
        int pages = 0;
        for (Path page : weights.pages()) {
            long weight = weights.weight(page);
            heaviest = Math.max(heaviest, weight);
            pages++;
            if (weight > PageWeight.BUDGET_BYTES) {
                over.add(weights.path(page) + ": " + weight + " bytes");
            }
        }
        assertThat(pages).isGreaterThan(entries);
        assertThat(over).as("pages over " + PageWeight.BUDGET_BYTES + " bytes (heaviest " + heaviest + ")").isEmpty();
    }

    private static List<Path> directoryPages(Path site) throws IOException {
        try (var files = Files.walk(site.resolve(Directory.FOLDER))) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }
}
