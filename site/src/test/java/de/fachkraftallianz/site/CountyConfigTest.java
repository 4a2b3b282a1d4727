package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.fachkraftallianz.forms.FormCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading data/county.yaml, finding its open placeholders and putting its values into pages and data. */
class CountyConfigTest {

    private static final String SAMPLE = """
            website:
              adresse: "[Platzhalter: Adresse der Website]"
            landkreis:
              name: Landkreis <Test> & Co
              landrat: "[Platzhalter: Name des Landrats]"
              email: info@example.org
              postanschrift:
                - Postfach 10 02 53/54
                - 01782 Pirna
            kontakte:
              - id: amt
                telefon:
                  - 030 23125 001
                  - "[Platzhalter: zweite Nummer]"
            """;

    @TempDir
    Path dir;

    private CountyConfig read(String yaml) throws IOException {
        return CountyConfig.read(Files.writeString(dir.resolve("county.yaml"), yaml));
    }

    @Test
    void every_open_placeholder_is_found_with_its_key_and_line() throws IOException {
        CountyConfig county = read(SAMPLE);

        assertThat(county.placeholders()).extracting(CountyConfig.Leaf::key, CountyConfig.Leaf::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("website.adresse", 2),
                org.assertj.core.groups.Tuple.tuple("landkreis.landrat", 5),
                org.assertj.core.groups.Tuple.tuple("kontakte.amt.telefon[2]", 14));
        assertThat(county.problems()).isEmpty();
        assertThat(county.siteHost()).isEmpty();
    }

    @Test
    void a_badly_written_placeholder_or_a_value_of_the_wrong_kind_is_a_problem() throws IOException {
        CountyConfig county = read("""
                website:
                  adresse: http://nicht-sicher.example.org
                landkreis:
                  website: Landratsamt
                  landrat: "Platzhalter: Name"
                  email: keine Adresse
                datenschutz:
                  stand: 31.02.2020
                  protokolle: neunzig
                kontakte:
                  - id: amt
                    telefon:
                      - 12345
                """);

        assertThat(String.join("\n", county.problems()))
                .contains("data/county.yaml:2 website.adresse: site.host must be the site's public https address")
                .contains(":4 landkreis.website: needs a full https:// address")
                .contains(":5 landkreis.landrat: a placeholder is the whole value and reads [Platzhalter: …]")
                .contains(":6 landkreis.email: not an e-mail address")
                .contains(":8 datenschutz.stand: a date is written TT.MM.JJJJ")
                .contains(":9 datenschutz.protokolle: a number of days")
                .contains(":13 kontakte.amt.telefon[1]: 'telefon' must be a German number");
    }

    @Test
    void every_form_has_a_retention_period_and_one_filled_in_must_be_the_forms_own() throws IOException {
        CountyConfig county = read("""
                aufbewahrung:
                  a-form: "180"
                  b-form: "90"
                  c-form: "[Platzhalter: Tage]"
                  x-form: "5"
                  e-form: neunzig
                """);

        Map<String, Integer> forms = new LinkedHashMap<>();
        forms.put("a-form", 180);
        forms.put("b-form", 180);
        forms.put("c-form", 365);
        forms.put("d-form", 30);
        forms.put("e-form", 30);
        List<String> problems = county.retentionProblems(forms);

        assertThat(problems).containsExactlyInAnyOrder(
                "data/county.yaml: aufbewahrung.d-form is missing: the county confirms how long the answers of the"
                        + " form d-form are kept (its definition says 30 days)",
                "data/county.yaml:3 aufbewahrung.b-form: 90 days, but the form definition forms/b-form.json keeps its"
                        + " answers 180 days (retentionDays); the two must agree: change both together",
                "data/county.yaml:5 aufbewahrung.x-form: there is no form x-form (forms: a-form, b-form, c-form,"
                        + " d-form, e-form)");
        assertThat(county.problems()).containsExactly("data/county.yaml:6 aufbewahrung.e-form: a number of days, e.g."
                + " 90: neunzig");
        assertThat(county.placeholders()).extracting(CountyConfig.Leaf::key).containsExactly("aufbewahrung.c-form");
    }

    @Test
    void the_real_file_names_every_form_and_leaves_its_retention_to_the_county() throws IOException {
        CountyConfig county = CountyConfig.read(SiteBakeTest.SOURCE.resolve(CountyConfig.FILE));
        Map<String, Integer> retention = new LinkedHashMap<>();
        FormCatalog.load().all().forEach(f -> retention.put(f.id(), f.retentionDays()));

        assertThat(county.retentionProblems(retention)).isEmpty();
        for (String form : retention.keySet()) {
            assertThat(county.value("aufbewahrung." + form).orElseThrow().leaves().get(0).placeholder())
                    .as(form + ": a period only the county can set").isTrue();
        }
    }

    @Test
    void a_filled_in_address_is_the_site_host() throws IOException {
        assertThat(read("website:\n  adresse: https://fachkraftallianz.example.org/\n").siteHost())
                .contains("https://fachkraftallianz.example.org/");
    }

    @Test
    void a_reference_in_a_page_becomes_escaped_html_and_an_address_a_link() throws IOException {
        CountyConfig county = read(SAMPLE);
        List<String> problems = new ArrayList<>();

        String page = county.resolveContent("title=T\n~~~~~~\n\n{{landkreis.name}}, {{ landkreis.landrat }}\n"
                + "{{landkreis.postanschrift}}\nE-Mail: {{landkreis.email}}\n", "content/x.md", problems);

        assertThat(problems).isEmpty();
        assertThat(page).isEqualTo("title=T\n~~~~~~\n\nLandkreis &lt;Test&gt; &amp; Co, "
                + "&#91;Platzhalter: Name des Landrats&#93;\nPostfach 10 02 53/54<br>01782 Pirna\n"
                + "E-Mail: [info@example.org](mailto:info@example.org)\n");
    }

    @Test
    void markdown_syntax_in_a_value_is_shown_as_written() {
        assertThat(CountyConfig.escape("*a* _b_ [c](d) `e` # f | g \\ h"))
                .isEqualTo("&#42;a&#42; &#95;b&#95; &#91;c&#93;(d) &#96;e&#96; &#35; f &#124; g &#92; h");
    }

    @Test
    void an_unknown_reference_or_one_in_the_header_is_a_problem() throws IOException {
        CountyConfig county = read(SAMPLE);
        List<String> problems = new ArrayList<>();

        county.resolveContent("title={{landkreis.name}}\n~~~~~~\n\n{{landkreis.gibtsnicht}}\n", "content/x.md",
                problems);

        assertThat(problems).containsExactly(
                "content/x.md: references to data/county.yaml work in the text only, not in the header",
                "content/x.md: {{landkreis.gibtsnicht}} names no value of data/county.yaml");
    }

    @Test
    void a_reference_in_a_data_file_becomes_plain_text() throws IOException {
        CountyConfig county = read(SAMPLE);
        List<String> problems = new ArrayList<>();

        Object data = county.resolveData(Map.of("a", List.of("Post: {{landkreis.postanschrift}}", 3)), "data/d.yaml",
                problems);

        assertThat(problems).isEmpty();
        assertThat(data).isEqualTo(Map.of("a", List.of("Post: Postfach 10 02 53/54, 01782 Pirna", 3)));
    }

    @Test
    void a_missing_or_broken_file_stops_the_bake() throws IOException {
        assertThatThrownBy(() -> CountyConfig.read(dir.resolve("fehlt.yaml")))
                .isInstanceOf(SiteBaker.BakeFailedException.class).hasMessageContaining("data/county.yaml is missing");
        assertThatThrownBy(() -> read("a: [b\n")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> read("- a\n- b\n")).hasMessageContaining("needs keys");
    }

    @Test
    void the_real_file_has_no_problem_and_only_placeholders_the_pages_show_marked() throws IOException {
        CountyConfig county = CountyConfig.read(SiteBakeTest.SOURCE.resolve(CountyConfig.FILE));

        assertThat(county.problems()).isEmpty();
        // What the press release gives is filled in, not left open.
        assertThat(county.value("landkreis.postanschrift").orElseThrow().leaves())
                .extracting(CountyConfig.Leaf::text)
                .containsExactly("Landratsamt Sächsische Schweiz-Osterzgebirge", "Postfach 10 02 53/54", "01782 Pirna");
        // A local bake shows each placeholder a page refers to as it is.
        String impressum = BakedSite.page("/impressum/").select("main").text();
        assertThat(impressum).contains(county.value("landkreis.landrat").orElseThrow().leaves().get(0).text());
    }
}
