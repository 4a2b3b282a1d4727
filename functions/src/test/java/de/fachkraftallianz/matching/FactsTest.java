package de.fachkraftallianz.matching;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.store.MatchMapperAccess;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What matching takes from each form's answers (the samples of the forms' tests), and nothing from other forms. */
class FactsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 5, 1);

    @Test
    void a_facilitys_request_gives_its_kind_qualifications_postcode_period_hours_and_number() {
        Facts facts = Facts.of(Facts.FACILITY_FORM, Samples.values(Facts.FACILITY_FORM, TODAY));
        assertThat(facts).isEqualTo(new Facts(List.of("stationaer"), List.of("sozialpaedagogik", "erzieher"), false,
                List.of("01796"), null, TODAY.plusDays(14), TODAY.plusDays(60), 30, 2));
    }

    @Test
    void a_foster_familys_request_is_for_one_professional_at_a_foster_family() {
        Facts facts = Facts.of(Facts.FOSTER_FORM, Samples.values(Facts.FOSTER_FORM, TODAY));
        assertThat(facts).isEqualTo(new Facts(List.of("pflegefamilie"), List.of(), false, List.of("01796"), null,
                TODAY.plusDays(7), TODAY.plusDays(60), 6, 1));
        Facts without = Facts.of(Facts.FOSTER_FORM, Samples.all(Facts.FOSTER_FORM, TODAY).get(1));
        assertThat(without.postcodes()).as("no postcode given").isEmpty();
        assertThat(without.hours()).isNull();
        assertThat(without.until()).isNull();
    }

    @Test
    void an_offer_gives_its_places_each_once_and_whether_its_professionals_travel() {
        Facts facts = Facts.of(Facts.OFFER_FORM, Samples.values(Facts.OFFER_FORM, TODAY));
        assertThat(facts).isEqualTo(new Facts(List.of("stationaer", "ambulant", "pflegefamilie"),
                List.of("sozialpaedagogik", "andere"), false, List.of("01796", "01809", "01814"), true,
                TODAY.plusDays(7), TODAY.plusDays(60), 30, 3));
        Map<String, List<String>> countyWide = new LinkedHashMap<>(Samples.values(Facts.OFFER_FORM, TODAY));
        countyWide.put("einsatzgebiet", List.of("landkreis"));
        countyWide.put("mobil", List.of("nein"));
        Facts everywhere = Facts.of(Facts.OFFER_FORM, countyWide);
        assertThat(everywhere.countyWide()).isTrue();
        assertThat(everywhere.postcodes()).as("the places are asked only for 'orte'").isEmpty();
        assertThat(everywhere.mobile()).isFalse();
        assertThat(Facts.postcodes("01796,01809  01814, 01796")).containsExactly("01796", "01809", "01814");
    }

    @Test
    void other_forms_and_answers_without_what_matching_needs_give_none() {
        assertThat(Facts.of("beratungsangebot", Samples.values("beratungsangebot", TODAY))).isNull();
        assertThat(Facts.of(Facts.OFFER_FORM, Map.of("plz", List.of("01796")))).isNull();
        assertThat(Facts.of(Facts.FACILITY_FORM, Map.of("einsatz_von", List.of("kein Datum")))).isNull();
    }

    @Test
    void facts_survive_the_table_unchanged() {
        for (String formId : List.of(Facts.FACILITY_FORM, Facts.FOSTER_FORM, Facts.OFFER_FORM)) {
            for (Map<String, List<String>> sample : Samples.all(formId, TODAY)) {
                Facts facts = Facts.of(formId, sample);
                assertThat(MatchMapperAccess.roundTrip(facts)).as(formId).isEqualTo(facts);
            }
        }
    }
}
