package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.office.OfficeTestSupport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The directory of virtual channels in headless Chromium, without JavaScript: the two filters combine by following
 * their links, and an entry the office publishes appears on the served site within a minute; the office's pages of
 * the directory pass axe.
 */
class DirectoryBrowserIT {

    @RegisterExtension
    static final BrowserStack env = new BrowserStack(LocalStack.Options.defaults());

    private static final String LISTING = "/virtuelle-angebote/";

    @Test
    void without_javascript_the_two_filters_combine_by_their_links() {
        ChromeDriver browser = env.withoutScript();
        browser.get(url(LISTING));
        link(browser, "Telefon").click();
        wait(browser).until(d -> path(d).equals(LISTING + "kanal/telefon/"));
        link(browser, "Jugendliche").click();
        wait(browser).until(d -> path(d).equals(LISTING + "kanal/telefon/zielgruppe/jugendliche/"));

        assertThat(browser.findElements(By.cssSelector("nav.filter a[aria-current]")).stream()
                .map(a -> a.getText().replaceAll("\\s*\\(\\d+\\)$", "")).toList()).containsExactly("Telefon", "Jugendliche");
        List<WebElement> cards = browser.findElements(By.cssSelector("ul.angebote > li"));
        assertThat(cards).isNotEmpty();
        for (WebElement card : cards) {
            String text = card.getText();
            assertThat(text).as(card.getAttribute("id")).contains("Telefon").contains("Jugendliche");
        }
        assertThat(browser.findElement(By.cssSelector("h2.treffer__title")).getText())
                .isEqualTo("Per Telefon, für Jugendliche");

        link(browser, "Alle Wege").click();
        wait(browser).until(d -> path(d).equals(LISTING + "zielgruppe/jugendliche/"));
        assertThat(browser.findElements(By.cssSelector("ul.angebote > li")).size()).isGreaterThanOrEqualTo(cards.size());
    }

    @Test
    void an_entry_published_in_the_office_appears_in_the_browser_within_a_minute() throws Exception {
        String reference = OfficeTestSupport.submitAndPublish(env.stack(), Map.of(Directory.TITLE,
                List.of("Aaa Sofort-Chat für Jugendliche")));
        String slug = reference.toLowerCase();
        ChromeDriver browser = env.withoutScript();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            browser.get(url(LISTING));
            if (!browser.findElements(By.id("angebot-" + slug)).isEmpty()) {
                break;
            }
            assertThat(System.nanoTime()).as("the entry on the listing within a minute").isLessThan(deadline);
            Thread.sleep(250);
        }
        browser.findElement(By.cssSelector("#angebot-" + slug + " a")).click();
        wait(browser).until(d -> path(d).equals(LISTING + slug + "/"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Aaa Sofort-Chat für Jugendliche");
        assertThat(browser.findElement(By.cssSelector(".angebot__wege a[href^='tel:']")).getAttribute("href"))
                .isEqualTo("tel:+493023125456");

        env.withScript().get(url(LISTING + slug + "/"));
        Axe.assertAccessible(env.withScript(), LISTING + slug + "/");
        env.withScript().get(url(LISTING + "kanal/chat/zielgruppe/jugendliche/"));
        Axe.assertAccessible(env.withScript(), "a combined filter page");
    }

    @Test
    void the_offices_directory_pages_pass_axe() throws Exception {
        String reference = OfficeTestSupport.submitAndPublish(env.stack(), Map.of());
        ChromeDriver browser = env.withScript();
        browser.get(url("/intern"));
        wait(browser).until(d -> !d.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys("amt");
        browser.findElement(By.id("password")).sendKeys(de.fachkraftallianz.local.cognito.LocalCognito.AMT_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(browser).until(d -> path(d).equals("/intern"));

        browser.get(url("/intern/vorgang/" + reference + "/veroeffentlichung"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Veröffentlichung im Verzeichnis");
        Axe.assertAccessible(browser, "the publication page");
        browser.findElement(By.id("f-erreichbarkeit")).clear();
        browser.findElement(By.id("f-chat_adresse")).clear();
        browser.findElement(By.id("f-chat_adresse")).sendKeys("http://chat.example.org/");
        browser.findElement(By.cssSelector("button[value=vorschau]")).click();
        wait(browser).until(d -> !d.findElements(By.className("error-summary")).isEmpty());
        Axe.assertAccessible(browser, "the publication page with errors");
        browser.get(url("/intern/verzeichnis"));
        Axe.assertAccessible(browser, "the directory list");
    }

    private static WebElement link(WebDriver driver, String label) {
        return driver.findElements(By.cssSelector("nav.filter a")).stream()
                .filter(a -> a.getText().replaceAll("\\s*\\(\\d+\\)$", "").equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no filter link " + label));
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
