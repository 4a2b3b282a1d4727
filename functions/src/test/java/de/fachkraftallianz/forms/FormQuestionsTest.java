package de.fachkraftallianz.forms;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormDefinition.DateOrder;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Option;
import de.fachkraftallianz.forms.FormDefinition.WithinDays;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the five forms ask, as a caseworker needs it. Above all the vocabulary requests and offers share, so that a
 * later matching can compare them field by field: kind of help, qualifications, region, hours, period, number.
 */
class FormQuestionsTest {

    private static final List<String> AREAS = List.of("stationaer", "teilstationaer", "ambulant", "sonstiges");
    private static final List<String> QUALIFICATIONS =
            List.of("sozialpaedagogik", "erzieher", "heilerziehungspflege", "andere");

    private final FormCatalog catalog = FormCatalog.load();
    private final FormDefinition request = form("bedarf-einrichtung");
    private final FormDefinition fosterFamily = form("hilfe-pflegefamilie");
    private final FormDefinition offer = form("angebot-traeger");

    @Test
    void requests_and_offers_name_the_same_areas_of_help_with_the_same_values() {
        Field asked = field(request, "einsatzbereich", FieldType.RADIO);
        assertThat(values(asked)).containsExactlyElementsOf(AREAS);
        assertThat(asked.required()).isTrue();
        List<String> offered = new ArrayList<>(AREAS);
        offered.add(3, "pflegefamilie");
        Field where = field(offer, "einsatzbereiche", FieldType.CHECKBOXES);
        assertThat(values(where)).containsExactlyElementsOf(offered);
        // The same wording for the same area, so that both sides read the choice alike.
        for (Option option : asked.options()) {
            assertThat(where.option(option.value()).orElseThrow().label()).isEqualTo(option.label());
        }
        assertThat(fosterFamily.field("einsatzbereich")).as("a foster family's request is implicitly 'pflegefamilie'")
                .isEmpty();
    }

    @Test
    void requests_and_offers_name_the_same_qualifications() {
        Field acceptable = field(request, "qualifikationen", FieldType.CHECKBOXES);
        Field held = field(offer, "qualifikationen", FieldType.CHECKBOXES);
        assertThat(values(acceptable)).containsExactlyElementsOf(QUALIFICATIONS);
        assertThat(held.options()).isEqualTo(acceptable.options());
        assertThat(fosterFamily.field("qualifikationen")).isEmpty();
    }

    @Test
    void requests_give_a_postcode_and_offers_the_area_they_cover() {
        Field plz = field(request, "plz", FieldType.TEXT);
        assertThat(plz.required()).isTrue();
        assertThat("01796").matches(plz.pattern());
        assertThat(field(request, "ort", FieldType.TEXT).required()).isTrue();
        Field familyPlz = field(fosterFamily, "plz", FieldType.TEXT);
        assertThat(familyPlz.required()).isFalse();
        assertThat(familyPlz.hint()).as("says why it is asked").contains("Nähe");
        assertThat("01796").matches(familyPlz.pattern());
        assertThat("1796").doesNotMatch(familyPlz.pattern());
        assertThat(field(fosterFamily, "ort", FieldType.TEXT).required()).isFalse();

        assertThat(values(field(offer, "einsatzgebiet", FieldType.RADIO))).containsExactly("landkreis", "orte");
        Field places = field(offer, "einsatzorte", FieldType.TEXT);
        assertThat(places.showIf().field()).isEqualTo("einsatzgebiet");
        assertThat(places.showIf().values()).containsExactly("orte");
        Pattern list = Pattern.compile(places.pattern());
        for (String good : List.of("01796", "01796, 01809", "01796 01809", "01796,01809  01814")) {
            assertThat(list.matcher(good).matches()).as(good).isTrue();
        }
        for (String bad : List.of("Pirna", "1796", "01796;01809", "01796, ", "017960")) {
            assertThat(list.matcher(bad).matches()).as(bad).isFalse();
        }
        assertThat(values(field(offer, "mobil", FieldType.RADIO))).containsExactly("ja", "nein");
    }

    @Test
    void hours_number_and_period_are_asked_alike_on_both_sides() {
        hours(request, true);
        hours(fosterFamily, false);
        hours(offer, true);
        number(request, 20);
        number(offer, 50);
        period(request, "einsatz_von", "einsatz_bis");
        period(fosterFamily, "einsatz_von", "einsatz_bis");
        period(offer, "verfuegbar_von", "verfuegbar_bis");
    }

    @Test
    void the_urgency_options_name_the_days_their_rules_allow() {
        List<WithinDays> rules = request.rules().stream().filter(WithinDays.class::isInstance)
                .map(WithinDays.class::cast).toList();
        assertThat(rules).extracting(WithinDays::equals).containsExactly("sofort", "eine-woche");
        assertThat(rules).extracting(WithinDays::days).containsExactly(3, 7);
        Field urgency = field(request, "dringlichkeit", FieldType.RADIO);
        for (WithinDays rule : rules) {
            assertThat(rule.when()).isEqualTo("dringlichkeit");
            assertThat(rule.field()).isEqualTo("einsatz_von");
            assertThat(urgency.option(rule.equals()).orElseThrow().label()).contains(rule.days() + " Tagen");
            assertThat(rule.message()).contains(rule.days() + " Tagen");
        }
    }

    @Test
    void shifts_are_asked_only_where_the_facility_has_shifts() {
        Field shifts = field(request, "dienste", FieldType.CHECKBOXES);
        assertThat(shifts.showIf().field()).isEqualTo("einsatzbereich");
        assertThat(shifts.showIf().values()).containsExactly("stationaer");
    }

    @Test
    void the_request_asks_about_the_childrens_ages_the_own_traeger_and_quarantine_of_the_facility() {
        assertThat(values(field(request, "altersgruppen", FieldType.CHECKBOXES))).hasSize(4);
        assertThat(values(field(request, "traeger_gefragt", FieldType.RADIO))).containsExactly("ja", "nein");
        Field quarantine = field(request, "quarantaene", FieldType.RADIO);
        assertThat(values(quarantine)).containsExactly("ja", "nein", "keine-angabe");
        assertThat(quarantine.hint()).contains("keine Personen");
    }

    @Test
    void the_foster_family_is_reached_the_way_it_chose_and_asked_only_what_the_service_does_not_know() {
        assertThat(values(field(fosterFamily, "kontaktweg", FieldType.RADIO))).containsExactly("telefon", "email");
        assertThat(field(fosterFamily, "telefon", FieldType.TEL).showIf().values()).containsExactly("telefon");
        assertThat(field(fosterFamily, "email", FieldType.EMAIL).showIf().values()).containsExactly("email");
        assertThat(field(fosterFamily, "rueckruf", FieldType.TEXT).required()).isFalse();
        assertThat(values(field(fosterFamily, "jugendamt", FieldType.RADIO))).containsExactly("dieser-landkreis", "anderes");
        assertThat(field(fosterFamily, "jugendamt_anderes", FieldType.TEXT).showIf().values()).containsExactly("anderes");
        assertThat(fosterFamily.fields()).extracting(Field::name)
                .as("no counts or ages of the children: the service knows them").doesNotContain("anzahl_kinder", "altersgruppen");
        assertThat(fosterFamily.intro()).as("whom to call in danger").contains("110", "112", "Pflegekinderdienst");
    }

    @Test
    void the_offer_confirms_the_staffs_agreement_their_employment_and_asks_for_the_certificate() {
        assertThat(field(offer, "zustimmung_fachkraefte", FieldType.CHECKBOX).required()).isTrue();
        assertThat(field(offer, "anstellung", FieldType.CHECKBOX).required()).isTrue();
        Field certificate = field(offer, "fuehrungszeugnis", FieldType.RADIO);
        assertThat(values(certificate)).containsExactly("alle", "nicht-alle");
        assertThat(certificate.hint()).contains("§ 72a SGB VIII");
        // Organisations run their internal alliances themselves: said in the intro, never offered as a choice.
        assertThat(offer.intro()).contains("trägerintern");
        offer.fields().forEach(f -> f.options().forEach(o -> assertThat(o.value() + " " + o.label())
                .doesNotContainIgnoringCase("intern")));
    }

    @Test
    void the_counselling_form_marks_what_is_published_and_keeps_the_contact_person_private() {
        FormDefinition form = form("beratungsangebot");
        Field channels = field(form, "kanaele", FieldType.CHECKBOXES);
        assertThat(values(channels)).containsExactly("telefon", "email", "chat", "video", "social-media");
        assertThat(List.of("telefon", "email_oeffentlich", "chat_adresse", "video_adresse", "plattform",
                "social_media_adresse")).allSatisfy(name -> {
                    Field address = form.field(name).orElseThrow();
                    assertThat(address.published()).as(name).isTrue();
                    assertThat(address.required()).as(name + ": required once its channel is chosen").isTrue();
                    assertThat(address.showIf().field()).as(name).isEqualTo("kanaele");
                });
        for (String name : List.of("traeger", "angebot_name", "beschreibung", "zielgruppen", "kanaele",
                "erreichbarkeit", "anonym", "kostenlos", "ende")) {
            assertThat(form.field(name).orElseThrow().published()).as(name).isTrue();
        }
        assertThat(field(form, "ende", FieldType.DATE).required()).isFalse();
        assertThat(form.field("ansprechperson").orElseThrow().published()).isFalse();
        assertThat(form.field("email").orElseThrow().published()).isFalse();
        Field consent = field(form, "veroeffentlichung", FieldType.CONSENT);
        assertThat(consent.required()).isTrue();
        assertThat(consent.label()).contains("wird veröffentlicht", "zurücknehmen");
    }

    @Test
    void consent_is_asked_only_where_it_is_the_basis_and_the_assistive_technology_only_if_offered() {
        List<String> consents = new ArrayList<>();
        for (FormDefinition form : catalog.all()) {
            form.fields().stream().filter(f -> f.type() == FieldType.CONSENT)
                    .forEach(f -> consents.add(form.id() + "." + f.name()));
        }
        assertThat(consents).containsExactly("beratungsangebot.veroeffentlichung",
                "barriere-melden.hilfsmittel_einwilligung");
        FormDefinition form = form("barriere-melden");
        Field offered = field(form, "hilfsmittel_angeben", FieldType.RADIO);
        assertThat(offered.required()).isFalse();
        for (String name : List.of("hilfsmittel", "hilfsmittel_einwilligung")) {
            assertThat(form.field(name).orElseThrow().showIf().field()).as(name).isEqualTo("hilfsmittel_angeben");
            assertThat(form.field(name).orElseThrow().showIf().values()).as(name).containsExactly("ja");
        }
    }

    @Test
    void no_text_of_a_form_promises_a_time_the_press_release_does_not_give() {
        for (FormDefinition form : catalog.all()) {
            String texts = form.intro() + " " + form.thanks().text() + " " + form.purpose();
            assertThat(texts).as(form.id()).doesNotContain("Werktag", "so gut wir können", "so schnell wie möglich",
                    "01705 bis 01855", "viele Angebote", "kostenlos");
        }
    }

    private void hours(FormDefinition form, boolean required) {
        Field hours = field(form, "stunden_pro_woche", FieldType.NUMBER);
        assertThat(hours.min()).as(form.id()).isEqualTo(1);
        assertThat(hours.max()).as(form.id()).isEqualTo(60);
        assertThat(hours.required()).as(form.id()).isEqualTo(required);
    }

    private void number(FormDefinition form, int max) {
        Field number = field(form, "anzahl_fachkraefte", FieldType.NUMBER);
        assertThat(number.min()).isEqualTo(1);
        assertThat(number.max()).isEqualTo(max);
        assertThat(number.required()).isTrue();
    }

    private void period(FormDefinition form, String from, String until) {
        Field start = field(form, from, FieldType.DATE);
        Field end = field(form, until, FieldType.DATE);
        assertThat(start.required()).as(form.id() + "." + from).isTrue();
        assertThat(start.notInPast()).as(form.id() + "." + from).isTrue();
        assertThat(end.required()).as(form.id() + "." + until + ": empty means still open").isFalse();
        assertThat(end.hint()).as(form.id() + "." + until).contains("offen");
        assertThat(form.rules()).as(form.id()).anySatisfy(rule -> {
            assertThat(rule).isInstanceOf(DateOrder.class);
            assertThat(((DateOrder) rule).from()).isEqualTo(from);
            assertThat(((DateOrder) rule).until()).isEqualTo(until);
        });
    }

    private FormDefinition form(String id) {
        return catalog.find(id).orElseThrow();
    }

    private static Field field(FormDefinition form, String name, FieldType type) {
        Field field = form.field(name).orElseThrow(() -> new AssertionError(form.id() + " has no field " + name));
        assertThat(field.type()).as(form.id() + "." + name).isEqualTo(type);
        return field;
    }

    private static List<String> values(Field field) {
        return field.options().stream().map(Option::value).toList();
    }
}
