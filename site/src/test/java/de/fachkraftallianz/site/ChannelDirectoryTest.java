package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelDirectoryTest {

    private static final FormDefinition FORM = FormCatalog.load().find(ChannelDirectory.FORM_ID).orElseThrow();

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
    void a_phone_number_as_people_write_it_becomes_an_international_tel_link() {
        assertThat(ChannelDirectory.telHref("030 23125 101")).isEqualTo("tel:+493023125101");
        assertThat(ChannelDirectory.telHref("035971 84-151")).isEqualTo("tel:+493597184151");
        assertThat(ChannelDirectory.telHref("0351/123 456")).isEqualTo("tel:+49351123456");
        assertThatThrownBy(() -> ChannelDirectory.telHref("+49 30 23125 101")).hasMessageContaining("telefon");
        assertThatThrownBy(() -> ChannelDirectory.telHref("099101")).hasMessageContaining("area code");
    }

    @Test
    void a_link_shows_its_host_and_path() {
        assertThat(ChannelDirectory.linkText(ChannelDirectory.httpsLink("chat_adresse", "https://chat.example.org/jugend/")))
                .isEqualTo("chat.example.org/jugend");
        assertThat(ChannelDirectory.linkText(ChannelDirectory.httpsLink("chat_adresse", "https://example.org")))
                .isEqualTo("example.org");
        assertThatThrownBy(() -> ChannelDirectory.httpsLink("video_adresse", "http://example.org/"))
                .hasMessageContaining("'video_adresse' must be a full https://");
    }

    @Test
    void the_count_reads_as_german() {
        assertThat(ChannelDirectory.countText(8, 8, true)).isEqualTo("8 Angebote");
        assertThat(ChannelDirectory.countText(1, 1, true)).isEqualTo("1 Angebot");
        assertThat(ChannelDirectory.countText(3, 8, false)).isEqualTo("3 von 8 Angeboten");
        assertThat(ChannelDirectory.countText(1, 8, false)).isEqualTo("1 von 8 Angeboten");
    }

    @Test
    void entries_are_read_sorted_by_name_and_filtered_by_type_and_group_in_the_forms_order() throws IOException {
        listing();
        entry("b-chat", "title=Zett-Chat\nkanaele=chat\nchat_adresse=https://chat.example.org/\n"
                + "zielgruppen=eltern-familien, kinder");
        entry("a-telefon", "title=Anruf\nkanaele=telefon\ntelefon=030 23125 101\nzielgruppen=kinder");

        ChannelDirectory directory = ChannelDirectory.read(content, FORM);

        assertThat(directory.entries()).extracting(ChannelDirectory.Entry::slug).containsExactly("a-telefon", "b-chat");
        assertThat(directory.entries().get(1).zielgruppen()).extracting(FormDefinition.Option::value)
                .as("in the form's order").containsExactly("kinder", "eltern-familien");
        assertThat(directory.filters()).extracting(ChannelDirectory.Filter::key).containsExactly(
                "alle", "kanal/telefon", "kanal/chat", "zielgruppe/kinder", "zielgruppe/eltern-familien");
        ChannelDirectory.Filter kinder = directory.filters().get(3);
        assertThat(directory.entriesOf(kinder)).hasSize(2);
        assertThat(kinder.url()).isEqualTo("/virtuelle-angebote/zielgruppe/kinder/");
        assertThat(kinder.heading()).isEqualTo("Zielgruppe: Kinder");
    }

    @Test
    void every_filter_in_use_gets_a_page_with_the_listings_header_and_body() throws IOException {
        listing();
        entry("a-telefon", "title=Anruf\nkanaele=telefon\ntelefon=030 23125 101\nzielgruppen=kinder, jugendliche");

        Map<String, Object> data = ChannelDirectory.read(content, FORM).generate(content);

        Path page = content.resolve("virtuelle-angebote/zielgruppe/jugendliche/index.md");
        assertThat(Files.readString(page)).startsWith("title=Virtuelle Angebote: Jugendliche\nfilter=zielgruppe/"
                + "jugendliche\nnavTitle=Virtuelle Angebote\n").contains("type=angebote\n").contains("einstiege=virtuell\n")
                .endsWith("~~~~~~\n\nEinleitung.\n");
        assertThat(content.resolve("virtuelle-angebote/kanal/telefon/index.md")).isRegularFile();
        assertThat(content.resolve("virtuelle-angebote/a-telefon/index.md")).as("the entry, moved to its folder")
                .content().contains("title=Anruf");
        assertThat(content.resolve("virtuelle-angebote/a-telefon.md")).doesNotExist();
        assertThat(content.resolve("virtuelle-angebote/kanal/chat")).doesNotExist();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) data.get("eintraege");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ways = (List<Map<String, Object>>) entries.get(0).get("wege");
        assertThat(ways).containsExactly(Map.of("art", "Telefon", "text", "030 23125 101", "href", "tel:+493023125101"));
        assertThat(entries.get(0)).containsEntry("zielgruppenWerte", "kinder jugendliche")
                .containsEntry("geprueft", Map.of("iso", "2020-04-20", "text", "20.04.2020"));
    }

    @Test
    void every_problem_of_every_entry_is_reported_at_once() throws IOException {
        listing();
        entry("falsch", "title=Falsch\nkanaele=brieftaube, chat\nzielgruppen=kinder, senioren, kinder\n"
                + "geprueft=20.04.2020\nfarbe=blau\nchat_adresse=http://example.org/");
        Files.writeString(content.resolve("virtuelle-angebote/Gross.md"), "title=X\ntype=angebot\n~~~~~~\n\nText\n");
        entry("kanal", "title=Kanal\nkanaele=telefon\ntelefon=030 23125 101\nzielgruppen=kinder");

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
                .hasMessageContaining("kanal.md: the file name 'kanal' is taken by the filter pages");
    }

    @Test
    void a_way_listed_without_its_address_or_an_address_without_its_way_is_refused() throws IOException {
        listing();
        entry("stumm", "title=Stumm\nkanaele=telefon, video\nvideo_adresse=https://video.example.org/\n"
                + "zielgruppen=kinder");
        entry("ohne-weg", "title=Ohne\nkanaele=chat\nchat_adresse=https://chat.example.org/\n"
                + "email_oeffentlich=info@example.org\nplattform=Instagram\nzielgruppen=kinder");

        assertThatThrownBy(() -> ChannelDirectory.read(content, FORM))
                .hasMessageContaining("stumm.md: 'kanaele' lists 'telefon': give its address in 'telefon'")
                .hasMessageContaining("ohne-weg.md: 'email_oeffentlich' is given, but 'kanaele' does not list 'email'")
                .hasMessageContaining("ohne-weg.md: 'plattform' is given, but 'kanaele' does not list 'social-media'")
                .message().doesNotContain("stumm.md: 'kanaele' lists 'video'");
    }

    @Test
    void an_entry_with_several_ways_is_in_the_filter_of_each_and_shows_every_address() throws IOException {
        listing();
        entry("viele-wege", "title=Viele Wege\nkanaele=social-media, telefon, chat\ntelefon=030 23125 101\n"
                + "chat_adresse=https://chat.example.org/jugend\nplattform=Instagram\n"
                + "social_media_adresse=https://social.example.org/jugend\nzielgruppen=jugendliche");

        ChannelDirectory directory = ChannelDirectory.read(content, FORM);
        Map<String, Object> data = directory.generate(content);

        assertThat(directory.filters()).extracting(ChannelDirectory.Filter::key).containsExactly(
                "alle", "kanal/telefon", "kanal/chat", "kanal/social-media", "zielgruppe/jugendliche");
        directory.filters().forEach(f -> assertThat(directory.entriesOf(f)).as(f.key()).hasSize(1));
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = ((List<Map<String, Object>>) data.get("eintraege")).get(0);
        assertThat(entry).containsEntry("kanaeleWerte", "telefon chat social-media");
        assertThat(entry.get("wege")).as("in the form's order, social media named by its platform").isEqualTo(List.of(
                Map.of("art", "Telefon", "text", "030 23125 101", "href", "tel:+493023125101"),
                Map.of("art", "Chat", "text", "chat.example.org/jugend", "href", "https://chat.example.org/jugend"),
                Map.of("art", "Instagram", "text", "social.example.org/jugend",
                        "href", "https://social.example.org/jugend")));
    }

    @Test
    void an_example_with_a_phone_number_or_an_address_outside_the_example_domains_is_refused() throws IOException {
        listing();
        entry("ruft-an", "title=Ruft an\nkanaele=telefon\ntelefon=030 23125 101\nzielgruppen=kinder\nbeispiel=true");
        entry("echte-post", "title=Post\nkanaele=email\nemail_oeffentlich=info@landkreis.de\nzielgruppen=kinder\n"
                + "beispiel=true");
        entry("echter-link", "title=Link\nkanaele=chat\nchat_adresse=https://chat.example.de/\nzielgruppen=kinder\n"
                + "beispiel=true");

        assertThatThrownBy(() -> ChannelDirectory.read(content, FORM))
                .hasMessageContaining("ruft-an.md: an example (beispiel=true) must not have a phone number")
                .hasMessageContaining("echte-post.md: an example (beispiel=true) may only have an e-mail address on")
                .hasMessageContaining("echter-link.md: an example (beispiel=true) may only link to a domain reserved");
    }

    @Test
    void an_example_shows_its_ways_as_text_only_and_may_have_none() throws IOException {
        listing();
        entry("a-still", "title=A\nkanaele=telefon\nzielgruppen=kinder\nbeispiel=true");
        entry("b-chat", "title=B\nkanaele=chat, email\nemail_oeffentlich=chat@example.org\n"
                + "chat_adresse=https://chat.example.org/jugend\nzielgruppen=kinder\nbeispiel=true");

        Map<String, Object> data = ChannelDirectory.read(content, FORM).generate(content);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) data.get("eintraege");
        assertThat(entries.get(0)).containsEntry("slug", "a-still").containsEntry("wege", List.of());
        assertThat(entries.get(1).get("wege")).isEqualTo(List.of(
                Map.of("art", "E-Mail", "text", "chat@example.org"),
                Map.of("art", "Chat", "text", "chat.example.org/jugend")));
        assertThat(ChannelDirectory.reservedForExamples("social.example.org")).isTrue();
        assertThat(ChannelDirectory.reservedForExamples("example.org.evil.de")).isFalse();
        assertThat(ChannelDirectory.reservedForExamples("notexample.org")).isFalse();
    }

    @Test
    void an_entry_longer_than_the_form_allows_or_without_description_is_refused() throws IOException {
        listing();
        Files.writeString(content.resolve("virtuelle-angebote/lang.md"), "title=" + "x".repeat(121) + "\ntype=angebot\n"
                + "status=published\ntraeger=T\nkanaele=telefon\ntelefon=030 23125 101\nerreichbarkeit=immer\n"
                + "zielgruppen=kinder\ngeprueft=2020-04-20\n~~~~~~\n\n" + "y".repeat(601) + "\n");
        Files.writeString(content.resolve("virtuelle-angebote/leer.md"), "title=Leer\ntype=angebot\n"
                + "status=published\ntraeger=T\nkanaele=telefon\ntelefon=030 23125 101\nerreichbarkeit=immer\n"
                + "zielgruppen=kinder\ngeprueft=2020-04-20\n~~~~~~\n\n");

        assertThatThrownBy(() -> ChannelDirectory.read(content, FORM))
                .hasMessageContaining("lang.md: 'title' is longer than the form allows (120 characters)")
                .hasMessageContaining("lang.md: the short description is longer than the form allows (600")
                .hasMessageContaining("leer.md: the short description (the text below ~~~~~~) is missing");
    }

    @Test
    void a_listing_of_another_type_or_a_filter_folder_in_the_sources_is_refused() throws IOException {
        Files.createDirectories(content.resolve("virtuelle-angebote/kanal/telefon"));
        Files.writeString(content.resolve("virtuelle-angebote/index.md"), LISTING.replace("type=angebote",
                "type=page"));

        assertThatThrownBy(() -> ChannelDirectory.read(content, FORM))
                .hasMessageContaining("index.md: needs type=angebote")
                .hasMessageContaining("content/virtuelle-angebote/kanal/ is generated");
    }

    private void listing() throws IOException {
        Files.createDirectories(content.resolve("virtuelle-angebote"));
        Files.writeString(content.resolve("virtuelle-angebote/index.md"), LISTING);
    }

    /** An entry with the given header lines; the other required ones get defaults. */
    private void entry(String slug, String lines) throws IOException {
        StringBuilder header = new StringBuilder(lines).append('\n');
        Map<String, String> defaults = Map.of("type", "angebot", "status", "published", "traeger", "Musterverein",
                "erreichbarkeit", "Montag bis Freitag", "geprueft", "2020-04-20");
        defaults.forEach((key, value) -> {
            if (!lines.contains(key + "=")) {
                header.append(key).append('=').append(value).append('\n');
            }
        });
        Files.writeString(content.resolve("virtuelle-angebote/" + slug + ".md"),
                header + "~~~~~~\n\nEine kurze Beschreibung.\n");
    }
}
