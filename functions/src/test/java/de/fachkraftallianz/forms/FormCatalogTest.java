package de.fachkraftallianz.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import de.fachkraftallianz.submission.Notification;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormCatalogTest {

    private static final String HEAD = """
            {"id":"x","title":"T","recipient":"R","purpose":"P","intro":"I","submitLabel":"S","retentionDays":1,
             "thanks":{"title":"D","text":"D"},"breadcrumbs":[{"href":"/","text":"Start"}],
            """;
    private final FormCatalog catalog = FormCatalog.load();

    @Test
    void loads_the_five_public_forms_in_a_fixed_order() {
        assertThat(catalog.all()).extracting(FormDefinition::id)
                .containsExactly("bedarf-einrichtung", "hilfe-pflegefamilie", "angebot-traeger", "beratungsangebot",
                        "barriere-melden");
    }

    @Test
    void no_form_asks_for_a_blanket_consent_and_every_form_says_what_its_data_is_for() {
        for (FormDefinition form : catalog.all()) {
            assertThat(form.field("datenschutz")).as(form.id()).isEmpty();
            assertThat(form.purpose()).as(form.id()).isNotBlank();
            assertThat(form.breadcrumbs()).as(form.id()).isNotEmpty();
            assertThat(form.breadcrumbs().get(0).href()).isEqualTo("/");
        }
    }

    @Test
    void the_foster_family_form_asks_nothing_identifying_about_the_children() {
        FormDefinition form = catalog.find("hilfe-pflegefamilie").orElseThrow();
        assertThat(form.fields().stream().map(FormDefinition.Field::name))
                .noneMatch(name -> name.contains("kind") || name.contains("gesundheit") || name.contains("geburt")
                        || name.contains("alter"));
        assertThat(form.field("beschreibung").orElseThrow().hint()).contains("Namen").contains("Gesundheit");
    }

    @Test
    void unknown_form_ids_are_not_found() {
        assertThat(catalog.find("gibt-es-nicht")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
    }

    @Test
    void rejects_a_definition_whose_free_text_field_has_no_length_limit() throws Exception {
        Map<String, Object> json = JSON.std.mapFrom(HEAD + """
                 "sections":[{"legend":"L","fields":[{"name":"name","type":"text","label":"Name"}]}]}
                """);
        assertThatThrownBy(() -> FormCatalog.parse("x", json)).hasMessageContaining("maxLength");
    }

    @Test
    void rejects_a_rule_that_names_an_unknown_field() throws Exception {
        Map<String, Object> json = JSON.std.mapFrom(HEAD + """
                 "sections":[{"legend":"L","fields":[{"name":"name","type":"text","label":"Name","maxLength":5}]}],
                 "rules":[{"type":"atLeastOne","fields":["telefon"],"message":"M"}]}
                """);
        assertThatThrownBy(() -> FormCatalog.parse("x", json)).hasMessageContaining("unknown field telefon");
    }

    @Test
    void rejects_a_blanket_consent_field() throws Exception {
        Map<String, Object> json = JSON.std.mapFrom(HEAD + """
                 "sections":[{"legend":"L","fields":[{"name":"datenschutz","type":"consent","label":"Einverstanden",
                   "required":true,"link":{"href":"/datenschutz/","text":"D"}}]}]}
                """);
        assertThatThrownBy(() -> FormCatalog.parse("x", json)).hasMessageContaining("no blanket consent");
    }

    @Test
    void a_conditional_question_must_follow_its_choice_and_name_its_options_and_a_note() throws Exception {
        String choice = """
                {"name":"weg","type":"radio","label":"Weg","required":true,
                 "options":[{"value":"telefon","label":"Telefon"},{"value":"email","label":"E-Mail"}]}""";
        String conditional = """
                {"name":"email","type":"email","label":"E-Mail","required":true,"maxLength":254,
                 "showIf":{"field":"weg","in":["%s"]%s}}""";
        String ok = HEAD + "\"sections\":[{\"legend\":\"L\",\"fields\":[" + choice + ","
                + conditional.formatted("email", ",\"note\":\"Nur bei E-Mail.\"") + "]}]}";
        assertThat(FormCatalog.parse("x", JSON.std.mapFrom(ok)).field("email").orElseThrow().showIf().values())
                .containsExactly("email");
        String unknownValue = HEAD + "\"sections\":[{\"legend\":\"L\",\"fields\":[" + choice + ","
                + conditional.formatted("fax", ",\"note\":\"N\"") + "]}]}";
        assertThatThrownBy(() -> FormCatalog.parse("x", JSON.std.mapFrom(unknownValue))).hasMessageContaining("fax");
        String noNote = HEAD + "\"sections\":[{\"legend\":\"L\",\"fields\":[" + choice + ","
                + conditional.formatted("email", "") + "]}]}";
        assertThatThrownBy(() -> FormCatalog.parse("x", JSON.std.mapFrom(noNote))).hasMessageContaining("note");
        String before = HEAD + "\"sections\":[{\"legend\":\"L\",\"fields\":["
                + conditional.formatted("email", ",\"note\":\"N\"") + "," + choice + "]}]}";
        assertThatThrownBy(() -> FormCatalog.parse("x", JSON.std.mapFrom(before))).hasMessageContaining("before it");
    }

    @Test
    void every_form_offers_a_receipt_exactly_where_it_asks_for_an_e_mail_address() {
        for (FormDefinition form : catalog.all()) {
            FormDefinition.Field email = form.field(Notification.EMAIL_FIELD).orElseThrow();
            FormDefinition.Field box = form.field(Notification.RECEIPT_FIELD).orElseThrow();
            assertThat(box.type()).as(form.id()).isEqualTo(FieldType.CHECKBOX);
            assertThat(box.required()).as(form.id() + ": asked, never demanded").isFalse();
            assertThat(box.showIf() == null ? null : box.showIf().values())
                    .as(form.id() + ": shown when the address is asked")
                    .isEqualTo(email.showIf() == null ? null : email.showIf().values());
            assertThat(box.label() + " " + box.hint()).as(form.id()).contains("Eingangsbestätigung", "Vorgangsnummer",
                    "Ihre Angaben stehen nicht darin");
        }
    }

    @Test
    void a_receipt_box_needs_the_e_mail_field_before_it_and_the_same_condition() throws Exception {
        String choice = """
                {"name":"weg","type":"radio","label":"Weg","required":true,
                 "options":[{"value":"telefon","label":"Telefon"},{"value":"email","label":"E-Mail"}]}""";
        String email = """
                {"name":"email","type":"email","label":"E-Mail","maxLength":254%s}""";
        String box = """
                {"name":"eingangsbestaetigung","type":"%s","label":"Bestätigung senden"%s}""";
        String shown = ",\"showIf\":{\"field\":\"weg\",\"in\":[\"email\"],\"note\":\"N\"}";
        String ok = HEAD + "\"sections\":[{\"legend\":\"L\",\"fields\":[" + choice + "," + email.formatted(shown)
                + "," + box.formatted("checkbox", shown) + "]}]}";
        assertThat(FormCatalog.parse("x", JSON.std.mapFrom(ok)).field("eingangsbestaetigung")).isPresent();

        String withoutEmail = HEAD + "\"sections\":[{\"legend\":\"L\",\"fields\":[" + choice + ","
                + box.formatted("checkbox", "") + "]}]}";
        assertThatThrownBy(() -> FormCatalog.parse("x", JSON.std.mapFrom(withoutEmail)))
                .hasMessageContaining("needs an e-mail field");
        String beforeEmail = HEAD + "\"sections\":[{\"legend\":\"L\",\"fields\":[" + choice + ","
                + box.formatted("checkbox", shown) + "," + email.formatted(shown) + "]}]}";
        assertThatThrownBy(() -> FormCatalog.parse("x", JSON.std.mapFrom(beforeEmail)))
                .hasMessageContaining("needs an e-mail field");
        String alwaysShown = HEAD + "\"sections\":[{\"legend\":\"L\",\"fields\":[" + choice + ","
                + email.formatted(shown) + "," + box.formatted("checkbox", "") + "]}]}";
        assertThatThrownBy(() -> FormCatalog.parse("x", JSON.std.mapFrom(alwaysShown)))
                .hasMessageContaining("same showIf");
        String consent = HEAD + "\"sections\":[{\"legend\":\"L\",\"fields\":[" + choice + ","
                + email.formatted("") + "," + box.formatted("radio", ",\"options\":[{\"value\":\"ja\",\"label\":\"Ja\"}]")
                + "]}]}";
        assertThatThrownBy(() -> FormCatalog.parse("x", JSON.std.mapFrom(consent)))
                .hasMessageContaining("optional check box");
    }
}
