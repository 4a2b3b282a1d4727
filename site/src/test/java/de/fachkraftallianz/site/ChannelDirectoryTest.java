package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory's sources: the listing's text and the made-up examples, read and checked for the bake. */
class ChannelDirectoryTest {

    private static final FormDefinition FORM = FormCatalog.load().find(Directory.FORM_ID).orElseThrow();

    private static final String LISTING = """
            title=Virtuelle Angebote
            type=angebote
            status=published
            einstiege=virtuell
            ~~~~~~

            Einleitung.
            """;

    @TempDir
    Path content;

    @Test
    void a_county_phone_number_as_people_write_it_becomes_an_international_tel_link() {
        assertThat(ChannelDirectory.telHref("030 23125 101")).isEqualTo("tel:+493023125101");
        assertThat(ChannelDirectory.telHref("035971 84-151")).isEqualTo("tel:+493597184151");
        assertThat(ChannelDirectory.telHref("0351/123 456")).isEqualTo("tel:+49351123456");
        assertThatThrownBy(() -> ChannelDirectory.telHref("+49 30 23125 101")).hasMessageContaining("telefon");
        assertThatThrownBy(() -> ChannelDirectory.telHref("099101")).hasMessageContaining("area code");
    }

    @Test
    void examples_become_entries_with_the_forms_field_names_in_the_forms_order() throws IOException {
        listing();
        entry("b-chat", "title=Zett-Chat\nkanaele=chat\nchat_adresse=https://chat.example.org/\n"
                + "zielgruppen=eltern-familien, kinder");
        entry("a-still", "title=Anruf\nkanaele=telefon, social-media\nplattform=Instagram\nzielgruppen=kinder");

        ChannelDirectory.Sources sources = ChannelDirectory.read(content, FORM);

        assertThat(sources.listing().header()).containsEntry("title", "Virtuelle Angebote");
        assertThat(sources.listing().body()).contains("Einleitung.");
        assertThat(sources.examples()).extracting(Entry::slug).containsExactly("a-still", "b-chat");
        Entry chat = sources.examples().get(1);
        assertThat(chat.example()).isTrue();
        assertThat(chat.checked()).isEqualTo(LocalDate.of(2020, 4, 20));
        assertThat(chat.fields()).containsEntry(Directory.TITLE, List.of("Zett-Chat"))
                .containsEntry(Directory.GROUPS, List.of("kinder", "eltern-familien"))
                .containsEntry("chat_adresse", List.of("https://chat.example.org/"))
                .containsEntry(Directory.DESCRIPTION, List.of("Eine kurze Beschreibung."))
                .containsEntry(Directory.HOURS, List.of("Montag bis Freitag"));
        assertThat(List.copyOf(chat.fields().keySet())).as("the form's order").containsExactly("traeger",
                "angebot_name", "beschreibung", "zielgruppen", "kanaele", "chat_adresse", "erreichbarkeit");
        assertThat(sources.examples().get(0).values(Directory.CHANNELS)).containsExactly("telefon", "social-media");
    }

    @Test
    void a_file_that_is_not_an_example_is_refused_real_entries_are_published_by_the_office() throws IOException {
        listing();
        entry("echt", "title=Echt\nkanaele=chat\nchat_adresse=https://chat.example.org/\nzielgruppen=kinder\n"
                + "beispiel=false");

        assertThatThrownBy(() -> ChannelDirectory.read(content, FORM))
                .hasMessageContaining("echt.md: only made-up examples are files (beispiel=true)")
                .hasMessageContaining("the table stays the one place published entries live");
    }

    @Test
    void every_problem_of_every_example_is_reported_at_once() throws IOException {
        listing();
        entry("falsch", "title=Falsch\nkanaele=brieftaube, chat\nzielgruppen=kinder, senioren, kinder\n"
                + "geprueft=20.04.2020\nfarbe=blau\nchat_adresse=http://example.org/");
        Files.writeString(content.resolve("virtuelle-angebote/Gross.md"), "title=X\ntype=angebot\n~~~~~~\n\nText\n");
        entry("kanal", "title=Kanal\nkanaele=chat\nzielgruppen=kinder");
        entry("seite", "title=Seite\nkanaele=chat\nzielgruppen=kinder");

        assertThatThrownBy(() -> ChannelDirectory.read(content, FORM))
                .isInstanceOf(SiteBaker.BakeFailedException.class)
                .hasMessageContaining("falsch.md: 'kanaele' has the unknown value 'brieftaube'")
                .hasMessageContaining("'zielgruppen' has the unknown value 'senioren'")
                .hasMessageContaining("target group 'kinder' is listed twice")
                .hasMessageContaining("'geprueft' must be a date written as YYYY-MM-DD")
                .hasMessageContaining("unknown header field 'farbe'")
                .hasMessageContaining("'chat_adresse' must be a full https:// address")
                .hasMessageContaining("Gross.md: the file name becomes the address")
                .hasMessageContaining("Gross.md: header field 'kanaele' is missing or empty")
                .hasMessageContaining("kanal.md: the file name 'kanal' is taken by the directory's own pages")
                .hasMessageContaining("seite.md: the file name 'seite' is taken by the directory's own pages");
    }

    @Test
    void an_address_without_its_way_is_refused_and_an_example_may_leave_an_address_out() throws IOException {
        listing();
        entry("ohne-weg", "title=Ohne\nkanaele=chat\nchat_adresse=https://chat.example.org/\n"
                + "email_oeffentlich=info@example.org\nplattform=Instagram\nzielgruppen=kinder");
        entry("still", "title=Still\nkanaele=video\nzielgruppen=kinder");

        assertThatThrownBy(() -> ChannelDirectory.read(content, FORM))
                .hasMessageContaining("ohne-weg.md: 'email_oeffentlich' is given, but 'kanaele' does not list 'email'")
                .hasMessageContaining("ohne-weg.md: 'plattform' is given, but 'kanaele' does not list 'social-media'")
                .message().doesNotContain("still.md");
    }

    @Test
    void an_example_with_a_phone_number_or_an_address_outside_the_example_domains_is_refused() throws IOException {
        listing();
        entry("ruft-an", "title=Ruft an\nkanaele=telefon\ntelefon=030 23125 101\nzielgruppen=kinder");
        entry("echte-post", "title=Post\nkanaele=email\nemail_oeffentlich=info@landkreis.de\nzielgruppen=kinder");
        entry("echter-link", "title=Link\nkanaele=chat\nchat_adresse=https://chat.example.de/\nzielgruppen=kinder");

        assertThatThrownBy(() -> ChannelDirectory.read(content, FORM))
                .hasMessageContaining("ruft-an.md: an example must not have a phone number")
                .hasMessageContaining("echte-post.md: an example may only have an e-mail address on")
                .hasMessageContaining("echter-link.md: an example may only link to a domain reserved");
    }

    @Test
    void an_example_longer_than_the_form_allows_or_without_description_is_refused() throws IOException {
        listing();
        Files.writeString(content.resolve("virtuelle-angebote/lang.md"), "title=" + "x".repeat(121) + "\ntype=angebot\n"
                + "status=published\ntraeger=T\nkanaele=chat\nerreichbarkeit=immer\nbeispiel=true\n"
                + "zielgruppen=kinder\ngeprueft=2020-04-20\n~~~~~~\n\n" + "y".repeat(601) + "\n");
        Files.writeString(content.resolve("virtuelle-angebote/leer.md"), "title=Leer\ntype=angebot\n"
                + "status=published\ntraeger=T\nkanaele=chat\nerreichbarkeit=immer\nbeispiel=true\n"
                + "zielgruppen=kinder\ngeprueft=2020-04-20\n~~~~~~\n\n");

        assertThatThrownBy(() -> ChannelDirectory.read(content, FORM))
                .hasMessageContaining("lang.md: 'title' is longer than the form allows (120 characters)")
                .hasMessageContaining("lang.md: the short description is longer than the form allows (600")
                .hasMessageContaining("leer.md: the short description (the text below ~~~~~~) is missing");
    }

    @Test
    void a_listing_of_another_type_or_a_folder_in_the_sources_is_refused() throws IOException {
        Files.createDirectories(content.resolve("virtuelle-angebote/kanal/telefon"));
        Files.writeString(content.resolve("virtuelle-angebote/index.md"), LISTING.replace("type=angebote",
                "type=page"));

        assertThatThrownBy(() -> ChannelDirectory.read(content, FORM))
                .hasMessageContaining("index.md: needs type=angebote")
                .hasMessageContaining("content/virtuelle-angebote/kanal/: the directory's pages are generated");
    }

    private void listing() throws IOException {
        Files.createDirectories(content.resolve("virtuelle-angebote"));
        Files.writeString(content.resolve("virtuelle-angebote/index.md"), LISTING);
    }

    /** An example with the given header lines; the other required ones get defaults. */
    private void entry(String slug, String lines) throws IOException {
        StringBuilder header = new StringBuilder(lines).append('\n');
        Map<String, String> defaults = Map.of("type", "angebot", "status", "published", "traeger", "Musterverein",
                "erreichbarkeit", "Montag bis Freitag", "geprueft", "2020-04-20", "beispiel", "true");
        defaults.forEach((key, value) -> {
            if (!lines.contains(key + "=")) {
                header.append(key).append('=').append(value).append('\n');
            }
        });
        Files.writeString(content.resolve("virtuelle-angebote/" + slug + ".md"),
                header + "~~~~~~\n\nEine kurze Beschreibung.\n");
    }
}
