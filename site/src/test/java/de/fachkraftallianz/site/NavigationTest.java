package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Breadcrumbs and the paths from the start page to every form. */
class NavigationTest {

    /** Pages without breadcrumbs: the start page itself (the not-found page is the API's, FallbackHandlerTest). */
    private static final List<String> WITHOUT_BREADCRUMBS = List.of("/");

    @Test
    void every_sub_page_has_breadcrumbs_from_the_start_page_to_itself() {
        Map<String, Document> pages = BakedSite.pages();
        assertThat(pages).hasSizeGreaterThan(WITHOUT_BREADCRUMBS.size());
        pages.forEach((url, page) -> {
            if (WITHOUT_BREADCRUMBS.contains(url)) {
                return;
            }
            List<Element> navs = page.select("nav.breadcrumbs");
            assertThat(navs).as(url + ": one breadcrumb navigation").hasSize(1);
            Element nav = navs.get(0);
            assertThat(nav.attr("aria-label")).as(url).isNotBlank();
            assertThat(nav.parents()).as(url + ": inside main").anyMatch(e -> e.id().equals("inhalt"));

            List<Element> links = nav.select("ol > li > a");
            assertThat(nav.select("ol > li")).as(url + ": every item is a link").hasSameSizeAs(links);
            assertThat(links).as(url + ": at least start and the page itself").hasSizeGreaterThanOrEqualTo(2);
            assertThat(links.get(0).attr("href")).as(url + ": starts at the start page").isEqualTo("/");
            Element last = links.get(links.size() - 1);
            assertThat(last.attr("href")).as(url + ": ends with the page itself").isEqualTo(url);
            assertThat(last.attr("aria-current")).as(url).isEqualTo("page");
            assertThat(nav.select("[aria-current]")).as(url + ": only the last item is current").hasSize(1);
            assertThat(links.stream().map(a -> a.attr("href")).distinct()).as(url + ": no page twice")
                    .hasSameSizeAs(links);
            links.forEach(a -> assertThat(a.text()).as(url + ": label of " + a.attr("href")).isNotBlank());
        });
    }

    @Test
    void the_start_page_has_no_breadcrumbs() {
        for (String url : WITHOUT_BREADCRUMBS) {
            assertThat(BakedSite.page(url).select("nav.breadcrumbs")).as(url).isEmpty();
        }
    }

    @Test
    void every_crumb_leads_to_a_page_whose_own_breadcrumbs_are_the_trail_up_to_it() {
        BakedSite.pages().forEach((url, page) -> {
            List<String> trail = page.select("nav.breadcrumbs a").eachAttr("href");
            for (int i = 1; i < trail.size() - 1; i++) {
                List<String> ancestorTrail = BakedSite.page(trail.get(i)).select("nav.breadcrumbs a").eachAttr("href");
                assertThat(ancestorTrail).as(url + " -> " + trail.get(i)).isEqualTo(trail.subList(0, i + 1));
            }
        });
    }

    @Test
    void every_form_page_sits_below_a_page_that_explains_it_and_links_to_it() {
        for (FormDefinition form : FormCatalog.load().all()) {
            String url = "/formulare/" + form.id() + "/";
            List<String> trail = BakedSite.page(url).select("nav.breadcrumbs a").eachAttr("href");
            assertThat(trail).as(url).hasSizeGreaterThanOrEqualTo(3);
            String parent = trail.get(trail.size() - 2);
            assertThat(BakedSite.page(parent).select("main a.button[href=" + url + "]"))
                    .as("%s links to %s", parent, url).hasSize(1);
        }
    }

    @Test
    void the_audience_pages_lead_to_their_forms() {
        assertThat(formButtons("/hilfe-anfragen/einrichtungen/")).containsExactly("/formulare/bedarf-einrichtung/");
        assertThat(formButtons("/hilfe-anfragen/pflegefamilien/")).containsExactly("/formulare/hilfe-pflegefamilie/");
        assertThat(formButtons("/fachkraefte-anbieten/"))
                .containsExactly("/formulare/angebot-traeger/", "/formulare/beratungsangebot/");
        assertThat(formButtons("/barrierefreiheit/")).containsExactly("/formulare/barriere-melden/");
        assertThat(BakedSite.page("/hilfe-anfragen/").select(".card a").eachAttr("href"))
                .containsExactly("/hilfe-anfragen/einrichtungen/", "/hilfe-anfragen/pflegefamilien/");
    }

    @Test
    void the_main_navigation_leads_to_the_audience_pages() {
        BakedSite.pages().forEach((url, page) -> assertThat(page.select("nav.site-nav a").eachAttr("href"))
                .as(url).contains("/", "/hilfe-anfragen/", "/fachkraefte-anbieten/", "/virtuelle-angebote/",
                        "/kontakt/"));
    }

    /** The main navigation's links, in order. */
    private static final List<String> NAVIGATION = List.of("/", "/hilfe-anfragen/", "/fachkraefte-anbieten/",
            "/virtuelle-angebote/", "/aktuelles/", "/kontakt/");

    @Test
    void the_main_navigation_marks_the_current_page_or_section_and_nothing_else() {
        BakedSite.pages().forEach((url, page) -> {
            List<String> trail = page.select("nav.breadcrumbs a").eachAttr("href");
            Map<String, String> expected = new LinkedHashMap<>();
            for (String href : NAVIGATION) {
                if (href.equals(url)) {
                    expected.put(href, "page");
                } else if (!href.equals("/") && (url.startsWith(href) || trail.contains(href))) {
                    expected.put(href, "true");
                }
            }
            Map<String, String> marked = new LinkedHashMap<>();
            page.select("nav.site-nav a[aria-current]").forEach(a -> marked.put(a.attr("href"), a.attr("aria-current")));
            assertThat(page.select("nav.site-nav a").eachAttr("href")).as(url).isEqualTo(NAVIGATION);
            assertThat(marked).as(url).isEqualTo(expected).hasSizeLessThanOrEqualTo(1);
        });
        // The cases that matter, spelled out.
        assertThat(current("/")).isEqualTo(Map.of("/", "page"));
        assertThat(current("/kontakt/")).isEqualTo(Map.of("/kontakt/", "page"));
        assertThat(current("/formulare/bedarf-einrichtung/")).isEqualTo(Map.of("/hilfe-anfragen/", "true"));
        assertThat(current("/formulare/angebot-traeger/")).isEqualTo(Map.of("/fachkraefte-anbieten/", "true"));
        assertThat(current("/virtuelle-angebote/kanal/telefon/")).isEqualTo(Map.of("/virtuelle-angebote/", "true"));
        assertThat(current("/aktuelles/2020-03-30-fachkraftallianzen/")).isEqualTo(Map.of("/aktuelles/", "true"));
        assertThat(current("/impressum/")).isEmpty();
    }

    @Test
    void the_main_navigation_is_a_disclosure_that_needs_no_script_and_the_header_leads_to_leichte_sprache() {
        BakedSite.pages().forEach((url, page) -> {
            assertThat(page.select("header nav.site-nav > details.site-nav__menu > summary.site-nav__toggle").text())
                    .as(url).isEqualTo("Menü");
            assertThat(page.select("header nav.site-nav > details > ul a")).as(url).hasSize(NAVIGATION.size());
            assertThat(page.select("header details[open]")).as(url + ": closed until opened").isEmpty();
            assertThat(page.select("header a[href=/leichte-sprache/]").eachText()).as(url)
                    .containsExactly("Leichte Sprache");
        });
    }

    @Test
    void the_band_on_top_names_the_county_and_links_its_main_site_once_that_is_configured() throws Exception {
        CountyConfig county = CountyConfig.read(SiteBakeTest.SOURCE.resolve(CountyConfig.FILE));
        CountyConfig.Leaf website = county.value("landkreis.website").orElseThrow().leaves().get(0);
        BakedSite.pages().forEach((url, page) -> {
            Element band = page.selectFirst("header .kopfzeile .kopfzeile__landkreis");
            assertThat(band).as(url).isNotNull();
            assertThat(band.text()).as(url).startsWith("Landkreis Sächsische Schweiz-Osterzgebirge");
            if (website.placeholder()) {
                assertThat(band.tagName()).as(url + ": no link to a placeholder").isEqualTo("span");
                assertThat(band.text()).as(url).contains(website.text());
            } else {
                assertThat(band.attr("href")).as(url).isEqualTo(website.text());
            }
        });
    }

    private static Map<String, String> current(String url) {
        Map<String, String> marked = new LinkedHashMap<>();
        BakedSite.page(url).select("nav.site-nav a[aria-current]").forEach(a -> marked.put(a.attr("href"),
                a.attr("aria-current")));
        return marked;
    }

    private static List<String> formButtons(String url) {
        return BakedSite.page(url).select("main a.button[href^=/formulare/]").eachAttr("href");
    }
}
