package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.site.DirectoryFixture;
import de.fachkraftallianz.store.DirectoryStore;
import de.fachkraftallianz.store.DynamoSubmissionStore;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submit.SubmissionService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The directory with 500 published entries (the fixture, stored as the office stores them) as the local stack
 * serves it: in headless Chromium the listing's pages, a combined filter's pages and an entry's page pass axe and
 * reflow at 320 px, and the pages are reached by links without JavaScript. (Weight and the Nu checker for every page
 * at this size: DirectoryScaleTest in the site module.)
 */
class DirectoryScaleBrowserIT {

    @RegisterExtension
    static final BrowserStack env = new BrowserStack(LocalStack.Options.defaults());

    private static final int ENTRIES = 500;
    private static final String LISTING = "/virtuelle-angebote/";

    @BeforeAll
    static void publishFiveHundred() throws Exception {
        LocalStack stack = env.stack();
        FormDefinition form = FormCatalog.load().find(Directory.FORM_ID).orElseThrow();
        SubmissionService submissions = new SubmissionService(new DynamoSubmissionStore(stack.dynamoDb(),
                stack.tableName()), Clock.systemUTC());
        DirectoryStore directory = new DirectoryStore(stack.dynamoDb(), stack.tableName());
        Map<String, List<String>> sample = new Validator(Clock.systemUTC()).validate(form,
                Samples.values(Directory.FORM_ID, LocalDate.now(Validator.ZONE))).values();
        List<Entry> entries = DirectoryFixture.realistic(ENTRIES);
        CaseFile.Person office = new CaseFile.Person("seed", "Testdaten");
        for (Entry entry : entries) {
            Map<String, List<String>> values = new LinkedHashMap<>(sample);
            values.putAll(entry.fields());
            String reference = submissions.submit(form, values, null).reference();
            Instant now = Instant.now();
            assertThat(directory.publish(reference, 0, Directory.FORM_ID, new DirectoryStore.Publication(
                    Directory.slugOf(reference), entry.fields(), entry.checked(), now, null, true),
                    new CaseFile.HistoryEntry(now, office, "PUBLISH", null, null, null)))
                    .isInstanceOf(de.fachkraftallianz.store.OfficeStore.Changed.class);
        }
        int all = ENTRIES + 8;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ChromeDriver browser = env.withoutScript();
        while (true) {
            browser.get(url(LISTING));
            if (browser.findElement(By.className("treffer__anzahl")).getText().equals(all + " Angebote")) {
                break;
            }
            assertThat(System.nanoTime()).as("all entries published within a minute").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @Test
    void the_listings_pages_are_reached_by_links_and_each_shows_a_part_of_the_list() {
        ChromeDriver browser = env.withoutScript();
        browser.get(url(LISTING));
        String pages = browser.findElement(By.className("seiten__stand")).getText();
        assertThat(pages).matches("Seite 1 von \\d+");
        int last = Integer.parseInt(pages.replaceAll(".* von ", ""));
        assertThat(last).isGreaterThan(20);
        List<String> first = ids(browser);

        browser.findElement(By.cssSelector("a[rel=next]")).click();
        wait(browser).until(d -> path(d).equals(LISTING + "seite/2/"));
        List<String> second = ids(browser);
        assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
        browser.findElement(By.cssSelector(".seiten a[href='" + LISTING + "seite/" + last + "/']")).click();
        wait(browser).until(d -> path(d).equals(LISTING + "seite/" + last + "/"));
        assertThat(browser.findElements(By.cssSelector("a[rel=next]"))).isEmpty();
        browser.findElement(By.cssSelector("a[rel=prev]")).click();
        wait(browser).until(d -> path(d).equals(LISTING + "seite/" + (last - 1) + "/"));
    }

    @Test
    void with_500_entries_the_directorys_pages_pass_axe_and_fit_320_px() {
        ChromeDriver browser = env.withScript();
        browser.get(url(LISTING));
        int last = Integer.parseInt(browser.findElement(By.className("seiten__stand")).getText()
                .replaceAll(".* von ", ""));
        String entry = browser.findElement(By.cssSelector("ul.angebote > li a")).getAttribute("href");
        for (String page : List.of(LISTING, LISTING + "seite/2/", LISTING + "seite/" + (last / 2) + "/",
                LISTING + "seite/" + last + "/", LISTING + "kanal/telefon/zielgruppe/jugendliche/",
                LISTING + "kanal/telefon/zielgruppe/jugendliche/seite/2/", URI.create(entry).getPath())) {
            browser.get(url(page));
            assertThat(browser.findElements(By.cssSelector("main h1"))).as(page).hasSize(1);
            Axe.assertAccessible(browser, page);
        }
    }

    private static List<String> ids(WebDriver driver) {
        return driver.findElements(By.cssSelector("ul.angebote > li")).stream().map(e -> e.getAttribute("id")).toList();
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
