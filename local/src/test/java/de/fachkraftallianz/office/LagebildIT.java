package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.MatchFixtures;
import de.fachkraftallianz.matching.MatchService;
import de.fachkraftallianz.matching.Proposal;
import de.fachkraftallianz.store.MatchStore;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The overview's numbers, for each department, against a fixture computed by hand, and against what the inbox and
 * each submission's page show (the inbox's counts, each request's "Offen", each offer's "Frei", each match's line):
 * both ways give the same numbers. A table of its own, so nothing else is counted.
 */
class LagebildIT {

    static LocalStack stack;
    static MatchFixtures fixtures;
    static final LocalDate TODAY = MatchFixtures.TODAY;
    static final Person ANNA = new Person("anna", "Anna Amt (Beispiel)");

    /**
     * Requests: A (home, 2 needed), B (day group, 1), C (outpatient, 3, all matched from O1), D (home, closed), F1
     * (foster family, 1, matched from O1), F2 (foster family without postcode, 1). Offers: O1 (5, every kind, county),
     * O2 (2, foster families, 01744), O3 (1, other area), O4 (2, closed).
     */
    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
        fixtures = new MatchFixtures(stack);
        request(Map.of("einsatzbereich", "stationaer", "anzahl_fachkraefte", "2"));
        request(Map.of("einsatzbereich", "teilstationaer", "anzahl_fachkraefte", "1", "plz", "01744",
                "einsatz_von", TODAY.plusDays(1).toString(), "einsatz_bis", TODAY.plusDays(10).toString()));
        String c = request(Map.of("einsatzbereich", "ambulant", "anzahl_fachkraefte", "3",
                "einsatz_von", TODAY.plusDays(30).toString(), "einsatz_bis", ""));
        String d = request(Map.of("einsatzbereich", "stationaer", "anzahl_fachkraefte", "1"));
        String f1 = fixtures.fosterRequest();
        fixtures.store(Facts.FOSTER_FORM, new LinkedHashMap<>(Samples.all(Facts.FOSTER_FORM, TODAY).get(1)));
        String o1 = offer(Map.of("anzahl_fachkraefte", "5", "einsatzbereiche", "stationaer,teilstationaer,ambulant,"
                + "pflegefamilie", "qualifikationen", "erzieher,andere", "verfuegbar_von", TODAY.toString(),
                "verfuegbar_bis", TODAY.plusDays(90).toString()));
        offer(Map.of("anzahl_fachkraefte", "2", "einsatzbereiche", "pflegefamilie", "einsatzgebiet", "orte",
                "einsatzorte", "01744", "verfuegbar_bis", ""));
        offer(Map.of("anzahl_fachkraefte", "1", "einsatzbereiche", "sonstiges", "verfuegbar_von", TODAY.toString(),
                "verfuegbar_bis", TODAY.plusDays(20).toString()));
        String o4 = offer(Map.of("anzahl_fachkraefte", "2", "einsatzbereiche", "stationaer"));
        close(d, Facts.FACILITY_FORM);
        close(o4, Facts.OFFER_FORM);
        MatchService service = new MatchService(new MatchStore(stack.dynamoDb(), stack.tableName()), Clock.systemUTC());
        assertThat(service.match(MatchFixtures.id(), c, o1, new Proposal(3, TODAY.plusDays(30), TODAY.plusDays(90), 30),
                ANNA)).isInstanceOf(MatchService.Matched.class);
        assertThat(service.match(MatchFixtures.id(), f1, o1, new Proposal(1, TODAY.plusDays(7), TODAY.plusDays(60), 6),
                ANNA)).isInstanceOf(MatchService.Matched.class);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String request(Map<String, String> changes) {
        return fixtures.store(Facts.FACILITY_FORM, with(Samples.values(Facts.FACILITY_FORM, TODAY), changes));
    }

    private static String offer(Map<String, String> changes) {
        Map<String, List<String>> values = with(Samples.values(Facts.OFFER_FORM, TODAY), changes);
        if (!changes.containsKey("einsatzgebiet")) {
            values.put("einsatzgebiet", List.of("landkreis"));
            values.remove("einsatzorte");
        }
        return fixtures.store(Facts.OFFER_FORM, values);
    }

    private static Map<String, List<String>> with(Map<String, List<String>> sample, Map<String, String> changes) {
        Map<String, List<String>> values = new LinkedHashMap<>(sample);
        changes.forEach((name, value) -> {
            if (value.isEmpty()) {
                values.remove(name);
            } else {
                values.put(name, List.of(value.split(",")));
            }
        });
        return values;
    }

    private static void close(String reference, String formId) {
        OfficeStore office = new OfficeStore(stack.dynamoDb(), stack.tableName());
        office.changeStatus(reference, 0, Status.NEW, Status.IN_PROGRESS, ANNA, Instant.now(), null, formId, 180);
        office.changeStatus(reference, 1, Status.IN_PROGRESS, formId.equals(Facts.OFFER_FORM) ? Status.DECLINED
                : Status.DONE, ANNA, Instant.now(), "Abgeschlossen.", formId, 180);
    }

    /** The overview's five numbers as the page shows them. */
    record Numbers(int openRequests, int covered, int need, int free, int offers, int matches) {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // user, password,        open, covered, need, free, offers, matches this week
        "amt,   amt-lokal-2026,     3,    1,      3,    2,    2,      1",
        "pkd,   pkd-lokal-2026,     2,    1,      1,    3,    2,      1",
        "admin, admin-lokal-2026,   5,    2,      4,    4,    3,      2"})
    void the_numbers_are_the_hand_computed_ones_and_what_the_inbox_and_the_pages_show(String user, String password,
            int open, int covered, int need, int free, int offers, int matches) throws Exception {
        Staff staff = Staff.signIn(stack, user, password);
        String page = staff.get("/intern/lagebild").body();
        Numbers shown = new Numbers(number(page, "Offene Anfragen (neu oder in Bearbeitung)"),
                number(page, "davon Bedarf vollständig gedeckt"), number(page, "Offener Bedarf"),
                number(page, "Freie Fachkräfte"), offersIn(page), number(page, "Vermittlungen diese Woche"));
        assertThat(shown).as("hand-computed").isEqualTo(new Numbers(open, covered, need, free, offers, matches));
        assertThat(shown).as("the other way: the inbox and every page").isEqualTo(fromInboxAndPages(staff));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"amt, amt-lokal-2026", "pkd, pkd-lokal-2026", "admin, admin-lokal-2026"})
    void each_department_sees_its_own_requests_in_the_overview(String user, String password) throws Exception {
        String page = MatchingIT.text(Staff.signIn(stack, user, password).get("/intern/lagebild").body());
        boolean facilities = !user.equals("pkd");
        boolean families = !user.equals("amt");
        assertThat(page.contains("Anfragen von Einrichtungen")).isEqualTo(facilities);
        assertThat(page.contains("Anfragen von Pflegefamilien")).isEqualTo(families);
        assertThat(page.contains("Bei Pflegefamilien")).as("the kind of help in the groups").isEqualTo(families);
        assertThat(page.contains("Tagesgruppe")).isEqualTo(facilities);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"admin, admin-lokal-2026"})
    void the_chart_has_its_table_and_its_words_and_the_groups_are_the_hand_computed_ones(String user, String password)
            throws Exception {
        String page = Staff.signIn(stack, user, password).get("/intern/lagebild?nach=art").body();
        assertThat(page).contains("role=\"img\"", "aria-labelledby=\"wochen-titel wochen-beschreibung\"",
                "<desc id=\"gruppen-beschreibung\">Balkendiagramm nach Art der Hilfe mit 5 Zeilen.");
        assertThat(rows(page, "Offener Bedarf und freie Fachkräfte nach Art der Hilfe")).containsExactly(
                "Kinder- und Jugendheim oder Wohngruppe (stationäre Hilfe zur Erziehung) | 2 | 1",   // A | O1
                "Tagesgruppe (teilstationäre Hilfe zur Erziehung) | 1 | 1",                          // B | O1
                "Ambulanter Dienst (ambulante Hilfe zur Erziehung) | 0 | 1",                         // C covered | O1
                "Bei Pflegefamilien | 1 | 3",                                                        // F2 | O1 + O2
                "Anderer sozialer Bereich, der wegen der Corona-Pandemie Hilfe braucht | 0 | 1");    // | O3
        assertThat(rows(page, "Offener Bedarf und freie Fachkräfte je Woche")).hasSize(8);
    }

    private static List<String> rows(String page, String caption) {
        int at = page.indexOf("<caption>" + caption + "</caption>");
        assertThat(at).as(caption).isPositive();
        String table = page.substring(at, page.indexOf("</table>", at));
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr><th scope=\"row\">([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td></tr>")
                .matcher(table);
        while (row.find()) {
            rows.add(row.group(1) + " | " + row.group(2) + " | " + row.group(3));
        }
        return rows;
    }

    private static int number(String page, String label) {
        Matcher m = Pattern.compile("<dt>" + Pattern.quote(label) + "</dt><dd>(\\d+)").matcher(page);
        assertThat(m.find()).as(label).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int offersIn(String page) {
        Matcher m = Pattern.compile("<dt>Freie Fachkräfte</dt><dd>\\d+ Fachkr\\S+ in (\\d+) offenen Angebot").matcher(page);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /**
     * The same numbers the other way round: open requests from the inbox's counts; need, covered, free professionals
     * and this week's matches from the pages of the submissions the inbox lists.
     */
    private static Numbers fromInboxAndPages(Staff staff) throws Exception {
        String inbox = staff.get("/intern").body();
        List<String> forms = new ArrayList<>();
        Matcher option = Pattern.compile("<option value=\"([a-z-]+)\"").matcher(inbox);
        while (option.find()) {
            forms.add(option.group(1));
        }
        List<String> areas = new ArrayList<>();
        int open = 0;
        int covered = 0;
        int need = 0;
        int matches = 0;
        LocalDate monday = TODAY.with(DayOfWeek.MONDAY);
        for (String formId : Facts.REQUEST_FORMS) {
            if (!forms.contains(formId)) {
                continue;
            }
            areas.addAll(formId.equals(Facts.FOSTER_FORM) ? List.of("Bei Pflegefamilien")
                    : List.of("Kinder- und Jugendheim oder Wohngruppe", "Tagesgruppe", "Ambulanter Dienst",
                            "Anderer sozialer Bereich"));
            Map<String, Integer> counts = staff.counts("/intern?formular=" + formId);
            open += counts.get("Neu") + counts.get("In Bearbeitung");
            for (String reference : Staff.references(staff.get("/intern?formular=" + formId).body())) {
                String page = staff.get("/intern/vorgang/" + reference).body();
                boolean isOpen = page.contains("<dt>Status</dt><dd>Neu</dd>")
                        || page.contains("<dt>Status</dt><dd>In Bearbeitung</dd>");
                if (isOpen) {
                    int stillOpen = leading(page, "Offen");
                    need += stillOpen;
                    covered += stillOpen == 0 ? 1 : 0;
                }
                Matcher line = Pattern.compile("<td>vermittelt</td><td>(\\d{2}\\.\\d{2}\\.\\d{4})").matcher(page);
                while (line.find()) {
                    LocalDate made = LocalDate.parse(line.group(1), DateTimeFormatter.ofPattern("dd.MM.yyyy"));
                    matches += made.isBefore(monday) ? 0 : 1;
                }
            }
        }
        int free = 0;
        int offers = 0;
        for (Status status : List.of(Status.NEW, Status.IN_PROGRESS)) {
            for (String reference : Staff.references(staff.get("/intern?formular=" + Facts.OFFER_FORM + "&status="
                    + status.name()).body())) {
                String page = staff.get("/intern/vorgang/" + reference).body();
                String where = page.substring(page.indexOf("Wo dürfen die Fachkräfte arbeiten?"));
                where = where.substring(0, where.indexOf("</dd>"));
                if (areas.stream().anyMatch(where::contains)) {
                    offers++;
                    free += leading(page, "Frei");
                }
            }
        }
        return new Numbers(open, covered, need, free, offers, matches);
    }

    /** The number a fact of the matching section starts with ("Offen 2 Fachkräfte" → 2). */
    private static int leading(String page, String label) {
        Matcher m = Pattern.compile("<dt>" + label + "</dt><dd>(\\d+) ").matcher(page);
        assertThat(m.find()).as(label).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
