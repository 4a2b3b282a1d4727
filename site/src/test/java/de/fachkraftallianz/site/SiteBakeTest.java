package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.web.FormHtml;
import de.fachkraftallianz.web.Html;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the site that the build baked in process-classes (target/site): every form has its page with its form,
 * every page uses the shell, nothing inline that the CSP would block, and every internal link resolves.
 */
class SiteBakeTest {

    static final Path SOURCE = Path.of(System.getProperty("site.source", "src/jbake"));
    static final Path WORK = Path.of(System.getProperty("site.work", "target/jbake-src"));
    static final Path SITE = Path.of(System.getProperty("site.output", "target/site"));

    /** Site path ("/kontakt/index.html") -> parsed page, for every baked HTML page. */
    static final Map<String, Document> PAGES = new TreeMap<>();

    @BeforeAll
    static void readBakedSite() throws IOException {
        assertThat(SITE.resolve("index.html")).as("the site is baked in process-classes").isRegularFile();
        try (Stream<Path> files = Files.walk(SITE)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String path = "/" + SITE.relativize(file).toString().replace('\\', '/');
                PAGES.put(path, Jsoup.parse(file.toFile(), "UTF-8", "http://site.test" + path));
            }
        }
    }

    @Test
    void every_form_has_its_page_with_title_intro_recipient_and_the_form() {
        List<FormDefinition> forms = FormCatalog.load().all();
        assertThat(forms).isNotEmpty();
        for (FormDefinition form : forms) {
            Document page = PAGES.get("/formulare/" + form.id() + "/index.html");
            assertThat(page).as("page of form %s", form.id()).isNotNull();
            assertThat(page.select("h1").text()).isEqualTo(form.title());
            assertThat(page.title()).isEqualTo(form.title() + " – Fachkraftallianz");
            assertThat(page.select("main .prose p").first().text())
                    .isEqualTo(Html.splitParagraphs(form.intro()).get(0));
            assertThat(page.select("main .facts").text()).contains(form.recipient())
                    .contains(form.retentionDays() + " Tage");

            List<Element> formElements = page.select("form");
            assertThat(formElements).hasSize(1);
            Element html = formElements.get(0);
            assertThat(html.attr("action")).isEqualTo("/api/forms/" + form.id());
            assertThat(html.attr("method")).isEqualTo("post");
            assertThat(html.hasAttr("data-enhance")).isTrue();
            assertThat(html.select(".error-summary, .field__error")).as("an empty form shows no errors").isEmpty();
            assertThat(html.select("button[type=submit]").text()).isEqualTo(FormHtml.TO_REVIEW);
            assertThat(html.hasAttr("novalidate")).as("the site's messages, not the browser's").isTrue();
            assertThat(html.select(".form__privacy").text()).contains(form.recipient(), form.purpose(),
                    form.retentionDays() + " Tage").doesNotContain("einverstanden");
            assertThat(html.select(".form__privacy a").attr("href")).isEqualTo("/datenschutz/");
            assertThat(page.select("nav.breadcrumbs a").eachAttr("href")).as("breadcrumbs from the definition")
                    .containsExactlyElementsOf(java.util.stream.Stream.concat(form.breadcrumbs().stream()
                            .map(FormDefinition.Link::href), java.util.stream.Stream.of("/formulare/" + form.id() + "/"))
                            .toList());
            form.fields().forEach(field -> assertThat(html.select("[name=" + field.name() + "]"))
                    .as("field %s of %s", field.name(), form.id()).isNotEmpty());
            assertThat(html.select(".form__status[aria-live]")).hasSize(1);
        }
    }

    @Test
    void the_start_page_offers_the_four_entry_points() {
        Document start = PAGES.get("/index.html");
        List<String> links = start.select(".card a").eachAttr("href");
        assertThat(links).containsExactly(
                "/hilfe-anfragen/einrichtungen/",
                "/hilfe-anfragen/pflegefamilien/",
                "/fachkraefte-anbieten/",
                "/virtuelle-angebote/");
        assertThat(start.select(".card a").eachText()).containsExactly(
                "Hilfe anfragen als Einrichtung",
                "Hilfe anfragen als Pflegefamilie",
                "Fachkräfte anbieten",
                "Virtuelle Angebote finden");
    }

    @Test
    void the_privacy_notice_names_recipient_and_retention_of_every_form() {
        Document privacy = PAGES.get("/datenschutz/index.html");
        assertThat(privacy).isNotNull();
        for (FormDefinition form : FormCatalog.load().all()) {
            Element block = privacy.getElementById("ds-" + form.id()).parent();
            assertThat(block.text()).contains(form.title(), form.recipient(), form.retentionDays() + " Tage");
        }
        assertThat(privacy.select("main").text()).contains("Landratsamt Sächsische Schweiz-Osterzgebirge")
                .contains("Jugend- und Bildungsamt").contains("Welche Rechte haben Sie?");
        assertThat(privacy.html()).doesNotContain("<!-- formulare -->");
    }

    @Test
    void the_legal_pages_exist() {
        assertThat(PAGES).containsKeys("/impressum/index.html", "/datenschutz/index.html",
                "/barrierefreiheit/index.html", "/leichte-sprache/index.html", "/kontakt/index.html");
    }

    @Test
    void every_page_uses_the_shell() {
        assertThat(PAGES).hasSizeGreaterThanOrEqualTo(13);
        PAGES.forEach((path, page) -> {
            assertThat(page.selectFirst("html").attr("lang")).as(path).isEqualTo("de");
            assertThat(page.title()).as(path).endsWith(" – Fachkraftallianz").doesNotStartWith(" ");
            assertThat(page.select("h1")).as(path + ": one h1").hasSize(1);
            assertThat(page.select("main#inhalt")).as(path).hasSize(1);
            assertThat(page.select("a.skip-link[href=#inhalt]")).as(path).hasSize(1);
            assertThat(page.select("link[rel=stylesheet]").eachAttr("href")).as(path).containsExactly("/assets/site.css");
            // The shell's script everywhere, nothing else (the directory's filters are links: no script needed).
            assertThat(page.select("script").eachAttr("src")).as(path).containsExactly("/assets/forms.js");
            assertThat(page.select("meta[name=viewport]")).as(path).hasSize(1);
            assertThat(page.html()).as(path + ": no placeholder left").doesNotContain("{{").doesNotContain("${");
        });
    }

    @Test
    void no_page_has_inline_script_style_or_event_handlers() {
        PAGES.forEach((path, page) -> {
            assertThat(page.select("style")).as(path + ": <style>").isEmpty();
            for (Element script : page.select("script")) {
                assertThat(script.hasAttr("src")).as(path + ": inline <script>").isTrue();
                assertThat(script.data()).as(path + ": script body").isBlank();
            }
            for (Element element : page.getAllElements()) {
                for (Attribute attribute : element.attributes()) {
                    String name = attribute.getKey().toLowerCase();
                    assertThat(name).as(path + ": attribute on <" + element.tagName() + ">")
                            .isNotEqualTo("style").doesNotStartWith("on");
                    assertThat(attribute.getValue().strip().toLowerCase())
                            .as(path + ": " + name).doesNotStartWith("javascript:");
                }
            }
        });
    }

    @Test
    void every_internal_link_resolves_to_a_file_and_every_fragment_to_an_id() {
        List<String> broken = new ArrayList<>();
        PAGES.forEach((path, page) -> {
            for (Element element : page.select("a[href], link[href], script[src], img[src]")) {
                String ref = element.hasAttr("href") ? element.attr("href") : element.attr("src");
                URI uri = URI.create("http://site.test" + path).resolve(ref);
                if (!"site.test".equals(uri.getHost())) {
                    continue; // external links are not checked here
                }
                Path target = fileFor(uri.getPath());
                if (target == null) {
                    broken.add(path + " -> " + ref);
                } else if (uri.getFragment() != null && !uri.getFragment().isEmpty()) {
                    Document linked = PAGES.get("/" + SITE.relativize(target).toString().replace('\\', '/'));
                    if (linked == null || linked.getElementById(uri.getFragment()) == null) {
                        broken.add(path + " -> " + ref + " (no such id)");
                    }
                }
            }
        });
        assertThat(broken).isEmpty();
    }

    @Test
    void the_assets_are_baked_to_the_assets_folder_and_stay_small() throws IOException {
        Path css = SITE.resolve("assets/site.css");
        Path js = SITE.resolve("assets/forms.js");
        assertThat(css).isRegularFile();
        assertThat(js).isRegularFile();
        // One style sheet for every page; the budget that counts is a page's HTML + CSS + images (PageWeightTest).
        assertThat(Files.size(css)).as("site.css bytes").isLessThan(20 * 1024);
        assertThat(Files.size(js)).as("forms.js bytes").isLessThan(15 * 1024);
        assertThat(Files.readString(css)).contains(".form__honeypot { display: none; }");
    }

    @Test
    void every_template_escapes_html_by_default() throws IOException {
        List<Path> templates = new ArrayList<>();
        for (Path root : List.of(SOURCE.resolve("templates"), WORK.resolve("templates"))) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".ftl")).forEach(templates::add);
            }
        }
        assertThat(templates).isNotEmpty()
                .anySatisfy(p -> assertThat(p).endsWith(Path.of("generated", "page.ftl")));
        for (Path template : templates) {
            assertThat(firstLine(template)).as(template.toString()).isEqualTo("<#ftl output_format=\"HTML\">");
        }
    }

    @Test
    void no_escaping_is_switched_off_except_for_markdown_bodies_and_the_directory_entries_markup() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCE.resolve("templates"))) {
            for (Path template : files.filter(p -> p.toString().endsWith(".ftl")).toList()) {
                String text = Files.readString(template);
                assertThat(text).as(template.toString()).doesNotContain("?no_esc_").doesNotContain("<#noautoesc")
                        .doesNotContain("output_format=\"plain");
                // Markdown bodies, and the directory's entry markup that EntryHtml built and escaped in Java
                // (html.*, as the form markup from FormHtml, which form.ftl includes unparsed).
                text.lines().filter(l -> l.contains("?no_esc")).forEach(line -> assertThat(line.strip())
                        .as(template + ": ?no_esc only on the rendered Markdown body or EntryHtml's markup")
                        .matches("\\$\\{(content\\.body|parts\\[\\d]|verzeichnis\\.einleitung|html\\.[a-z]+)\\?no_esc}"));
            }
        }
    }

    /** The file a site path is served from, as the static host does it ("/x/" -> x/index.html), or null. */
    static Path fileFor(String sitePath) {
        Path file = SITE.resolve(de.fachkraftallianz.web.SitePaths.fileOf(sitePath)).normalize();
        if (!file.startsWith(SITE.normalize())) {
            return null;
        }
        return Files.isRegularFile(file) ? file : null;
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
