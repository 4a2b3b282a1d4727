package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directory of virtual channels as the local bake leaves it (the made-up examples): the listing, a page for every
 * way of contact, every target group and every combination of both, and a page per entry. What each page must show is
 * worked out here from the content files' headers and the form's options, independently of the renderer.
 */
class DirectoryBakeTest {

    private static final Path SITE = SiteBakeTest.SITE;
    private static final String LISTING = "/virtuelle-angebote/";
    private static final FormDefinition FORM = FormCatalog.load().find("beratungsangebot").orElseThrow();
    private static final List<String> WAYS = FORM.field("kanaele").orElseThrow().options().stream()
            .map(FormDefinition.Option::value).toList();
    private static final List<String> GROUPS = FORM.field("zielgruppen").orElseThrow().options().stream()
            .map(FormDefinition.Option::value).toList();

    /** Entry slug -> its header, from content/virtuelle-angebote/*.md. */
    private static final Map<String, Map<String, String>> SOURCES = new TreeMap<>();
    /** Every filter page's address (the listing too) -> slugs it must list. */
    private static final Map<String, Set<String>> EXPECTED = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        Path folder = SiteBakeTest.SOURCE.resolve("content/virtuelle-angebote");
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.equals("index.md")) {
                    SOURCES.put(name.substring(0, name.length() - 3), header(file));
                }
            }
        }
        assertThat(SOURCES).as("a starter set of 6 to 8 examples").hasSizeBetween(6, 8);
        for (String way : withAll(WAYS)) {
            for (String group : withAll(GROUPS)) {
                Set<String> slugs = new TreeSet<>();
                SOURCES.forEach((slug, header) -> {
                    if ((way.isEmpty() || list(header.get("kanaele")).contains(way))
                            && (group.isEmpty() || list(header.get("zielgruppen")).contains(group))) {
                        slugs.add(slug);
                    }
                });
                EXPECTED.put(address(way, group), slugs);
            }
        }
    }

    @Test
    void the_listing_shows_every_channel_with_its_card() {
        Document listing = page(LISTING);

        assertThat(slugsOn(listing)).containsExactlyInAnyOrderElementsOf(SOURCES.keySet());
        assertThat(listing.select(".treffer__anzahl").text()).isEqualTo(SOURCES.size() + " Angebote");
        for (Element card : listing.select("ul.angebote > li")) {
            Map<String, String> header = SOURCES.get(card.id().substring("angebot-".length()));
            String slug = card.id().substring("angebot-".length());
            assertThat(card.select(".angebot__title a").attr("href")).isEqualTo(LISTING + slug + "/");
            assertThat(card.select(".angebot__title a").text()).isEqualTo(header.get("title"));
            assertThat(card.select(".angebot__traeger").text()).isEqualTo(header.get("traeger"));
            assertThat(card.select("time").attr("datetime")).isEqualTo(header.get("geprueft"));
            assertThat(card.text()).contains(header.get("erreichbarkeit"), "Zuletzt geprüft am");
        }
    }

    @Test
    void there_is_a_page_for_every_way_every_group_and_every_combination_and_each_lists_exactly_its_entries() {
        assertThat(filterPagesBaked()).as("every option of the form, in use or not: no filter address ever vanishes")
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        assertThat(EXPECTED).hasSize((WAYS.size() + 1) * (GROUPS.size() + 1));
        Map<String, Set<String>> found = new TreeMap<>();
        for (String address : EXPECTED.keySet()) {
            found.put(address, new TreeSet<>(slugsOn(page(address))));
        }
        assertThat(found).isEqualTo(EXPECTED);
    }

    @Test
    void the_filters_combine_without_javascript_each_link_keeping_the_other_choice() {
        for (String way : withAll(WAYS)) {
            for (String group : withAll(GROUPS)) {
                String address = address(way, group);
                Document doc = page(address);
                Map<String, String> links = new LinkedHashMap<>();
                for (Element a : doc.select("nav.filter a")) {
                    links.put(a.attr("href"), a.select(".filter__count").text());
                }
                Set<String> expected = new TreeSet<>();
                withAll(WAYS).forEach(w -> expected.add(address(w, group)));
                withAll(GROUPS).forEach(g -> expected.add(address(way, g)));
                assertThat(links.keySet()).as(address).containsExactlyInAnyOrderElementsOf(expected);
                links.forEach((href, count) -> assertThat(count).as(address + " -> " + href)
                        .isEqualTo("(" + EXPECTED.get(href).size() + ")"));
                assertThat(doc.select("nav.filter a[aria-current]").eachAttr("href")).as(address)
                        .containsExactly(address, address);
                assertThat(doc.select("nav.filter a[aria-current]").eachAttr("aria-current")).containsOnly("true");
                assertThat(doc.select("h1").text()).isEqualTo("Virtuelle Angebote");
                assertThat(doc.select(".treffer__anzahl").text()).as(address).isEqualTo(address.equals(LISTING)
                        ? SOURCES.size() + " Angebote" : EXPECTED.get(address).size() + " von " + SOURCES.size()
                        + " Angeboten");
                if (EXPECTED.get(address).isEmpty()) {
                    assertThat(doc.select(".treffer__leer").text()).as(address).contains("kein Angebot");
                }
            }
        }
    }

    @Test
    void a_filter_page_names_its_choice_in_title_heading_and_breadcrumbs() {
        Document both = page(LISTING + "kanal/telefon/zielgruppe/kinder/");
        assertThat(both.title()).isEqualTo("Virtuelle Angebote: per Telefon, für Kinder – Fachkraftallianz");
        assertThat(both.select("h2.treffer__title").text()).isEqualTo("Per Telefon, für Kinder");
        assertThat(both.select("nav.breadcrumbs a").eachAttr("href"))
                .containsExactly("/", LISTING, LISTING + "kanal/telefon/zielgruppe/kinder/");
        assertThat(page(LISTING).select("nav.breadcrumbs a").eachAttr("href")).containsExactly("/", LISTING);
    }

    @Test
    void the_labels_of_ways_and_groups_are_the_options_of_the_form_organisations_report_with() {
        List<String> labels = new ArrayList<>();
        labels.add("Alle Wege");
        FORM.field("kanaele").orElseThrow().options().forEach(o -> labels.add(o.label()));
        labels.add("Alle");
        FORM.field("zielgruppen").orElseThrow().options().forEach(o -> labels.add(o.label()));
        assertThat(page(LISTING).select("nav.filter a").stream().map(Element::ownText).map(String::strip).toList())
                .containsExactlyElementsOf(labels);
    }

    @Test
    void every_entry_has_its_own_page_with_its_ways_as_text_because_they_are_examples() {
        for (Map.Entry<String, Map<String, String>> source : SOURCES.entrySet()) {
            Map<String, String> header = source.getValue();
            Document doc = page(LISTING + source.getKey() + "/");
            assertThat(doc.select("h1").text()).startsWith(header.get("title")).endsWith("(Beispiel)");
            assertThat(doc.select(".angebot__traeger").text()).isEqualTo(header.get("traeger"));
            assertThat(doc.select(".angebot__wege li")).isNotEmpty();
            assertThat(doc.select(".angebot__wege a")).as("an example is never something to tap").isEmpty();
            for (String key : List.of("email_oeffentlich", "chat_adresse", "video_adresse", "social_media_adresse")) {
                if (header.containsKey(key)) {
                    assertThat(doc.select(".angebot__wege").text()).contains(header.get(key)
                            .replaceFirst("^https://", "").replaceFirst("/$", ""));
                }
            }
            assertThat(doc.select(".angebot__fakten").text()).contains(header.get("erreichbarkeit"));
            assertThat(doc.select("time").attr("datetime")).isEqualTo(header.get("geprueft"));
            assertThat(doc.select("main a[href=" + LISTING + "]")).isNotEmpty();
            assertThat(doc.select("nav.breadcrumbs a").eachAttr("href"))
                    .containsExactly("/", LISTING, LISTING + source.getKey() + "/");
            assertThat(doc.select(".notice--example")).hasSize(1);
            assertThat(doc.select(".hilfe")).hasSize(1);
        }
    }

    @Test
    void the_starter_set_is_marked_as_examples_without_phone_numbers_or_links() {
        Document listing = page(LISTING);
        assertThat(listing.select(".notice--example").text()).contains("Beispiel").contains("keine Telefonnummern")
                .contains("ersetzt");
        for (Element entry : listing.select("ul.angebote > li")) {
            String slug = entry.id().substring("angebot-".length());
            assertThat(SOURCES.get(slug)).as(slug).containsEntry("beispiel", "true").doesNotContainKey("telefon");
            assertThat(entry.select(".angebot__title .badge").text()).as(slug).contains("Beispiel");
            for (String key : List.of("email_oeffentlich", "chat_adresse", "video_adresse", "social_media_adresse")) {
                if (SOURCES.get(slug).containsKey(key)) {
                    assertThat(SOURCES.get(slug).get(key)).as(slug)
                            .matches("(.+@|https://)([a-z0-9-]+\\.)*example\\.org(/.*)?");
                }
            }
        }
    }

    @Test
    void the_listing_invites_organisations_to_report_their_channel_through_the_form() {
        assertThat(page(LISTING).select("main a[href=/formulare/beratungsangebot/]")).isNotEmpty();
        assertThat(SiteBakeTest.fileFor("/formulare/beratungsangebot/")).isNotNull();
    }

    @Test
    void the_directory_has_a_sitemap_of_its_own_which_robots_txt_names() throws IOException {
        String host = SiteMap.readHost(SiteBakeTest.WORK.resolve("jbake.properties")).replaceAll("/+$", "");
        String sitemap = Files.readString(SITE.resolve("virtuelle-angebote/sitemap.xml"));
        Set<String> pages = new TreeSet<>(EXPECTED.keySet());
        SOURCES.keySet().forEach(slug -> pages.add(LISTING + slug + "/"));
        for (String address : pages) {
            assertThat(sitemap).contains("<loc>" + host + address + "</loc>");
        }
        assertThat(sitemap.split("<loc>")).hasSize(pages.size() + 1);
        assertThat(Files.readString(SITE.resolve("sitemap.xml"))).doesNotContain(host + LISTING);
        assertThat(Files.readAllLines(SITE.resolve("robots.txt"))).contains("Sitemap: " + host
                + "/virtuelle-angebote/sitemap.xml");
    }

    @Test
    void the_directory_kit_holds_the_templates_and_the_examples_a_local_bake_had() {
        DirectoryKit kit = DirectoryKit.fromDirectory(SiteBaker.kitOf(SITE));
        assertThat(kit.release()).isFalse();
        assertThat(kit.examples()).extracting(de.fachkraftallianz.directory.Entry::slug)
                .containsExactlyInAnyOrderElementsOf(SOURCES.keySet());
        assertThat(SiteBaker.kitOf(SITE).resolve("templates/generated/page.ftl")).isRegularFile();
    }

    private static List<String> withAll(List<String> options) {
        List<String> all = new ArrayList<>();
        all.add("");
        all.addAll(options);
        return all;
    }

    private static String address(String way, String group) {
        return LISTING + (way.isEmpty() ? "" : "kanal/" + way + "/") + (group.isEmpty() ? "" : "zielgruppe/" + group
                + "/");
    }

    /** The values of a comma-separated header field. */
    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** Every baked listing page's address: the listing, and every folder below kanal/ and zielgruppe/. */
    private static List<String> filterPagesBaked() {
        Path root = SITE.resolve("virtuelle-angebote");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("index.html"))
                    .map(p -> LISTING + root.relativize(p.getParent()).toString().replace('\\', '/') + "/")
                    .map(a -> a.replace("//", "/"))
                    .filter(a -> a.equals(LISTING) || a.startsWith(LISTING + "kanal/") || a.startsWith(LISTING
                            + "zielgruppe/"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> slugsOn(Document doc) {
        return doc.select("ul.angebote > li.angebot").stream()
                .map(li -> li.id().substring("angebot-".length())).collect(Collectors.toList());
    }

    static Document page(String address) {
        Path file = SiteBakeTest.fileFor(address);
        assertThat(file).as("baked page for " + address).isNotNull();
        try {
            return Jsoup.parse(file.toFile(), "UTF-8", "http://site.test" + address);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header lines of a JBake content file. */
    static Map<String, String> header(Path file) throws IOException {
        Map<String, String> header = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.equals("~~~~~~")) {
                break;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                header.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return header;
    }
}
