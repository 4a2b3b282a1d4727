package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The site says what the county's press release no. 107/2020 says and nothing it does not: no promises of cost,
 * speed or home visits, no retention period that is not configured, the release's own title, and the legal basis
 * of the processing as it is (the office's statutory task, consent only where it really is the basis).
 */
class HonestContentTest {

    /** Promises the press release does not make, and the office no one named for this offer. */
    private static final List<String> INVENTED = List.of("kostenlos", "kostet", "weniger Werktage",
            "nach Hause kommen", "so schnell wie möglich", "Sebnitz", "Bürgerbüro");

    private static final Pattern DAYS = Pattern.compile("(\\d+) Tag(e|en)\\b");

    @Test
    void no_page_promises_what_the_press_release_does_not_say() {
        List<String> found = new ArrayList<>();
        BakedSite.pages().forEach((url, page) -> {
            String text = page.select("main").text();
            INVENTED.stream().filter(phrase -> text.toLowerCase().contains(phrase.toLowerCase()))
                    .forEach(phrase -> found.add(url + ": „" + phrase + "“"));
        });
        assertThat(found).isEmpty();
    }

    @Test
    void the_start_page_says_that_all_offers_have_stopped_as_the_release_does() {
        String text = BakedSite.page("/").select("main .prose").text();

        assertThat(text).contains("alle Angebote der Jugendarbeit, der Jugendsozialarbeit und des erzieherischen "
                + "Kinder- und Jugendschutzes").doesNotContain("viele Angebote");
    }

    @Test
    void every_number_of_days_on_a_page_is_a_forms_retention_or_a_configured_value() throws IOException {
        Set<String> configured = new LinkedHashSet<>();
        for (FormDefinition form : FormCatalog.load().all()) {
            configured.add(String.valueOf(form.retentionDays()));
            // The days an urgency allows, which the form names with its options (its withinDays rules).
            form.rules().stream().filter(FormDefinition.WithinDays.class::isInstance)
                    .forEach(rule -> configured.add(String.valueOf(((FormDefinition.WithinDays) rule).days())));
        }
        // How long unreviewed suspected spam is kept: the code's own period (Retention), stated on the privacy page.
        configured.add(String.valueOf(de.fachkraftallianz.submission.Retention.UNREVIEWED_SPAM.toDays()));
        CountyConfig county = CountyConfig.read(SiteBakeTest.SOURCE.resolve(CountyConfig.FILE));
        CountyConfig.DAYS_KEYS.forEach(key -> county.value(key).map(v -> v.leaves().get(0))
                .filter(l -> !l.placeholder()).ifPresent(l -> configured.add(l.text())));
        List<String> stated = new ArrayList<>();
        BakedSite.pages().forEach((url, page) -> {
            // The directory entries are the organisations' own words (e.g. "Antwort innerhalb von zwei Werktagen").
            Matcher m = DAYS.matcher(page.select("main").not(".angebot").text());
            while (m.find()) {
                if (!configured.contains(m.group(1))) {
                    stated.add(url + ": " + m.group());
                }
            }
        });
        assertThat(stated).as("periods stated as facts, configured: " + configured).isEmpty();
    }

    @Test
    void the_news_item_keeps_the_title_of_the_press_release_and_says_it_is_a_summary() {
        Document item = BakedSite.page("/aktuelles/2020-03-30-fachkraftallianzen/");

        assertThat(item.select("h1").text()).isEqualTo("Landkreis unterstützt Fachkraftallianzen");
        assertThat(item.select("main .meldung__quelle").text()).isEqualTo("Diese Meldung fasst die Pressemitteilung "
                + "Nr. 107/2020 des Landratsamtes Sächsische Schweiz-Osterzgebirge vom 30.03.2020 zusammen.");
        // What this site adds is set apart from the summary.
        assertThat(item.select("main .meldung__mehr a").eachAttr("href"))
                .containsExactly("/hilfe-anfragen/", "/fachkraefte-anbieten/", "/virtuelle-angebote/");
        assertThat(item.select("main > article > .prose").first().select("a")).isEmpty();
    }

    @Test
    void the_privacy_notice_names_the_statutory_task_as_the_basis_and_consent_only_where_it_is_one() {
        Document privacy = BakedSite.page("/datenschutz/");
        Element main = privacy.selectFirst("main");
        assertThat(main.text()).contains("Art. 6 Abs. 1 Buchstabe e DSGVO", "SGB VIII", "Art. 9 Abs. 2 Buchstabe a DSGVO",
                "Veröffentlichung eines Beratungsangebots").doesNotContain("Häkchen");
        List<String> withConsent = new ArrayList<>();
        for (FormDefinition form : FormCatalog.load().all()) {
            String basis = main.select("section.privacy-form:has(#ds-" + form.id() + ") dt:containsOwn(Rechtsgrundlage)"
                    + " + dd").text();
            assertThat(basis).as(form.id()).startsWith("Art. 6 Abs. 1 Buchstabe e DSGVO");
            if (basis.contains("Einwilligung")) {
                withConsent.add(form.id());
            }
        }
        assertThat(withConsent).containsExactlyInAnyOrder("beratungsangebot", "barriere-melden");
    }
}
