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
 * The directory of virtual channels as baked: the listing, one page per channel type and target group in use, and
 * one page per entry. What each page must show is worked out here from the content files' headers, independently
 * of {@link ChannelDirectory}.
 */
class DirectoryBakeTest {

    private static final Path SITE = SiteBakeTest.SITE;
    private static final String LISTING = "/virtuelle-angebote/";

    /** Entry slug -> its header, from content/virtuelle-angebote/*.md. */
    private static final Map<String, Map<String, String>> SOURCES = new TreeMap<>();
    /** Filter page address ("/virtuelle-angebote/kanal/telefon/") -> slugs it must list. */
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
        assertThat(SOURCES).as("a starter set of 6 to 8 entries").hasSizeBetween(6, 8);
        SOURCES.forEach((slug, header) -> {
            for (String way : list(header.get("kanaele"))) {
                EXPECTED.computeIfAbsent(LISTING + "kanal/" + way + "/", k -> new TreeSet<>()).add(slug);
            }
            for (String group : header.get("zielgruppen").split(",")) {
                EXPECTED.computeIfAbsent(LISTING + "zielgruppe/" + group.strip() + "/", k -> new TreeSet<>())
                        .add(slug);
            }
        });
    }

    @Test
    void the_listing_shows_every_channel() {
        Document listing = page(LISTING);

        assertThat(slugsOn(listing)).containsExactlyInAnyOrderElementsOf(SOURCES.keySet());
        assertThat(listing.select("[data-treffer-anzahl]").text()).isEqualTo(SOURCES.size() + " Angebote");
        assertThat(listing.select("[data-verzeichnis]").hasAttr("data-vollstaendig")).isTrue();
    }

    @Test
    void every_channel_appears_on_exactly_the_filter_pages_it_belongs_to() {
        Map<String, Set<String>> found = new TreeMap<>();
        for (String address : filterPagesBaked()) {
            found.put(address, new TreeSet<>(slugsOn(page(address))));
        }

        assertThat(found).isEqualTo(EXPECTED);
    }

    @Test
    void there_is_a_filter_page_for_every_channel_type_and_target_group_in_use_and_for_no_other() {
        assertThat(filterPagesBaked()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @Test
    void the_filter_navigation_is_the_same_everywhere_and_marks_the_page_it_is_on_as_current() {
        List<String> pages = new ArrayList<>(EXPECTED.keySet());
        pages.add(0, LISTING);
        List<String> navigation = page(LISTING).select("nav.filter a").eachAttr("href");
        assertThat(navigation).containsExactlyInAnyOrderElementsOf(pages);

        for (String address : pages) {
            Document doc = page(address);
            assertThat(doc.select("nav.filter a").eachAttr("href")).as(address).isEqualTo(navigation);
            assertThat(doc.select("nav.filter a[aria-current]").eachAttr("href")).as(address)
                    .containsExactly(address);
            Element current = doc.selectFirst("nav.filter a[aria-current=page]");
            // What the script shows after a click is what this page shows without it.
            assertThat(doc.select("h2[data-treffer-titel]").text()).as(address)
                    .isEqualTo(current.attr("data-ueberschrift"));
            assertThat(doc.select("p[data-treffer-anzahl]").text()).as(address).isEqualTo(current.attr("data-anzahl"));
            assertThat(doc.title()).as(address).isEqualTo(current.attr("data-seitentitel") + " – Fachkraftallianz");
            int count = address.equals(LISTING) ? SOURCES.size() : EXPECTED.get(address).size();
            assertThat(current.select(".filter__count").text()).as(address).isEqualTo("(" + count + ")");
            assertThat(doc.select("h1").text()).as(address).isEqualTo("Virtuelle Angebote");
        }
    }

    @Test
    void the_filter_links_carry_what_the_script_needs_and_the_entries_what_it_filters_on() {
        Document listing = page(LISTING);
        for (Element link : listing.select("nav.filter a")) {
            assertThat(link.attr("data-filter")).isIn("alle", "kanal", "zielgruppe");
            assertThat(link.attr("data-ueberschrift")).isNotBlank();
            assertThat(link.attr("data-anzahl")).isNotBlank();
            assertThat(link.attr("data-seitentitel")).isNotBlank();
            if (!link.attr("data-filter").equals("alle")) {
                assertThat(link.attr("href"))
                        .isEqualTo(LISTING + link.attr("data-filter") + "/" + link.attr("data-wert") + "/");
            }
        }
        for (Element entry : listing.select("[data-eintraege] > li")) {
            Map<String, String> header = SOURCES.get(entry.id().substring("angebot-".length()));
            assertThat(Arrays.asList(entry.attr("data-kanal").split(" ")))
                    .containsExactlyInAnyOrderElementsOf(list(header.get("kanaele")));
            assertThat(Arrays.asList(entry.attr("data-zielgruppe").split(" "))).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(header.get("zielgruppen").split(",")).map(String::strip).toList());
        }
    }

    @Test
    void the_labels_of_types_and_groups_are_the_options_of_the_form_organisations_report_with() {
        FormDefinition form = FormCatalog.load().find("beratungsangebot").orElseThrow();
        Map<String, String> labels = new LinkedHashMap<>();
        form.field("kanaele").orElseThrow().options().forEach(o -> labels.put("kanal/" + o.value(), o.label()));
        form.field("zielgruppen").orElseThrow().options()
                .forEach(o -> labels.put("zielgruppe/" + o.value(), o.label()));

        for (Element link : page(LISTING).select("nav.filter a[data-filter~=^(kanal|zielgruppe)$]")) {
            String key = link.attr("data-filter") + "/" + link.attr("data-wert");
            assertThat(link.ownText().strip()).as(key).isEqualTo(labels.get(key));
        }
    }

    @Test
    void every_entry_shows_how_to_reach_it_now_with_a_working_link_unless_it_is_an_example() {
        for (Element entry : page(LISTING).select("[data-eintraege] > li")) {
            String slug = entry.id().substring("angebot-".length());
            Map<String, String> header = SOURCES.get(slug);
            boolean example = "true".equals(header.get("beispiel"));
            List<String> hrefs = entry.select(".angebot__wege a").eachAttr("href");
            List<String> expected = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            // In the order of the form's ways of contact: telephone, e-mail, chat, video, social media.
            if (header.containsKey("telefon")) {
                expected.add("tel:+49" + header.get("telefon").replaceAll("[^0-9]", "").substring(1));
                shown.add(header.get("telefon"));
            }
            if (header.containsKey("email_oeffentlich")) {
                expected.add("mailto:" + header.get("email_oeffentlich"));
                shown.add(header.get("email_oeffentlich"));
            }
            for (String key : LINKS) {
                if (header.containsKey(key)) {
                    expected.add(header.get(key));
                    shown.add(header.get(key).replaceFirst("^https://", "").replaceFirst("/$", ""));
                }
            }
            if (example) {
                // Made up: shown as text, never something to tap; an example may have no way at all.
                assertThat(hrefs).as(slug).isEmpty();
                assertThat(entry.select(".angebot__wege li")).as(slug).isNotEmpty();
                shown.forEach(text -> assertThat(entry.select(".angebot__wege").text()).as(slug).contains(text));
            } else {
                assertThat(expected).as(slug + ": a way to reach it").isNotEmpty();
                assertThat(hrefs).as(slug).containsExactlyElementsOf(expected);
            }
            for (Element a : entry.select(".angebot__wege a")) {
                assertThat(a.attr("href")).matches("tel:\\+49[1-9][0-9]{6,13}|mailto:[^@]+@[^@]+|https://.+");
                assertThat(a.text()).as(slug + ": visible text of " + a.attr("href")).isNotBlank();
            }
            assertThat(entry.select(".angebot__title a").attr("href")).isEqualTo(LISTING + slug + "/");
            assertThat(entry.select(".angebot__traeger").text()).isEqualTo(header.get("traeger"));
            assertThat(entry.select("time").attr("datetime")).isEqualTo(header.get("geprueft"));
            assertThat(entry.text()).contains(header.get("erreichbarkeit"));
        }
    }

    @Test
    void every_entry_has_its_own_page_that_leads_back_to_the_listing() {
        for (Map.Entry<String, Map<String, String>> source : SOURCES.entrySet()) {
            Document doc = page(LISTING + source.getKey() + "/");
            assertThat(doc.select("h1").text()).startsWith(source.getValue().get("title"));
            assertThat(doc.select(".angebot__wege li")).isNotEmpty();
            assertThat(doc.select("main a[href=" + LISTING + "]")).isNotEmpty();
        }
    }

    @Test
    void the_starter_set_is_marked_as_examples_without_phone_numbers_or_links() {
        Document listing = page(LISTING);
        assertThat(listing.select(".notice--example").text()).contains("Beispiel").contains("keine Telefonnummern")
                .contains("ersetzt");
        for (Element entry : listing.select("[data-eintraege] > li")) {
            String slug = entry.id().substring("angebot-".length());
            assertThat(SOURCES.get(slug)).as(slug).containsEntry("beispiel", "true").doesNotContainKey("telefon");
            assertThat(entry.select(".angebot__title .badge").text()).as(slug).contains("Beispiel");
            assertThat(entry.select(".angebot__wege a")).as(slug).isEmpty();
            // Addresses of made-up entries are on the domains reserved for examples (RFC 2606).
            List<String> addresses = new ArrayList<>(LINKS);
            addresses.add("email_oeffentlich");
            for (String key : addresses) {
                if (SOURCES.get(slug).containsKey(key)) {
                    assertThat(SOURCES.get(slug).get(key)).as(slug)
                            .matches("(.+@|https://)([a-z0-9-]+\\.)*example\\.org(/.*)?");
                }
            }
        }
        Document examplePage = page(LISTING + SOURCES.keySet().iterator().next() + "/");
        assertThat(examplePage.select("h1 .badge").text()).contains("Beispiel");
        assertThat(examplePage.select(".notice--example")).hasSize(1);
    }

    @Test
    void the_listing_invites_organisations_to_report_their_channel_through_the_form() {
        assertThat(page(LISTING).select("main a[href=/formulare/beratungsangebot/]")).isNotEmpty();
        assertThat(SiteBakeTest.fileFor("/formulare/beratungsangebot/")).isNotNull();
    }

    @Test
    void the_listing_pages_load_the_filter_script_as_a_file() throws IOException {
        for (String address : filterPagesBaked()) {
            assertThat(page(address).select("script[src=/assets/verzeichnis.js]")).as(address).hasSize(1);
        }
        String script = Files.readString(SITE.resolve("assets/verzeichnis.js"));
        assertThat(script).contains("pushState").contains("popstate").contains("data-eintraege");
        assertThat(script.length()).isLessThan(6 * 1024);
    }

    /** The header fields of an entry that hold a web address (chat, video, social media). */
    private static final List<String> LINKS = List.of("chat_adresse", "video_adresse", "social_media_adresse");

    /** The values of a comma-separated header field. */
    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** Every baked filter page's address. */
    private static List<String> filterPagesBaked() {
        List<String> pages = new ArrayList<>();
        for (String kind : List.of("kanal", "zielgruppe")) {
            Path dir = SITE.resolve("virtuelle-angebote").resolve(kind);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(p -> Files.isRegularFile(p.resolve("index.html")))
                        .forEach(p -> pages.add(LISTING + kind + "/" + p.getFileName() + "/"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return pages;
    }

    private static List<String> slugsOn(Document doc) {
        return doc.select("[data-eintraege] > li.angebot").stream()
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
