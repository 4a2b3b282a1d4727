package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.matching.MatchFixtures;
import de.fachkraftallianz.submission.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Matching in headless Chromium as staff use it: from a request's page to its suggestions, a refused and then a
 * correct match with the suggestion's own form, closing the covered request; the offer's capacity and the overview.
 * axe-core (WCAG 2.1 A and AA) finds nothing on any of these pages and states, and each reflows at 320 CSS pixels.
 */
class MatchingBrowserIT {

    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final int NARROW_WIDTH = 320;

    static LocalStack stack;
    static MatchFixtures fixtures;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
        fixtures = new MatchFixtures(stack);
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            stack.close();
        }
    }

    @Test
    void a_request_is_matched_from_its_suggestions_and_closed_and_every_page_passes_axe() {
        String offer = fixtures.offer(3);
        String other = fixtures.offer(1);
        String request = fixtures.request(2);
        signIn("amt", LocalCognito.AMT_PASSWORD, "/intern/vorgang/" + request);
        assertAccessible("request page with its matching section");

        clickAndWait(By.linkText("Vorschläge ansehen und vermitteln"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vorschläge für Vorgang " + request);
        List<WebElement> suggestions = browser.findElements(By.cssSelector("li.suggestion h3"));
        assertThat(suggestions).extracting(WebElement::getText).anySatisfy(t -> assertThat(t).contains(offer))
                .anySatisfy(t -> assertThat(t).contains(other));
        List<String> order = suggestions.stream().map(WebElement::getText).toList();
        assertThat(order.stream().filter(t -> t.contains(offer) || t.contains(other)).toList())
                .as("the one that covers the whole need before the one that covers part").hasSize(2)
                .first().asString().contains(offer);
        assertThat(browser.findElement(By.cssSelector("li.suggestion .reasons")).getText())
                .contains("Abschluss passt", "Zeitraum passt");
        assertAccessible("suggestions");
        screenshot("suggestions");

        // Too many professionals: the page comes back with the error at the field and in the summary.
        WebElement persons = browser.findElement(By.id("anzahl-" + offer));
        persons.clear();
        persons.sendKeys("5");
        clickAndWait(By.cssSelector("#angebot-" + offer + " ~ form button[type=submit]"));
        assertThat(browser.getTitle()).startsWith("Nicht gespeichert: ");
        assertThat(browser.findElement(By.className("error-summary")).getText()).contains("ganze Zahl von 1 bis 2");
        assertThat(browser.findElement(By.id("anzahl-" + offer)).getDomProperty("value")).isEqualTo("5");
        assertAccessible("suggestions with a refused match");

        WebElement corrected = browser.findElement(By.id("anzahl-" + offer));
        corrected.clear();
        corrected.sendKeys("2");
        clickAndWait(By.cssSelector("#angebot-" + offer + " ~ form button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector(".notice[role=status]")).getText())
                .isEqualTo("Vermittlung gespeichert.");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Angebot " + offer,
                "Der Bedarf dieses Vorgangs ist vollständig gedeckt");
        assertAccessible("suggestions after the match, need covered");

        clickAndWait(By.xpath("//button[normalize-space()='Als erledigt abschließen']"));
        assertThat(browser.getCurrentUrl()).endsWith("/intern/vorgang/" + request + "?gespeichert=1");
        assertThat(browser.findElement(By.xpath("//dl[@class='facts']/div[dt='Status']/dd")).getText())
                .isEqualTo(Status.DONE.label());
        assertThat(fixtures.read(request).file().status()).isEqualTo(Status.DONE);
        assertThat(fixtures.read(offer).number()).isEqualTo(1);

        clickAndWait(By.linkText(offer));
        assertThat(browser.findElement(By.id("kapazitaet")).getText()).isEqualTo("Kapazität");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Vermittelt\n2 Fachkräfte");
        assertAccessible("offer page with its capacity");
    }

    @Test
    void the_overview_passes_axe_with_each_grouping_and_its_charts_speak() {
        fixtures.offer(2);
        fixtures.request(1);
        fixtures.fosterRequest();
        signIn("admin", LocalCognito.ADMIN_PASSWORD, "/intern");
        clickAndWait(By.linkText("Lagebild"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Lagebild");
        for (WebElement chart : browser.findElements(By.cssSelector("svg[role=img]"))) {
            String label = chart.getAccessibleName();
            assertThat(label).as("the chart's accessible name: its title and what it shows").contains("Offener Bedarf",
                    "Die Zahlen stehen in der Tabelle");
        }
        assertAccessible("overview by kind of help");
        screenshot("lagebild");
        for (String by : List.of("Nach Abschluss", "Nach Postleitzahl")) {
            clickAndWait(By.linkText(by));
            assertThat(browser.findElement(By.cssSelector("a[aria-current=true]")).getText()).isEqualTo(by);
            assertAccessible("overview " + by);
        }
    }

    @Test
    void an_administrator_erases_a_matched_offer_and_its_request_shows_it_gone_and_every_page_passes_axe() {
        String offer = fixtures.offer(2);
        String request = fixtures.request(2);
        assertThat(new de.fachkraftallianz.matching.MatchService(fixtures.store(), java.time.Clock.systemUTC())
                .match(MatchFixtures.id(), request, offer, MatchFixtures.proposal(2),
                        new de.fachkraftallianz.submission.CaseFile.Person("anna", "Anna Amt (Beispiel)")))
                .isInstanceOf(de.fachkraftallianz.matching.MatchService.Matched.class);
        signIn("admin", LocalCognito.ADMIN_PASSWORD, "/intern/vorgang/" + offer);
        clickAndWait(By.linkText("Vorgang jetzt löschen"));
        assertThat(browser.findElement(By.id("loeschen-vermittlungen")).getText())
                .startsWith("Aus diesem Angebot besteht 1 Vermittlung (2 Fachkräfte).");
        assertAccessible("erasure of an offer with a match");
        browser.findElement(By.id("loeschen-grund")).sendKeys("Träger aufgelöst");
        clickAndWait(By.xpath("//button[normalize-space()='Endgültig löschen']"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Der Vorgang " + offer + " ist gelöscht.");

        browser.get(stack.uri("/intern/vorgang/" + request).toString());
        String section = browser.findElement(By.cssSelector("section.matching")).getText();
        assertThat(section).contains(offer + " (gelöscht)", "Offen\n2 Fachkräfte", "aufgehoben");
        assertThat(browser.findElements(By.linkText(offer))).as("no link to what is gone").isEmpty();
        assertAccessible("request page with a match whose offer was erased");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void signIn(String user, String password, String path) {
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.get(stack.uri(path).toString());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(user);
        WebElement secret = browser.findElement(By.id("password"));
        secret.sendKeys(password);
        secret.sendKeys(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().equals(stack.uri(path).toString())
                && !d.findElements(By.className("office-user")).isEmpty());
    }

    /** Clicks and waits until the next document has replaced this one. */
    private static void clickAndWait(By target) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    }

    private static void assertAccessible(String page) {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(browser);
        assertThat(results.isErrored()).as("axe-core failed: " + results.getErrorMessage()).isFalse();
        assertThat(results.getViolations().stream().map(MatchingBrowserIT::describe).collect(Collectors.joining("\n")))
                .as("axe-core violations on " + page).isEmpty();
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", NARROW_WIDTH, "height", 640, "deviceScaleFactor", 1, "mobile", false));
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) browser.executeScript("""
                    const page = document.documentElement;
                    return {client: page.clientWidth, scroll: page.scrollWidth,
                      wider: Array.from(document.querySelectorAll('body *'))
                        .filter((e) => e.getBoundingClientRect().right > page.clientWidth + 0.5).slice(0, 5)
                        .map((e) => e.tagName + '.' + e.className)};
                    """);
            assertThat(((Number) size.get("scroll")).longValue()).as("width at 320 px on " + page + ", wider: "
                    + size.get("wider")).isLessThanOrEqualTo(((Number) size.get("client")).longValue());
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static String describe(Rule rule) {
        StringBuilder out = new StringBuilder().append("- ").append(rule.getId()).append(" [").append(rule.getImpact())
                .append("] ").append(rule.getHelp());
        for (CheckedNode node : rule.getNodes()) {
            out.append("\n    at ").append(node.getTarget()).append(": ")
                    .append(String.valueOf(node.getFailureSummary()).replace("\n", " "));
        }
        return out.toString();
    }

    /** A picture of the page in target/ for a person to look at (not an assertion). */
    private static void screenshot(String name) {
        try {
            Path target = Path.of("target", "screenshots");
            Files.createDirectories(target);
            Files.write(target.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            int i = 0;
            for (WebElement figure : browser.findElements(By.cssSelector("figure.chart, li.suggestion"))) {
                Files.write(target.resolve(name + "-" + i++ + ".png"), figure.getScreenshotAs(OutputType.BYTES));
            }
        } catch (java.io.IOException e) {
            // Only for looking at; the test does not depend on it.
        }
    }
}
