package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.local.LocalStack;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** What a printed news item and a printed directory page look like (the print style sheet, in Chromium). */
class PrintViewBrowserIT {

    @RegisterExtension
    static final BrowserStack env = new BrowserStack(LocalStack.Options.defaults());

    private static final String NEWS_ITEM = "/aktuelles/2020-03-30-fachkraftallianzen/";

    @AfterEach
    void screen() {
        media("");
    }

    @Test
    void a_printed_news_item_leaves_out_navigation_and_sharing_and_names_its_address_and_link_targets() {
        env.withScript().get(env.stack().uri(NEWS_ITEM).toString());
        assertThat(shown(".teilen")).isTrue();
        assertThat(shown(".meldung__adresse")).as("on screen the share box has the address").isFalse();

        media("print");

        assertThat(shown(".site-nav")).isFalse();
        assertThat(shown(".breadcrumbs")).isFalse();
        assertThat(shown(".teilen")).isFalse();
        assertThat(shown(".meldung-nav")).isFalse();
        assertThat(shown("h1")).isTrue();
        assertThat(env.withScript().findElement(By.cssSelector(".meldung__adresse")).getText())
                .endsWith(NEWS_ITEM).startsWith("Diese Meldung im Internet: https://");
        Object after = env.withScript().executeScript("return getComputedStyle("
                + "document.querySelector('.prose a[href=\"/virtuelle-angebote/\"]'), '::after').content;");
        assertThat(String.valueOf(after)).contains("/virtuelle-angebote/");
    }

    @Test
    void a_printed_directory_page_shows_the_entries_without_the_filter_buttons() {
        env.withScript().get(env.stack().uri("/virtuelle-angebote/zielgruppe/jugendliche/").toString());

        media("print");

        assertThat(shown("nav.filter")).isFalse();
        assertThat(shown("#treffer-titel")).isTrue();
        assertThat(env.withScript().findElements(By.cssSelector("ul.angebote > li")))
                .isNotEmpty().allMatch(e -> e.isDisplayed());
        assertThat(env.withScript().executeScript("return getComputedStyle(document.querySelector('.angebot')).breakInside;"))
                .isEqualTo("avoid");
    }

    private static void media(String media) {
        env.withScript().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media));
    }

    private static boolean shown(String selector) {
        return env.withScript().findElement(By.cssSelector(selector)).isDisplayed();
    }
}
