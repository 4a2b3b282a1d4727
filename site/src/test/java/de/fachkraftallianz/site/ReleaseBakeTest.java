package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.fachkraftallianz.site.SiteBaker.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release bake (mvn -Drelease): it stops and names every placeholder of data/county.yaml still open, and bakes a
 * site without a single one once the county has filled everything in (here: the fixture county-filled.yaml).
 */
class ReleaseBakeTest {

    private static final String FILLED = "/county-filled.yaml";

    @TempDir
    Path dir;

    @Test
    void with_every_value_filled_in_the_release_bakes_and_no_page_says_placeholder() throws IOException {
        Path source = sourceWith(filled());
        Path site = dir.resolve("site");

        new SiteBaker(source, dir.resolve("work"), site, Mode.RELEASE).bake();

        List<String> leftOver = new ArrayList<>();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path file : files.filter(p -> p.toString().matches(".*\\.(html|xml|txt)")).toList()) {
                if (Files.readString(file).contains("Platzhalter")) {
                    leftOver.add(site.relativize(file).toString());
                }
            }
        }
        assertThat(leftOver).isEmpty();
        assertThat(Files.readString(site.resolve("sitemap.xml")))
                .contains("<loc>https://fachkraftallianz.example.org/impressum/</loc>");
        assertThat(Files.readString(site.resolve("aktuelles/feed.xml")))
                .contains("<link>https://fachkraftallianz.example.org/aktuelles/</link>");
        Document impressum = Jsoup.parse(site.resolve("impressum/index.html").toFile(), "UTF-8");
        assertThat(impressum.select("main").text()).contains("vertreten durch den Landrat Testwert Landrat");
        assertThat(impressum.select("main a[href=mailto:zentrale@example.org]")).hasSize(1);
        assertThat(impressum.select("header a.kopfzeile__landkreis").eachAttr("href"))
                .containsExactly("https://landratsamt.example.org");
        Document statement = Jsoup.parse(site.resolve("barrierefreiheit/index.html").toFile(), "UTF-8");
        assertThat(statement.select("main").text()).contains("am 01.04.2020 erstellt", "am 03.04.2020");
        Document contact = Jsoup.parse(site.resolve("kontakt/index.html").toFile(), "UTF-8");
        assertThat(contact.select("main a[href^=tel:]").eachAttr("href"))
                .containsExactly("tel:+493023125010", "tel:+493023125011", "tel:+493023125012");
    }

    @Test
    void with_one_placeholder_left_the_release_stops_names_it_and_keeps_the_previous_site() throws IOException {
        String config = filled().replace("landrat: \"Testwert Landrat\"",
                "landrat: \"[Platzhalter: Vor- und Nachname des Landrats]\"");
        int line = lineOf(config, "landrat:");
        Path source = sourceWith(config);
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "previous");

        assertThatThrownBy(() -> new SiteBaker(source, dir.resolve("work"), site, Mode.RELEASE).bake())
                .isInstanceOf(SiteBaker.BakeFailedException.class)
                .hasMessageContaining("1 placeholder(s) in data/county.yaml still open")
                .hasMessageContaining("data/county.yaml:" + line + " landkreis.landrat = [Platzhalter: Vor- und "
                        + "Nachname des Landrats]");
        assertThat(Files.readString(site.resolve("index.html"))).isEqualTo("previous");
    }

    @Test
    void a_retention_period_left_open_stops_the_release_but_not_a_local_bake() throws IOException {
        String config = filled().replace("  barriere-melden: \"180\"",
                "  barriere-melden: \"[Platzhalter: Aufbewahrungsdauer in Tagen]\"");
        int line = lineOf(config, "barriere-melden:");
        Path source = sourceWith(config);

        assertThatThrownBy(() -> new SiteBaker(source, dir.resolve("work"), dir.resolve("site"), Mode.RELEASE).bake())
                .hasMessageContaining("1 placeholder(s) in data/county.yaml still open")
                .hasMessageContaining("data/county.yaml:" + line + " aufbewahrung.barriere-melden = [Platzhalter: "
                        + "Aufbewahrungsdauer in Tagen]");
        new SiteBaker(source, dir.resolve("work"), dir.resolve("site"), Mode.LOCAL).bake();
    }

    @Test
    void a_retention_period_that_differs_from_the_forms_stops_every_bake() throws IOException {
        String config = filled().replace("  beratungsangebot: \"365\"", "  beratungsangebot: \"30\"");
        int line = lineOf(config, "beratungsangebot:");
        Path source = sourceWith(config);

        for (Mode mode : Mode.values()) {
            assertThatThrownBy(() -> new SiteBaker(source, dir.resolve("work"), dir.resolve("site"), mode).bake())
                    .as(mode.name()).hasMessageContaining("data/county.yaml:" + line + " aufbewahrung.beratungsangebot:"
                            + " 30 days, but the form definition forms/beratungsangebot.json keeps its answers 365 days");
        }
    }

    @Test
    void a_form_without_its_retention_line_stops_every_bake() throws IOException {
        String config = filled().replace("  hilfe-pflegefamilie: \"180\"\n", "");
        Path source = sourceWith(config);

        assertThatThrownBy(() -> new SiteBaker(source, dir.resolve("work"), dir.resolve("site"), Mode.LOCAL).bake())
                .hasMessageContaining("aufbewahrung.hilfe-pflegefamilie is missing");
    }

    @Test
    void the_release_of_the_sources_as_they_are_lists_every_open_placeholder_of_the_county_file() throws IOException {
        CountyConfig county = CountyConfig.read(SiteBakeTest.SOURCE.resolve(CountyConfig.FILE));
        assertThat(county.placeholders()).isNotEmpty();
        Path source = sourceWith(Files.readString(SiteBakeTest.SOURCE.resolve(CountyConfig.FILE)));

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> new SiteBaker(source, dir.resolve("work"), dir.resolve("site"), Mode.RELEASE).bake());

        assertThat(failure).isInstanceOf(SiteBaker.BakeFailedException.class)
                .hasMessageContaining(county.placeholders().size() + " placeholder(s) in data/county.yaml");
        for (CountyConfig.Leaf open : county.placeholders()) {
            assertThat(failure.getMessage()).contains("data/county.yaml:" + open.line() + " " + open.key() + " = "
                    + open.text());
        }
    }

    @Test
    void a_placeholder_outside_the_county_file_stops_every_bake() throws IOException {
        Path source = sourceWith(filled());
        Path page = source.resolve("content/impressum/index.md");
        Files.writeString(page, Files.readString(page) + "\nTelefon: [Platzhalter: irgendwo anders]\n");

        for (Mode mode : Mode.values()) {
            assertThatThrownBy(() -> new SiteBaker(source, dir.resolve("work"), dir.resolve("site"), mode).bake())
                    .as(mode.name()).hasMessageContaining("content/impressum/index.md:" + lineOf(Files.readString(page),
                            "[Platzhalter: irgendwo anders]") + ": [Platzhalter: irgendwo anders] belongs into "
                            + "data/county.yaml");
        }
    }

    @Test
    void a_release_stops_when_a_baked_page_still_says_placeholder_wherever_it_came_from() throws IOException {
        Path source = sourceWith(filled());
        // Not written as a placeholder, so only the check of the baked pages can find it.
        Path page = source.resolve("content/leichte-sprache/index.md");
        Files.writeString(page, Files.readString(page) + "\nHier fehlt noch ein Platzhalter für mehr Text.\n");

        assertThatThrownBy(() -> new SiteBaker(source, dir.resolve("work"), dir.resolve("site"), Mode.RELEASE).bake())
                .hasMessageContaining("release bake: the baked page leichte-sprache/index.html still says Platzhalter");
    }

    @Test
    void the_fixture_has_exactly_the_keys_of_the_county_file() throws IOException {
        CountyConfig real = CountyConfig.read(SiteBakeTest.SOURCE.resolve(CountyConfig.FILE));
        CountyConfig fixture = CountyConfig.read(Files.writeString(dir.resolve("filled.yaml"), filled()));

        assertThat(fixture.leaves()).extracting(CountyConfig.Leaf::key)
                .containsExactlyElementsOf(real.leaves().stream().map(CountyConfig.Leaf::key).toList());
        assertThat(fixture.placeholders()).isEmpty();
        assertThat(fixture.problems()).isEmpty();
    }

    private Path sourceWith(String countyConfig) throws IOException {
        Path source = dir.resolve("src");
        try (Stream<Path> paths = Files.walk(SiteBakeTest.SOURCE)) {
            for (Path p : paths.toList()) {
                Path target = source.resolve(SiteBakeTest.SOURCE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.writeString(source.resolve(CountyConfig.FILE), countyConfig);
        return source;
    }

    private static String filled() throws IOException {
        try (InputStream in = ReleaseBakeTest.class.getResourceAsStream(FILLED)) {
            assertThat(in).as(FILLED).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int lineOf(String text, String part) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError(part + " not found");
    }
}
