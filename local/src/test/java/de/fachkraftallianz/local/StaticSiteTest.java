package de.fachkraftallianz.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticSiteTest {

    @TempDir
    Path temp;
    private Path root;
    private StaticSite site;

    @BeforeEach
    void bakeATinySite() throws IOException {
        root = Files.createDirectories(temp.resolve("site"));
        Files.writeString(root.resolve("index.html"), "start");
        Files.createDirectories(root.resolve("kontakt"));
        Files.writeString(root.resolve("kontakt/index.html"), "kontakt");
        Files.createDirectories(root.resolve("assets"));
        Files.writeString(root.resolve("assets/site.css"), "body{}");
        Files.writeString(temp.resolve("secret.txt"), "outside the site");
        site = new StaticSite(root);
    }

    private Path found(String rawPath) {
        assertThat(site.lookup(rawPath)).as(rawPath).isInstanceOf(StaticSite.Found.class);
        return ((StaticSite.Found) site.lookup(rawPath)).file();
    }

    @Test
    void a_directory_path_with_slash_serves_its_index() throws IOException {
        assertThat(Files.readString(found("/"))).isEqualTo("start");
        assertThat(Files.readString(found("/kontakt/"))).isEqualTo("kontakt");
    }

    @Test
    void a_path_without_dot_and_slash_redirects_to_the_slash_form() {
        assertThat(site.lookup("/kontakt")).isEqualTo(new StaticSite.Redirect("/kontakt/"));
        assertThat(site.lookup("/unknown")).isEqualTo(new StaticSite.Redirect("/unknown/"));
    }

    @Test
    void files_are_served_with_their_content_type() {
        StaticSite.Lookup lookup = site.lookup("/assets/site.css");
        assertThat(lookup).isEqualTo(new StaticSite.Found(root.resolve("assets/site.css").toAbsolutePath().normalize(),
                "text/css; charset=utf-8"));
    }

    @Test
    void content_types_follow_the_extension() {
        for (var entry : List.of(
                List.of("a.html", "text/html; charset=utf-8"), List.of("a.js", "text/javascript; charset=utf-8"),
                List.of("a.svg", "image/svg+xml"), List.of("a.PNG", "image/png"), List.of("a.ico", "image/x-icon"),
                List.of("a.xml", "application/xml"), List.of("a.txt", "text/plain; charset=utf-8"),
                List.of("a.json", "application/json"), List.of("a.woff2", "font/woff2"),
                List.of("a.unknown", "application/octet-stream"))) {
            assertThat(StaticSite.contentType(Path.of(entry.get(0)))).as(entry.get(0)).isEqualTo(entry.get(1));
        }
    }

    @Test
    void missing_files_are_not_found() {
        assertThat(site.lookup("/missing.html")).isInstanceOf(StaticSite.NotFound.class);
        assertThat(site.lookup("/assets/")).isInstanceOf(StaticSite.NotFound.class);
    }

    @Test
    void traversal_out_of_the_site_is_not_found_in_any_spelling() {
        for (String attack : List.of("/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                "/%2E%2E/secret.txt", "/assets/%2e%2e%2f%2e%2e%2fsecret.txt", "/..%2fsecret.txt",
                "/..%5csecret.txt", "/assets/..\\..\\secret.txt", "/%00/secret.txt", "//etc/passwd",
                "/./index.html", "relative.html")) {
            assertThat(site.lookup(attack)).as(attack).isInstanceOf(StaticSite.NotFound.class);
        }
    }

    @Test
    void a_symbolic_link_out_of_the_site_is_not_followed() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), temp.resolve("secret.txt"));
        assertThat(site.lookup("/link.txt")).isInstanceOf(StaticSite.NotFound.class);
    }

    @Test
    void a_missing_site_fails_with_the_command_that_bakes_it() {
        assertThatThrownBy(() -> new StaticSite(temp.resolve("nothing")))
                .hasMessageContaining("mvn -q -pl site install");
    }
}
