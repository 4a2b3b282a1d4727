package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** sitemap.xml and robots.txt, written by SiteBaker after the bake. */
class SiteMapTest {

    private static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

    @Test
    void the_sitemap_is_valid_xml_listing_every_html_page_except_the_directorys() throws Exception {
        String host = configuredHost();
        // The directory of virtual channels lists its own pages (DirectoryBakeTest): on AWS they are the publisher's.
        List<String> expected = BakedSite.pages().keySet().stream()
                .filter(url -> !url.startsWith("/virtuelle-angebote/"))
                .map(url -> host + url)
                .sorted()
                .toList();

        List<String> listed = locations(BakedSite.SITE.resolve("sitemap.xml"));

        assertThat(expected).contains(host + "/", host + "/impressum/", host + "/formulare/barriere-melden/");
        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(listed).as("the office is not for search engines").noneMatch(url -> url.contains("/intern"));
    }

    @Test
    void robots_txt_lets_every_crawler_read_the_pages_and_points_to_the_sitemap() throws IOException {
        List<String> lines = Files.readAllLines(BakedSite.SITE.resolve("robots.txt"));

        assertThat(lines).contains("User-agent: *", "Disallow: /api/", "Disallow: /intern", "Sitemap: " + configuredHost() + "/sitemap.xml",
                "Sitemap: " + configuredHost() + "/virtuelle-angebote/sitemap.xml")
                .noneMatch(line -> line.strip().equals("Disallow: /"));
    }

    @Test
    void the_site_host_must_be_an_https_address_and_loses_its_trailing_slash() {
        assertThat(SiteMap.host("https://www.example.org/")).isEqualTo("https://www.example.org");
        assertThat(SiteMap.host(" https://example.org/fachkraftallianz ")).isEqualTo("https://example.org/fachkraftallianz");
        for (String bad : List.of("", "   ", "http://example.org", "example.org", "https://", "https://a b.org",
                "https://example.org/?x=1")) {
            assertThatThrownBy(() -> SiteMap.host(bad)).as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site.host");
        }
    }

    @Test
    void without_a_usable_site_host_nothing_is_written_and_the_problem_is_reported(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("index.html"), "<!DOCTYPE html>");
        Path properties = Files.writeString(dir.resolve("jbake.properties"), "site.host=\n");

        assertThat(SiteMap.write(dir, properties)).singleElement().asString().contains("site.host");
        assertThat(dir.resolve("sitemap.xml")).doesNotExist();
        assertThat(dir.resolve("robots.txt")).doesNotExist();
    }

    @Test
    void pages_are_listed_by_their_folder_address_with_special_characters_encoded(@TempDir Path dir)
            throws Exception {
        for (String file : List.of("index.html", "kontakt/index.html", "a/b/index.html",
                "verzeichnis/eintrag.html", "aktuelles/grüße/index.html", "assets/site.css", "feed.xml",
                "virtuelle-angebote/index.html", "virtuelle-angebote/x/index.html")) {
            Path path = dir.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "x");
        }
        Path properties = Files.writeString(dir.resolve("jbake.properties"), "site.host=https://example.org/\n");

        assertThat(SiteMap.write(dir, properties)).isEmpty();

        assertThat(locations(dir.resolve("sitemap.xml"))).containsExactly(
                "https://example.org/",
                "https://example.org/a/b/",
                "https://example.org/aktuelles/gr%C3%BC%C3%9Fe/",
                "https://example.org/kontakt/",
                "https://example.org/verzeichnis/eintrag.html");
    }

    /** The loc of every url, after checking the document against the sitemap protocol's structure. */
    private static List<String> locations(Path sitemap) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document xml = factory.newDocumentBuilder().parse(sitemap.toFile());

        Element root = xml.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("urlset");
        assertThat(root.getNamespaceURI()).isEqualTo(SITEMAP_NS);
        List<String> locations = new ArrayList<>();
        NodeList urls = root.getChildNodes();
        for (int i = 0; i < urls.getLength(); i++) {
            if (!(urls.item(i) instanceof Element url)) {
                continue;
            }
            assertThat(url.getLocalName()).isEqualTo("url");
            assertThat(url.getNamespaceURI()).isEqualTo(SITEMAP_NS);
            NodeList loc = url.getElementsByTagNameNS(SITEMAP_NS, "loc");
            assertThat(loc.getLength()).isEqualTo(1);
            String value = loc.item(0).getTextContent();
            assertThat(value).startsWith("https://").hasSizeLessThan(2048).doesNotContain(" ");
            locations.add(value);
        }
        assertThat(locations).hasSizeLessThanOrEqualTo(50_000);
        return locations;
    }

    /** site.host from the jbake.properties the site was baked with, without a trailing slash. */
    private static String configuredHost() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(SiteBakeTest.WORK.resolve("jbake.properties"),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        String host = properties.getProperty("site.host");
        assertThat(host).as("site.host in jbake.properties").startsWith("https://");
        return host.replaceAll("/+$", "");
    }
}
