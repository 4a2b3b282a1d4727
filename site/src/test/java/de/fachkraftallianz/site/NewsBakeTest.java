package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/**
 * The news as baked: the list, each item with its neighbours and a share link, the RSS 2.0 feed, the print view.
 * What must be there is worked out from the content files (content/aktuelles/<slug>/index.md).
 */
class NewsBakeTest {

    private static final DateTimeFormatter HEADER_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** One news item's source: its address and header. */
    record Item(String address, Map<String, String> header) {
        LocalDate date() {
            return LocalDate.parse(header.get("date"), HEADER_DATE);
        }
    }

    @Test
    void the_press_release_of_30_march_2020_is_a_news_item_with_its_date_and_number() {
        Item release = items(SiteBakeTest.SOURCE).stream()
                .filter(i -> "107/2020".equals(i.header().get("nummer"))).findFirst().orElseThrow();
        assertThat(release.date()).isEqualTo(LocalDate.of(2020, 3, 30));

        Document page = DirectoryBakeTest.page(release.address());
        assertThat(page.select("h1").text()).isEqualTo(release.header().get("title"));
        assertThat(page.select(".meldung__meta").text()).contains("30.03.2020").contains("Nr. 107/2020");
        assertThat(page.select(".meldung__meta time").attr("datetime")).isEqualTo("2020-03-30");
        assertThat(page.select("main .prose").text()).contains("Pflegekinderdienst").contains("Jugend- und Bildungsamt");
    }

    @Test
    void the_news_list_links_every_item_newest_first_with_date_and_summary() {
        List<Item> items = items(SiteBakeTest.SOURCE);
        Document list = DirectoryBakeTest.page("/aktuelles/");

        assertThat(list.select(".meldungen__title a").eachAttr("href"))
                .containsExactlyElementsOf(items.stream().map(Item::address).toList());
        for (Item item : items) {
            Element entry = list.selectFirst(".meldungen__title a[href=" + item.address() + "]").closest("li");
            assertThat(entry.text()).contains(item.date().format(HEADER_DATE)).contains(item.header().get("kurzfassung"));
        }
        assertThat(list.select("main a[href=/aktuelles/feed.xml]")).hasSize(1);
    }

    @Test
    void the_feed_is_valid_rss_2_listing_every_item_with_absolute_links_and_rfc_822_dates() throws Exception {
        assertFeed(SiteBakeTest.SITE, items(SiteBakeTest.SOURCE));
    }

    @Test
    void the_news_pages_announce_the_feed_in_their_head() {
        List<String> pages = new ArrayList<>(List.of("/aktuelles/"));
        items(SiteBakeTest.SOURCE).forEach(i -> pages.add(i.address()));
        for (String address : pages) {
            assertThat(DirectoryBakeTest.page(address).select("head link[rel=alternate][type=application/rss+xml]")
                    .eachAttr("href")).as(address).containsExactly("/aktuelles/feed.xml");
        }
    }

    @Test
    void a_news_item_can_be_passed_on_by_e_mail_or_as_its_plain_address_without_any_script() {
        String host = siteHost(SiteBakeTest.WORK);
        for (Item item : items(SiteBakeTest.SOURCE)) {
            Document page = DirectoryBakeTest.page(item.address());
            String absolute = host + item.address();
            String mailto = page.select(".teilen a[href^=mailto:]").attr("href");
            String decoded = URLDecoder.decode(mailto.replace("+", "%2B"), StandardCharsets.UTF_8);
            assertThat(decoded).startsWith("mailto:?subject=" + item.header().get("title") + "&body=")
                    .contains(absolute);
            Element input = page.selectFirst(".teilen input#teilen-adresse");
            assertThat(input.attr("value")).isEqualTo(absolute);
            assertThat(input.hasAttr("readonly")).isTrue();
            assertThat(page.select("label[for=teilen-adresse]").text()).isNotBlank();
            assertThat(page.select("script").eachAttr("src")).allMatch(src -> src.startsWith("/assets/"));
        }
    }

    @Test
    void each_item_links_to_its_older_and_newer_neighbour() throws IOException {
        assertNeighbours(SiteBakeTest.SITE, items(SiteBakeTest.SOURCE));
    }

    /** With one news item there are no neighbours to show; this bake adds two, on other days, to see the chain. */
    @Test
    void with_several_items_the_neighbour_links_the_list_and_the_feed_agree_on_the_order(@TempDir Path dir)
            throws Exception {
        Path source = dir.resolve("src");
        copy(SiteBakeTest.SOURCE, source);
        addItem(source, "2020-04-15-zweite-meldung", "15.04.2020", "Zweite Meldung");
        addItem(source, "2020-04-01-dritte-meldung", "01.04.2020", "Dritte Meldung");
        Path site = dir.resolve("site");

        new SiteBaker(source, dir.resolve("work"), site).bake();

        List<Item> items = items(source);
        assertThat(items).extracting(Item::address).startsWith(
                "/aktuelles/2020-04-15-zweite-meldung/", "/aktuelles/2020-04-01-dritte-meldung/");
        assertNeighbours(site, items);
        assertFeed(site, items);
        Document list = Jsoup.parse(site.resolve("aktuelles/index.html").toFile(), "UTF-8");
        assertThat(list.select(".meldungen__title a").eachAttr("href"))
                .containsExactlyElementsOf(items.stream().map(Item::address).toList());
    }

    @Test
    void the_print_style_sheet_hides_the_navigation_and_the_share_box_and_prints_link_addresses() throws IOException {
        String css = Files.readString(SiteBakeTest.SITE.resolve("assets/site.css"));
        String print = css.substring(css.indexOf("@media print"));
        String hidden = print.substring(0, print.indexOf("display: none"));

        assertThat(hidden).contains(".site-nav", ".breadcrumbs", ".filter", ".teilen", ".meldung-nav");
        assertThat(print).contains("content: \" (\" attr(href) \")\"").contains("break-inside: avoid")
                .contains(".meldung__adresse { display: block; }");
    }

    /** Every item page links its older neighbour (rel=prev) and its newer one (rel=next), and nothing else. */
    private static void assertNeighbours(Path site, List<Item> newestFirst) throws IOException {
        for (int i = 0; i < newestFirst.size(); i++) {
            Item item = newestFirst.get(i);
            Path file = site.resolve(item.address().substring(1) + "index.html");
            Document page = Jsoup.parse(file.toFile(), "UTF-8");
            List<String> older = i + 1 < newestFirst.size() ? List.of(newestFirst.get(i + 1).address()) : List.of();
            List<String> newer = i > 0 ? List.of(newestFirst.get(i - 1).address()) : List.of();
            assertThat(page.select(".meldung-nav a[rel=prev]").eachAttr("href")).as(item.address() + " older")
                    .isEqualTo(older);
            assertThat(page.select(".meldung-nav a[rel=next]").eachAttr("href")).as(item.address() + " newer")
                    .isEqualTo(newer);
            assertThat(page.select(".meldung-nav a[href=/aktuelles/]")).hasSize(1);
            for (Element a : page.select(".meldung-nav a[rel]")) {
                Path target = site.resolve(a.attr("href").substring(1) + "index.html");
                assertThat(target).isRegularFile();
                String title = Jsoup.parse(target.toFile(), "UTF-8").select("h1").text();
                assertThat(a.text()).isEqualTo(title);
            }
        }
    }

    private static void assertFeed(Path site, List<Item> newestFirst) throws Exception {
        Path feed = site.resolve("aktuelles/feed.xml");
        assertThat(Files.readString(feed)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document xml = factory.newDocumentBuilder().parse(feed.toFile()); // throws if not well-formed

        org.w3c.dom.Element rss = xml.getDocumentElement();
        assertThat(rss.getTagName()).isEqualTo("rss");
        assertThat(rss.getAttribute("version")).isEqualTo("2.0");
        NodeList channels = rss.getElementsByTagName("channel");
        assertThat(channels.getLength()).isEqualTo(1);
        org.w3c.dom.Element channel = (org.w3c.dom.Element) channels.item(0);
        String host = siteHost(SiteBakeTest.WORK);
        assertThat(child(channel, "title")).isNotBlank();
        assertThat(child(channel, "description")).isNotBlank();
        assertThat(child(channel, "link")).isEqualTo(host + "/aktuelles/");
        org.w3c.dom.Element self = (org.w3c.dom.Element) channel
                .getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link").item(0);
        assertThat(self.getAttribute("href")).isEqualTo(host + "/aktuelles/feed.xml");
        assertThat(self.getAttribute("rel")).isEqualTo("self");

        NodeList items = channel.getElementsByTagName("item");
        assertThat(items.getLength()).isEqualTo(newestFirst.size());
        for (int i = 0; i < items.getLength(); i++) {
            org.w3c.dom.Element item = (org.w3c.dom.Element) items.item(i);
            Item source = newestFirst.get(i);
            assertThat(child(item, "title")).isEqualTo(source.header().get("title"));
            assertThat(child(item, "link")).isEqualTo(host + source.address());
            assertThat(child(item, "guid")).isEqualTo(host + source.address());
            assertThat(site.resolve(source.address().substring(1) + "index.html")).isRegularFile();
            ZonedDateTime published = ZonedDateTime.parse(child(item, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME);
            assertThat(published.toLocalDate()).as(source.address()).isEqualTo(source.date());
            assertThat(child(item, "description")).isEqualTo(source.header().get("kurzfassung"));
        }
    }

    private static String child(org.w3c.dom.Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        assertThat(nodes.getLength()).as("<" + name + "> in <" + parent.getTagName() + ">").isGreaterThan(0);
        return nodes.item(0).getTextContent();
    }

    /** The news items of a source folder, newest first. */
    static List<Item> items(Path source) {
        Path folder = source.resolve("content/aktuelles");
        List<Item> items = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path dir : dirs.filter(p -> Files.isRegularFile(p.resolve("index.md"))).toList()) {
                Map<String, String> header = DirectoryBakeTest.header(dir.resolve("index.md"));
                if ("meldung".equals(header.get("type"))) {
                    items.add(new Item("/aktuelles/" + dir.getFileName() + "/", header));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        items.sort(Comparator.comparing(Item::date).reversed());
        assertThat(items).isNotEmpty();
        return items;
    }

    static String siteHost(Path source) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(source.resolve("jbake.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String host = properties.getProperty("site.host", "");
        assertThat(host).as("site.host in jbake.properties").matches("https://[^/\\s]+");
        return host;
    }

    private static void addItem(Path source, String slug, String date, String title) throws IOException {
        Path file = source.resolve("content/aktuelles/" + slug + "/index.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "title=" + title + "\ntype=meldung\nstatus=published\ndate=" + date
                + "\nkurzfassung=Kurzfassung der " + title + ".\n~~~~~~\n\nText der " + title + ".\n");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
