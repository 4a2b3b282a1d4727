package de.fachkraftallianz.matching;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.matching.Ranking.Candidate;
import de.fachkraftallianz.matching.Ranking.Criterion;
import de.fachkraftallianz.matching.Ranking.Fit;
import de.fachkraftallianz.matching.Ranking.Reason;
import de.fachkraftallianz.matching.Ranking.Result;
import de.fachkraftallianz.matching.Ranking.Suggestion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ranking rules, each on its own: an offer that fits a criterion comes before one that is the same except for
 * that criterion, and its line says why; the criteria in their order; ties; what is never suggested.
 */
class RankingTest {

    static final LocalDate TODAY = LocalDate.of(2026, 5, 1);
    static final Vocabulary WORDS = Vocabulary.of(FormCatalog.load());
    private static final Instant OLD = Instant.parse("2026-04-01T08:00:00Z");

    /** A children's home in 01796 needing 2 professionals (social work or educator), 30 h, 04.05.–29.05. */
    static Facts request() {
        return new Facts(List.of("stationaer"), List.of("sozialpaedagogik", "erzieher"), false, List.of("01796"), null,
                LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 29), 30, 2);
    }

    /** An offer that fits the request in every way: county-wide, mobile, 03.05.–30.06., 30 h, 3 free. */
    static Facts offer() {
        return new Facts(List.of("stationaer", "ambulant"), List.of("erzieher"), true, List.of(), true,
                LocalDate.of(2026, 5, 3), LocalDate.of(2026, 6, 30), 30, 3);
    }

    private static Candidate candidate(String reference, Facts facts, int free) {
        return new Candidate(reference, OLD, facts, free);
    }

    private static Result rank(Facts request, List<Candidate> offers) {
        return Ranking.rank(request, 2, offers, TODAY, WORDS);
    }

    private static List<String> order(Result result) {
        List<String> order = new ArrayList<>();
        for (Suggestion suggestion : result.ranked()) {
            order.add(suggestion.offer().reference());
        }
        return order;
    }

    private static Reason reason(Suggestion suggestion, Criterion criterion) {
        return suggestion.reasons().stream().filter(r -> r.criterion() == criterion).findFirst().orElseThrow();
    }

    private static Facts with(Facts f, List<String> quals, Boolean countyWide, List<String> postcodes, Boolean mobile,
            LocalDate from, LocalDate until, Integer hours) {
        return new Facts(f.areas(), quals == null ? f.qualifications() : quals,
                countyWide == null ? f.countyWide() : countyWide, postcodes == null ? f.postcodes() : postcodes,
                mobile == null ? f.mobile() : mobile, from == null ? f.from() : from, until == null ? f.until() : until,
                hours == null ? f.hours() : hours, f.count());
    }

    /** Puts the worse offer first in the input, so only the rule can put it second. */
    private static Suggestion[] compare(Facts better, int betterFree, Facts worse, int worseFree) {
        Result result = rank(request(), List.of(candidate("WORS-EEEE", worse, worseFree),
                candidate("BETT-ERRR", better, betterFree)));
        assertThat(order(result)).containsExactly("BETT-ERRR", "WORS-EEEE");
        return result.ranked().toArray(new Suggestion[0]);
    }

    @Test
    void a_perfect_fit_says_so_on_every_line() {
        Suggestion only = rank(request(), List.of(candidate("GUTE-PASS", offer(), 3))).ranked().get(0);
        assertThat(only.reasons()).extracting(Reason::criterion).containsExactly(Criterion.values());
        assertThat(only.reasons()).allMatch(r -> r.fit() == Fit.FITS);
        assertThat(only.reasons()).extracting(Reason::text).containsExactly(
                "Einsatzbereich passt: Kinder- und Jugendheim oder Wohngruppe (stationäre Hilfe zur Erziehung)",
                "Abschluss passt: Erzieherin oder Erzieher",
                "Einsatzgebiet: ganzer Landkreis, also auch 01796",
                "Kommen selbst zum Einsatzort",
                "Zeitraum passt: verfügbar ab 03.05. bis 30.06., gebraucht ab 04.05. bis 29.05.",
                "30 Stunden pro Woche je Fachkraft (gefragt: 30)",
                "3 Fachkräfte frei, 2 gebraucht: deckt den offenen Bedarf");
        assertThat(only.persons()).as("the form offers what both can").isEqualTo(2);
        assertThat(only.overlap()).isEqualTo(new Period(LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 29)));
        assertThat(only.hours()).isEqualTo(30);
    }

    @Test
    void qualification_a_held_one_that_is_asked_fits_none_does_not() {
        Suggestion[] s = compare(offer(), 3, with(offer(), List.of("heilerziehungspflege"), null, null, null, null, null,
                null), 3);
        assertThat(reason(s[1], Criterion.QUALIFICATION)).isEqualTo(new Reason(Criterion.QUALIFICATION, Fit.MISSES,
                "Kein gefragter Abschluss: angeboten Heilerziehungspflege; gefragt Soziale Arbeit oder Sozialpädagogik "
                        + "(staatlich anerkannt); Erzieherin oder Erzieher"));
    }

    @Test
    void place_the_postcode_in_the_offers_places_fits_another_does_not() {
        Facts listing = with(offer(), null, false, List.of("01796", "01809"), null, null, null, null);
        Facts elsewhere = with(offer(), null, false, List.of("01744", "01773"), null, null, null, null);
        Suggestion[] s = compare(listing, 3, elsewhere, 3);
        assertThat(reason(s[0], Criterion.PLACE).text()).isEqualTo("Postleitzahl 01796 liegt im Einsatzgebiet");
        assertThat(reason(s[1], Criterion.PLACE)).isEqualTo(new Reason(Criterion.PLACE, Fit.MISSES,
                "Einsatzgebiet nur 01744, 01773, nicht 01796"));
    }

    @Test
    void place_a_county_wide_offer_does_not_reach_a_postcode_outside_the_county() {
        Facts family = new Facts(List.of(Facts.FOSTER_AREA), List.of(), false, List.of("01067"), null,
                LocalDate.of(2026, 5, 4), null, null, 1);
        Facts countyWide = new Facts(List.of(Facts.FOSTER_AREA), List.of("erzieher"), true, List.of(), true,
                LocalDate.of(2026, 5, 1), null, 10, 1);
        Suggestion only = Ranking.rank(family, 1, List.of(candidate("LAND-KREI", countyWide, 1)), TODAY, WORDS)
                .ranked().get(0);
        assertThat(reason(only, Criterion.PLACE)).isEqualTo(new Reason(Criterion.PLACE, Fit.MISSES,
                "Einsatzgebiet: nur der Landkreis; 01067 liegt außerhalb"));
    }

    @Test
    void travel_professionals_who_get_there_themselves_come_first() {
        Suggestion[] s = compare(offer(), 3, with(offer(), null, null, null, false, null, null, null), 3);
        assertThat(reason(s[1], Criterion.TRAVEL)).isEqualTo(new Reason(Criterion.TRAVEL, Fit.MISSES,
                "Kommen nicht selbst zum Einsatzort"));
    }

    @Test
    void a_period_line_says_the_periods_as_given_and_every_year_once_one_date_is_in_another_year() {
        assertThat(Ranking.span(new Period(LocalDate.of(2026, 5, 4), LocalDate.of(2026, 6, 30)), TODAY))
                .isEqualTo("ab 04.05. bis 30.06.");
        assertThat(Ranking.span(new Period(LocalDate.of(2026, 12, 20), LocalDate.of(2027, 1, 10)), TODAY))
                .isEqualTo("ab 20.12.2026 bis 10.01.2027");
        // An offer available since April: compared from today on, said as the offer gives it (the page's "Verfügbar").
        Facts since = with(offer(), null, null, null, null, LocalDate.of(2026, 4, 20), null, null);
        Facts since_ = new Facts(since.areas(), since.qualifications(), true, List.of(), true, since.from(),
                LocalDate.of(2026, 6, 30), 30, 3);
        Suggestion only = rank(request(), List.of(candidate("SEIT-APRL", since_, 3))).ranked().get(0);
        assertThat(reason(only, Criterion.PERIOD).text())
                .isEqualTo("Zeitraum passt: verfügbar ab 20.04. bis 30.06., gebraucht ab 04.05. bis 29.05.");
        // Around the turn of the year: the need runs into 2027, so every date of the line has its year.
        LocalDate december = LocalDate.of(2026, 12, 1);
        Facts need = new Facts(request().areas(), request().qualifications(), false, List.of("01796"), null, december,
                LocalDate.of(2027, 2, 28), 30, 2);
        Facts untilNewYear = new Facts(since.areas(), since.qualifications(), true, List.of(), true,
                LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 30), 30, 3);
        Suggestion partly = Ranking.rank(need, 2, List.of(candidate("JAHR-ENDE", untilNewYear, 3)), december, WORDS)
                .ranked().get(0);
        assertThat(reason(partly, Criterion.PERIOD).text()).isEqualTo("Zeitraum überschneidet sich nur vom 01.12.2026 "
                + "bis 30.12.2026 (gebraucht ab 01.12.2026 bis 28.02.2027)");
    }

    @Test
    void period_a_partial_overlap_says_exactly_which_days() {
        Facts short_ = with(offer(), null, null, null, null, LocalDate.of(2026, 4, 20), LocalDate.of(2026, 5, 15),
                null);
        Suggestion[] s = compare(offer(), 3, short_, 3);
        assertThat(reason(s[1], Criterion.PERIOD)).isEqualTo(new Reason(Criterion.PERIOD, Fit.PARTLY,
                "Zeitraum überschneidet sich nur vom 04.05. bis 15.05. (gebraucht ab 04.05. bis 29.05.)"));
        assertThat(s[1].overlap()).isEqualTo(new Period(LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 15)));
        Facts later = with(offer(), null, null, null, null, LocalDate.of(2026, 5, 11), null, null);
        Facts open = new Facts(later.areas(), later.qualifications(), true, List.of(), true, later.from(), null, 30, 3);
        Facts openRequest = new Facts(request().areas(), request().qualifications(), false, List.of("01796"), null,
                LocalDate.of(2026, 5, 4), null, 30, 2);
        Suggestion partly = Ranking.rank(openRequest, 2, List.of(candidate("SPAE-TERR", open, 3)), TODAY, WORDS)
                .ranked().get(0);
        assertThat(reason(partly, Criterion.PERIOD).text()).isEqualTo(
                "Zeitraum überschneidet sich nur ab 11.05. (gebraucht ab 04.05., ohne Enddatum)");
    }

    @Test
    void period_what_lies_before_today_does_not_count_against_an_offer() {
        Facts started = with(request(), null, null, null, null, LocalDate.of(2026, 4, 1), null, null);
        Facts sinceApril20 = with(offer(), null, null, null, null, LocalDate.of(2026, 4, 20), null, null);
        Suggestion only = rank(started, List.of(candidate("HEUT-EABB", sinceApril20, 3))).ranked().get(0);
        assertThat(reason(only, Criterion.PERIOD).fit()).as("the offer starts before the days still to come")
                .isEqualTo(Fit.FITS);
    }

    @Test
    void hours_fewer_than_asked_fit_partly() {
        Suggestion[] s = compare(offer(), 3, with(offer(), null, null, null, null, null, null, 20), 3);
        assertThat(reason(s[1], Criterion.HOURS)).isEqualTo(new Reason(Criterion.HOURS, Fit.PARTLY,
                "Nur 20 Stunden pro Woche je Fachkraft (gefragt: 30)"));
        assertThat(s[1].hours()).as("the form offers what the offer has").isEqualTo(20);
    }

    @Test
    void professionals_an_offer_that_covers_the_whole_need_comes_first() {
        Suggestion[] s = compare(offer(), 2, offer(), 1);
        assertThat(reason(s[1], Criterion.PERSONS)).isEqualTo(new Reason(Criterion.PERSONS, Fit.PARTLY,
                "1 Fachkraft frei, 2 gebraucht: deckt den offenen Bedarf zum Teil"));
        assertThat(s[1].persons()).isEqualTo(1);
    }

    @Test
    void the_criteria_rank_in_their_order_not_by_how_many_fail() {
        // Misses only the first-ranked criterion (qualification) …
        Facts wrongQualification = with(offer(), List.of("andere"), null, null, null, null, null, null);
        // … against one that misses or only partly meets every later one.
        Facts everythingElse = with(offer(), null, false, List.of("01744"), false, LocalDate.of(2026, 5, 10),
                LocalDate.of(2026, 5, 20), 10);
        Result result = rank(request(), List.of(candidate("QUAL-FAIL", wrongQualification, 3),
                candidate("REST-FAIL", everythingElse, 1)));
        assertThat(order(result)).containsExactly("REST-FAIL", "QUAL-FAIL");
    }

    @Test
    void ties_go_to_the_longer_shared_period_then_the_bigger_cover_then_the_older_offer_then_the_reference() {
        Facts longer = with(offer(), null, null, null, null, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 20), null);
        Facts shorter = with(offer(), null, null, null, null, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 10),
                null);
        assertThat(order(rank(request(), List.of(candidate("KURZ-ZZZZ", shorter, 3),
                candidate("LANG-ZZZZ", longer, 3))))).containsExactly("LANG-ZZZZ", "KURZ-ZZZZ");

        Facts openRequest = new Facts(request().areas(), request().qualifications(), false, List.of("01796"), null,
                LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 29), 30, 3);
        assertThat(order(Ranking.rank(openRequest, 3, List.of(candidate("ZWEI-ZZZZ", offer(), 2),
                candidate("DREI-ZZZZ", offer(), 1)), TODAY, WORDS)))
                .as("both cover part: the one that covers more first").containsExactly("ZWEI-ZZZZ", "DREI-ZZZZ");

        Candidate younger = new Candidate("AAAA-JUNG", Instant.parse("2026-04-20T08:00:00Z"), offer(), 3);
        Candidate older = new Candidate("ZZZZ-ALTT", Instant.parse("2026-04-10T08:00:00Z"), offer(), 3);
        assertThat(order(rank(request(), List.of(younger, older)))).containsExactly("ZZZZ-ALTT", "AAAA-JUNG");

        Candidate b = new Candidate("BBBB-2222", OLD, offer(), 3);
        Candidate a = new Candidate("AAAA-2222", OLD, offer(), 3);
        assertThat(order(rank(request(), List.of(b, a)))).containsExactly("AAAA-2222", "BBBB-2222");
    }

    @Test
    void no_free_professional_another_kind_of_help_or_no_shared_day_is_never_suggested() {
        Facts ambulantOnly = new Facts(List.of("ambulant"), List.of("erzieher"), true, List.of(), true,
                LocalDate.of(2026, 5, 1), null, 30, 3);
        Facts afterwards = with(offer(), null, null, null, null, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30),
                null);
        Facts before = with(offer(), null, null, null, null, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 30),
                null);
        Result result = rank(request(), List.of(candidate("VOLL-AAAA", offer(), 0),
                candidate("AMBU-AAAA", ambulantOnly, 3), candidate("SPAE-AAAA", afterwards, 3),
                candidate("FRUE-AAAA", before, 3), candidate("GUTE-AAAA", offer(), 3)));
        assertThat(order(result)).containsExactly("GUTE-AAAA");
        assertThat(result.considered()).isEqualTo(5);
        assertThat(result.noneFree()).isEqualTo(1);
        assertThat(result.otherArea()).isEqualTo(1);
        assertThat(result.noOverlap()).isEqualTo(2);
    }

    @Test
    void when_nothing_fits_the_list_is_empty_and_says_why() {
        Result none = rank(request(), List.of(candidate("VOLL-AAAA", offer(), 0),
                candidate("AMBU-AAAA", new Facts(List.of("pflegefamilie"), List.of(), true, List.of(), true,
                        LocalDate.of(2026, 5, 1), null, 30, 3), 3)));
        assertThat(none.ranked()).isEmpty();
        assertThat(none.noneFree() + none.otherArea() + none.noOverlap()).isEqualTo(none.considered()).isEqualTo(2);
        assertThat(rank(request(), List.of()).ranked()).isEmpty();

        Facts ended = with(request(), null, null, null, null, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), null);
        Result past = rank(ended, List.of(candidate("GUTE-AAAA", offer(), 3)));
        assertThat(past.ranked()).as("a request whose period is over gets nothing").isEmpty();
        assertThat(past.noOverlap()).isEqualTo(1);
    }

    @Test
    void what_a_foster_family_does_not_ask_counts_as_met() {
        Facts family = new Facts(List.of(Facts.FOSTER_AREA), List.of(), false, List.of(), null,
                LocalDate.of(2026, 5, 4), null, null, 1);
        Facts offer = new Facts(List.of("ambulant", Facts.FOSTER_AREA), List.of("andere"), false, List.of("01744"),
                true, LocalDate.of(2026, 5, 1), null, 12, 2);
        Suggestion only = Ranking.rank(family, 1, List.of(candidate("PFLE-GEEE", offer, 2)), TODAY, WORDS)
                .ranked().get(0);
        assertThat(only.reasons()).extracting(Reason::fit).containsExactly(Fit.FITS, Fit.NOT_ASKED, Fit.NOT_ASKED,
                Fit.FITS, Fit.FITS, Fit.NOT_ASKED, Fit.FITS);
        assertThat(reason(only, Criterion.AREA).text()).isEqualTo("Einsatzbereich passt: Bei Pflegefamilien");
        assertThat(reason(only, Criterion.HOURS).text()).isEqualTo(
                "12 Stunden pro Woche je Fachkraft (keine Stundenzahl gefragt)");
        assertThat(only.hours()).isEqualTo(12);
    }

    @Test
    void dates_of_another_year_carry_the_year() {
        assertThat(Ranking.day(LocalDate.of(2026, 5, 4), TODAY)).isEqualTo("04.05.");
        assertThat(Ranking.day(LocalDate.of(2027, 1, 15), TODAY)).isEqualTo("15.01.2027");
    }
}
