package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.local.LocalStack;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The directory of virtual channels in headless Chromium. Without JavaScript every filter is a page of its own;
 * with it, a click filters the list in place, the address bar shows the filter page's address, and back and
 * forward move between the filters — always showing what that address shows without JavaScript.
 */
class DirectoryBrowserIT {

    @RegisterExtension
    static final BrowserStack env = new BrowserStack(LocalStack.Options.defaults());

    private static final String LISTING = "/virtuelle-angebote/";
    private static final String TELEFON = LISTING + "kanal/telefon/";
    private static final String JUGENDLICHE = LISTING + "zielgruppe/jugendliche/";

    /** Every filter address (the listing first) -> the entries its own page lists, as served without JavaScript. */
    private static final Map<String, Set<String>> SERVED = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        env.withoutScript().get(url(LISTING));
        List<String> filters = env.withoutScript().findElements(By.cssSelector("nav.filter a")).stream()
                .map(a -> URI.create(a.getAttribute("href")).getPath()).toList();
        assertThat(filters).contains(LISTING, TELEFON, JUGENDLICHE);
        for (String filter : filters) {
            env.withoutScript().get(url(filter));
            SERVED.put(filter, visibleEntries(env.withoutScript()));
        }
        assertThat(SERVED.get(LISTING)).hasSizeGreaterThan(SERVED.get(TELEFON).size());
    }

    @Test
    void without_javascript_following_a_filter_link_shows_only_the_matching_entries() {
        env.withoutScript().get(url(LISTING));
        Map<String, Set<String>> kindsOf = new LinkedHashMap<>();
        Map<String, Set<String>> valuesOf = new LinkedHashMap<>();
        for (WebElement entry : env.withoutScript().findElements(By.cssSelector("[data-eintraege] > li"))) {
            kindsOf.put(entry.getAttribute("id"), Set.copyOf(Arrays.asList(entry.getAttribute("data-kanal").split(" "))));
            valuesOf.put(entry.getAttribute("id"),
                    Set.copyOf(Arrays.asList(entry.getAttribute("data-zielgruppe").split(" "))));
        }

        for (String filter : SERVED.keySet()) {
            env.withoutScript().get(url(LISTING));
            link(env.withoutScript(), filter).click();
            wait(env.withoutScript()).until(d -> path(d).equals(filter));

            Set<String> expected = new TreeSet<>();
            kindsOf.forEach((id, kinds) -> {
                if (filter.equals(LISTING) || kinds.stream().anyMatch(k -> filter.equals(LISTING + "kanal/" + k + "/"))
                        || valuesOf.get(id).stream().anyMatch(g -> filter.equals(LISTING + "zielgruppe/" + g + "/"))) {
                    expected.add(id);
                }
            });
            assertThat(visibleEntries(env.withoutScript())).as(filter).isEqualTo(expected);
            assertThat(current(env.withoutScript())).as(filter).isEqualTo(filter);
        }
    }

    @Test
    void with_javascript_clicking_a_filter_shows_what_its_page_shows_without_loading_a_page() {
        env.withScript().get(url(LISTING));
        markDocument();

        for (String filter : SERVED.keySet()) {
            WebElement link = link(env.withScript(), filter);
            String pageTitle = link.getAttribute("data-seitentitel") + " – Fachkraftallianz";
            String heading = link.getAttribute("data-ueberschrift");
            link.click();
            wait(env.withScript()).until(d -> path(d).equals(filter) && filter.equals(current(d)));

            assertThat(visibleEntries(env.withScript())).as(filter).isEqualTo(SERVED.get(filter));
            assertThat(env.withScript().getTitle()).as(filter).isEqualTo(pageTitle);
            assertThat(env.withScript().findElement(By.cssSelector("[data-treffer-titel]")).getText()).isEqualTo(heading);
            assertThat(env.withScript().findElement(By.cssSelector(".breadcrumbs a[aria-current=page]")).getAttribute("href"))
                    .as("the breadcrumb of the current page").isEqualTo(url(filter));
            assertThat(sameDocument()).as("no page load for " + filter).isTrue();
        }
    }

    @Test
    void with_javascript_back_and_forward_show_the_filter_of_each_address_and_reload_keeps_it() {
        env.withScript().get(url(LISTING));
        markDocument();
        link(env.withScript(), TELEFON).click();
        wait(env.withScript()).until(d -> path(d).equals(TELEFON));
        link(env.withScript(), JUGENDLICHE).click();
        wait(env.withScript()).until(d -> path(d).equals(JUGENDLICHE));

        env.withScript().navigate().back();
        assertShows(TELEFON);
        env.withScript().navigate().back();
        assertShows(LISTING);
        env.withScript().navigate().forward();
        assertShows(TELEFON);
        assertThat(sameDocument()).as("back and forward stay on the page").isTrue();

        env.withScript().navigate().refresh();
        wait(env.withScript()).until(d -> !sameDocument());
        assertShows(TELEFON);
    }

    @Test
    void with_javascript_a_filter_page_reached_directly_can_switch_to_entries_it_does_not_list_itself() {
        env.withScript().get(url(TELEFON));
        assertThat(visibleEntries(env.withScript())).isEqualTo(SERVED.get(TELEFON));
        markDocument();

        link(env.withScript(), LISTING).click();
        assertShows(LISTING);
        link(env.withScript(), JUGENDLICHE).click();
        assertShows(JUGENDLICHE);
        assertThat(sameDocument()).isTrue();

        env.withScript().navigate().back();
        assertShows(LISTING);
        env.withScript().navigate().back();
        assertShows(TELEFON);
    }

    /** The address, the marked filter and the visible entries are those of {@code filter}'s own page. */
    private static void assertShows(String filter) {
        wait(env.withScript()).until(d -> path(d).equals(filter) && filter.equals(current(d))
                && visibleEntries(d).equals(SERVED.get(filter)));
        assertThat(visibleEntries(env.withScript())).as(filter).isEqualTo(SERVED.get(filter));
    }

    /** A mark on the current document: it survives in-place filtering and vanishes with a page load. */
    private static void markDocument() {
        env.withScript().executeScript("window.directoryTestMark = 'same document';");
    }

    private static boolean sameDocument() {
        return "same document".equals(env.withScript().executeScript("return window.directoryTestMark || null;"));
    }

    private static Set<String> visibleEntries(WebDriver driver) {
        return driver.findElements(By.cssSelector("[data-eintraege] > li")).stream()
                .filter(WebElement::isDisplayed).map(e -> e.getAttribute("id"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The path of the filter link marked aria-current, or null. */
    private static String current(WebDriver driver) {
        List<WebElement> marked = driver.findElements(By.cssSelector("nav.filter a[aria-current=page]"));
        return marked.size() == 1 ? URI.create(marked.get(0).getAttribute("href")).getPath() : null;
    }

    private static WebElement link(WebDriver driver, String filter) {
        return driver.findElement(By.cssSelector("nav.filter a[href='" + filter + "']"));
    }

    private static String path(WebDriver driver) {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    private static String url(String path) {
        return env.stack().uri(path).toString();
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }
}
