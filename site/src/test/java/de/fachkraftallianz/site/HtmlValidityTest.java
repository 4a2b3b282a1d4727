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

    @Test
    void the_style_sheet_is_valid_css() {
        Path css = SiteBakeTest.SITE.resolve("assets/site.css");
        assertThat(css).isRegularFile();
        assertThat(checker.checkCss(css)).as("CSS errors in " + css).isEmpty();
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
