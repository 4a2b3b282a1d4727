package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The pages a German county's site must have, and what they must say. */
class LegalPagesTest {

    private static final List<String> LEGAL_PAGES =
            List.of("/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/");

    @Test
    void the_legal_pages_exist_and_every_page_links_them_in_its_footer() {
        LEGAL_PAGES.forEach(BakedSite::page);
        BakedSite.pages().forEach((url, page) -> {
            List<Element> footerNavs = page.select("footer nav");
            assertThat(footerNavs).as(url + ": a navigation in the footer").hasSize(1);
            assertThat(footerNavs.get(0).attr("aria-label")).as(url).isNotBlank();
            assertThat(footerNavs.get(0).select("a").eachAttr("href")).as(url).containsAll(LEGAL_PAGES);
        });
    }

    @Test
    void the_privacy_notice_lists_every_field_label_and_the_retention_of_every_form() {
        Document privacy = BakedSite.page("/datenschutz/");
        for (FormDefinition form : FormCatalog.load().all()) {
            Element block = privacy.selectFirst("section.privacy-form:has(#ds-" + form.id() + ")");
            assertThat(block).as("privacy block of " + form.id()).isNotNull();
            // What the form asks for; the consent tick box (and any other single tick box) is a confirmation,
            // not information about the person.
            List<String> asked = form.fields().stream().filter(f -> !f.type().isTickBox()).map(Field::label).toList();
            assertThat(block.select("dt:containsOwn(Abgefragte Angaben) + dd li").eachText()).as(form.id())
                    .containsExactlyElementsOf(asked);
            // A channel listed in the directory keeps no expiry while it is listed (DirectoryStore, OfficeStore).
            String listed = form.id().equals(de.fachkraftallianz.directory.Directory.FORM_ID)
                    ? " Steht das Angebot im Verzeichnis der virtuellen Angebote, beginnen die " + form.retentionDays()
                            + " Tage erst, wenn es dort herausgenommen wird." : "";
            assertThat(block.select("dt:containsOwn(Speicherdauer) + dd").text()).as(form.id())
                    .isEqualTo("Bis zum Abschluss Ihres Anliegens und danach noch " + form.retentionDays()
                            + " Tage, dann wird automatisch gelöscht." + listed);
            assertThat(block.select("dt:containsOwn(Empfänger) + dd").text()).as(form.id()).contains(form.recipient());
            assertThat(block.select("dt:containsOwn(Wozu) + dd").text()).as(form.id()).isNotBlank();
            assertThat(block.select("dt:containsOwn(Rechtsgrundlage) + dd").text()).as(form.id()).contains("DSGVO");
            assertThat(block.select("a[href=/formulare/" + form.id() + "/]")).as(form.id()).hasSize(1);
        }
        // The same periods as the code (Retention): closing starts the form's period, unreviewed spam goes after its own.
        assertThat(privacy.text()).contains("die niemand prüft, werden "
                + de.fachkraftallianz.submission.Retention.UNREVIEWED_SPAM.toDays() + " Tage nach dem Eingang gelöscht")
                .contains("Sie beginnt nicht mit dem Absenden, sondern erst, wenn Ihr Anliegen abgeschlossen ist")
                .doesNotContain("dieselbe Speicherdauer");
    }

    @Test
    void every_form_page_states_the_same_retention_as_the_privacy_page() {
        Document privacy = BakedSite.page("/datenschutz/");
        for (FormDefinition form : FormCatalog.load().all()) {
            String period = privacy.select("section.privacy-form:has(#ds-" + form.id() + ") dt:containsOwn(Speicherdauer) + dd")
                    .text();
            Document page = BakedSite.page("/formulare/" + form.id() + "/");
            // The facts box at the top and the notice before the button: both from the close, never from sending.
            assertThat(page.select("dt:containsOwn(Speicherdauer) + dd").text()).as(form.id()).startsWith(period);
            assertThat(page.select(".form__privacy").text()).as(form.id()).contains("Speicherdauer: " + period);
            assertThat(page.text()).as(form.id()).doesNotContain("nach dem Absenden gelöscht").doesNotContain("höchstens");
        }
    }

    @Test
    void the_privacy_notice_explains_basis_recipients_deletion_rights_and_the_absence_of_tracking() {
        String text = BakedSite.page("/datenschutz/").select("main").text();
        assertThat(text).contains("SGB VIII", "§ 62 SGB VIII", "Art. 28 DSGVO", "Datenschutzbeauftragte",
                "automatisch gelöscht", "keine Cookies", "keine fremden Server");
        for (String article : List.of("Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 19", "Art. 20", "Art. 21",
                "Art. 77")) {
            assertThat(text).as("rights").contains(article + " DSGVO");
        }
    }

    @Test
    void the_impressum_names_the_county_its_representative_and_address() {
        String text = BakedSite.page("/impressum/").select("main").text();
        // The postal address as the county's own page of the press release gives it.
        assertThat(text).contains("Landkreis Sächsische Schweiz-Osterzgebirge", "vertreten durch den Landrat",
                "Postfach 10 02 53/54", "01782 Pirna", "Verantwortlich für den Inhalt");
    }

    @Test
    void the_accessibility_statement_has_the_bitv_sections_a_date_and_the_feedback_form() {
        Document statement = BakedSite.page("/barrierefreiheit/");
        List<String> headings = statement.select("main h2").eachText();
        for (String section : List.of("Stand der Vereinbarkeit", "Nicht barrierefreie Inhalte",
                "Erstellung dieser Erklärung", "Feedback", "Durchsetzungsverfahren")) {
            assertThat(headings).as("section " + section).anyMatch(h -> h.contains(section));
        }
        // The date comes from data/county.yaml: a date once the county has set it, its placeholder until then.
        assertThat(statement.select("main").text())
                .containsPattern("am (\\d{2}\\.\\d{2}\\.\\d{4}|\\[Platzhalter: [^\\]]+]) erstellt");
        Element feedbackForm = statement.selectFirst("main a[href=/formulare/barriere-melden/]");
        assertThat(feedbackForm).isNotNull();
        // The feedback form belongs to the feedback section, before the enforcement procedure.
        assertThat(statement.select("main h2, main a[href=/formulare/barriere-melden/]").eachText())
                .containsSubsequence("Barrieren melden: Feedback und Kontakt", feedbackForm.text(),
                        "Durchsetzungsverfahren");
        assertThat(FormCatalog.FORM_IDS).contains("barriere-melden");
    }

    @Test
    void the_easy_language_page_uses_short_sentences() {
        Element body = BakedSite.page("/leichte-sprache/").selectFirst("main .prose");
        List<String> tooLong = new ArrayList<>();
        for (String sentence : body.text().split("(?<=[.?!:])\\s+")) {
            if (sentence.split("\\s+").length > 15) {
                tooLong.add(sentence);
            }
        }
        assertThat(tooLong).isEmpty();
        assertThat(body.select("h2")).hasSizeGreaterThanOrEqualTo(5);
    }

    /** Words of the Leichte Sprache page that a reader may not know: each is explained where it first appears. */
    private static final List<String> HARD_WORDS = List.of("wir", "Amt", "Land·kreis", "Fach·kräfte",
            "Sozial·pädagogen", "Kinder·heim", "Pflege·familie", "Allianz", "Träger", "Freiwillig",
            "Pflege·kinder·dienst", "Ansprech·person", "Formular", "Alltags·sprache", "Beratung", "Virtuell", "Daten",
            "Löschen", "Barriere");

    @Test
    void the_easy_language_page_has_no_relative_clauses_and_no_negations() {
        Element page = BakedSite.page("/leichte-sprache/").selectFirst("main article");
        String text = page.text();

        assertThat(Pattern.compile(",\\s+(der|die|das|dem|den|denen|deren|dessen|welche\\w*|wo)\\s")
                .matcher(text).results().map(m -> m.group()).toList()).as("relative clauses").isEmpty();
        assertThat(Pattern.compile("(?i)\\b(nicht|kein\\w*|niemand|nichts|nie|weder|ohne)\\b")
                .matcher(text).results().map(m -> m.group()).toList()).as("negations").isEmpty();
    }

    @Test
    void the_easy_language_page_explains_every_hard_word_and_first_says_who_we_are() {
        Element prose = BakedSite.page("/leichte-sprache/").selectFirst("main .prose");
        List<String> explained = prose.select("strong").eachText();
        assertThat(explained).containsAll(HARD_WORDS);

        String first = null;
        for (String sentence : prose.text().split("(?<=[.?!])\\s+")) {
            if (Pattern.compile("(?i)\\b(wir|uns|unser\\w*)\\b").matcher(sentence).find()) {
                first = sentence;
                break;
            }
        }
        assertThat(first).as("the first sentence with „wir“ says who that is")
                .isEqualTo("Auf dieser Seite bedeutet wir: das Jugend- und Bildungs·amt.");
    }

    @Test
    void every_link_from_the_easy_language_page_says_first_that_it_leads_to_standard_language() {
        Element prose = BakedSite.page("/leichte-sprache/").selectFirst("main .prose");
        assertThat(prose.select("a")).hasSizeGreaterThan(5);
        for (Element link : prose.select("a")) {
            Element block = link.closest("p, li");
            Element before = block.tagName().equals("li") ? block.parent().previousElementSibling()
                    : block.previousElementSibling();
            String context = block.text() + " " + (before == null ? "" : before.text());
            assertThat(context).as(link.attr("href") + ": says the page is in standard language")
                    .containsPattern("Achtung: (Das|Die|Diese) .*in Alltags·sprache");
        }
    }

    @Test
    void the_start_page_and_the_header_lead_to_leichte_sprache() {
        assertThat(BakedSite.page("/").select("main a[href=/leichte-sprache/]")).isNotEmpty();
        BakedSite.pages().forEach((url, page) -> assertThat(page.select("header a[href=/leichte-sprache/]"))
                .as(url).hasSize(1));
    }

    @Test
    void every_placeholder_is_marked_the_same_way() {
        Pattern mention = Pattern.compile("Platzhalter");
        Pattern marked = Pattern.compile("\\[Platzhalter: [^\\[\\]]+]");
        BakedSite.pages().forEach((url, page) -> {
            String text = page.select("main").text();
            Matcher all = mention.matcher(text);
            int mentions = 0;
            while (all.find()) {
                mentions++;
            }
            Matcher good = marked.matcher(text);
            int wellMarked = 0;
            while (good.find()) {
                wellMarked++;
            }
            assertThat(wellMarked).as(url + ": every placeholder reads „[Platzhalter: …]“").isEqualTo(mentions);
            assertThat(page.select("a[href*=Platzhalter]")).as(url + ": no link to a placeholder").isEmpty();
        });
    }

    @Test
    void every_phone_link_dials_the_number_it_shows() {
        BakedSite.pages().forEach((url, page) -> {
            for (Element link : page.select("a[href^=tel:]")) {
                String digits = link.text().replaceAll("[^0-9]", "");
                // A number with an area code dials internationally; a short or service number (116 111, 110) as is.
                String expected = digits.startsWith("0") ? "tel:+49" + digits.substring(1) : "tel:" + digits;
                assertThat(link.attr("href")).as(url + ": " + link.text()).isEqualTo(expected);
            }
        });
        assertThat(BakedSite.page("/kontakt/").select("a[href^=tel:]").eachAttr("href"))
                .containsExactlyInAnyOrderElementsOf(PhoneNumbersTest.configuredContactNumbers());
        assertThat(BakedSite.page("/virtuelle-angebote/").select("a[href^=tel:]").eachAttr("href"))
                .contains("tel:+498001110550", "tel:116111");
    }
}
