package de.fachkraftallianz.directory;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The markup of an entry, shared by the site's pages and the office's preview. */
class EntryHtmlTest {

    private static final FormDefinition FORM = FormCatalog.load().find(Directory.FORM_ID).orElseThrow();
    private static final EntryHtml HTML = new EntryHtml(FORM);

    static Map<String, List<String>> fields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(Directory.TRAEGER, List.of("Muster-Jugendhilfe e. V."));
        fields.put(Directory.TITLE, List.of("Jugendclub online"));
        fields.put(Directory.DESCRIPTION, List.of("Erster Absatz.\n\nZweiter   Absatz."));
        fields.put(Directory.GROUPS, List.of("jugendliche", "kinder"));
        fields.put(Directory.ANONYMOUS, List.of("ja"));
        fields.put(Directory.CHANNELS, List.of("social-media", "telefon", "chat"));
        fields.put("telefon", List.of("030 23125 456"));
        fields.put("chat_adresse", List.of("https://chat.example.org/jugend/"));
        fields.put(Directory.PLATFORM, List.of("Instagram"));
        fields.put("social_media_adresse", List.of("https://social.example.org/jugend"));
        fields.put(Directory.HOURS, List.of("Mo–Fr 14–18 Uhr"));
        return fields;
    }

    @Test
    void the_page_shows_every_way_in_the_forms_order_as_a_link_and_the_facts_with_the_forms_labels() {
        Entry entry = new Entry("k7qm-4xrt", fields(), LocalDate.of(2026, 4, 20), false);

        assertThat(HTML.ways(entry)).containsExactly(
                "Telefon: <a href=\"tel:+493023125456\">030 23125 456</a>",
                "Chat: <a href=\"https://chat.example.org/jugend/\">chat.example.org/jugend</a>",
                "Social Media (Instagram): <a href=\"https://social.example.org/jugend\">social.example.org/jugend</a>");
        String details = HTML.details(entry);
        assertThat(details).contains("<p class=\"angebot__text\">Erster Absatz.</p>",
                "<p class=\"angebot__text\">Zweiter Absatz.</p>",
                "<dt>Art des Angebots</dt><dd>Telefon, Chat, Social Media (Instagram)</dd>",
                "<dt>Für wen</dt><dd>Kinder, Jugendliche</dd>",
                "<dt>Kann man das Angebot anonym nutzen?</dt><dd>Ja</dd>",
                "Zuletzt geprüft am <time datetime=\"2026-04-20\">20.04.2026</time>");
        assertThat(details).doesNotContain("Angebot endet");
        assertThat(HTML.heading(entry)).isEqualTo("<h1>Jugendclub online</h1>\n");
    }

    @Test
    void the_card_links_the_entrys_page_and_names_its_ways_audience_hours_and_last_check() {
        String card = HTML.card(new Entry("k7qm-4xrt", fields(), LocalDate.of(2026, 4, 20), false));
        assertThat(card).startsWith("<li class=\"angebot\" id=\"angebot-k7qm-4xrt\">")
                .contains("<a href=\"/virtuelle-angebote/k7qm-4xrt/\">Jugendclub online</a>",
                        "<dt>Kontakt</dt><dd>Telefon, Chat, Social Media (Instagram)</dd>",
                        "<dt>Für</dt><dd>Kinder, Jugendliche</dd>", "<dt>Erreichbar</dt><dd>Mo–Fr 14–18 Uhr</dd>",
                        "Zuletzt geprüft am")
                .doesNotContain("tel:").doesNotContain("Erster Absatz");
    }

    @Test
    void every_text_is_escaped_and_an_address_that_is_not_linkable_stays_text() {
        Map<String, List<String>> fields = fields();
        fields.put(Directory.TITLE, List.of("<script>alert(1)</script>"));
        fields.put(Directory.HOURS, List.of("\"><img src=x onerror=alert(1)>"));
        fields.put("telefon", List.of("0800 ANRUFEN"));
        fields.put("chat_adresse", List.of("javascript:alert(1)"));
        Entry entry = new Entry("k7qm-4xrt", fields, LocalDate.of(2026, 4, 20), false);

        String all = HTML.card(entry) + HTML.heading(entry) + HTML.details(entry);
        assertThat(all).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x")
                .doesNotContain("<script>").doesNotContain("<img").doesNotContain("href=\"javascript");
        assertThat(HTML.ways(entry)).startsWith("Telefon: 0800 ANRUFEN", "Chat: javascript:alert(1)");
    }

    @Test
    void an_example_is_marked_and_never_something_to_tap() {
        Map<String, List<String>> fields = fields();
        fields.remove("telefon");
        Entry example = new Entry("jugendclub-online", fields, LocalDate.of(2020, 4, 22), true);

        assertThat(HTML.ways(example)).containsExactly("Chat: chat.example.org/jugend (Beispiel, nicht erreichbar)",
                "Social Media (Instagram): social.example.org/jugend (Beispiel, nicht erreichbar)");
        assertThat(HTML.card(example) + HTML.details(example)).doesNotContain("href=\"http").contains("Beispiel");
        fields.remove("chat_adresse");
        fields.remove("social_media_adresse");
        assertThat(HTML.details(new Entry("still", fields, LocalDate.of(2020, 4, 22), true)))
                .contains("Keine Kontaktdaten: Dieser Eintrag ist ein ausgedachtes Beispiel.");
    }
}
