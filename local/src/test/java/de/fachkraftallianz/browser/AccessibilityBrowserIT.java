package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.web.FormHtml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * axe-core (WCAG 2.1 A and AA rules) finds nothing on any page a visitor can see: every baked page, each form's
 * error page (script off), the same errors shown in place by the script, the review of the answers and the
 * confirmation, with the script and without. Each of them also reflows at 320 CSS pixels without horizontal
 * scrolling (WCAG 1.4.10).
 */
class AccessibilityBrowserIT {

    @RegisterExtension
    static final BrowserStack env =
            new BrowserStack(LocalStack.Options.defaults().withEnv("RATE_LIMIT_PER_HOUR", "1000"));

    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final int NARROW_WIDTH = 320;
    /** The viewport's and the document's width, and the first elements that reach past the viewport. */
    private static final String MEASURE_WIDTHS = """
            const page = document.documentElement;
            const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (typeof e.className === 'string' && e.className.trim()
                    ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
            return {
              client: page.clientWidth,
              scroll: page.scrollWidth,
              wider: Array.from(document.querySelectorAll('body *'))
                .filter((e) => e.getBoundingClientRect().right > page.clientWidth + 0.5).slice(0, 5).map(name)
            };
            """;

    private static final FormCatalog FORMS = FormCatalog.load();
    /**
     * One browser with JavaScript. For the script-free paths it switches scripts off through DevTools while the
     * pages load (so forms.js never runs on them) and on again for axe-core, which cannot run without scripts.
     */
    private final LocalDate today = LocalDate.now(Validator.ZONE);

    /**
     * The address of every baked page ("/" and "/kontakt/" for index.html files), and a missing page: the site's
     * not-found page comes from the API's $default route through the distribution's origin group.
     */
    static List<String> bakedPages() throws IOException {
        Path site = LocalStack.Options.defaults().siteDir();
        assertThat(site.resolve("index.html")).as("the baked site (mvn -pl site verify)").isRegularFile();
        try (Stream<Path> files = Files.walk(site)) {
            List<String> pages = Stream.concat(files.filter(p -> p.toString().endsWith(".html"))
                    .map(p -> de.fachkraftallianz.web.SitePaths.pathOf(site.relativize(p).toString())),
                    Stream.of("/gibt-es-nicht/")).sorted().toList();
            assertThat(pages).contains("/", "/gibt-es-nicht/").allMatch(p -> p.endsWith("/"));
            return pages;
        }
    }

    static List<String> formIds() {
        return FormCatalog.FORM_IDS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bakedPages")
    void every_baked_page_passes_axe_and_fits_320_px(String path) {
        env.withScript().get(env.stack().uri(path).toString());

        assertAccessible(path);
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void without_javascript_the_error_page_of_an_empty_form_passes_axe_and_fits_320_px(String formId) {
        FormDefinition form = open(formId, false);
        sendEmpty(false);

        wait(env.withScript()).until(ExpectedConditions.presenceOfElementLocated(By.className("error-summary")));
        assertThat(env.withScript().getCurrentUrl()).endsWith(FormHtml.actionUrl(form));
        assertThat(env.withScript().findElements(By.className("field__error"))).hasSizeGreaterThan(1);
        assertAccessible(formId + " error page");
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void with_javascript_the_errors_shown_in_place_pass_axe_and_fit_320_px(String formId) {
        open(formId, true);
        String formPage = env.withScript().getCurrentUrl();
        sendEmpty(true);

        wait(env.withScript()).until(ExpectedConditions.presenceOfElementLocated(By.className("error-summary")));
        assertThat(env.withScript().getCurrentUrl()).isEqualTo(formPage);
        assertThat(env.withScript().findElements(By.className("field__error"))).hasSizeGreaterThan(1);
        assertAccessible(formId + " with errors in place");
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void with_javascript_the_review_and_the_confirmation_pass_axe_and_fit_320_px(String formId) {
        FormDefinition form = open(formId, true);
        FormFiller.fill(env.withScript(), form, Samples.values(formId, today));
        submit(true);

        wait(env.withScript()).until(ExpectedConditions.presenceOfElementLocated(By.className("summary")));
        assertAccessible(formId + " review swapped in");
        sendFromReview(true);
        wait(env.withScript()).until(ExpectedConditions.presenceOfElementLocated(By.className("panel--success")));
        assertAccessible(formId + " confirmation swapped in");
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void without_javascript_the_review_and_the_confirmation_pass_axe_and_fit_320_px(String formId) {
        FormDefinition form = open(formId, false);
        FormFiller.fill(env.withScript(), form, Samples.values(formId, today));
        submit(false);

        wait(env.withScript()).until(ExpectedConditions.titleContains("Angaben prüfen"));
        assertAccessible(formId + " review page");
        sendFromReview(false);
        wait(env.withScript()).until(ExpectedConditions.presenceOfElementLocated(By.className("panel--success")));
        assertAccessible(formId + " confirmation page");
    }

    @Test
    void an_axe_violation_is_reported_with_rule_impact_help_and_target() {
        env.withScript().get(env.stack().uri("/").toString());
        env.withScript().executeScript("document.querySelector('main').insertAdjacentHTML('afterbegin',"
                + " '<img id=\"ohne-alt\" src=\"/assets/favicon.svg\">')");

        String report = violations();
        assertThat(report).contains("image-alt", "critical", "#ohne-alt", "alternative text");
    }

    @Test
    void a_page_wider_than_320_px_is_reported_with_what_sticks_out() {
        env.withScript().get(env.stack().uri("/").toString());
        // Through the CSSOM: the site's Content-Security-Policy blocks style attributes in markup.
        env.withScript().executeScript("const box = document.createElement('div'); box.id = 'zu-breit';"
                + " box.style.width = '400px'; box.textContent = 'x'; document.querySelector('main').prepend(box);");

        assertThatThrownBy(() -> assertReflowsAtNarrowWidth("/ with a 400 px box"))
                .hasMessageContaining("div#zu-breit");
    }

    /** axe-core with the WCAG 2.1 A/AA rules finds nothing, and at 320 px the page needs no horizontal scrolling. */
    private static void assertAccessible(String page) {
        scripts(true);
        assertThat(violations()).as("axe-core violations on " + page).isEmpty();
        assertReflowsAtNarrowWidth(page);
    }

    /** "" when axe finds nothing; else one block per rule: id, impact, help, then each node's selector and why. */
    private static String violations() {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(env.withScript());
        assertThat(results.isErrored()).as("axe-core failed: " + results.getErrorMessage()).isFalse();
        return results.getViolations().stream().map(AccessibilityBrowserIT::describe)
                .collect(Collectors.joining("\n"));
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

    /**
     * Lays the page out at 320 CSS pixels (as a 1280 px window at 400 % zoom would) through DevTools, so the
     * window's own minimum width does not matter, and checks that nothing is wider than the viewport.
     */
    private static void assertReflowsAtNarrowWidth(String page) {
        env.withScript().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", NARROW_WIDTH, "height", 640, "deviceScaleFactor", 1, "mobile", false));
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) env.withScript().executeScript(MEASURE_WIDTHS);
            long client = ((Number) size.get("client")).longValue();
            long scroll = ((Number) size.get("scroll")).longValue();
            assertThat(client).as("viewport width on " + page).isLessThanOrEqualTo(NARROW_WIDTH);
            assertThat(scroll).as("document width at " + NARROW_WIDTH + " px on " + page
                    + " (wider than the viewport: " + size.get("wider") + ")").isLessThanOrEqualTo(client);
        } finally {
            env.withScript().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /**
     * Opens the form's page, with its script or (as in a browser without JavaScript) without. Scripts are on
     * again afterwards for the test's own steps; {@link #submit(boolean)} switches them off for the next page.
     */
    private FormDefinition open(String formId, boolean javascript) {
        FormDefinition form = FORMS.find(formId).orElseThrow();
        scripts(javascript);
        env.withScript().get(env.stack().uri("/formulare/" + formId + "/").toString());
        scripts(true);
        assertThat(env.withScript().findElement(By.tagName("h1")).getText()).isEqualTo(form.title());
        return form;
    }

    /** Page scripts on or off for what loads next (what has loaded stays as it is). */
    private static void scripts(boolean on) {
        env.withScript().executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !on));
    }

    /**
     * Sends the form untouched, past the browser's own checks (as a browser without constraint validation
     * would), so that the server answers with an error on every required field.
     */
    private static void sendEmpty(boolean javascript) {
        submit(javascript);
    }

    private static void submit(boolean javascript) {
        WebElement button = env.withScript().findElement(By.cssSelector("form.form button[type=submit]"));
        scripts(javascript);
        button.click();
    }

    private static void sendFromReview(boolean javascript) {
        WebElement button = env.withScript().findElement(By.cssSelector("button[name=_schritt]"));
        scripts(javascript);
        button.click();
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }
}
