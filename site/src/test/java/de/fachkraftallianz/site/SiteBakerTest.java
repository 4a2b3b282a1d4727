package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteBakerTest {


    /**
     * JBake itself only logs a content file of unknown type and a template error surfaces only in its error list:
     * both must fail the bake, and the last good site must stay in place.
     */
    @Test
    void the_baked_style_sheet_has_no_comments_and_no_indentation_but_the_checkers_markers() {
        String css = "a { color: red; } /* why red */\n/* nu-checker-skip: new syntax */\nb { x: y; }\n"
                + "/* nu-checker-skip-end */\n\n\n\n/* trailing\n   lines */\nc {\n  content: \"  a\";\n\t}\n";
        assertThat(SiteBaker.withoutComments(css)).isEqualTo("a { color: red; } \n/* nu-checker-skip: new syntax */\n"
                + "b { x: y; }\n/* nu-checker-skip-end */\n\nc {\ncontent: \"  a\";\n}\n");
    }

    @Test
    void a_bake_with_broken_content_or_template_fails_and_keeps_the_previous_site(@TempDir Path dir)
            throws IOException {
        Path source = dir.resolve("src");
        copy(SiteBakeTest.SOURCE, source);
        Files.writeString(source.resolve("content/kaputt.md"), "title=Kaputt\ntype=unbekannt\nstatus=published\n"
                + "~~~~~~\n\nText\n");
        Files.writeString(source.resolve("content/fehler.md"), "title=Fehler\ntype=page\nstatus=published\n"
                + "~~~~~~\n\nText\n");
        Files.writeString(source.resolve("templates/page.ftl"),
                Files.readString(source.resolve("templates/page.ftl")).replace("${content.title}",
                        "${content.title} ${content.gibtEsNicht}"));
        Path output = dir.resolve("site");
        Files.createDirectories(output);
        Files.writeString(output.resolve("index.html"), "previous");

        SiteBaker baker = new SiteBaker(source, dir.resolve("work"), output);

        assertThatThrownBy(baker::bake)
                .isInstanceOf(SiteBaker.BakeFailedException.class)
                .hasMessageContaining("kaputt.md")
                .hasMessageContaining("unknown document type") // JBake's own warning, caught by JBakeWarnings
                .hasMessageContaining("gibtEsNicht");
        assertThat(Files.readString(output.resolve("index.html"))).isEqualTo("previous");
        assertThat(dir.resolve("site.baking")).doesNotExist();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : List.copyOf(paths.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
