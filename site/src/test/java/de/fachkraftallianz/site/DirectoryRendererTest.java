package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.forms.FormCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The directory's renderer on its own, with the kit of the local bake (site/target/directory-kit). */
class DirectoryRendererTest {

    private static final DirectoryRenderer RENDERER =
            new DirectoryRenderer(DirectoryKit.fromDirectory(SiteBaker.kitOf(SiteBakeTest.SITE)), FormCatalog.load());

    @Test
    void the_same_entries_in_any_order_give_the_same_bytes() {
        List<Entry> entries = new ArrayList<>(DirectoryFixture.realistic(40));
        SortedMap<String, byte[]> first = RENDERER.render(entries);
        Collections.reverse(entries);
        SortedMap<String, byte[]> second = RENDERER.render(entries);

        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((key, bytes) -> assertThat(Arrays.equals(bytes, second.get(key))).as(key).isTrue());
        assertThat(first.keySet()).allMatch(key -> key.startsWith(Directory.PREFIX));
    }

    @Test
    void a_long_listing_is_paginated_with_stable_addresses_and_links_between_its_pages() {
        SortedMap<String, byte[]> files = RENDERER.render(DirectoryFixture.realistic(100));

        Document first = page(files, "virtuelle-angebote/index.html");
        int pages = Integer.parseInt(first.select(".seiten__stand").text().replaceAll(".* von ", ""));
        assertThat(pages).isGreaterThan(1);
        assertThat(files).containsKey("virtuelle-angebote/seite/" + pages + "/index.html")
                .doesNotContainKey("virtuelle-angebote/seite/" + (pages + 1) + "/index.html")
                .doesNotContainKey("virtuelle-angebote/seite/1/index.html");
        assertThat(first.select("a[rel=next]").attr("href")).isEqualTo("/virtuelle-angebote/seite/2/");
        assertThat(first.select("a[rel=prev]")).isEmpty();
        Document second = page(files, "virtuelle-angebote/seite/2/index.html");
        assertThat(second.select("a[rel=prev]").attr("href")).isEqualTo("/virtuelle-angebote/");
        assertThat(second.select(".seiten a[aria-current=page]").text()).isEqualTo("Seite 2");
        assertThat(second.title()).isEqualTo("Virtuelle Angebote: Seite 2 – Fachkraftallianz");

        int shown = 0;
        List<String> seen = new ArrayList<>();
        for (int n = 1; n <= pages; n++) {
            Document doc = page(files, n == 1 ? "virtuelle-angebote/index.html"
                    : "virtuelle-angebote/seite/" + n + "/index.html");
            List<String> ids = doc.select("ul.angebote > li").eachAttr("id");
            assertThat(ids).hasSizeBetween(1, DirectoryRenderer.PAGE_SIZE);
            seen.addAll(ids);
            shown += ids.size();
        }
        assertThat(shown).as("every entry once, sorted by name").isEqualTo(108);
        assertThat(seen).doesNotHaveDuplicates();
        Document filtered = page(files, "virtuelle-angebote/kanal/telefon/zielgruppe/kinder/index.html");
        assertThat(filtered.select("nav.filter a[href=/virtuelle-angebote/kanal/chat/zielgruppe/kinder/]")).hasSize(1);
    }

    @Test
    void long_entries_get_fewer_to_a_page_so_that_the_cards_stay_within_their_budget() {
        List<Entry> longest = DirectoryFixture.longest(60);
        Map<String, String> cards = cards(longest);
        for (List<Entry> page : DirectoryRenderer.paginate(longest, cards)) {
            int bytes = page.stream().mapToInt(e -> cards.get(e.slug()).getBytes(StandardCharsets.UTF_8).length).sum();
            assertThat(page.size() == 1 || bytes <= DirectoryRenderer.CARDS_BUDGET).as(bytes + " bytes").isTrue();
        }
        assertThat(DirectoryRenderer.paginate(DirectoryFixture.longest(20), cards(DirectoryFixture.longest(20))))
                .allSatisfy(page -> assertThat(page.size()).isLessThan(DirectoryRenderer.PAGE_SIZE));
        assertThat(DirectoryRenderer.paginate(DirectoryFixture.realistic(40), cards(DirectoryFixture.realistic(40))))
                .first().satisfies(page -> assertThat(page).hasSizeGreaterThan(DirectoryRenderer.PAGE_SIZE * 2 / 3));
        assertThat(DirectoryRenderer.paginate(List.of(), Map.of())).containsExactly(List.of());
    }

    @Test
    void html_in_an_entry_is_text_on_every_page() {
        Entry entry = DirectoryFixture.realistic(1).get(0);
        Map<String, List<String>> fields = new LinkedHashMap<>(entry.fields());
        fields.put(Directory.TITLE, List.of("<script>alert(1)</script> & Co"));
        fields.put(Directory.DESCRIPTION, List.of("<img src=x onerror=alert(1)>"));
        Entry hostile = new Entry(entry.slug(), fields, entry.checked(), false);

        SortedMap<String, byte[]> files = RENDERER.render(List.of(hostile));
        String listing = new String(files.get("virtuelle-angebote/index.html"), StandardCharsets.UTF_8);
        String own = new String(files.get("virtuelle-angebote/" + entry.slug() + "/index.html"), StandardCharsets.UTF_8);

        for (String html : List.of(listing, own)) {
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co").doesNotContain("<script>alert")
                    .doesNotContain("<img src=x");
        }
        assertThat(Jsoup.parse(own).title()).isEqualTo("<script>alert(1)</script> & Co – Fachkraftallianz");
    }

    @Test
    void two_entries_at_one_address_are_refused() {
        Entry entry = DirectoryFixture.realistic(1).get(0);
        assertThatThrownBy(() -> RENDERER.render(List.of(entry, entry))).hasMessageContaining("two entries at");
    }

    @Test
    void an_empty_directory_says_so_and_keeps_every_filter_address() {
        DirectoryKit kit = DirectoryKit.fromDirectory(SiteBaker.kitOf(SiteBakeTest.SITE));
        SortedMap<String, byte[]> files = RENDERER.render(List.of());
        assertThat(files.keySet()).filteredOn(k -> k.endsWith("index.html")).hasSize(36 + kit.examples().size());
    }

    private static Map<String, String> cards(List<Entry> entries) {
        de.fachkraftallianz.directory.EntryHtml html = new de.fachkraftallianz.directory.EntryHtml(
                FormCatalog.load().find(Directory.FORM_ID).orElseThrow());
        Map<String, String> cards = new LinkedHashMap<>();
        entries.forEach(e -> cards.put(e.slug(), html.card(e)));
        return cards;
    }

    private static Document page(SortedMap<String, byte[]> files, String key) {
        assertThat(files).containsKey(key);
        return Jsoup.parse(new String(files.get(key), StandardCharsets.UTF_8), "http://site.test/" + key);
    }
}
