package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.HtmlChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every baked page is valid HTML and the style sheet valid CSS (Nu HTML checker, in-process and offline). */
class HtmlValidityTest {

    private static HtmlChecker checker;

    @BeforeAll
    static void loadChecker() {
        checker = new HtmlChecker();
    }

    /** Every baked page, relative to the site's root ("kontakt/index.html"). */
    static List<String> bakedPages() throws IOException {
        assertThat(SiteBakeTest.SITE.resolve("index.html")).as("the site is baked in process-classes").isRegularFile();
        try (Stream<Path> files = Files.walk(SiteBakeTest.SITE)) {
            return files.filter(p -> p.toString().endsWith(".html"))
                    .map(p -> SiteBakeTest.SITE.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bakedPages")
    void every_baked_page_is_valid_html(String page) {
        assertThat(checker.check(SiteBakeTest.SITE.resolve(page))).as("HTML errors in " + page).isEmpty();
    }

    /**
     * The whole style sheet but one marked block: the Nu checker (26.5) does not know {@code ::details-content} and
     * {@code @supports selector()} yet, which the compact navigation needs (NavigationBrowserIT shows it working).
     * That block is blanked out line for line, so the line numbers of any error stay right, and may hold nothing else.
     */
    @Test
    void the_style_sheet_is_valid_css(@TempDir Path dir) throws IOException {
        Path css = SiteBakeTest.SITE.resolve("assets/site.css");
        assertThat(css).isRegularFile();
        String text = Files.readString(css);
        int start = text.indexOf("/* nu-checker-skip:");
        int end = text.indexOf("/* nu-checker-skip-end */");
        assertThat(start).as("one skipped block").isPositive().isEqualTo(text.lastIndexOf("/* nu-checker-skip:"));
        assertThat(end).isGreaterThan(start);
        String skipped = text.substring(start, end);
        String rules = skipped.substring(skipped.indexOf("*/") + 2).replaceAll("\\s+", " ").strip();
        assertThat(rules).as("what the checker does not see").isEqualTo("@supports selector(::details-content) {"
                + " @media (min-width: 52rem) { .site-nav__toggle { display: none; }"
                + " .site-nav__menu::details-content { content-visibility: visible; } } }");
        Path checked = Files.writeString(dir.resolve("site.css"), text.substring(0, start)
                + skipped.replaceAll("[^\\n]", "") + text.substring(end));

        assertThat(checker.checkCss(checked)).as("CSS errors in " + css).isEmpty();
    }

    @Test
    void the_checker_finds_an_error_in_a_broken_page() throws IOException {
        String page = Files.readString(SiteBakeTest.SITE.resolve("index.html"));
        String broken = page.replace("</main>", "<p><div></p></main>");

        assertThat(checker.check("broken index.html", broken)).isNotEmpty();
    }

    @Test
    void the_checker_finds_an_error_in_a_broken_style_sheet(@TempDir Path dir) throws IOException {
        Path css = Files.writeString(dir.resolve("broken.css"), "a { color: nocolor; }\n");

        assertThat(checker.checkCss(css)).isNotEmpty();
    }
}
