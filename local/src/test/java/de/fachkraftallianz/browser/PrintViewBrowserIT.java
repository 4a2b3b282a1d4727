package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.local.LocalStack;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** What a printed news item and a printed directory page look like (the print style sheet, in Chromium). */
class PrintViewBrowserIT {

    private static final String NEWS_ITEM = "/aktuelles/2020-03-30-fachkraftallianzen/";
    private static LocalStack stack;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
        browser = Browser.start(true);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void screen() {
        media("");
    }

    @Test
    void a_printed_news_item_leaves_out_navigation_and_sharing_and_names_its_address_and_link_targets() {
        browser.get(stack.uri(NEWS_ITEM).toString());
        assertThat(shown(".teilen")).isTrue();
        assertThat(shown(".meldung__adresse")).as("on screen the share box has the address").isFalse();

        media("print");

        assertThat(shown(".site-nav")).isFalse();
        assertThat(shown(".breadcrumbs")).isFalse();
        assertThat(shown(".teilen")).isFalse();
        assertThat(shown(".meldung-nav")).isFalse();
        assertThat(shown("h1")).isTrue();
        assertThat(browser.findElement(By.cssSelector(".meldung__adresse")).getText())
                .endsWith(NEWS_ITEM).startsWith("Diese Meldung im Internet: https://");
        Object after = browser.executeScript("return getComputedStyle("
                + "document.querySelector('.prose a[href=\"/virtuelle-angebote/\"]'), '::after').content;");
        assertThat(String.valueOf(after)).contains("/virtuelle-angebote/");
    }

    @Test
    void a_printed_directory_page_shows_the_entries_without_the_filter_buttons() {
        browser.get(stack.uri("/virtuelle-angebote/zielgruppe/jugendliche/").toString());

        media("print");

        assertThat(shown("nav.filter")).isFalse();
        assertThat(shown("[data-treffer-titel]")).isTrue();
        assertThat(browser.findElements(By.cssSelector("[data-eintraege] > li")))
                .isNotEmpty().allMatch(e -> e.isDisplayed());
        assertThat(browser.executeScript("return getComputedStyle(document.querySelector('.angebot')).breakInside;"))
                .isEqualTo("avoid");
    }

    private static void media(String media) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media));
    }

    private static boolean shown(String selector) {
        return browser.findElement(By.cssSelector(selector)).isDisplayed();
    }
}
