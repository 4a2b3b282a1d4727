package de.fachkraftallianz.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormHtmlTest {

    private final FormCatalog catalog = FormCatalog.load();

    @Test
    void every_field_has_a_label_and_the_browser_gets_the_definitions_limits() {
        for (FormDefinition form : catalog.all()) {
            String html = FormHtml.render(form, Map.of(), Map.of());
            assertThat(html).startsWith("<form").contains("action=\"/api/forms/" + form.id() + "\"");
            form.fields().forEach(field -> {
                String id = FormHtml.focusId(field);
                assertThat(html).as(form.id() + "." + field.name()).contains("id=\"" + id + "\"").contains("for=\"" + id + "\"");
                if (field.maxLength() != null) {
                    assertThat(html).contains("maxlength=\"" + field.maxLength() + "\"");
                }
            });
            form.fields().stream().filter(f -> !f.type().isChoiceGroup()).forEach(field -> {
                String tag = tagWithId(html, "f-" + field.name());
                assertThat(tag.contains(" required")).as(form.id() + "." + field.name() + ": " + tag)
                        .isEqualTo(field.required());
            });
        }
    }

    @Test
    void errors_are_tied_to_their_fields_and_listed_in_a_summary() {
        FormDefinition form = catalog.find("hilfe-pflegefamilie").orElseThrow();
        Field kontaktweg = form.field("kontaktweg").orElseThrow();
        String html = FormHtml.render(form, Map.of("name", List.of("Erika")),
                Map.of("name", "Fehler A", "kontaktweg", "Fehler B"));
        assertThat(html).contains("aria-describedby=\"f-name-error\"").contains("id=\"f-name-error\"")
                .contains("<a href=\"#f-name\">Fehler A</a>")
                .contains("<a href=\"#" + FormHtml.focusId(kontaktweg) + "\">Fehler B</a>")
                .contains("value=\"Erika\"");
        assertThat(html.indexOf("Fehler A")).isLessThan(html.indexOf("Fehler B"));
    }

    @Test
    void entered_values_are_escaped_and_choices_stay_checked() {
        FormDefinition form = catalog.find("bedarf-einrichtung").orElseThrow();
        String html = FormHtml.render(form, Map.of("aufgabe", List.of("</textarea><b>x</b>"),
                "dienste", List.of("nachtdienst")), Map.of());
        assertThat(html).contains("&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;</textarea>")
                .contains("value=\"nachtdienst\" checked");
    }

    /** The start tag of the element with this id. */
    private static String tagWithId(String html, String id) {
        int at = html.indexOf(" id=\"" + id + "\"");
        assertThat(at).as("an element with id " + id).isPositive();
        return html.substring(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
    }

    private static int countOf(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
