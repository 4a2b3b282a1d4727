package de.fachkraftallianz.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ContactsTest {

    @Test
    void a_german_number_as_people_write_it_becomes_the_tel_link_that_dials_it() {
        assertThat(Contacts.telHref("030 23125 456")).contains("tel:+493023125456");
        assertThat(Contacts.telHref("+49 30 23125 456")).contains("tel:+493023125456");
        assertThat(Contacts.telHref("0049 (0)30 23125-456")).contains("tel:+493023125456");
        assertThat(Contacts.telHref("035971/84-151")).contains("tel:+493597184151");
    }

    @Test
    void what_is_not_such_a_number_gets_no_link() {
        for (String text : new String[] {null, "", "0800 ANRUFEN", "+1 555 123 4567", "00 30 23125", "030",
                "0301234567890123456", "030 23125 456 oder 457", "javascript:alert(1)", "030\u202e23125"}) {
            assertThat(Contacts.telHref(text)).as(String.valueOf(text)).isEmpty();
        }
    }

    @Test
    void only_a_full_https_address_with_a_host_becomes_a_link() {
        assertThat(Contacts.httpsLink("https://chat.example.org/jugend")).contains(URI.create("https://chat.example.org/jugend"));
        for (String text : new String[] {null, "http://chat.example.org/", "javascript:alert(1)", "https://",
                "https://localhost/", "chat.example.org", "https://user:pw@chat.example.org/", "ftp://example.org/",
                "https://exa mple.org/"}) {
            assertThat(Contacts.httpsLink(text)).as(String.valueOf(text)).isEmpty();
        }
    }

    @Test
    void an_email_address_becomes_a_mailto_link_and_a_link_shows_its_host_and_path() {
        assertThat(Contacts.mailtoHref("beratung@example.org")).contains("mailto:beratung@example.org");
        assertThat(Contacts.mailtoHref("kein at example.org")).isEmpty();
        assertThat(Contacts.mailtoHref("a@b")).isEmpty();
        assertThat(Contacts.linkText(URI.create("https://chat.example.org/jugend/"))).isEqualTo("chat.example.org/jugend");
        assertThat(Contacts.linkText(URI.create("https://example.org"))).isEqualTo("example.org");
        assertThat(Contacts.reservedForExamples("social.example.org")).isTrue();
        assertThat(Contacts.reservedForExamples("example.org.evil.de")).isFalse();
        assertThat(Contacts.reservedForExamples("notexample.org")).isFalse();
    }
}
