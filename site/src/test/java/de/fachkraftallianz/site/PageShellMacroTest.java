package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import freemarker.cache.StringTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageShellMacroTest {

    @Test
    void the_macro_escapes_the_title_and_inserts_the_content_unchanged() throws Exception {
        String macro = PageShellMacro.fromShell("<title>{{title}} – Site</title><main>{{content}}</main>", "test");

        String html = render(macro, "<#import \"shell.ftl\" as layout>"
                + "<@layout.page title=t><p>${t}</p>${markup?no_esc}</@layout.page>",
                Map.of("t", "Kinder & <Jugend>", "markup", "<em>ok</em>"));

        assertThat(html).isEqualTo("<title>Kinder &amp; &lt;Jugend&gt; – Site</title>"
                + "<main><p>Kinder &amp; &lt;Jugend&gt;</p><em>ok</em></main>");
    }

    @Test
    void freemarker_syntax_in_the_shell_is_copied_not_interpreted() throws Exception {
        String shell = "<p>${price} <#if x>#{y}</#if> <@m/> [#list]</p><h1>{{title}}</h1>{{content}}";

        String html = render(PageShellMacro.fromShell(shell, "test"),
                "<#import \"shell.ftl\" as layout><@layout.page title=\"T\">C</@layout.page>", Map.of());

        assertThat(html).isEqualTo("<p>${price} <#if x>#{y}</#if> <@m/> [#list]</p><h1>T</h1>C");
    }

    @Test
    void the_generated_template_starts_with_the_html_output_format() {
        assertThat(PageShellMacro.fromShell("{{title}}{{content}}", "test"))
                .startsWith("<#ftl output_format=\"HTML\">\n");
    }

    @Test
    void a_shell_without_exactly_one_of_each_placeholder_is_refused() {
        assertThatThrownBy(() -> PageShellMacro.fromShell("<main>{{content}}</main>", "shell"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{title}}");
        assertThatThrownBy(() -> PageShellMacro.fromShell("{{title}}{{title}}{{content}}", "shell"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageShellMacro.fromShell("{{title}}{{content}}{{lang}}", "shell"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{lang}}");
        assertThatThrownBy(() -> PageShellMacro.fromShell("{{title}}</#noparse>{{content}}", "shell"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_bake_region_becomes_the_shell_librarys_macro_and_the_function_keeps_its_default() throws Exception {
        String shell = "<p><!--bake:gruss-->Hallo<!--/bake:gruss--></p><title>{{title}}</title>{{content}}";
        String library = "<#ftl output_format=\"HTML\"><#macro gruss doc>Guten Tag, ${doc.name}</#macro>"
                + "<#function current doc href><#return \"\"></#function>";

        String html = render(PageShellMacro.fromShell(shell, "test"), Map.of("lib/shell.ftl", library),
                "<#import \"shell.ftl\" as layout><@layout.page title=\"T\" doc={\"name\": \"<Welt>\"}>C</@layout.page>",
                Map.of());

        assertThat(html).isEqualTo("<p>Guten Tag, &lt;Welt&gt;</p><title>T</title>C");
        assertThat(shell).as("what the function sends").contains("Hallo");
    }

    @Test
    void each_main_navigation_link_is_marked_current_where_the_shell_library_says_so() throws Exception {
        String shell = "<title>{{title}}</title><nav><a class=\"site-nav__link\" href=\"/\">Start</a>"
                + "<a class=\"site-nav__link\" href=\"/a/\">A</a><a class=\"site-nav__link\" href=\"/b/\">B</a>"
                + "<a class=\"other\" href=\"/a/\">A again</a></nav>{{content}}";
        String library = "<#ftl output_format=\"HTML\">"
                + "<#function current doc href><#return ((doc.page!\"\") == href)?then(\"page\","
                + " ((doc.section!\"\") == href)?then(\"true\", \"\"))></#function>";

        String html = render(PageShellMacro.fromShell(shell, "test"), Map.of("lib/shell.ftl", library),
                "<#import \"shell.ftl\" as layout>"
                        + "<@layout.page title=\"T\" doc={\"page\": \"/b/\", \"section\": \"/a/\"}>C</@layout.page>",
                Map.of());

        assertThat(html).isEqualTo("<title>T</title><nav><a class=\"site-nav__link\" href=\"/\">Start</a>"
                + "<a class=\"site-nav__link\" href=\"/a/\" aria-current=\"true\">A</a>"
                + "<a class=\"site-nav__link\" href=\"/b/\" aria-current=\"page\">B</a>"
                + "<a class=\"other\" href=\"/a/\">A again</a></nav>C");
    }

    @Test
    void a_bake_region_twice_or_a_navigation_link_that_is_no_plain_path_is_refused() {
        assertThatThrownBy(() -> PageShellMacro.fromShell("<!--bake:a-->1<!--/bake:a--><!--bake:a-->2<!--/bake:a-->"
                + "{{title}}{{content}}", "shell")).hasMessageContaining("bake region a appears twice");
        assertThatThrownBy(() -> PageShellMacro.fromShell("<a class=\"site-nav__link\" href=\"/x/\\\"><#if\">x</a>"
                + "{{title}}{{content}}", "shell")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageShellMacro.fromShell("<a class=\"site-nav__link\" href=\"${evil}\">x</a>"
                + "{{title}}{{content}}", "shell")).hasMessageContaining("needs a plain path");
    }

    @Test
    void the_real_shell_becomes_a_macro_with_the_county_band_and_the_current_section() throws Exception {
        String shell;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SiteBaker.SHELL_RESOURCE)) {
            assertThat(in).as("web/page.html from the functions jar").isNotNull();
            shell = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> libraries = Map.of(
                "lib/shell.ftl", Files.readString(SiteBakeTest.SOURCE.resolve("templates/lib/shell.ftl")),
                "lib/site.ftl", Files.readString(SiteBakeTest.SOURCE.resolve("templates/lib/site.ftl")));
        Map<String, Object> model = Map.of(
                "data", new Data(Map.of("county.yaml", Map.of("landkreis", Map.of(
                        "name", "Landkreis Sächsische Schweiz-Osterzgebirge", "website", "https://lra.example.org/")))),
                "published_content", List.of(Map.of("uri", "index.html", "title", "Start"),
                        Map.of("uri", "hilfe-anfragen/index.html", "title", "Hilfe anfragen"),
                        Map.of("uri", "hilfe-anfragen/einrichtungen/index.html", "title", "Für Einrichtungen",
                                "parent", "/hilfe-anfragen/")));

        String html = render(PageShellMacro.fromShell(shell, SiteBaker.SHELL_RESOURCE), libraries,
                "<#import \"shell.ftl\" as layout><@layout.page title=\"Probe\" doc=published_content[2]>"
                        + "<h1>Probe</h1></@layout.page>", model);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Probe – Fachkraftallianz</title>")
                .contains("<h1>Probe</h1>").contains("href=\"/datenschutz/\"")
                .contains("<a class=\"kopfzeile__landkreis\" href=\"https://lra.example.org/\">Landkreis Sächsische "
                        + "Schweiz-Osterzgebirge</a>")
                .contains("<a class=\"site-nav__link\" href=\"/hilfe-anfragen/\" aria-current=\"true\">")
                .contains("<a class=\"site-nav__link\" href=\"/\">").doesNotContain("<!--bake:");
        assertThat(html.split("aria-current")).as("one current item").hasSize(2);
        assertThat(shell).as("what the function sends: the county's name, no current item")
                .contains("<span class=\"kopfzeile__landkreis\">Landkreis Sächsische Schweiz-Osterzgebirge</span>")
                .doesNotContain("aria-current");
    }

    /** JBake's data files as templates see them: {@code data.get('name.yaml')}. */
    public static final class Data {
        private final Map<String, Object> files;

        Data(Map<String, Object> files) {
            this.files = files;
        }

        public Object get(String name) {
            return files.get(name);
        }
    }

    /** Renders {@code page} (HTML output format, as JBake's templates) with the macro available as shell.ftl. */
    private static String render(String macro, String page, Map<String, Object> model) throws IOException,
            freemarker.template.TemplateException {
        return render(macro, Map.of(), page, model);
    }

    /** The same, with more templates (e.g. lib/shell.ftl) by their path. */
    private static String render(String macro, Map<String, String> templates, String page, Map<String, Object> model)
            throws IOException, freemarker.template.TemplateException {
        // The same incompatible-improvements level as JBake 2.7's FreeMarker engine.
        Configuration config = new Configuration(Configuration.DEFAULT_INCOMPATIBLE_IMPROVEMENTS);
        StringTemplateLoader loader = new StringTemplateLoader();
        loader.putTemplate("shell.ftl", macro);
        loader.putTemplate("page.ftl", "<#ftl output_format=\"HTML\">" + page);
        templates.forEach(loader::putTemplate);
        config.setTemplateLoader(loader);
        config.setLocalizedLookup(false);
        Template template = config.getTemplate("page.ftl");
        StringWriter out = new StringWriter();
        template.process(model, out);
        return out.toString();
    }
}
