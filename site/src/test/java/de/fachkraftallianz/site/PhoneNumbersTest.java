package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Nothing on the site dials a stranger: a phone link goes only to a number of the county's configured contacts or
 * to one of the national help numbers; the made-up directory entries show no number at all; and the pages for
 * children, young people and parents show where to get help now.
 */
class PhoneNumbersTest {

    /** The national numbers that really exist: Nummer gegen Kummer (children and young people, parents), 110, 112. */
    static final Map<String, String> NATIONAL_HELP = Map.of(
            "tel:116111", "116 111",
            "tel:+498001110550", "0800 111 0 550",
            "tel:110", "110",
            "tel:112", "112");

    /** Schemes that make a device call or text someone. */
    private static final List<String> DIALLING_SCHEMES = List.of("tel:", "sms:", "callto:");

    /** A run of digits as phone numbers are written (at least 6 digits, with spaces, slashes or hyphens). */
    private static final String PHONE_LIKE = ".*\\d[\\d /-]{4,}\\d.*";

    @Test
    void every_phone_link_goes_to_a_configured_contact_or_a_national_help_number() {
        Set<String> allowed = new LinkedHashSet<>(NATIONAL_HELP.keySet());
        allowed.addAll(configuredContactNumbers());
        List<String> strangers = new ArrayList<>();
        BakedSite.pages().forEach((url, page) -> {
            for (Element link : page.select("[href]")) {
                String href = link.attr("href").strip().replaceAll("\\s", "");
                String lower = href.toLowerCase();
                if (DIALLING_SCHEMES.stream().anyMatch(lower::startsWith) && !allowed.contains(href)) {
                    strangers.add(url + ": " + href + " (" + link.text() + ")");
                }
            }
        });
        assertThat(strangers).as("phone links to numbers that are neither a configured contact nor a national help"
                + " number (allowed: " + allowed + ")").isEmpty();
    }

    @Test
    void the_made_up_directory_entries_show_no_phone_number_and_no_link_at_all() {
        Document listing = BakedSite.page(de.fachkraftallianz.directory.Directory.URL);
        List<Element> examples = listing.select("ul.angebote > li:has(.badge)");
        assertThat(examples).as("the starter set is marked as examples").isNotEmpty();
        for (Element entry : examples) {
            assertThat(entry.select("a")).as(entry.id() + ": an example's card links only its own page")
                    .extracting(a -> a.attr("href")).containsExactly(entry.selectFirst(".angebot__title a").attr("href"));
            assertThat(entry.text()).as(entry.id() + ": no phone-like number").doesNotMatch(PHONE_LIKE);
            Document own = BakedSite.page(entry.selectFirst(".angebot__title a").attr("href"));
            assertThat(own.select("main .angebot__wege a")).as(entry.id() + " on its own page").isEmpty();
            assertThat(own.select("main .angebot").text()).as(entry.id()).doesNotMatch(PHONE_LIKE);
        }
    }

    @Test
    void the_pages_for_children_young_people_and_parents_show_the_national_help_numbers() {
        List<String> pages = new ArrayList<>(List.of("/hilfe-anfragen/pflegefamilien/", "/leichte-sprache/"));
        BakedSite.pages().keySet().stream().filter(url -> url.startsWith(de.fachkraftallianz.directory.Directory.URL)).forEach(pages::add);
        assertThat(pages).hasSizeGreaterThan(10);
        for (String url : pages) {
            Element box = BakedSite.page(url).selectFirst("main .hilfe");
            assertThat(box).as(url + ": the help box").isNotNull();
            assertThat(box.selectFirst("h2, h3").text()).as(url).isEqualTo("Hilfe sofort");
            NATIONAL_HELP.forEach((href, shown) -> assertThat(box.select("a[href=" + href + "]").eachText())
                    .as(url + ": " + href).containsExactly(shown));
            assertThat(box.text()).as(url).contains("Nummer gegen Kummer", "Notfall");
        }
    }

    /** The tel: links the county's own contacts get (kontakte in data/county.yaml), placeholders left out. */
    @SuppressWarnings("unchecked")
    static Set<String> configuredContactNumbers() {
        Path file = SiteBakeTest.SOURCE.resolve(CountyConfig.FILE);
        Map<String, Object> data;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            data = new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Set<String> numbers = new LinkedHashSet<>();
        for (Map<String, Object> contact : (List<Map<String, Object>>) data.get("kontakte")) {
            for (String number : (List<String>) contact.getOrDefault("telefon", List.of())) {
                if (!number.startsWith("[Platzhalter")) {
                    numbers.add(ChannelDirectory.telHref(number));
                }
            }
        }
        return numbers;
    }
}
