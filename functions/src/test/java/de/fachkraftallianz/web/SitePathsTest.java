package de.fachkraftallianz.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SitePathsTest {

    @Test
    void a_folders_index_is_the_folder_every_other_file_itself() {
        assertThat(SitePaths.pathOf("index.html")).isEqualTo("/");
        assertThat(SitePaths.pathOf("kontakt/index.html")).isEqualTo("/kontakt/");
        assertThat(SitePaths.pathOf("a\\b\\index.html")).isEqualTo("/a/b/");
        assertThat(SitePaths.pathOf("404.html")).isEqualTo("/404.html");
        assertThat(SitePaths.pathOf("kontakt/myindex.html")).isEqualTo("/kontakt/myindex.html");
    }

    @Test
    void both_directions_agree() {
        for (String file : List.of("index.html", "kontakt/index.html", "404.html", "assets/site.css", "a/b/c.html")) {
            assertThat(SitePaths.fileOf(SitePaths.pathOf(file))).isEqualTo(file);
        }
        assertThat(SitePaths.fileOf("kontakt/")).isEqualTo("kontakt/index.html");
    }
}
