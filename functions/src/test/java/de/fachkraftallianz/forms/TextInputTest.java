package de.fachkraftallianz.forms;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.TextInput.Cleaned;
import de.fachkraftallianz.forms.TextInput.Problem;
import org.junit.jupiter.api.Test;

class TextInputTest {

    @Test
    void normalises_to_nfc_and_trims_every_kind_of_space_and_invisible_character() {
        assertThat(TextInput.clean("\ufeff\u00a0Jo\u0308rg\u200b \u202f", false))
                .isEqualTo(new Cleaned("Jörg", Problem.NONE));
        assertThat(TextInput.clean("\u200b\ufeff\u00a0\u2060 \t", false)).isEqualTo(new Cleaned("", Problem.NONE));
        assertThat(TextInput.clean("\u200b\r\n \u200b", true).text()).as("multi-line, only invisible").isEmpty();
    }

    @Test
    void a_single_line_value_has_plain_spaces_and_no_line_breaks() {
        assertThat(TextInput.clean("Haus\u00a0am\tSee\r\nPirna", false).text()).isEqualTo("Haus am See Pirna");
        assertThat(TextInput.clean("Zeile 1\r\nZeile 2\rZeile 3\tEnde", true).text()).isEqualTo("Zeile 1\nZeile 2\nZeile 3\tEnde");
    }

    @Test
    void control_characters_are_dropped() {
        assertThat(TextInput.clean("a\u0000b\u0007c\u009fd", false)).isEqualTo(new Cleaned("abcd", Problem.NONE));
    }

    @Test
    void zero_width_characters_inside_a_single_line_value_are_refused_and_shown_without_them() {
        assertThat(TextInput.clean("erika\u200b@example.org", false))
                .isEqualTo(new Cleaned("erika@example.org", Problem.INVISIBLE_OR_CONTROL));
        assertThat(TextInput.clean("Max\u2060Muster", false).problem()).isEqualTo(Problem.INVISIBLE_OR_CONTROL);
    }

    @Test
    void in_a_multi_line_text_joiners_stay_and_other_zero_width_characters_go() {
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
        assertThat(TextInput.clean("Familie " + family + " da\u200bnke", true))
                .isEqualTo(new Cleaned("Familie " + family + " danke", Problem.NONE));
    }

    @Test
    void bidirectional_controls_are_refused_everywhere() {
        assertThat(TextInput.clean("erika@exam\u202eple.org", false).problem()).isEqualTo(Problem.INVISIBLE_OR_CONTROL);
        assertThat(TextInput.clean("Text \u2066versteckt\u2069", true).problem()).isEqualTo(Problem.INVISIBLE_OR_CONTROL);
        assertThat(TextInput.clean("a\u200fb", true).problem()).isEqualTo(Problem.INVISIBLE_OR_CONTROL);
    }

    @Test
    void lone_surrogates_are_refused_pairs_are_kept() {
        assertThat(TextInput.clean("a\ud800b", true)).isEqualTo(new Cleaned("ab", Problem.UNREADABLE));
        assertThat(TextInput.clean("a\udc00", false).problem()).isEqualTo(Problem.UNREADABLE);
        assertThat(TextInput.clean("Gruß \ud83d\ude00", false)).isEqualTo(new Cleaned("Gruß \ud83d\ude00", Problem.NONE));
    }
}
