package de.fachkraftallianz.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FormPagesTest {

    private static final FormDefinition FOSTER = FormCatalog.load().find("hilfe-pflegefamilie").orElseThrow();

    /** The answer the review page shows under a label. */
    private static String answer(String page, String label) {
        Matcher row = Pattern.compile("<dt class=\"summary__key\">" + Pattern.quote(Html.escape(label))
                + "</dt>\\s*<dd class=\"summary__value\">([^<]*)</dd>").matcher(page);
        return row.find() ? row.group(1) : null;
    }

    @Test
    void a_receipt_box_left_unticked_reads_nein_and_a_ticked_one_ja() {
        FormDefinition.Field receipt = FOSTER.fields().stream().filter(f -> f.name().equals("eingangsbestaetigung"))
                .findFirst().orElseThrow();
        Map<String, List<String>> values = new LinkedHashMap<>(Samples.values(FOSTER.id(), LocalDate.now()));
        values.put("kontaktweg", List.of("email"));
        values.remove("eingangsbestaetigung");
        assertThat(receipt.summaryLabel()).as("a short name in the overview, not the sentence to tick")
                .isEqualTo("Eingangsbestätigung per E-Mail").isNotEqualTo(receipt.label());
        assertThat(answer(FormPages.review(FOSTER, values, Map.of(), null), receipt.summaryLabel())).isEqualTo("Nein");
        values.put("eingangsbestaetigung", List.of(de.fachkraftallianz.forms.FieldType.TICKED));
        assertThat(answer(FormPages.review(FOSTER, values, Map.of(), null), receipt.summaryLabel())).isEqualTo("Ja");
    }

    @Test
    void the_confirmation_asks_once_to_note_the_reference_and_says_when_to_name_it() {
        for (FormDefinition form : FormCatalog.load().all()) {
            String page = FormPages.confirmation(form, "K7QM-4XRT", Samples.values(form.id(), LocalDate.now()));
            assertThat(page).as(form.id()).contains("K7QM-4XRT");
            assertThat(page.split("notieren", -1)).as(form.id() + ": asked once").hasSize(2);
        }
    }

    @Test
    void an_optional_question_left_empty_reads_keine_angabe() {
        FormDefinition.Field text = FOSTER.fields().stream().filter(f -> !f.type().isTickBox()).findFirst().orElseThrow();
        assertThat(FormPages.unanswered(text)).isEqualTo("keine Angabe");
    }
}
