package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The weight budget: every page's HTML with its style sheets and images stays within 40 KB (uncompressed). */
class PageWeightTest {

    static final long BUDGET_BYTES = 40 * 1024;

    @Test
    void every_page_with_its_style_sheets_and_images_stays_within_40_kb() throws IOException {
        List<String> over = new ArrayList<>();
        long heaviest = 0;
        try (Stream<Path> files = Files.walk(SiteBakeTest.SITE)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                long weight = weight(file);
                heaviest = Math.max(heaviest, weight);
                if (weight > BUDGET_BYTES) {
                    over.add(SiteBakeTest.SITE.relativize(file) + ": " + weight + " bytes");
                }
            }
        }
        assertThat(over).as("pages over " + BUDGET_BYTES + " bytes").isEmpty();
        assertThat(heaviest).isPositive();
    }

    @Test
    void the_weight_counts_the_page_its_style_sheet_and_its_images() throws IOException {
        Path page = SiteBakeTest.SITE.resolve("index.html");
        long expected = Files.size(page) + Files.size(SiteBakeTest.SITE.resolve("assets/site.css"));
        Document doc = Jsoup.parse(page.toFile(), "UTF-8");
        for (Element img : doc.select("img[src]")) {
            expected += Files.size(SiteBakeTest.fileFor(img.attr("src")));
        }

        assertThat(weight(page)).isEqualTo(expected);
    }

    /** The page's bytes plus those of each distinct local style sheet and image it loads. */
    static long weight(Path file) throws IOException {
        String path = "/" + SiteBakeTest.SITE.relativize(file).toString().replace('\\', '/');
        Document doc = Jsoup.parse(file.toFile(), "UTF-8");
        Set<String> resources = new LinkedHashSet<>();
        doc.select("link[rel=stylesheet][href]").forEach(e -> resources.add(e.attr("href")));
        doc.select("img[src]").forEach(e -> resources.add(e.attr("src")));
        long total = Files.size(file);
        for (String ref : resources) {
            URI uri = URI.create("http://site.test" + path).resolve(ref);
            Path resource = SiteBakeTest.fileFor(uri.getPath());
            assertThat(resource).as(path + " loads " + ref).isNotNull();
            total += Files.size(resource);
        }
        return total;
    }
}
