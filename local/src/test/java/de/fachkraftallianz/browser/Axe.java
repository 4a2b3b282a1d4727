package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core with the WCAG 2.1 A/AA rules, as AccessibilityBrowserIT runs it, and the 320 px reflow check, for the
 * browser tests of the directory and its office pages.
 */
final class Axe {

    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final int NARROW_WIDTH = 320;
    private static final String MEASURE_WIDTHS = """
            const page = document.documentElement;
            return { client: page.clientWidth, scroll: page.scrollWidth };
            """;

    private Axe() {
    }

    /** No axe violation on the page the browser shows, and no horizontal scrolling at 320 CSS pixels. */
    static void assertAccessible(ChromeDriver driver, String page) {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        assertThat(results.isErrored()).as("axe-core failed: " + results.getErrorMessage()).isFalse();
        assertThat(results.getViolations().stream().map(Axe::describe).collect(Collectors.joining("\n")))
                .as("axe-core violations on " + page).isEmpty();
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", NARROW_WIDTH, "height", 640, "deviceScaleFactor", 1, "mobile", false));
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) driver.executeScript(MEASURE_WIDTHS);
            assertThat(((Number) size.get("scroll")).longValue()).as("document width at 320 px on " + page)
                    .isLessThanOrEqualTo(((Number) size.get("client")).longValue());
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
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
}
