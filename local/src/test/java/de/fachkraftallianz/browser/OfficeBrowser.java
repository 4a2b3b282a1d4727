package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import de.fachkraftallianz.local.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One member of staff in their own headless Chromium (own profile, so own cookies) at the office of a local stack:
 * signs in by typing into the local provider's page, opens office pages, sends the pages' own forms and checks pages
 * with axe-core. JavaScript is on: axe needs it, and a script smuggled into a page would run. The office's pages have
 * no script of their own.
 */
final class OfficeBrowser implements AutoCloseable {

    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    final ChromeDriver driver;
    private final LocalStack stack;
    /** Who is signed in at the office in this browser, as far as this helper knows; null for nobody. */
    private String signedIn;

    OfficeBrowser(LocalStack stack) {
        this.stack = stack;
        this.driver = Browser.start(true);
    }

    String url(String path) {
        return stack.uri(path).toString();
    }

    void open(String path) {
        driver.get(url(path));
    }

    /** The path and query of the page shown now (the address without the gateway's origin). */
    String path() {
        String current = driver.getCurrentUrl();
        String base = stack.baseUrl().toString();
        return current.startsWith(base) ? current.substring(base.length()) : current;
    }

    /**
     * Forgets every cookie, opens {@code path} signed out, lands on the provider's sign-in page, types name and
     * password and sends the form with Enter; then waits until the office shows {@code path} with the person's name.
     */
    void signIn(String username, String password, String path) {
        forgetCookies();
        open(path);
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(driver.getCurrentUrl()).as("the provider's own sign-in page")
                .startsWith(stack.cognito().authBase() + "/");
        driver.findElement(By.id("username")).sendKeys(username);
        WebElement passwordField = driver.findElement(By.id("password"));
        passwordField.sendKeys(password);
        passwordField.sendKeys(Keys.ENTER);
        waitUntil(d -> d.getCurrentUrl().equals(url(path)) && !d.findElements(By.className("office-user")).isEmpty());
        signedIn = username;
    }

    /** Signs in (at the inbox) unless this person is signed in here already. */
    void signedInAs(String username, String password) {
        if (!username.equals(signedIn)) {
            signIn(username, password, "/intern");
        }
    }

    /** Forgets every cookie of the browser (the office's and the provider's): the next visit starts signed out. */
    void forgetCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        signedIn = null;
    }

    /** Sends the header's „Abmelden“ form and waits for the page the provider sends back to. */
    void signOut() {
        clickAndWait(By.cssSelector("form[action='/api/office/logout'] button"));
        signedIn = null;
    }

    /** The browser's cookies for the gateway's origin as DevTools reports them, HttpOnly ones included. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cookies() {
        Map<String, Object> answer = driver.executeCdpCommand("Network.getCookies",
                Map.of("urls", List.of(stack.baseUrl() + "/")));
        return (List<Map<String, Object>>) answer.get("cookies");
    }

    /** The HTTP status of the document shown now (Navigation Timing's responseStatus). */
    long status() {
        return ((Number) driver.executeScript("const entry = performance.getEntriesByType('navigation')[0];"
                + " return entry ? entry.responseStatus : -1;")).longValue();
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    /** The value of the fact (Status, Zuständig, …) on a submission's page. */
    String fact(String name) {
        return driver.findElement(By.xpath("//dl[@class='facts']/div[dt='" + name + "']/dd")).getText();
    }

    /** The lines of the page's „Verlauf“, each "when, who" and what. */
    List<String> history() {
        return driver.findElements(By.cssSelector("#verlauf ~ .office-log > li")).stream().map(WebElement::getText)
                .map(text -> text.replace('\n', ' ')).toList();
    }

    String value(By field) {
        return driver.findElement(field).getDomProperty("value");
    }

    /** Clicks (a link or a form's button) and waits until the next document has replaced this one. */
    void clickAndWait(By target) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(target).click();
        // While the next document replaces this one, Chromium may report the old element as stale or as "Node with
        // given id does not belong to the document" (a plain WebDriverException): both mean "not yet", so keep waiting.
        new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage(() -> "the page stayed after clicking " + target
                + "; the browser's console says: " + console()).until(d -> {
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
        waitUntil(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    }

    /** What the browser logged since the last call (a blocked form shows up here as a CSP violation). */
    String console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .collect(Collectors.joining("\n"));
    }

    /** Picks a status on a submission's page, types the reason (if any) and sends the status form. */
    void changeStatus(String status, String reason) {
        driver.findElement(By.cssSelector("label[for='status-" + status + "']")).click();
        if (reason != null) {
            driver.findElement(By.id("status-grund")).sendKeys(reason);
        }
        clickAndWait(By.cssSelector("form[action$='/status'] button[type=submit]"));
    }

    void addNote(String text) {
        driver.findElement(By.id("notiz")).sendKeys(text);
        clickAndWait(By.cssSelector("form[action$='/notiz'] button[type=submit]"));
    }

    /** Waits for a page whose h1 reads {@code heading} (after a key press or click that navigates). */
    void waitForHeading(String heading) {
        waitUntil(d -> d.findElements(By.tagName("h1")).stream().anyMatch(h -> h.getText().equals(heading)));
    }

    /**
     * Waits until the condition holds. While a page is being replaced (a redirect, a refresh), Chromium may answer a
     * question about it with an error (a stale element, "aborted by navigation"): that means "not yet".
     */
    void waitUntil(Function<? super WebDriver, ?> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(WebDriverException.class).until(condition);
    }

    /** "" when axe-core (WCAG 2.1 A and AA) finds nothing; else one block per rule with every node it names. */
    String axeViolations() {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        assertThat(results.isErrored()).as("axe-core failed: " + results.getErrorMessage()).isFalse();
        return results.getViolations().stream().map(OfficeBrowser::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(Rule rule) {
        StringBuilder out = new StringBuilder().append("- ").append(rule.getId()).append(" [").append(rule.getImpact())
                .append("] ").append(rule.getHelp()).append(" (").append(rule.getHelpUrl()).append(")");
        for (CheckedNode node : rule.getNodes()) {
            out.append("\n    at ").append(node.getTarget()).append(": ")
                    .append(String.valueOf(node.getFailureSummary()).replace("\n", " "));
        }
        return out.toString();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
