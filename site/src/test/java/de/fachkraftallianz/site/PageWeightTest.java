package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weight budget: every page's HTML with its style sheets, icons, images and fonts stays within 40 KB
 * (uncompressed); and no page makes the browser ask a third party for anything. The counting is PageWeight's.
 */
class PageWeightTest {

    private static PageWeight baked() throws IOException {
        return new PageWeight(SiteBakeTest.SITE, SiteMap.readHost(SiteBakeTest.WORK.resolve("jbake.properties")));
    }

    @Test
    void every_page_with_its_style_sheets_and_images_stays_within_40_kb() throws IOException {
        PageWeight weights = baked();
        List<String> over = new ArrayList<>();
        long heaviest = 0;
        for (Path page : weights.pages()) {
            long weight = weights.weight(page);
            heaviest = Math.max(heaviest, weight);
            if (weight > PageWeight.BUDGET_BYTES) {
                over.add(weights.path(page) + ": " + weight + " bytes");
            }
        }
        assertThat(over).as("pages over " + PageWeight.BUDGET_BYTES + " bytes").isEmpty();
        assertThat(heaviest).isPositive();
    }

    @Test
    void no_page_requests_anything_from_a_third_party() throws IOException {
        PageWeight weights = baked();
        List<String> requests = new ArrayList<>();
        for (Path page : weights.pages()) {
            weights.thirdPartyRequests(page).forEach(url -> requests.add(weights.path(page) + " -> " + url));
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void the_weight_counts_the_page_its_style_sheet_its_icon_and_its_images() throws IOException {
        Path page = SiteBakeTest.SITE.resolve("index.html");
        long expected = Files.size(page) + Files.size(SiteBakeTest.SITE.resolve("assets/site.css"))
                + Files.size(SiteBakeTest.SITE.resolve("assets/favicon.svg"));
        Document doc = Jsoup.parse(page.toFile(), "UTF-8");
        for (Element img : doc.select("img[src]")) {
            expected += Files.size(SiteBakeTest.fileFor(img.attr("src")));
        }

        assertThat(baked().weight(page)).isEqualTo(expected);
    }

    @Test
    void fonts_count_and_other_hosts_are_third_parties(@TempDir Path site) throws IOException {
        Files.createDirectories(site.resolve("a/fonts"));
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>t</title>"
                + "<link rel=stylesheet href=/a/s.css><link rel=alternate href=/feed.xml>"
                + "<script src=\"https://cdn.example.com/x.js\"></script>"
                + "<img src=\"https://www.example.org/logo.svg\" alt=\"\"><img src=\"//img.example.net/i.png\" alt=\"\">");
        Files.writeString(site.resolve("a/s.css"), "@font-face { src: url('fonts/f.woff2') format('woff2'); }"
                + " body { background: url(https://img.example.net/b.png), url(data:image/png;base64,AAAA); }");
        Files.write(site.resolve("a/fonts/f.woff2"), new byte[1000]);
        Files.writeString(site.resolve("logo.svg"), "<svg/>");
        PageWeight weights = new PageWeight(site, "https://www.example.org/");
        Path page = site.resolve("index.html");

        assertThat(weights.weight(page)).isEqualTo(Files.size(page) + Files.size(site.resolve("a/s.css")) + 1000 + 6);
        assertThat(weights.thirdPartyRequests(page)).containsExactlyInAnyOrder("https://cdn.example.com/x.js",
                "http://img.example.net/i.png", "https://img.example.net/b.png");
    }

    @Test
    void a_page_loading_a_missing_file_fails(@TempDir Path site) throws IOException {
        Files.writeString(site.resolve("index.html"), "<img src=\"gone.png\" alt=\"\">");

        assertThatThrownBy(() -> new PageWeight(site, null).weight(site.resolve("index.html")))
                .hasMessageContaining("/index.html loads gone.png");
    }
}
