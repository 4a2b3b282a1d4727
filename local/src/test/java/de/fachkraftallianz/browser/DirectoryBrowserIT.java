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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The directory of virtual channels in headless Chromium. Without JavaScript every filter is a page of its own;
 * with it, a click filters the list in place, the address bar shows the filter page's address, and back and
 * forward move between the filters — always showing what that address shows without JavaScript.
 */
class DirectoryBrowserIT {

    private static final String LISTING = "/virtuelle-angebote/";
    private static final String TELEFON = LISTING + "kanal/telefon/";
    private static final String JUGENDLICHE = LISTING + "zielgruppe/jugendliche/";

    private static LocalStack stack;
    private static ChromeDriver withScript;
    private static ChromeDriver withoutScript;

    /** Every filter address (the listing first) -> the entries its own page lists, as served without JavaScript. */
    private static final Map<String, Set<String>> SERVED = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
        withScript = Browser.start(true);
        withoutScript = Browser.start(false);

        withoutScript.get(url(LISTING));
        List<String> filters = withoutScript.findElements(By.cssSelector("nav.filter a")).stream()
                .map(a -> URI.create(a.getAttribute("href")).getPath()).toList();
        assertThat(filters).contains(LISTING, TELEFON, JUGENDLICHE);
        for (String filter : filters) {
            withoutScript.get(url(filter));
            SERVED.put(filter, visibleEntries(withoutScript));
        }
        assertThat(SERVED.get(LISTING)).hasSizeGreaterThan(SERVED.get(TELEFON).size());
    }

    @AfterAll
    static void stop() {
        if (withScript != null) {
            withScript.quit();
        }
        if (withoutScript != null) {
            withoutScript.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void without_javascript_following_a_filter_link_shows_only_the_matching_entries() {
        withoutScript.get(url(LISTING));
        Map<String, String> kindOf = new LinkedHashMap<>();
        Map<String, Set<String>> valuesOf = new LinkedHashMap<>();
        for (WebElement entry : withoutScript.findElements(By.cssSelector("[data-eintraege] > li"))) {
            kindOf.put(entry.getAttribute("id"), entry.getAttribute("data-kanal"));
            valuesOf.put(entry.getAttribute("id"),
                    Set.copyOf(Arrays.asList(entry.getAttribute("data-zielgruppe").split(" "))));
        }

        for (String filter : SERVED.keySet()) {
            withoutScript.get(url(LISTING));
            link(withoutScript, filter).click();
            wait(withoutScript).until(d -> path(d).equals(filter));

            Set<String> expected = new TreeSet<>();
            kindOf.forEach((id, kanal) -> {
                if (filter.equals(LISTING) || filter.equals(LISTING + "kanal/" + kanal + "/")
                        || valuesOf.get(id).stream().anyMatch(g -> filter.equals(LISTING + "zielgruppe/" + g + "/"))) {
                    expected.add(id);
                }
            });
            assertThat(visibleEntries(withoutScript)).as(filter).isEqualTo(expected);
            assertThat(current(withoutScript)).as(filter).isEqualTo(filter);
        }
    }

    @Test
    void with_javascript_clicking_a_filter_shows_what_its_page_shows_without_loading_a_page() {
        withScript.get(url(LISTING));
        markDocument();

        for (String filter : SERVED.keySet()) {
            WebElement link = link(withScript, filter);
            String pageTitle = link.getAttribute("data-seitentitel") + " – Fachkraftallianz";
            String heading = link.getAttribute("data-ueberschrift");
            link.click();
            wait(withScript).until(d -> path(d).equals(filter) && filter.equals(current(d)));

            assertThat(visibleEntries(withScript)).as(filter).isEqualTo(SERVED.get(filter));
            assertThat(withScript.getTitle()).as(filter).isEqualTo(pageTitle);
            assertThat(withScript.findElement(By.cssSelector("[data-treffer-titel]")).getText()).isEqualTo(heading);
            assertThat(withScript.findElement(By.cssSelector(".breadcrumbs a[aria-current=page]")).getAttribute("href"))
                    .as("the breadcrumb of the current page").isEqualTo(url(filter));
            assertThat(sameDocument()).as("no page load for " + filter).isTrue();
        }
    }

    @Test
    void with_javascript_back_and_forward_show_the_filter_of_each_address_and_reload_keeps_it() {
        withScript.get(url(LISTING));
        markDocument();
        link(withScript, TELEFON).click();
        wait(withScript).until(d -> path(d).equals(TELEFON));
        link(withScript, JUGENDLICHE).click();
        wait(withScript).until(d -> path(d).equals(JUGENDLICHE));

        withScript.navigate().back();
        assertShows(TELEFON);
        withScript.navigate().back();
        assertShows(LISTING);
        withScript.navigate().forward();
        assertShows(TELEFON);
        assertThat(sameDocument()).as("back and forward stay on the page").isTrue();

        withScript.navigate().refresh();
        wait(withScript).until(d -> !sameDocument());
        assertShows(TELEFON);
    }

    @Test
    void with_javascript_a_filter_page_reached_directly_can_switch_to_entries_it_does_not_list_itself() {
        withScript.get(url(TELEFON));
        assertThat(visibleEntries(withScript)).isEqualTo(SERVED.get(TELEFON));
        markDocument();

        link(withScript, LISTING).click();
        assertShows(LISTING);
        link(withScript, JUGENDLICHE).click();
        assertShows(JUGENDLICHE);
        assertThat(sameDocument()).isTrue();

        withScript.navigate().back();
        assertShows(LISTING);
        withScript.navigate().back();
        assertShows(TELEFON);
    }

    /** The address, the marked filter and the visible entries are those of {@code filter}'s own page. */
    private static void assertShows(String filter) {
        wait(withScript).until(d -> path(d).equals(filter) && filter.equals(current(d))
                && visibleEntries(d).equals(SERVED.get(filter)));
        assertThat(visibleEntries(withScript)).as(filter).isEqualTo(SERVED.get(filter));
    }

    /** A mark on the current document: it survives in-place filtering and vanishes with a page load. */
    private static void markDocument() {
        withScript.executeScript("window.directoryTestMark = 'same document';");
    }

    private static boolean sameDocument() {
        return "same document".equals(withScript.executeScript("return window.directoryTestMark || null;"));
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
        return stack.uri(path).toString();
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }
}
