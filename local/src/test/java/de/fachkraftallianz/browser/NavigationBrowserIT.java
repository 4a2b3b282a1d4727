package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import de.fachkraftallianz.local.LocalStack;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The main navigation in headless Chromium, with JavaScript off: at 360 CSS pixels one closed „Menü“ toggle beside
 * the site's name, which opens the links one below the other by mouse or keyboard, the current section marked with
 * aria-current and a bar; at 1280 pixels the links in one row and no toggle. With the menu open at 360 pixels, axe
 * finds nothing.
 */
class NavigationBrowserIT {

    @RegisterExtension
    static final BrowserStack env = new BrowserStack(LocalStack.Options.defaults());

    private static final String FORM = "/formulare/bedarf-einrichtung/";
    private static final String ACTION_BLUE = "rgba(32, 68, 170, 1)";
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @AfterEach
    void fullWidth() {
        env.withoutScript().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        env.withScript().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Test
    void at_360_px_the_navigation_is_one_closed_toggle_beside_the_sites_name_that_opens_without_javascript() {
        ChromeDriver browser = env.withoutScript();
        width(browser, 360);
        browser.get(url(FORM));

        WebElement toggle = browser.findElement(By.cssSelector("summary.site-nav__toggle"));
        assertThat(visible(toggle)).isTrue();
        assertThat(links(browser)).noneMatch(NavigationBrowserIT::visible);
        Rectangle brand = browser.findElement(By.cssSelector(".site-brand")).getRect();
        Rectangle button = toggle.getRect();
        assertThat(button.getY()).as("the toggle stands in the row of the site's name")
                .isLessThan(brand.getY() + brand.getHeight());
        assertThat(brand.getY()).isLessThan(button.getY() + button.getHeight());
        assertThat(button.getX() + button.getWidth()).isLessThanOrEqualTo(360);
        assertThat(browser.findElement(By.cssSelector(".site-header__inner")).getRect().getHeight())
                .as("brand and navigation take one row").isLessThan(80);

        toggle.click();

        List<WebElement> links = links(browser);
        assertThat(links).allMatch(NavigationBrowserIT::visible);
        for (int i = 1; i < links.size(); i++) {
            // Whole pixels from fractional layout: a pixel of overlap is rounding.
            assertThat(links.get(i).getRect().getY()).as("one below the other").isGreaterThanOrEqualTo(
                    links.get(i - 1).getRect().getY() + links.get(i - 1).getRect().getHeight() - 1);
            assertThat(links.get(i).getRect().getHeight()).as("a target of at least 44 px").isGreaterThanOrEqualTo(44);
        }
        WebElement current = browser.findElement(By.cssSelector("nav.site-nav a[aria-current]"));
        assertThat(text(current)).isEqualTo("Hilfe anfragen");
        assertThat(current.getAttribute("aria-current")).isEqualTo("true");
        assertThat(current.getCssValue("border-left-width")).isEqualTo("4px");
        assertThat(current.getCssValue("border-left-color")).isEqualTo(ACTION_BLUE);
        assertThat(links.get(0).getCssValue("border-left-color")).as("the others have no bar")
                .isNotEqualTo(ACTION_BLUE);

        browser.findElement(By.linkText("Kontakt")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> path(d.getCurrentUrl()).equals("/kontakt/"));
        browser.findElement(By.cssSelector("summary.site-nav__toggle")).click();
        assertThat(browser.findElement(By.cssSelector("nav.site-nav a[aria-current]")).getAttribute("aria-current"))
                .isEqualTo("page");
    }

    @Test
    void at_360_px_the_menu_opens_and_closes_from_the_keyboard() {
        ChromeDriver browser = env.withoutScript();
        width(browser, 360);
        browser.get(url("/"));
        WebElement toggle = browser.findElement(By.cssSelector("summary.site-nav__toggle"));

        for (int i = 0; i < 10 && !toggle.equals(browser.switchTo().activeElement()); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(browser.switchTo().activeElement()).as("the toggle is reached with Tab").isEqualTo(toggle);
        toggle.sendKeys(Keys.ENTER);
        assertThat(links(browser)).allMatch(NavigationBrowserIT::visible);
        toggle.sendKeys(Keys.TAB);
        assertThat(text(browser.switchTo().activeElement())).as("Tab goes on to the first link").isEqualTo("Start");
        assertThat(browser.switchTo().activeElement().getAttribute("aria-current")).isEqualTo("page");

        toggle.sendKeys(Keys.SPACE);
        assertThat(links(browser)).noneMatch(NavigationBrowserIT::visible);
    }

    @Test
    void at_1280_px_the_links_stand_in_one_row_without_the_toggle() {
        ChromeDriver browser = env.withoutScript();
        width(browser, 1280);
        browser.get(url(FORM));

        assertThat(visible(browser.findElement(By.cssSelector("summary.site-nav__toggle")))).isFalse();
        List<WebElement> links = links(browser);
        assertThat(links).allMatch(NavigationBrowserIT::visible);
        assertThat(links.stream().map(a -> a.getRect().getY()).collect(Collectors.toSet())).as("one row").hasSize(1);
        WebElement current = browser.findElement(By.cssSelector("nav.site-nav a[aria-current]"));
        assertThat(text(current)).isEqualTo("Hilfe anfragen");
        assertThat(current.getCssValue("border-bottom-width")).isEqualTo("4px");
        assertThat(current.getCssValue("border-bottom-color")).isEqualTo(ACTION_BLUE);
    }

    @Test
    void with_the_menu_open_at_360_px_axe_finds_nothing() {
        ChromeDriver browser = env.withScript();
        width(browser, 360);
        browser.get(url("/virtuelle-angebote/"));
        browser.findElement(By.cssSelector("summary.site-nav__toggle")).click();
        assertThat(links(browser)).allMatch(NavigationBrowserIT::visible);

        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(browser);

        assertThat(results.isErrored()).as(results.getErrorMessage()).isFalse();
        assertThat(results.getViolations()).extracting(r -> r.getId() + ": " + r.getNodes().stream()
                .map(n -> String.valueOf(n.getTarget())).toList()).isEmpty();
    }

    /**
     * Rendered and not hidden, as the browser itself decides (checkVisibility: display, visibility and the
     * content-visibility of a closed disclosure). Selenium's isDisplayed counts everything in a closed details
     * element as hidden, even where the style sheet shows it.
     */
    private static boolean visible(WebElement element) {
        Object shown = ((ChromeDriver) ((org.openqa.selenium.WrapsDriver) element).getWrappedDriver()).executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                        + " return arguments[0].checkVisibility({visibilityProperty: true}) && r.width > 0"
                        + " && r.height > 0;", element);
        return Boolean.TRUE.equals(shown);
    }

    /** The text as written (getText, too, takes everything in a closed details element for hidden). */
    private static String text(WebElement element) {
        return element.getDomProperty("textContent").strip();
    }

    private static List<WebElement> links(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("nav.site-nav a.site-nav__link"));
    }

    /** Lays the page out as a window of that many CSS pixels would (as AccessibilityBrowserIT does for 320 px). */
    private static void width(ChromeDriver browser, int pixels) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", pixels, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    }

    private static String url(String path) {
        return env.stack().uri(path).toString();
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }
}
