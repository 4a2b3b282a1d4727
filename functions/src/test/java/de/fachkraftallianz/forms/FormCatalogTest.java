package de.fachkraftallianz.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormCatalogTest {

    private final FormCatalog catalog = FormCatalog.load();

    @Test
    void loads_the_five_public_forms_in_a_fixed_order() {
        assertThat(catalog.all()).extracting(FormDefinition::id)
                .containsExactly("bedarf-einrichtung", "hilfe-pflegefamilie", "angebot-traeger", "beratungsangebot",
                        "barriere-melden");
    }

    @Test
    void every_form_asks_for_data_protection_consent_linking_to_the_privacy_page() {
        for (FormDefinition form : catalog.all()) {
            FormDefinition.Field consent = form.field("datenschutz").orElseThrow();
            assertThat(consent.type()).as(form.id()).isEqualTo(FieldType.CONSENT);
            assertThat(consent.required()).isTrue();
            assertThat(consent.link().href()).isEqualTo("/datenschutz/");
        }
    }

    @Test
    void the_foster_family_form_asks_nothing_identifying_about_the_children() {
        FormDefinition form = catalog.find("hilfe-pflegefamilie").orElseThrow();
        assertThat(form.fields().stream().map(FormDefinition.Field::name))
                .noneMatch(name -> name.contains("kind_name") || name.contains("gesundheit") || name.contains("geburt"));
        assertThat(form.field("beschreibung").orElseThrow().hint()).contains("Namen").contains("Gesundheit");
    }

    @Test
    void unknown_form_ids_are_not_found() {
        assertThat(catalog.find("gibt-es-nicht")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
    }

    @Test
    void rejects_a_definition_whose_free_text_field_has_no_length_limit() throws Exception {
        Map<String, Object> json = JSON.std.mapFrom("""
                {"id":"x","title":"T","recipient":"R","intro":"I","submitLabel":"S","retentionDays":1,
                 "thanks":{"title":"D","text":"D"},
                 "sections":[{"legend":"L","fields":[
                   {"name":"name","type":"text","label":"Name"},
                   {"name":"datenschutz","type":"consent","label":"OK","required":true,"link":{"href":"/datenschutz/","text":"D"}}]}]}
                """);
        assertThatThrownBy(() -> FormCatalog.parse("x", json)).hasMessageContaining("maxLength");
    }

    @Test
    void rejects_a_rule_that_names_an_unknown_field() throws Exception {
        Map<String, Object> json = JSON.std.mapFrom("""
                {"id":"x","title":"T","recipient":"R","intro":"I","submitLabel":"S","retentionDays":1,
                 "thanks":{"title":"D","text":"D"},
                 "sections":[{"legend":"L","fields":[
                   {"name":"datenschutz","type":"consent","label":"OK","required":true,"link":{"href":"/datenschutz/","text":"D"}}]}],
                 "rules":[{"type":"atLeastOne","fields":["telefon"],"message":"M"}]}
                """);
        assertThatThrownBy(() -> FormCatalog.parse("x", json)).hasMessageContaining("unknown field telefon");
    }
}
