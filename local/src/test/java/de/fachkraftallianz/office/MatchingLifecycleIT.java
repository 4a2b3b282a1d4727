package de.fachkraftallianz.office;

import static de.fachkraftallianz.office.MatchingIT.suggestions;
import static de.fachkraftallianz.office.MatchingIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.Match;
import de.fachkraftallianz.matching.MatchFile;
import de.fachkraftallianz.matching.MatchFixtures;
import de.fachkraftallianz.matching.MatchService;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.RetentionSweeper;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What happens to matches when one side is deleted, against dynalite: an administrator's erasure and the retention
 * sweeper end a request's or offer's matches first (the offer's professionals free again, the request's need open
 * again, the other side's history saying why); a deletion that overtakes a match made meanwhile is refused by its
 * condition and done after ending that one too; a side deleted behind the sweeper's back (DynamoDB's time to live) or
 * past its expiry is found when the other side is read, its matches cancelled there; a side that is gone is named,
 * never linked.
 */
class MatchingLifecycleIT {

    static LocalStack stack;
    static MatchFixtures fixtures;
    static OfficeStore office;
    static final Person ANNA = new Person("anna", "Anna Amt (Beispiel)");

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
        fixtures = new MatchFixtures(stack);
        office = new OfficeStore(stack.dynamoDb(), stack.tableName());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static MatchService service() {
        return new MatchService(fixtures.store(), Clock.systemUTC());
    }

    /** A match of {@code persons} from the offer to the request, made through the service; its id. */
    private static String match(String request, String offer, int persons) {
        String id = MatchFixtures.id();
        assertThat(service().match(id, request, offer, MatchFixtures.proposal(persons), ANNA))
                .isInstanceOf(MatchService.Matched.class);
        return id;
    }

    private static boolean inTable(String reference) {
        Map<String, AttributeValue> item = stack.dynamoDb().getItem(b -> b.tableName(stack.tableName())
                .key(TableKeys.submissionKey(reference)).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /** Moves the submission on to {@code to} through the office's own write (closing starts its retention). */
    private static void move(String reference, Status to) {
        CaseFile file = office.find(reference).orElseThrow();
        if (file.status() == Status.NEW) {
            office.changeStatus(reference, file.version(), Status.NEW, Status.IN_PROGRESS, ANNA, Instant.now(), null,
                    file.formId(), 180);
            file = office.find(reference).orElseThrow();
        }
        assertThat(office.changeStatus(reference, file.version(), file.status(), to, ANNA, Instant.now(),
                "Abgeschlossen.", file.formId(), 180)).isInstanceOf(OfficeStore.Changed.class);
    }

    private static HistoryEntry lastCancel(String reference) {
        List<HistoryEntry> history = fixtures.read(reference).file().history();
        return history.stream().filter(e -> e.action().equals("MATCH_CANCEL")).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void erasing_a_request_cancels_its_matches_first_and_the_offers_get_their_professionals_back() throws Exception {
        String first = fixtures.offer(3);
        String second = fixtures.offer(2);
        String request = fixtures.request(4);
        String a = match(request, first, 2);
        String b = match(request, second, 2);
        assertThat(fixtures.logged()).contains(a, b);
        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);

        HttpResponse<String> confirm = admin.get("/intern/vorgang/" + request + "/loeschen");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(text(confirm.body())).contains("Zu diesem Vorgang bestehen 2 Vermittlungen (4 Fachkräfte). Mit dem "
                + "Löschen werden sie aufgehoben: Die Fachkräfte sind in ihren Angeboten dann wieder frei");
        HttpResponse<String> erased = admin.post("/intern/vorgang/" + request + "/loeschen",
                Map.of("grund", "Antrag nach Art. 17 DSGVO"));
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(303);
        assertThat(inTable(request)).as("erased").isFalse();

        for (String offer : List.of(first, second)) {
            MatchFile now = fixtures.read(offer);
            assertThat(now.number()).as("free again").isEqualTo(now.facts().count());
            assertThat(now.entries().values()).extracting(Match::state).containsOnly(Match.State.CANCELLED);
            assertThat(now.unsettled()).isEmpty();
            fixtures.assertOfferConsistent(offer);
            HistoryEntry cancel = lastCancel(offer);
            assertThat(cancel.to()).isEqualTo(request);
            assertThat(cancel.text()).as("why, without the erasure's own reason").isEqualTo("Der Vorgang wurde gelöscht.");
            assertThat(cancel.by().name()).isEqualTo("Ada Admin (Beispiel)");
        }
        assertThat(fixtures.logged()).as("no longer counted this week").doesNotContain(a, b);

        String offerPage = admin.get("/intern/vorgang/" + first).body();
        assertThat(text(offerPage)).contains("Frei 3 Fachkräfte", request + " (gelöscht) 2 Fachkräfte")
                // When, by whom and why it ended, in the table itself, not only in the history.
                .containsPattern("aufgehoben am \\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}, Ada Admin \\(Beispiel\\): "
                        + "Der Vorgang wurde gelöscht\\.");
        assertThat(offerPage).as("never a link to what is gone").doesNotContain("href=\"/intern/vorgang/" + request);
    }

    @Test
    void a_later_case_under_an_erased_reference_is_not_linked_from_the_erased_ones_matches() throws Exception {
        String offer = fixtures.offer(2);
        String request = fixtures.request(1);
        match(request, offer, 1);
        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        assertThat(admin.post("/intern/vorgang/" + request + "/loeschen", Map.of("grund", "Antrag nach Art. 17 DSGVO"))
                .statusCode()).isEqualTo(303);
        // The same content sent again on the same day derives the same reference (SubmissionService): a new case.
        Thread.sleep(5);
        fixtures.store(request, Facts.FACILITY_FORM,
                new java.util.LinkedHashMap<>(de.fachkraftallianz.Samples.values(Facts.FACILITY_FORM, MatchFixtures.TODAY)));
        assertThat(inTable(request)).isTrue();

        String offerPage = admin.get("/intern/vorgang/" + offer).body();
        assertThat(text(offerPage)).contains(request + " (gelöscht) 1 Fachkraft");
        assertThat(offerPage).as("the old match never leads to the new case")
                .doesNotContain("href=\"/intern/vorgang/" + request);
        // And the new case has no part in the offer's old match.
        assertThat(text(admin.get("/intern/vorgang/" + request).body())).doesNotContain(offer);
    }

    @Test
    void erasing_an_offer_cancels_its_matches_decides_its_reservations_and_the_requests_need_is_open_again()
            throws Exception {
        String offer = fixtures.offer(5);
        String one = fixtures.request(2);
        String other = fixtures.request(3);
        match(one, offer, 2);
        match(other, offer, 1);
        // A flow that died right after reserving two more for the other request, a moment ago (not yet stale).
        String pending = MatchFixtures.id();
        try {
            new MatchService(fixtures.store(), Clock.systemUTC(), (step, match) -> {
                if (step == MatchService.Step.RESERVED) {
                    throw new IllegalStateException("killed after " + step);
                }
            }).match(pending, other, offer, MatchFixtures.proposal(2), ANNA);
        } catch (IllegalStateException killed) {
            // As a function that timed out.
        }
        assertThat(fixtures.read(offer).number()).isZero();
        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        assertThat(text(admin.get("/intern/vorgang/" + offer + "/loeschen").body()))
                .contains("Aus diesem Angebot bestehen 3 Vermittlungen (5 Fachkräfte). Mit dem Löschen werden sie "
                        + "aufgehoben: Der Bedarf der Vorgänge");

        HttpResponse<String> erased = admin.post("/intern/vorgang/" + offer + "/loeschen",
                Map.of("grund", "Träger aufgelöst"));
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(303);
        assertThat(inTable(offer)).isFalse();

        assertThat(fixtures.read(one).number()).as("need open again").isEqualTo(2);
        assertThat(fixtures.read(other).number()).isEqualTo(3);
        assertThat(fixtures.read(other).entries().get(pending).state()).as("the reservation never comes about")
                .isEqualTo(Match.State.ABORTED);
        for (String request : List.of(one, other)) {
            fixtures.assertRequestConsistent(request);
            assertThat(lastCancel(request).to()).isEqualTo(offer);
            String page = admin.get(suggestions(request)).body();
            assertThat(text(page)).contains("Angebot " + offer + " (gelöscht)").contains("Stand: aufgehoben");
            assertThat(page).doesNotContain("href=\"/intern/vorgang/" + offer);
        }
    }

    @Test
    void a_match_made_while_an_erasure_ran_keeps_the_item_until_that_match_is_ended_too() {
        String offer = fixtures.offer(3);
        String request = fixtures.request(3);
        MatchService service = service();
        match(request, offer, 1);
        MatchFile ended = service.endAll(request, ANNA, "Der Vorgang wurde gelöscht.").orElseThrow();
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
        String late = match(request, offer, 2);

        assertThat(office.erase(request, ended.file().version())).as("changed since its matches were ended")
                .isEqualTo(OfficeStore.Erased.CHANGED);
        assertThat(inTable(request)).isTrue();
        assertThat(fixtures.read(offer).entries().get(late).state()).isEqualTo(Match.State.ACTIVE);

        MatchFile again = service.endAll(request, ANNA, "Der Vorgang wurde gelöscht.").orElseThrow();
        assertThat(office.erase(request, again.file().version())).isEqualTo(OfficeStore.Erased.ERASED);
        assertThat(inTable(request)).isFalse();
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
        fixtures.assertOfferConsistent(offer);
        assertThat(service.endAll(request, ANNA, "x")).as("nothing left to end").isEmpty();
    }

    @Test
    void the_sweeper_ends_the_matches_of_what_is_due_before_deleting_it() throws Exception {
        // A covered request, closed: its offer stays open. A withdrawn offer, closed: its request stays open.
        String offer = fixtures.offer(3);
        String covered = fixtures.request(2);
        match(covered, offer, 2);
        move(covered, Status.DONE);
        String withdrawn = fixtures.offer(2);
        String waiting = fixtures.request(3);
        match(waiting, withdrawn, 2);
        move(withdrawn, Status.DECLINED);
        assertThat(fixtures.read(offer).number()).isEqualTo(1);
        assertThat(fixtures.read(waiting).number()).isEqualTo(1);

        RetentionSweeper.Result result = new RetentionSweeper(stack.dynamoDb(), stack.tableName())
                .sweep(Instant.now().plus(Duration.ofDays(181)), () -> true);
        assertThat(result.finished()).isTrue();
        assertThat(result.matchesEnded()).isGreaterThanOrEqualTo(2);
        assertThat(inTable(covered)).isFalse();
        assertThat(inTable(withdrawn)).isFalse();

        assertThat(fixtures.read(offer).number()).as("professionals no longer held for a request that is gone")
                .isEqualTo(3);
        fixtures.assertOfferConsistent(offer);
        assertThat(lastCancel(offer).by()).isEqualTo(RetentionSweeper.RETENTION);
        assertThat(lastCancel(offer).text()).isEqualTo("Die Aufbewahrungsfrist des Vorgangs ist abgelaufen, er wurde "
                + "gelöscht.");
        assertThat(fixtures.read(waiting).number()).as("need no longer covered by an offer that is gone").isEqualTo(3);
        fixtures.assertRequestConsistent(waiting);

        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        String offerPage = amt.get("/intern/vorgang/" + offer).body();
        assertThat(text(offerPage)).contains(covered + " (gelöscht)", "Frei 3 Fachkräfte");
        assertThat(offerPage).doesNotContain("href=\"/intern/vorgang/" + covered);
        String requestPage = amt.get("/intern/vorgang/" + waiting).body();
        assertThat(text(requestPage)).contains(withdrawn + " (gelöscht)", "Offen 3 Fachkräfte");
        assertThat(requestPage).doesNotContain("href=\"/intern/vorgang/" + withdrawn);
    }

    @Test
    void a_side_deleted_behind_the_sweepers_back_or_past_its_expiry_is_let_go_when_the_other_side_is_read()
            throws Exception {
        String offer = fixtures.offer(4);
        String deleted = fixtures.request(1);
        String expired = fixtures.request(2);
        match(deleted, offer, 1);
        match(expired, offer, 2);
        // DynamoDB's time to live deletes one request without the sweeper; the other is closed and past its expiry.
        stack.dynamoDb().deleteItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(deleted)));
        move(expired, Status.DONE);
        stack.dynamoDb().updateItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(expired))
                .updateExpression("SET expiresAt = :past").expressionAttributeValues(Map.of(":past",
                        AttributeValue.fromN(Long.toString(Instant.now().minusSeconds(60).getEpochSecond())))));
        Staff amt = Staff.signIn(stack, "amt", LocalCognito.AMT_PASSWORD);
        assertThat(amt.get(suggestions(expired)).statusCode()).as("past its expiry: gone for the office")
                .isEqualTo(404);

        HttpResponse<String> page = amt.get("/intern/vorgang/" + offer);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(text(page.body())).contains("Frei 4 Fachkräfte", deleted + " (gelöscht)", expired + " (gelöscht)");
        assertThat(page.body()).doesNotContain("href=\"/intern/vorgang/" + deleted)
                .doesNotContain("href=\"/intern/vorgang/" + expired);
        MatchFile now = fixtures.read(offer);
        assertThat(now.number()).isEqualTo(4);
        assertThat(now.entries().values()).extracting(Match::state).containsOnly(Match.State.CANCELLED);
        fixtures.assertOfferConsistent(offer);
        assertThat(lastCancel(offer).by()).isEqualTo(MatchService.REPAIR);
        assertThat(page.body()).as("the page shows the item as it is after that, with its version")
                .contains("name=\"version\" value=\"" + now.file().version() + "\"");

        // The other way round: an offer deleted behind the sweeper's back, read from its request's page.
        String gone = fixtures.offer(2);
        String request = fixtures.request(2);
        match(request, gone, 2);
        stack.dynamoDb().deleteItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(gone)));
        String suggestions = amt.get(suggestions(request)).body();
        assertThat(text(suggestions)).contains("Angebot " + gone + " (gelöscht)", "offen 2");
        assertThat(fixtures.read(request).number()).isEqualTo(2);
        fixtures.assertRequestConsistent(request);
        assertThat(fixtures.read(request).file().formId()).isEqualTo(Facts.FACILITY_FORM);
    }

    @Test
    void erasing_an_offer_that_never_took_part_in_a_match_says_nothing_about_matches() throws Exception {
        String offer = fixtures.offer(2);
        Staff admin = Staff.signIn(stack, "admin", LocalCognito.ADMIN_PASSWORD);
        String confirm = text(admin.get("/intern/vorgang/" + offer + "/loeschen").body());
        assertThat(confirm).contains("jetzt löschen").doesNotContain("Vermittlung");
        assertThat(admin.post("/intern/vorgang/" + offer + "/loeschen", Map.of("grund", "Doppelt eingegangen."))
                .statusCode()).isEqualTo(303);
        assertThat(inTable(offer)).isFalse();
    }
}
