package de.fachkraftallianz.office;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.Match;
import de.fachkraftallianz.matching.MatchFile;
import de.fachkraftallianz.matching.MatchFixtures;
import de.fachkraftallianz.matching.MatchService;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.Status;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Matching through the office's pages, signed in through the local sign-in, against dynalite: suggestions, a match
 * made with the page's own form, its numbers refused (422) or overtaken (409), sending it twice, cancelling, closing
 * the covered request; and who sees which side's data.
 */
class MatchingIT {

    static LocalStack stack;
    static MatchFixtures fixtures;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
        fixtures = new MatchFixtures(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static String suggestions(String request) {
        return "/intern/vorgang/" + request + "/vorschlaege";
    }

    /** The match form of the offer's suggestion on the page: every field with the value the page put in. */
    static Map<String, String> matchForm(String page, String offer) {
        int at = page.indexOf("name=\"angebot\" value=\"" + offer + "\"");
        assertThat(at).as("a match form for " + offer).isPositive();
        String form = page.substring(page.lastIndexOf("<form", at), page.indexOf("</form>", at));
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"").matcher(form);
        while (input.find()) {
            fields.put(input.group(1), input.group(2).replace("&amp;", "&"));
        }
        fields.remove("_csrf");
        return fields;
    }

    static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").replace(" :", ":").replace("&#34;", "\"")
                .replace("&amp;", "&");
    }

    @Test
    void jugendamt_staff_see_why_an_offer_fits_match_it_and_close_the_covered_request() throws Exception {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);

        HttpResponse<String> casePage = amt.get("/intern/vorgang/" + request);
        assertThat(text(casePage.body())).contains("Vermittlung", "Gebraucht 2 Fachkräfte", "Offen 2 Fachkräfte",
                "Vorschläge ansehen und vermitteln");
        HttpResponse<String> page = amt.get(suggestions(request));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(text(page.body())).contains("Angebot " + offer, "Muster-Jugendhilfe e. V.", "Erika Mustermann",
                "030 23125 456", "erika.mustermann@example.org", "Passt: Abschluss passt: Soziale Arbeit",
                "Passt: Einsatzgebiet: ganzer Landkreis, also auch 01796",
                "Vorgeschlagen werden nur Angebote, deren Fachkräfte in dieser Art der Hilfe arbeiten können",
                "Reihenfolge: Zuerst zählt, ob der Abschluss passt");
        Map<String, String> form = matchForm(page.body(), offer);
        assertThat(form).containsEntry("anzahl", "2").containsEntry("stunden", "30")
                .containsEntry("von", MatchFixtures.TODAY.plusDays(14).toString())
                .containsEntry("bis", MatchFixtures.TODAY.plusDays(60).toString());
        assertThat(form.get("vermittlung")).matches("[0-9a-f]{32}");

        HttpResponse<String> matched = amt.post("/intern/vorgang/" + request + "/vermittlung", form);
        assertThat(matched.statusCode()).as(matched.body()).isEqualTo(303);
        assertThat(matched.headers().firstValue("location")).contains(suggestions(request) + "?vermittelt=1");
        assertThat(fixtures.read(offer).number()).isEqualTo(1);
        assertThat(fixtures.read(request).number()).isZero();
        assertThat(fixtures.read(request).file().status()).as("a new request is now worked on")
                .isEqualTo(Status.IN_PROGRESS);

        HttpResponse<String> after = amt.get(suggestions(request) + "?vermittelt=1");
        assertThat(text(after.body())).contains("Vermittlung gespeichert.", "Angebot " + offer + ": 2 Fachkräfte",
                "Stand: vermittelt", "Der Bedarf dieses Vorgangs ist vollständig gedeckt")
                .doesNotContain("Passende Angebote");
        Map<String, String> close = closeForm(after.body());
        HttpResponse<String> closed = amt.post("/intern/vorgang/" + request + "/status", close);
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(303);
        CaseFile done = new OfficeStore(stack.dynamoDb(), stack.tableName()).find(request).orElseThrow();
        assertThat(done.status()).isEqualTo(Status.DONE);
        assertThat(done.history()).extracting(CaseFile.HistoryEntry::action)
                .containsExactly("MATCH", "STATUS", "STATUS");

        String offerPage = text(amt.get("/intern/vorgang/" + offer).body());
        assertThat(offerPage).contains("Kapazität", "Angeboten 3 Fachkräfte", "Vermittelt 2 Fachkräfte",
                "Frei 1 Fachkraft", request + " 2 Fachkräfte", "Vermittelt mit Vorgang " + request + ": 2 Fachkräfte");
        String requestPage = text(amt.get("/intern/vorgang/" + request).body());
        assertThat(requestPage).contains("Vermittelt mit Vorgang " + offer, "Offen 0 Fachkräfte")
                .doesNotContain("Vorschläge ansehen und vermitteln".repeat(2));
    }

    /** The "close" form the suggestions page offers once the need is covered. */
    static Map<String, String> closeForm(String page) {
        int at = page.indexOf("Als erledigt abschließen");
        assertThat(at).as("a close button").isPositive();
        String form = page.substring(page.lastIndexOf("<form", at), at);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(form);
        while (input.find()) {
            fields.put(input.group(1), input.group(2));
        }
        fields.remove("_csrf");
        return fields;
    }

    @Test
    void impossible_numbers_are_refused_with_their_reason_and_the_typed_values_kept() throws Exception {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Map<String, String> form = matchForm(amt.get(suggestions(request)).body(), offer);
        String path = "/intern/vorgang/" + request + "/vermittlung";

        Map<String, String> tooMany = new LinkedHashMap<>(form);
        tooMany.put("anzahl", "3");
        tooMany.put("stunden", "31");
        tooMany.put("von", MatchFixtures.TODAY.plusDays(13).toString());
        HttpResponse<String> refused = amt.post(path, tooMany);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(text(refused.body())).contains("Bitte prüfen Sie Ihre Eingabe",
                "Geben Sie als Anzahl eine ganze Zahl von 1 bis 2 an: Das Angebot hat 3 Fachkräfte frei, der Vorgang "
                        + "braucht noch 2.",
                "Der Beginn muss in der Zeit liegen, die Angebot und Vorgang gemeinsam haben",
                "Geben Sie die Stunden pro Woche je Fachkraft als ganze Zahl von 1 bis 30 an");
        assertThat(refused.body()).contains("href=\"#anzahl-" + offer + "\"", "aria-invalid=\"true\"")
                .contains("<title>Nicht gespeichert: Vorschläge für Vorgang " + request);
        Map<String, String> kept = matchForm(refused.body(), offer);
        assertThat(kept).containsEntry("anzahl", "3").containsEntry("stunden", "31")
                .containsEntry("vermittlung", form.get("vermittlung"));

        Map<String, String> late = new LinkedHashMap<>(form);
        late.put("bis", MatchFixtures.TODAY.plusDays(61).toString());
        assertThat(amt.post(path, late).statusCode()).isEqualTo(422);
        Map<String, String> hostile = new LinkedHashMap<>(form);
        hostile.put("anzahl", "<script>x</script>");
        HttpResponse<String> escaped = amt.post(path, hostile);
        assertThat(escaped.statusCode()).isEqualTo(422);
        assertThat(escaped.body()).doesNotContain("<script>x").contains("value=\"&lt;script");

        assertThat(fixtures.read(offer).entries()).as("nothing stored").isEmpty();
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
        assertThat(amt.post(path, form).statusCode()).as("the same form, corrected, still works").isEqualTo(303);
    }

    @Test
    void a_match_on_a_request_closed_meanwhile_gets_409_and_nothing_is_taken() throws Exception {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Map<String, String> form = matchForm(amt.get(suggestions(request)).body(), offer);
        OfficeStore office = new OfficeStore(stack.dynamoDb(), stack.tableName());
        CaseFile.Person other = new CaseFile.Person("other", "Olga Other (Beispiel)");
        office.changeStatus(request, 0, Status.NEW, Status.IN_PROGRESS, other, java.time.Instant.now(), null,
                Facts.FACILITY_FORM, 180);
        office.changeStatus(request, 1, Status.IN_PROGRESS, Status.DECLINED, other, java.time.Instant.now(), "Abgesagt.",
                Facts.FACILITY_FORM, 180);

        HttpResponse<String> late = amt.post("/intern/vorgang/" + request + "/vermittlung", form);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(text(late.body())).contains("Der Vorgang ist inzwischen abgeschlossen. Es wurde nichts vermittelt.",
                "Vorschläge gibt es nur für offene Vorgänge");
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
        assertThat(fixtures.read(offer).entries()).isEmpty();
    }

    @Test
    void an_offer_taken_meanwhile_leaves_only_what_is_free_and_the_same_form_sent_twice_matches_once()
            throws Exception {
        String offer = fixtures.offer(2);
        String first = fixtures.request(2);
        String second = fixtures.request(2);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Map<String, String> formFirst = matchForm(amt.get(suggestions(first)).body(), offer);
        Map<String, String> formSecond = matchForm(amt.get(suggestions(second)).body(), offer);
        assertThat(amt.post("/intern/vorgang/" + first + "/vermittlung", formFirst).statusCode()).isEqualTo(303);
        assertThat(amt.post("/intern/vorgang/" + first + "/vermittlung", formFirst).statusCode())
                .as("sent again (reload, double click)").isEqualTo(303);
        assertThat(fixtures.read(offer).entries()).hasSize(1);
        assertThat(fixtures.assertOfferConsistent(offer)).isEqualTo(2);

        HttpResponse<String> nothingLeft = amt.post("/intern/vorgang/" + second + "/vermittlung", formSecond);
        assertThat(nothingLeft.statusCode()).isEqualTo(422);
        assertThat(text(nothingLeft.body())).contains("Es kann niemand vermittelt werden: Das Angebot hat 0 Fachkräfte "
                + "frei").doesNotContain("Angebot " + offer + ":");
        assertThat(fixtures.read(second).number()).isEqualTo(2);
    }

    @Test
    void the_matches_of_a_request_form_go_to_excel_one_row_each_from_the_requests_record() throws Exception {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Map<String, String> first = matchForm(amt.get(suggestions(request)).body(), offer);
        first.put("anzahl", "1");
        assertThat(amt.post("/intern/vorgang/" + request + "/vermittlung", first).statusCode()).isEqualTo(303);
        Map<String, String> second = matchForm(amt.get(suggestions(request)).body(), offer);
        second.put("anzahl", "1");
        assertThat(amt.post("/intern/vorgang/" + request + "/vermittlung", second).statusCode()).isEqualTo(303);
        assertThat(amt.post("/intern/vorgang/" + request + "/vermittlung/aufheben", Map.of("vermittlung",
                first.get("vermittlung"), "grund", "=Formel? Nein, ein Grund.")).statusCode()).isEqualTo(303);

        String inbox = amt.get("/intern?formular=bedarf-einrichtung").body();
        assertThat(inbox).contains("/intern/export?formular=bedarf-einrichtung&amp;inhalt=vermittlungen");
        assertThat(amt.get("/intern?formular=angebot-traeger").body()).as("offers: their matches are the requests'")
                .doesNotContain("inhalt=vermittlungen");

        HttpResponse<byte[]> response = amt.download("/intern/export?formular=bedarf-einrichtung&inhalt=vermittlungen");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-disposition").orElseThrow())
                .startsWith("attachment; filename=\"fachkraftallianz-vermittlungen-bedarf-einrichtung-");
        String csv = OfficeExportIT.csv(response);
        assertThat(csv).startsWith("\uFEFFAnfrage;Angebot;Fachkräfte;Von;Bis;Stunden je Woche und Fachkraft;Stand;"
                + "Vermittelt am;Vermittelt von;Aufgehoben am;Aufgehoben von;Grund der Aufhebung\r\n");
        java.util.List<String> rows = csv.lines().filter(l -> l.startsWith(request + ";")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(request + ";" + offer + ";1;")
                .contains(";vermittelt;").endsWith(";;;"));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(request + ";" + offer + ";1;")
                .contains(";aufgehoben;").endsWith(";'=Formel? Nein, ein Grund."));
        assertThat(csv).as("no answers of the request").doesNotContain(fixtures.read(request).file().values()
                .values().stream().flatMap(java.util.List::stream).filter(v -> v.length() > 12).findFirst()
                .orElse("\u0000"));

        HttpResponse<String> refused = amt.get("/intern/export?formular=angebot-traeger&inhalt=vermittlungen");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Vermittlungen gibt es zu Anfragen");
        Staff pkd = Staff.signIn(stack, "pkd", LocalCognito.PKD_PASSWORD);
        HttpResponse<byte[]> other = pkd.download("/intern/export?formular=bedarf-einrichtung&inhalt=vermittlungen");
        assertThat(other.statusCode()).as("another department's requests: refused as such").isEqualTo(403);
        assertThat(new String(other.body(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(request);
    }

    @Test
    void cancelling_through_the_page_gives_both_sides_their_numbers_back() throws Exception {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Map<String, String> form = matchForm(amt.get(suggestions(request)).body(), offer);
        form.put("anzahl", "1");
        assertThat(amt.post("/intern/vorgang/" + request + "/vermittlung", form).statusCode()).isEqualTo(303);
        String page = amt.get(suggestions(request)).body();
        assertThat(text(page)).contains("Vermittlung mit Angebot " + offer + " aufheben");

        String path = "/intern/vorgang/" + request + "/vermittlung/aufheben";
        String token = amt.csrf;
        amt.csrf = null;
        assertThat(amt.post(path, Map.of("vermittlung", form.get("vermittlung"))).statusCode())
                .as("without the CSRF token").isEqualTo(403);
        amt.csrf = token;
        assertThat(amt.post(path, Map.of("vermittlung", "0".repeat(32))).statusCode()).isEqualTo(404);
        HttpResponse<String> cancelled = amt.post(path, Map.of("vermittlung", form.get("vermittlung"),
                "grund", "Einrichtung braucht doch niemanden."));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(303);
        assertThat(cancelled.headers().firstValue("location")).contains(suggestions(request) + "?aufgehoben=1");
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
        assertThat(fixtures.read(request).number()).isEqualTo(2);
        assertThat(text(amt.get("/intern/vorgang/" + offer).body()))
                .contains("Vermittlung mit Vorgang " + request + " aufgehoben. Grund: Einrichtung braucht doch niemanden.",
                        "Stand");
        assertThat(amt.post(path, Map.of("vermittlung", form.get("vermittlung"))).statusCode())
                .as("cancelled twice: nothing more").isEqualTo(303);
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
    }

    @Test
    void each_department_matches_its_own_requests_and_sees_of_the_other_side_only_what_it_needs() throws Exception {
        String offer = fixtures.offer(4);
        String facility = fixtures.request(1);
        String family = fixtures.fosterRequest();
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        Staff pkd = Staff.signIn(stack, "pkd", LocalCognito.PKD_PASSWORD);

        assertThat(amt.get(suggestions(family)).statusCode()).isEqualTo(403);
        assertThat(pkd.get(suggestions(facility)).statusCode()).isEqualTo(403);
        Map<String, String> amtForm = matchForm(amt.get(suggestions(facility)).body(), offer);
        Map<String, String> pkdForm = matchForm(pkd.get(suggestions(family)).body(), offer);
        assertThat(pkd.post("/intern/vorgang/" + facility + "/vermittlung", amtForm).statusCode())
                .as("not the Pflegekinderdienst's request").isEqualTo(403);
        assertThat(amt.post("/intern/vorgang/" + family + "/vermittlung", pkdForm).statusCode())
                .as("not the Jugendamt's request").isEqualTo(403);
        assertThat(fixtures.read(offer).entries()).isEmpty();
        assertThat(amt.post("/intern/vorgang/" + facility + "/vermittlung", amtForm).statusCode()).isEqualTo(303);
        assertThat(pkd.post("/intern/vorgang/" + family + "/vermittlung", pkdForm).statusCode()).isEqualTo(303);

        // The suggestion shows the Pflegekinderdienst the offer's organisation, contact, numbers and period.
        String pkdSuggestions = text(pkd.get(suggestions(family)).body());
        assertThat(pkdSuggestions).contains("Angebot " + offer + ": 1 Fachkraft");
        // The offer's page: each department sees the other's request by its reference only, without a link.
        String amtOffer = amt.get("/intern/vorgang/" + offer).body();
        assertThat(amtOffer).contains("href=\"/intern/vorgang/" + facility + "\"")
                .doesNotContain("href=\"/intern/vorgang/" + family + "\"").contains(family)
                .doesNotContain("Max Mustermann", "max.mustermann@example.org", "Frau Beispiel");
        String pkdOffer = pkd.get("/intern/vorgang/" + offer).body();
        assertThat(pkdOffer).contains("href=\"/intern/vorgang/" + family + "\"")
                .doesNotContain("href=\"/intern/vorgang/" + facility + "\"").contains(facility)
                .doesNotContain("Kinder- und Jugendheim Musterhaus", "Musterstraße 12");
        // Neither sees the other's request itself.
        assertThat(amt.get("/intern/vorgang/" + family).statusCode()).isEqualTo(403);
        assertThat(pkd.get("/intern/vorgang/" + facility).statusCode()).isEqualTo(403);
    }

    /** A match flow that dies after {@code step}, reserving at {@code at}. */
    static MatchService dying(MatchService.Step step, java.time.Instant at) {
        return new MatchService(fixtures.store(), java.time.Clock.fixed(at, java.time.ZoneOffset.UTC), (done, match) -> {
            if (done == step) {
                throw new IllegalStateException("killed after " + done);
            }
        });
    }

    @Test
    void opening_an_offers_page_finishes_a_match_whose_flow_died_after_the_request_decided() throws Exception {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        String id = MatchFixtures.id();
        CaseFile.Person anna = new CaseFile.Person("anna", "Anna Amt (Beispiel)");
        try {
            dying(MatchService.Step.COMMITTED, java.time.Instant.now()).match(id, request, offer,
                    MatchFixtures.proposal(1), anna);
        } catch (IllegalStateException killed) {
            // The flow died between the request's decision and the offer's activation.
        }
        assertThat(fixtures.read(offer).entries().get(id).state()).isEqualTo(Match.State.PENDING);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        String page = text(amt.get("/intern/vorgang/" + offer).body());
        assertThat(page).contains("Vermittelt 1 Fachkraft", "Frei 2 Fachkräfte").doesNotContain("wird vermittelt");
        assertThat(fixtures.read(offer).entries().get(id).state()).isEqualTo(Match.State.ACTIVE);
        assertThat(fixtures.read(offer).unsettled()).isEmpty();
        assertThat(fixtures.logged()).contains(id);
    }

    @Test
    void a_list_that_meets_an_old_unfinished_reservation_gives_it_back_before_counting() throws Exception {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        String id = MatchFixtures.id();
        try {
            dying(MatchService.Step.RESERVED, java.time.Instant.now().minus(java.time.Duration.ofMinutes(5)))
                    .match(id, request, offer, MatchFixtures.proposal(2), new CaseFile.Person("anna", "Anna"));
        } catch (IllegalStateException killed) {
            // The flow died five minutes ago right after reserving.
        }
        assertThat(fixtures.read(offer).number()).isEqualTo(1);
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        assertThat(amt.get("/intern/lagebild").statusCode()).isEqualTo(200);
        assertThat(fixtures.read(offer).number()).as("given back").isEqualTo(3);
        assertThat(fixtures.read(offer).entries().get(id).state()).isEqualTo(Match.State.RELEASED);
        assertThat(fixtures.read(request).entries().get(id).state()).isEqualTo(Match.State.ABORTED);
        assertThat(text(amt.get(suggestions(request)).body())).contains("Frei 3 von 3");
    }

    @Test
    void suggestions_exist_only_for_requests() throws Exception {
        String offer = fixtures.offer(2);
        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        assertThat(admin.get(suggestions(offer)).statusCode()).isEqualTo(404);
        String counselling = OfficeIT.submit(stack, "beratungsangebot", false);
        assertThat(admin.get(suggestions(counselling)).statusCode()).isEqualTo(404);
        assertThat(admin.get(suggestions("2222-2222")).statusCode()).isEqualTo(404);
    }

    @Test
    void a_request_nothing_fits_says_so_and_why() throws Exception {
        String family = fixtures.fosterRequest();
        Map<String, List<String>> values = new LinkedHashMap<>(de.fachkraftallianz.Samples.values(Facts.OFFER_FORM,
                MatchFixtures.TODAY));
        values.put("einsatzbereiche", List.of("stationaer"));
        fixtures.store(Facts.OFFER_FORM, values);
        Staff pkd = Staff.signIn(stack, "pkd", LocalCognito.PKD_PASSWORD);
        String page = text(pkd.get(suggestions(family)).body());
        assertThat(page).containsPattern("Geprüft: \\d+ offene Angebote; passend: \\d+")
                .contains("nicht für diese Art der Hilfe");
        MatchFile file = fixtures.read(family);
        assertThat(file.entries()).isEmpty();
    }

    static int count(String html, String label) {
        Matcher m = Pattern.compile("<dt>" + Pattern.quote(label) + "</dt><dd>(\\d+)").matcher(html);
        assertThat(m.find()).as(label).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static List<Match> active(MatchFile file) {
        return file.entries().values().stream().filter(m -> m.state() == Match.State.ACTIVE).toList();
    }
}
