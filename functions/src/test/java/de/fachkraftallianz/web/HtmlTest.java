package de.fachkraftallianz.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapes_every_character_that_could_end_text_or_an_attribute() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void text_is_split_into_paragraphs_at_blank_lines() {
        assertThat(Html.splitParagraphs("Erster Absatz\nmit Umbruch.\n\n  Zweiter.\r\n \r\n\nDritter.  "))
                .containsExactly("Erster Absatz\nmit Umbruch.", "Zweiter.", "Dritter.");
        assertThat(Html.splitParagraphs("  ")).isEmpty();
        assertThat(Html.splitParagraphs(null)).isEmpty();
    }

    @Test
    void paragraphs_are_rendered_escaped() {
        assertThat(Html.paragraphs("a <b>\n\nc")).isEqualTo("<p>a &lt;b&gt;</p>\n<p>c</p>\n");
    }
}
