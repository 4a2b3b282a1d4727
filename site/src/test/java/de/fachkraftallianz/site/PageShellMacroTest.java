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
    void the_real_shell_becomes_a_macro() throws Exception {
        String shell;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SiteBaker.SHELL_RESOURCE)) {
            assertThat(in).as("web/page.html from the functions jar").isNotNull();
            shell = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        String html = render(PageShellMacro.fromShell(shell, SiteBaker.SHELL_RESOURCE),
                "<#import \"shell.ftl\" as layout><@layout.page title=\"Probe\"><h1>Probe</h1></@layout.page>",
                Map.of());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Probe – Fachkraftallianz</title>")
                .contains("<h1>Probe</h1>").contains("href=\"/datenschutz/\"");
    }

    /** Renders {@code page} (HTML output format, as JBake's templates) with the macro available as shell.ftl. */
    private static String render(String macro, String page, Map<String, Object> model) throws IOException,
            freemarker.template.TemplateException {
        // The same incompatible-improvements level as JBake 2.7's FreeMarker engine.
        Configuration config = new Configuration(Configuration.DEFAULT_INCOMPATIBLE_IMPROVEMENTS);
        StringTemplateLoader loader = new StringTemplateLoader();
        loader.putTemplate("shell.ftl", macro);
        loader.putTemplate("page.ftl", "<#ftl output_format=\"HTML\">" + page);
        config.setTemplateLoader(loader);
        config.setLocalizedLookup(false);
        Template template = config.getTemplate("page.ftl");
        StringWriter out = new StringWriter();
        template.process(model, out);
        return out.toString();
    }
}
