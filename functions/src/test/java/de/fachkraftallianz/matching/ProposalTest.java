package de.fachkraftallianz.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The match form's numbers: at most what both sides have, within the shared period, hours within the offer's. */
class ProposalTest {

    private static final Period SHARED = new Period(LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 15));

    private static Map<String, String> errors(String persons, String from, String until, String hours, int open,
            int free, Period shared) {
        Proposal.Checked checked = Proposal.check(persons, from, until, hours, open, free, shared, 30);
        return checked instanceof Proposal.Invalid invalid ? invalid.errors() : Map.of();
    }

    @Test
    void a_proposal_within_everything_is_valid() {
        assertThat(Proposal.check("2", "2026-05-04", "2026-05-15", "30", 2, 3, SHARED, 30)).isEqualTo(
                new Proposal.Valid(new Proposal(2, LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 15), 30)));
        assertThat(Proposal.check("1", "2026-05-10", "", "1", 2, 3, new Period(LocalDate.of(2026, 5, 4), null), null))
                .as("both open-ended: no end needed").isInstanceOf(Proposal.Valid.class);
    }

    @Test
    void more_professionals_than_free_or_needed_is_refused_with_both_numbers() {
        assertThat(errors("3", "2026-05-04", "2026-05-15", "30", 2, 3, SHARED)).containsExactly(Map.entry("anzahl",
                "Geben Sie als Anzahl eine ganze Zahl von 1 bis 2 an: Das Angebot hat 3 Fachkräfte frei, der Vorgang "
                        + "braucht noch 2."));
        assertThat(errors("2", "2026-05-04", "2026-05-15", "30", 2, 1, SHARED).get("anzahl")).as("no range of one")
                .isEqualTo("Geben Sie als Anzahl 1 an: Das Angebot hat 1 Fachkraft frei, der Vorgang braucht noch 2.");
        assertThat(errors("0", "2026-05-04", "2026-05-15", "30", 2, 3, SHARED)).containsKey("anzahl");
        assertThat(errors("zwei", "2026-05-04", "2026-05-15", "30", 2, 3, SHARED)).containsKey("anzahl");
        assertThat(errors("1", "2026-05-04", "2026-05-15", "30", 2, 0, SHARED).get("anzahl"))
                .isEqualTo("Es kann niemand vermittelt werden: Das Angebot hat 0 Fachkräfte frei, der Vorgang braucht "
                        + "noch 2.");
    }

    @Test
    void a_period_outside_the_shared_days_is_refused_naming_them() {
        assertThat(errors("1", "2026-05-03", "2026-05-15", "30", 2, 3, SHARED)).containsExactly(Map.entry("von",
                "Der Beginn muss in der Zeit liegen, die Angebot und Vorgang gemeinsam haben: ab 04.05.2026 bis "
                        + "15.05.2026."));
        assertThat(errors("1", "2026-05-04", "2026-05-16", "30", 2, 3, SHARED)).containsOnlyKeys("bis");
        assertThat(errors("1", "2026-05-10", "2026-05-08", "30", 2, 3, SHARED)).containsOnlyKeys("bis");
        assertThat(errors("1", "2026-05-04", "", "30", 2, 3, SHARED)).containsExactly(Map.entry("bis",
                "Geben Sie an, bis wann die Fachkräfte kommen, spätestens bis 15.05.2026."));
        assertThat(errors("1", "", "2026-05-10", "30", 2, 3, SHARED)).containsOnlyKeys("von");
        assertThat(errors("1", "2026-05-04", "15.05.2026", "30", 2, 3, SHARED)).containsOnlyKeys("bis");
        assertThat(errors("1", "2026-05-04", "2026-05-10", "30", 2, 3, null)).containsOnlyKeys("von");
    }

    @Test
    void hours_beyond_the_offers_are_refused() {
        assertThat(errors("1", "2026-05-04", "2026-05-15", "31", 2, 3, SHARED)).containsExactly(Map.entry("stunden",
                "Geben Sie die Stunden pro Woche je Fachkraft als ganze Zahl von 1 bis 30 an: So viele bietet der "
                        + "Träger je Fachkraft an."));
        assertThat(errors("1", "2026-05-04", "2026-05-15", "0", 2, 3, SHARED)).containsOnlyKeys("stunden");
    }

    @Test
    void every_error_is_reported_at_once() {
        assertThat(errors("9", "x", "y", "99", 2, 3, SHARED)).containsOnlyKeys("anzahl", "von", "bis", "stunden");
    }
}
