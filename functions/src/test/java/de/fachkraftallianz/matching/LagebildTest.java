package de.fachkraftallianz.matching;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.matching.Lagebild.Dimension;
import de.fachkraftallianz.matching.Lagebild.Figures;
import de.fachkraftallianz.matching.Lagebild.Group;
import de.fachkraftallianz.matching.Lagebild.Row;
import de.fachkraftallianz.matching.Lagebild.Week;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The overview's numbers against a fixture computed by hand (the comments show the sums): four open requests and four
 * open offers, Wednesday 6 May 2026 (week 19 starts on Monday 4 May).
 */
class LagebildTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 5, 6);
    private static final Vocabulary WORDS = Vocabulary.of(FormCatalog.load());
    private static final Set<String> ALL = Set.of("stationaer", "teilstationaer", "ambulant", "pflegefamilie",
            "sonstiges");
    private static final Set<String> JUGENDAMT = Set.of("stationaer", "teilstationaer", "ambulant", "sonstiges");

    private static LocalDate may(int day) {
        return LocalDate.of(2026, 5, day);
    }

    private static LocalDate june(int day) {
        return LocalDate.of(2026, 6, day);
    }

    static final List<Row> REQUESTS = List.of(
            new Row("R1", Facts.FACILITY_FORM, new Facts(List.of("stationaer"), List.of("sozialpaedagogik", "erzieher"),
                    false, List.of("01796"), null, may(4), may(20), 30, 2), 2),
            new Row("R2", Facts.FACILITY_FORM, new Facts(List.of("teilstationaer"), List.of("erzieher"), false,
                    List.of("01744"), null, may(25), null, 20, 1), 1),
            // Covered: its need is 0 now.
            new Row("R3", Facts.FACILITY_FORM, new Facts(List.of("ambulant"), List.of("andere"), false,
                    List.of("01796"), null, may(11), may(12), 10, 1), 0),
            new Row("R4", Facts.FOSTER_FORM, new Facts(List.of("pflegefamilie"), List.of(), false, List.of(), null,
                    june(1), june(10), null, 1), 1));

    static final List<Row> OFFERS = List.of(
            new Row("O1", Facts.OFFER_FORM, new Facts(List.of("stationaer", "teilstationaer"), List.of("erzieher"), true,
                    List.of(), true, may(1), may(31), 30, 3), 3),
            new Row("O2", Facts.OFFER_FORM, new Facts(List.of("pflegefamilie"), List.of("sozialpaedagogik"), false,
                    List.of("01744"), true, june(5), null, 10, 2), 2),
            new Row("O3", Facts.OFFER_FORM, new Facts(List.of("sonstiges"), List.of("andere"), false, List.of("01809"),
                    false, may(1), may(5), 20, 1), 1),
            new Row("O4", Facts.OFFER_FORM, new Facts(List.of("ambulant"), List.of("andere"), true, List.of(), true,
                    may(1), null, 30, 2), 0),
            // Stored before matching existed and not yet initialised: left out.
            new Row("O5", Facts.OFFER_FORM, null, 4));

    private static Figures figures(Dimension dimension) {
        return Lagebild.compute(REQUESTS, OFFERS, ALL, 2, TODAY, dimension, WORDS);
    }

    @Test
    void the_counts() {
        Figures figures = figures(Dimension.AREA);
        assertThat(figures.openRequests()).isEqualTo(4);
        assertThat(figures.covered()).as("R3").isEqualTo(1);
        assertThat(figures.openNeed()).as("2 + 1 + 0 + 1").isEqualTo(4);
        assertThat(figures.openOffers()).as("O1 to O4").isEqualTo(4);
        assertThat(figures.freeProfessionals()).as("3 + 2 + 1 + 0").isEqualTo(6);
        assertThat(figures.matchesThisWeek()).isEqualTo(2);
    }

    @Test
    void week_by_week_what_touches_the_week() {
        assertThat(figures(Dimension.AREA).weeks()).containsExactly(
                new Week(may(4), 19, 2, 4),    // R1 | O1 3 + O3 1 (until 5 May) + O4 0
                new Week(may(11), 20, 2, 3),   // R1 2 + R3 0 | O1 3 + O4 0
                new Week(may(18), 21, 2, 3),   // R1 (until 20 May) | O1
                new Week(may(25), 22, 1, 3),   // R2 | O1 (until 31 May)
                new Week(june(1), 23, 2, 2),   // R2 + R4 | O2 (from 5 June) 2 + O4 0
                new Week(june(8), 24, 2, 2),   // R2 + R4 (until 10 June) | O2
                new Week(june(15), 25, 1, 2),  // R2 | O2
                new Week(june(22), 26, 1, 2)); // R2 | O2
    }

    @Test
    void by_kind_of_help_an_offer_counts_in_each_of_its_kinds() {
        assertThat(figures(Dimension.AREA).groups()).containsExactly(
                new Group("Kinder- und Jugendheim oder Wohngruppe (stationäre Hilfe zur Erziehung)", 2, 3),
                new Group("Tagesgruppe (teilstationäre Hilfe zur Erziehung)", 1, 3),
                new Group("Ambulanter Dienst (ambulante Hilfe zur Erziehung)", 0, 0),
                new Group("Bei Pflegefamilien", 1, 2),
                new Group("Anderer sozialer Bereich, der wegen der Corona-Pandemie Hilfe braucht", 0, 1));
    }

    @Test
    void by_qualification_foster_families_ask_none() {
        assertThat(figures(Dimension.QUALIFICATION).groups()).containsExactly(
                new Group("Soziale Arbeit oder Sozialpädagogik (staatlich anerkannt)", 2, 2),  // R1 | O2
                new Group("Erzieherin oder Erzieher", 3, 3),                                   // R1 + R2 | O1
                new Group("Heilerziehungspflege", 0, 0),
                new Group("Andere pädagogische Ausbildung", 0, 1),                             // R3 0 | O3 1 + O4 0
                new Group("Kein bestimmter Abschluss gefragt (Pflegefamilien)", 1, null));     // R4
    }

    @Test
    void by_postcode_a_county_wide_offer_counts_at_every_postcode_in_the_county() {
        assertThat(figures(Dimension.PLACE).groups()).containsExactly(
                new Group("01744", 1, 5),   // R2 | O1 3 + O2 2 + O4 0
                new Group("01796", 2, 3),   // R1 2 + R3 0 | O1 3 + O4 0
                new Group("01809", 0, 4),   // | O1 3 + O3 1 + O4 0
                new Group("ganzer Landkreis (Angebote ohne bestimmte Orte)", null, 3),
                new Group("ohne Postleitzahl", 1, null));
    }

    @Test
    void the_jugendamt_counts_only_offers_for_its_kinds_of_help() {
        Figures figures = Lagebild.compute(REQUESTS.subList(0, 3), OFFERS, JUGENDAMT, 0, TODAY, Dimension.AREA, WORDS);
        assertThat(figures.openRequests()).isEqualTo(3);
        assertThat(figures.openOffers()).as("O2 is for foster families only").isEqualTo(3);
        assertThat(figures.freeProfessionals()).isEqualTo(4);
        assertThat(figures.groups()).extracting(Group::label).doesNotContain("Bei Pflegefamilien");
    }

    @Test
    void nothing_open_gives_zeros_not_errors() {
        Figures empty = Lagebild.compute(List.of(), List.of(), ALL, 0, TODAY, Dimension.PLACE, WORDS);
        assertThat(empty.openRequests()).isZero();
        assertThat(empty.weeks()).hasSize(Lagebild.WEEKS).allMatch(w -> w.need() == 0 && w.free() == 0);
        assertThat(empty.groups()).isEmpty();
    }
}
