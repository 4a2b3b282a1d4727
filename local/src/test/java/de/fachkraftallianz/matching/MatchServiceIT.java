package de.fachkraftallianz.matching;

import static de.fachkraftallianz.matching.MatchFixtures.id;
import static de.fachkraftallianz.matching.MatchFixtures.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.matching.MatchService.Cancelled;
import de.fachkraftallianz.matching.MatchService.Matched;
import de.fachkraftallianz.matching.MatchService.Outcome;
import de.fachkraftallianz.matching.MatchService.Refused;
import de.fachkraftallianz.matching.MatchService.Step;
import de.fachkraftallianz.matching.MatchService.Why;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The match protocol against the local DynamoDB-compatible server (no transactions there, as none are used): the
 * arithmetic under concurrent matches, a flow killed between any two steps and run again or repaired, cancelling,
 * and the same form sent twice.
 */
class MatchServiceIT {

    static LocalStack stack;
    static MatchFixtures fixtures;
    static final Person ANNA = new Person("anna", "Anna Amt (Beispiel)");

    /** What a flow that dies throws: an Error, so no code on the way can mistake it for a refusal. */
    static final class Crash extends Error {
        Crash(Step step) {
            super("killed after " + step);
        }
    }

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults());
        fixtures = new MatchFixtures(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static MatchService service() {
        return new MatchService(fixtures.store(), Clock.systemUTC());
    }

    /** A service whose flow dies right after {@code step}. */
    static MatchService dyingAfter(Step step) {
        return new MatchService(fixtures.store(), Clock.systemUTC(), (done, match) -> {
            if (done == step) {
                throw new Crash(done);
            }
        });
    }

    /** A repairer that runs {@code ahead} in the future (a later page view). */
    static MatchService later(Duration ahead) {
        return new MatchService(fixtures.store(), Clock.offset(Clock.systemUTC(), ahead));
    }

    private static List<HistoryEntry> history(String reference, String action) {
        CaseFile file = new OfficeStore(stack.dynamoDb(), stack.tableName()).find(reference).orElseThrow();
        return file.history().stream().filter(e -> e.action().equals(action)).toList();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The arithmetic under concurrency
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void twenty_concurrent_matches_on_one_offer_never_take_more_than_it_has() throws Exception {
        String offer = fixtures.offer(12);
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(fixtures.request(2));
        }
        List<Outcome> outcomes = race(20, i -> service().match(id(), requests.get(i), offer, proposal(1), ANNA));

        List<Match> made = outcomes.stream().filter(o -> o instanceof Matched).map(o -> ((Matched) o).match()).toList();
        assertThat(made).as("exactly the offer's twelve").hasSize(12);
        assertThat(outcomes).filteredOn(o -> o instanceof Refused).hasSize(8)
                .allSatisfy(o -> assertThat(((Refused) o).why()).isEqualTo(Why.TOO_FEW_FREE));
        int held = fixtures.assertOfferConsistent(offer);
        MatchFile after = fixtures.read(offer);
        assertThat(after.number()).isZero();
        assertThat(held).as("the sum of the matches is the capacity used").isEqualTo(12);
        assertThat(after.entries().values()).allMatch(m -> m.state() == Match.State.ACTIVE).hasSize(12);
        int matched = 0;
        for (String request : requests) {
            matched += fixtures.assertRequestConsistent(request);
        }
        assertThat(matched).isEqualTo(12);
        assertThat(fixtures.logged()).containsAll(made.stream().map(Match::id).toList());
        assertThat(history(offer, "MATCH")).hasSize(12);
        assertThat(after.file().version()).as("one version per match").isEqualTo(12);
    }

    @Test
    void twenty_concurrent_matches_of_different_sizes_never_overdraw_the_offer() throws Exception {
        String offer = fixtures.offer(20);
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(fixtures.request(3));
        }
        List<Outcome> outcomes = race(20, i -> service().match(id(), requests.get(i), offer, proposal(1 + i % 3), ANNA));
        int made = outcomes.stream().filter(o -> o instanceof Matched).mapToInt(o -> ((Matched) o).match().persons())
                .sum();
        assertThat(fixtures.assertOfferConsistent(offer)).isEqualTo(made).isLessThanOrEqualTo(20);
        assertThat(fixtures.read(offer).number()).isEqualTo(20 - made);
        assertThat(made).as("nothing is left that a refused size would have fitted").isGreaterThan(17);
    }

    @Test
    void ten_offers_racing_for_one_request_never_cover_more_than_it_needs_and_the_rest_get_their_people_back()
            throws Exception {
        String request = fixtures.request(3);
        List<String> offers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            offers.add(fixtures.offer(2));
        }
        List<Outcome> outcomes = race(10, i -> service().match(id(), request, offers.get(i), proposal(1), ANNA));
        assertThat(outcomes).filteredOn(o -> o instanceof Matched).hasSize(3);
        assertThat(outcomes).filteredOn(o -> o instanceof Refused)
                .allSatisfy(o -> assertThat(((Refused) o).why()).isEqualTo(Why.NEED_COVERED));
        assertThat(fixtures.assertRequestConsistent(request)).isEqualTo(3);
        assertThat(fixtures.read(request).number()).isZero();
        int held = 0;
        for (String offer : offers) {
            held += fixtures.assertOfferConsistent(offer);
        }
        assertThat(held).as("the refused reservations were given back").isEqualTo(3);
        long aborted = fixtures.read(request).entries().values().stream()
                .filter(m -> m.state() == Match.State.ABORTED).count();
        assertThat(aborted).as("each refusal decided on the request first").isEqualTo(7);
    }

    private interface Attempt {
        Outcome run(int i);
    }

    private static List<Outcome> race(int n, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                go.await();
                return attempt.run(index);
            }));
        }
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return outcomes;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // A flow killed between two steps
    // ---------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"RESERVED", "COMMITTED", "LOGGED", "ACTIVATED"})
    void a_match_killed_after_any_step_is_finished_by_sending_it_again_and_nothing_is_done_twice(Step step) {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        String id = id();
        assertThatThrownBy(() -> dyingAfter(step).match(id, request, offer, proposal(2), ANNA)).isInstanceOf(Crash.class);
        // In between: the books balance on both sides, whatever step it died after.
        fixtures.assertOfferConsistent(offer);
        fixtures.assertRequestConsistent(request);

        Outcome again = service().match(id, request, offer, proposal(2), ANNA);
        assertThat(again).isInstanceOf(Matched.class);
        assertThat(((Matched) again).before()).as("the match existed once the request had decided")
                .isEqualTo(step != Step.RESERVED);
        assertFinished(offer, request, id, 2);
        assertThat(service().match(id, request, offer, proposal(2), ANNA)).as("and a third time: nothing new")
                .isEqualTo(new Matched(fixtures.read(offer).entries().get(id), true));
        assertFinished(offer, request, id, 2);
    }

    private static void assertFinished(String offer, String request, String id, int persons) {
        assertThat(fixtures.read(offer).entries().get(id).state()).isEqualTo(Match.State.ACTIVE);
        assertThat(fixtures.read(request).entries().get(id).state()).isEqualTo(Match.State.ACTIVE);
        assertThat(fixtures.assertOfferConsistent(offer)).isEqualTo(persons);
        assertThat(fixtures.assertRequestConsistent(request)).isEqualTo(persons);
        assertThat(fixtures.read(offer).unsettled()).isEmpty();
        assertThat(fixtures.logged()).contains(id);
        assertThat(history(offer, "MATCH")).as("one history entry on the offer").hasSize(1);
        assertThat(history(request, "MATCH")).as("one history entry on the request").hasSize(1);
        assertThat(history(request, "STATUS")).as("the new request is now in progress")
                .extracting(HistoryEntry::to).containsExactly(Status.IN_PROGRESS.name());
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"COMMITTED", "LOGGED"})
    void a_match_killed_after_the_requests_decision_is_finished_by_the_next_look_at_the_offer(Step step) {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        String id = id();
        assertThatThrownBy(() -> dyingAfter(step).match(id, request, offer, proposal(1), ANNA)).isInstanceOf(Crash.class);
        assertThat(fixtures.read(offer).unsettled()).as("the offer shows it is unfinished").hasSize(1);

        service().repair(offer, false);
        assertThat(fixtures.read(offer).entries().get(id).state()).isEqualTo(Match.State.ACTIVE);
        assertThat(fixtures.read(offer).unsettled()).isEmpty();
        assertThat(fixtures.logged()).contains(id);
        assertThat(fixtures.assertOfferConsistent(offer)).isEqualTo(1);
        assertThat(fixtures.assertRequestConsistent(request)).isEqualTo(1);
    }

    @Test
    void a_reservation_whose_flow_died_before_the_request_decided_is_left_for_a_minute_then_given_back() {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        String id = id();
        assertThatThrownBy(() -> dyingAfter(Step.RESERVED).match(id, request, offer, proposal(2), ANNA))
                .isInstanceOf(Crash.class);
        assertThat(fixtures.read(offer).number()).isEqualTo(1);

        later(Duration.ofSeconds(20)).repair(offer, false);
        assertThat(fixtures.read(offer).entries().get(id).state()).as("it may still be running").isEqualTo(
                Match.State.PENDING);

        later(Duration.ofMinutes(2)).repair(offer, true);
        MatchFile after = fixtures.read(offer);
        assertThat(after.entries().get(id).state()).isEqualTo(Match.State.RELEASED);
        assertThat(after.number()).isEqualTo(3);
        assertThat(fixtures.read(request).entries().get(id).state()).as("decided on the request first")
                .isEqualTo(Match.State.ABORTED);
        assertThat(fixtures.assertRequestConsistent(request)).isZero();
        fixtures.assertOfferConsistent(offer);
        assertThat(history(offer, "MATCH_RELEASE")).singleElement()
                .satisfies(e -> assertThat(e.by()).isEqualTo(MatchService.REPAIR));

        assertThat(service().match(id, request, offer, proposal(2), ANNA)).as("sent again after that")
                .isInstanceOf(Refused.class).extracting(o -> ((Refused) o).why()).isEqualTo(Why.ABORTED);
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
    }

    @Test
    void a_slow_flow_that_a_repair_overtook_cannot_commit_afterwards() {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        String id = id();
        // The flow pauses after reserving; meanwhile a repair (two minutes later) gives the reservation back.
        MatchService slow = new MatchService(fixtures.store(), Clock.systemUTC(), (step, match) -> {
            if (step == Step.RESERVED) {
                later(Duration.ofMinutes(2)).repair(offer, true);
            }
        });
        Outcome outcome = slow.match(id, request, offer, proposal(2), ANNA);
        assertThat(outcome).isInstanceOf(Refused.class).extracting(o -> ((Refused) o).why()).isEqualTo(Why.ABORTED);
        assertThat(fixtures.assertOfferConsistent(offer)).as("released once, not twice").isZero();
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
        assertThat(fixtures.assertRequestConsistent(request)).isZero();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cancelling
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void cancelling_gives_the_professionals_back_to_the_offer_and_the_need_back_to_the_request() {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        String id = id();
        assertThat(service().match(id, request, offer, proposal(2), ANNA)).isInstanceOf(Matched.class);
        assertThat(fixtures.read(offer).number()).isEqualTo(1);
        assertThat(fixtures.read(request).number()).isZero();

        Outcome cancelled = service().cancel(request, id, ANNA, "Einrichtung hat abgesagt.");
        assertThat(cancelled).isInstanceOf(Cancelled.class);
        assertThat(((Cancelled) cancelled).before()).isFalse();
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
        assertThat(fixtures.read(request).number()).isEqualTo(2);
        assertThat(fixtures.read(offer).entries().get(id).state()).isEqualTo(Match.State.CANCELLED);
        assertThat(fixtures.read(request).entries().get(id).state()).isEqualTo(Match.State.CANCELLED);
        assertThat(fixtures.logged()).doesNotContain(id);
        assertThat(history(offer, "MATCH_CANCEL")).singleElement().satisfies(e -> {
            assertThat(e.to()).isEqualTo(request);
            assertThat(e.text()).isEqualTo("Einrichtung hat abgesagt.");
        });
        assertThat(history(request, "MATCH_CANCEL")).singleElement().extracting(HistoryEntry::to).isEqualTo(offer);

        long version = fixtures.read(offer).file().version();
        assertThat(service().cancel(request, id, ANNA, null)).as("again: nothing more")
                .isEqualTo(new Cancelled(fixtures.read(offer).entries().get(id), true));
        assertThat(fixtures.read(offer).file().version()).isEqualTo(version);
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
        assertThat(service().match(id, request, offer, proposal(2), ANNA)).as("the old form cannot revive it")
                .isInstanceOf(Refused.class).extracting(o -> ((Refused) o).why()).isEqualTo(Why.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"CANCEL_BEGUN", "CANCEL_COMMITTED", "CANCEL_LOGGED"})
    void a_cancellation_killed_after_any_step_is_finished_by_the_next_look_at_the_offer_or_by_sending_it_again(
            Step step) {
        for (boolean byRepair : List.of(true, false)) {
            String offer = fixtures.offer(3);
            String request = fixtures.request(2);
            String id = id();
            service().match(id, request, offer, proposal(2), ANNA);
            assertThatThrownBy(() -> dyingAfter(step).cancel(request, id, ANNA, "Abgesagt.")).isInstanceOf(Crash.class);
            fixtures.assertOfferConsistent(offer);
            fixtures.assertRequestConsistent(request);
            assertThat(fixtures.read(offer).entries().get(id).state()).isEqualTo(Match.State.CANCELLING);

            if (byRepair) {
                service().repair(offer, false);
            } else {
                assertThat(service().cancel(request, id, ANNA, "Abgesagt.")).isInstanceOf(Cancelled.class);
            }
            assertThat(fixtures.read(offer).entries().get(id).state()).isEqualTo(Match.State.CANCELLED);
            assertThat(fixtures.read(request).entries().get(id).state()).isEqualTo(Match.State.CANCELLED);
            assertThat(fixtures.read(offer).number()).isEqualTo(3);
            assertThat(fixtures.read(request).number()).isEqualTo(2);
            assertThat(fixtures.read(offer).unsettled()).isEmpty();
            assertThat(fixtures.logged()).doesNotContain(id);
            assertThat(history(request, "MATCH_CANCEL")).hasSize(1);
            assertThat(history(offer, "MATCH_CANCEL")).hasSize(1).first()
                    .satisfies(e -> assertThat(e.by()).as("the person who cancelled, also when repaired").isEqualTo(ANNA));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The same form twice, closed sides, old items
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void the_same_form_sent_twice_at_once_matches_once() throws Exception {
        String offer = fixtures.offer(5);
        String request = fixtures.request(3);
        String id = id();
        List<Outcome> outcomes = race(2, i -> service().match(id, request, offer, proposal(2), ANNA));
        assertThat(outcomes).allMatch(o -> o instanceof Matched);
        assertThat(fixtures.assertOfferConsistent(offer)).isEqualTo(2);
        assertThat(fixtures.assertRequestConsistent(request)).isEqualTo(2);
        assertThat(history(offer, "MATCH")).hasSize(1);
    }

    @Test
    void a_closed_request_gets_nothing_and_the_reservation_goes_back() {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        OfficeStore office = new OfficeStore(stack.dynamoDb(), stack.tableName());
        CaseFile file = office.find(request).orElseThrow();
        office.changeStatus(request, file.version(), Status.NEW, Status.IN_PROGRESS, ANNA, java.time.Instant.now(),
                null, Facts.FACILITY_FORM, 180);
        office.changeStatus(request, file.version() + 1, Status.IN_PROGRESS, Status.DONE, ANNA, java.time.Instant.now(),
                "Erledigt.", Facts.FACILITY_FORM, 180);
        String id = id();
        assertThat(service().match(id, request, offer, proposal(1), ANNA)).isInstanceOf(Refused.class)
                .extracting(o -> ((Refused) o).why()).isEqualTo(Why.REQUEST_CLOSED);
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
        assertThat(fixtures.read(offer).entries().get(id).state()).isEqualTo(Match.State.RELEASED);
        fixtures.assertOfferConsistent(offer);
    }

    @Test
    void a_closed_offer_reserves_nothing() {
        String offer = fixtures.offer(3);
        String request = fixtures.request(2);
        OfficeStore office = new OfficeStore(stack.dynamoDb(), stack.tableName());
        office.changeStatus(offer, 0, Status.NEW, Status.IN_PROGRESS, ANNA, java.time.Instant.now(), null,
                Facts.OFFER_FORM, 180);
        office.changeStatus(offer, 1, Status.IN_PROGRESS, Status.DECLINED, ANNA, java.time.Instant.now(), "Zurückgezogen.",
                Facts.OFFER_FORM, 180);
        assertThat(service().match(id(), request, offer, proposal(1), ANNA)).isInstanceOf(Refused.class)
                .extracting(o -> ((Refused) o).why()).isEqualTo(Why.OFFER_CLOSED);
        assertThat(fixtures.read(offer).entries()).isEmpty();
        assertThat(fixtures.read(request).entries()).isEmpty();
    }

    @Test
    void items_stored_before_matching_existed_are_initialised_on_first_use() {
        String offer = fixtures.offer(4);
        String request = fixtures.request(1);
        for (String reference : List.of(offer, request)) {
            stack.dynamoDb().updateItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(reference))
                    .updateExpression("REMOVE facts, #f, #o, allocations, matches")
                    .expressionAttributeNames(Map.of("#f", "free", "#o", "open")));
            assertThat(fixtures.read(reference).initialised()).isFalse();
        }
        assertThat(service().match(id(), request, offer, proposal(1), ANNA)).isInstanceOf(Matched.class);
        assertThat(fixtures.assertOfferConsistent(offer)).isEqualTo(1);
        assertThat(fixtures.read(offer).number()).isEqualTo(3);
        assertThat(fixtures.assertRequestConsistent(request)).isEqualTo(1);
        var listed = stack.dynamoDb().getItem(b -> b.tableName(stack.tableName()).key(TableKeys.submissionKey(offer)))
                .item();
        assertThat(listed).containsKeys("facts", "free").containsEntry("free", AttributeValue.fromN("3"));
    }
}
