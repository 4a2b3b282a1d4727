package de.fachkraftallianz.matching;

import de.fachkraftallianz.store.MatchStore;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches an offer's professionals to a request, and cancels matches, without transactions: a chain of conditional
 * single-item writes (MatchStore) in which the request's entry decides whether a match exists.
 *
 * <p>Making a match {@code m} of {@code n} professionals:
 * <ol>
 * <li>offer: reserve — {@code free >= n}, no entry {@code m} → {@code free - n}, entry PENDING (+ marker);</li>
 * <li>request: commit — open, {@code open >= n}, no entry {@code m} → {@code open - n}, entry ACTIVE. This is the
 * decision: the match exists from here on;</li>
 * <li>the week's match log: add {@code m} (a set: idempotent);</li>
 * <li>offer: activate — PENDING → ACTIVE (marker removed).</li>
 * </ol>
 * If the request cannot take it (need covered, closed), the flow first records ABORTED on the request (no entry
 * {@code m} → ABORTED), so no later commit of {@code m} can succeed, and only then gives the reservation back
 * (PENDING → RELEASED, {@code free + n}). A reservation is never given back while the request might still commit it.
 *
 * <p>Cancelling: offer ACTIVE → CANCELLING (persons still taken), request ACTIVE → CANCELLED ({@code open + n}: the
 * decision), the log without {@code m}, offer CANCELLING → CANCELLED ({@code free + n}).
 *
 * <p>Every step is conditional on the state before it, so running a flow again (the same form sent twice, a retry)
 * repeats nothing, and a flow that died between two steps leaves a state that {@link #repair} (run whenever an
 * offer's page is read, and for listed offers with old markers) or the same match sent again finishes: PENDING with
 * the request ACTIVE → activated; PENDING with the request saying ABORTED or CANCELLED, or without an entry for longer
 * than {@link #STALE} (far beyond the function's 10 s timeout: the flow that made it is dead) → aborted on the request,
 * then released; CANCELLING → the cancellation is finished.
 */
public final class MatchService {

    /** How old a reservation without the request's decision must be before a repair aborts it. */
    public static final Duration STALE = Duration.ofMinutes(1);
    /** Who the history names for what a repair finished on its own. */
    public static final Person REPAIR = new Person("fachkraftallianz-abgleich", "Automatischer Abgleich");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final int ATTEMPTS = 5;

    /** The steps, for tests that stop a flow between two of them. */
    public enum Step { RESERVED, COMMITTED, LOGGED, ACTIVATED, CANCEL_BEGUN, CANCEL_COMMITTED, CANCEL_LOGGED }

    /** Told after each step; a test's listener may throw to play a flow that dies there. */
    public interface Steps {
        void after(Step step, Match match);
    }

    private static final Steps NO_STEPS = new Steps() {
        @Override
        public void after(Step step, Match match) {
        }
    };

    /** What a match or cancellation came to. */
    public sealed interface Outcome permits Matched, Cancelled, Refused {
    }

    /** The match exists ({@code before}: it existed already, the same form was sent again). */
    public record Matched(Match match, boolean before) implements Outcome {
    }

    public record Cancelled(Match match, boolean before) implements Outcome {
    }

    /** Nothing was matched or cancelled, and why; {@code offer}/{@code request} as they stand now (if read). */
    public record Refused(Why why, MatchFile offer, MatchFile request) implements Outcome {
    }

    public enum Why {
        /** The request or offer does not exist, is of another form, or its answers lack what matching needs. */
        MISSING,
        OFFER_CLOSED,
        /** The offer has fewer free professionals than asked (someone matched them meanwhile). */
        TOO_FEW_FREE,
        REQUEST_CLOSED,
        /** The request needs fewer professionals than asked (someone matched meanwhile). */
        NEED_COVERED,
        /** This match was decided against before (it never came about); a new form is needed. */
        ABORTED,
        /** This match was cancelled. */
        CANCELLED
    }

    private final MatchStore store;
    private final Clock clock;
    private final Steps steps;

    public MatchService(MatchStore store, Clock clock) {
        this(store, clock, NO_STEPS);
    }

    public MatchService(MatchStore store, Clock clock, Steps steps) {
        this.store = store;
        this.clock = clock;
        this.steps = steps;
    }

    /** The request or offer, initialised for matching if it was stored before matching existed. */
    public Optional<MatchFile> find(String reference) {
        Optional<MatchFile> found = store.find(reference);
        if (found.isPresent() && !found.get().initialised() && Facts.matches(found.get().file().formId())) {
            Facts facts = Facts.of(found.get().file().formId(), found.get().file().values());
            if (facts != null) {
                store.initialise(reference, found.get().file().formId(), facts);
                return store.find(reference);
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Matching
    // ---------------------------------------------------------------------------------------------------------------

    /** Makes the match {@code id} (or finishes it, if it was begun before), as {@code by} proposed it. */
    public Outcome match(String id, String requestRef, String offerRef, Proposal proposal, Person by) {
        Optional<MatchFile> offer = find(offerRef);
        Optional<MatchFile> request = find(requestRef);
        if (offer.isEmpty() || request.isEmpty() || !offer.get().isOffer() || !request.get().isRequest()
                || !offer.get().initialised() || !request.get().initialised()) {
            return new Refused(Why.MISSING, offer.orElse(null), request.orElse(null));
        }
        Match existing = offer.get().entries().get(id);
        if (existing == null) {
            Instant now = clock.instant();
            Match reservation = new Match(id, requestRef, request.get().file().formId(), offerRef, proposal.persons(),
                    proposal.from(), proposal.until(), proposal.hours(), Match.State.PENDING, now, by,
                    marker(now, id), null, null, null);
            if (store.reserve(reservation, new HistoryEntry(now, by, "MATCH", null, requestRef, summary(reservation)))) {
                steps.after(Step.RESERVED, reservation);
                existing = reservation;
            } else {
                MatchFile now2 = store.find(offerRef).orElse(null);
                existing = now2 == null ? null : now2.entries().get(id);
                if (existing == null) {
                    Why why = now2 == null ? Why.MISSING
                            : now2.file().status() != Status.NEW && now2.file().status() != Status.IN_PROGRESS
                            ? Why.OFFER_CLOSED : Why.TOO_FEW_FREE;
                    return new Refused(why, now2, request.get());
                }
            }
        }
        return switch (existing.state()) {
            case ACTIVE -> new Matched(existing, true);
            case RELEASED, ABORTED -> new Refused(Why.ABORTED, offer.get(), request.get());
            case CANCELLING, CANCELLED -> new Refused(Why.CANCELLED, offer.get(), request.get());
            case PENDING -> complete(existing, request.get());
        };
    }

    /** The flow's own reservation: commit it on the request, or, if the request cannot take it, give it back. */
    private Outcome complete(Match reservation, MatchFile request) {
        MatchFile now = request;
        for (int attempt = 0; attempt < ATTEMPTS && now != null; attempt++) {
            Match decided = now.entries().get(reservation.id());
            if (decided != null) {
                if (decided.state() == Match.State.ABORTED) {
                    release(reservation, reservation.by(), "Vermittlung kam nicht zustande");
                    return new Refused(Why.ABORTED, null, now);
                }
                // ACTIVE (committed before a crash, or by the same form sent twice) or already CANCELLED after that.
                settle(reservation);
                return decided.state() == Match.State.ACTIVE ? new Matched(reservation.with(Match.State.ACTIVE), true)
                        : new Refused(Why.CANCELLED, null, now);
            }
            Status status = now.file().status();
            boolean open = status == Status.NEW || status == Status.IN_PROGRESS;
            if (open && now.number() >= reservation.persons()) {
                Instant at = clock.instant();
                List<HistoryEntry> entries = new ArrayList<>();
                entries.add(new HistoryEntry(at, reservation.by(), "MATCH", null, reservation.offer(),
                        summary(reservation)));
                if (status == Status.NEW) {
                    entries.add(new HistoryEntry(at, reservation.by(), "STATUS", Status.NEW.name(),
                            Status.IN_PROGRESS.name(), null));
                }
                if (store.commit(reservation, status, entries)) {
                    steps.after(Step.COMMITTED, reservation);
                    settle(reservation);
                    return new Matched(reservation.with(Match.State.ACTIVE), false);
                }
            } else if (store.abort(reservation)) {
                release(reservation, reservation.by(), open ? "Der Bedarf war inzwischen gedeckt"
                        : "Der Vorgang war inzwischen abgeschlossen");
                return new Refused(open ? Why.NEED_COVERED : Why.REQUEST_CLOSED, null, store.find(reservation.request())
                        .orElse(null));
            }
            now = store.find(reservation.request()).orElse(null);
        }
        if (now == null) {
            release(reservation, reservation.by(), "Der Vorgang besteht nicht mehr");
            return new Refused(Why.MISSING, null, null);
        }
        throw new IllegalStateException("match " + reservation.id() + " undecided after " + ATTEMPTS + " attempts");
    }

    /** After the request's commit: the week's log and the offer's activation (each idempotent). */
    private void settle(Match match) {
        store.log(match, true);
        steps.after(Step.LOGGED, match);
        store.activate(match);
        steps.after(Step.ACTIVATED, match);
    }

    private void release(Match reservation, Person by, String why) {
        store.release(reservation, new HistoryEntry(clock.instant(), by, "MATCH_RELEASE", null, reservation.request(),
                why + ": " + summary(reservation)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cancelling
    // ---------------------------------------------------------------------------------------------------------------

    /** Cancels the request's match {@code id} (or finishes a cancellation begun before). */
    public Outcome cancel(String requestRef, String id, Person by, String reason) {
        Optional<MatchFile> request = find(requestRef);
        Match entry = request.isEmpty() || request.get().entries() == null ? null : request.get().entries().get(id);
        if (entry == null || entry.state() == Match.State.ABORTED) {
            return new Refused(Why.MISSING, null, request.orElse(null));
        }
        Optional<MatchFile> offer = store.find(entry.offer());
        Match allocation = offer.isEmpty() || offer.get().entries() == null ? null : offer.get().entries().get(id);
        if (allocation == null) {
            // The offer is gone: only the request's side is left to cancel.
            Match cancelling = cancelling(entry, by, reason);
            store.cancelOnRequest(cancelling, cancelEntry(cancelling, cancelling.offer()));
            store.log(cancelling, false);
            return new Cancelled(cancelling, entry.state() == Match.State.CANCELLED);
        }
        if (allocation.state() == Match.State.PENDING) {
            if (entry.state() != Match.State.ACTIVE) {
                return new Refused(Why.CANCELLED, offer.get(), request.get());
            }
            settle(allocation);
            allocation = allocation.with(Match.State.ACTIVE);
        }
        switch (allocation.state()) {
            case ACTIVE: {
                Match cancelling = cancelling(allocation, by, reason);
                if (store.beginCancel(cancelling)) {
                    steps.after(Step.CANCEL_BEGUN, cancelling);
                    return finishCancellation(cancelling, false);
                }
                // Someone else began it meanwhile: finish theirs.
                Match now = store.find(entry.offer()).orElseThrow().entries().get(id);
                return now.state() == Match.State.CANCELLING ? finishCancellation(now, true)
                        : new Cancelled(now, true);
            }
            case CANCELLING:
                return finishCancellation(allocation, true);
            case CANCELLED:
                return new Cancelled(allocation, true);
            default:
                return new Refused(Why.ABORTED, offer.get(), request.get());
        }
    }

    private Match cancelling(Match match, Person by, String reason) {
        Instant now = clock.instant();
        return new Match(match.id(), match.request(), match.requestForm(), match.offer(), match.persons(), match.from(),
                match.until(), match.hours(), Match.State.CANCELLING, match.at(), match.by(), marker(now, match.id()),
                now, by, reason);
    }

    /** The request lets the match go (the decision), the log drops it, the offer frees its persons. */
    private Outcome finishCancellation(Match cancelling, boolean before) {
        store.cancelOnRequest(cancelling, cancelEntry(cancelling, cancelling.offer()));
        steps.after(Step.CANCEL_COMMITTED, cancelling);
        store.log(cancelling, false);
        steps.after(Step.CANCEL_LOGGED, cancelling);
        store.finishCancel(cancelling, cancelEntry(cancelling, cancelling.request()));
        return new Cancelled(cancelling.with(Match.State.CANCELLED), before);
    }

    private static HistoryEntry cancelEntry(Match cancelling, String other) {
        return new HistoryEntry(cancelling.cancelled(), cancelling.cancelledBy(), "MATCH_CANCEL", null, other,
                cancelling.reason());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Repair
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Finishes what flows left unfinished on the offer: every PENDING or CANCELLING entry ({@code onlyStale}: only
     * those older than {@link #STALE}; else CANCELLING at once and PENDING as far as the request has decided). Returns
     * the offer as it is afterwards.
     */
    public Optional<MatchFile> repair(String offerRef, boolean onlyStale) {
        Optional<MatchFile> found = find(offerRef);
        if (found.isEmpty() || !found.get().isOffer() || found.get().entries() == null) {
            return found;
        }
        Instant now = clock.instant();
        boolean changed = false;
        for (Match allocation : found.get().entries().values()) {
            if (allocation.state() == Match.State.PENDING) {
                boolean stale = !allocation.at().plus(STALE).isAfter(now);
                if (onlyStale && !stale) {
                    continue;
                }
                changed |= settlePending(allocation, stale);
            } else if (allocation.state() == Match.State.CANCELLING) {
                if (onlyStale && allocation.cancelled().plus(STALE).isAfter(now)) {
                    continue;
                }
                finishCancellation(allocation, true);
                changed = true;
            }
        }
        return changed ? store.find(offerRef) : found;
    }

    /** A reservation: activated if the request has the match, released if it decided against it (or, stale, now). */
    private boolean settlePending(Match allocation, boolean stale) {
        Optional<MatchFile> request = store.find(allocation.request());
        Match decided = request.isEmpty() || request.get().entries() == null ? null
                : request.get().entries().get(allocation.id());
        if (decided == null && request.isPresent() && request.get().entries() != null) {
            if (!stale) {
                return false;
            }
            if (!store.abort(allocation)) {
                return settlePending(allocation, false);
            }
            decided = allocation.with(Match.State.ABORTED);
        }
        if (decided != null && decided.state() != Match.State.ABORTED && decided.state() != Match.State.CANCELLED) {
            settle(allocation);
        } else {
            release(allocation, REPAIR, request.isEmpty() ? "Der Vorgang besteht nicht mehr"
                    : "Vermittlung wurde nicht abgeschlossen");
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Before a request or offer is deleted (erasure, end of retention) or after its other side went
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Ends every match of a request or offer that is about to be deleted (an administrator's erasure, the end of its
     * retention period), so that no offer keeps professionals for a request that no longer exists and no request
     * counts professionals of an offer that no longer exists. A request: every ACTIVE match is cancelled (the whole
     * cancellation: its offer gets the professionals back). An offer: every reservation is decided now (aborted on its
     * request if the request has not decided, as the repair does with a stale one; activated if it has), then every
     * ACTIVE allocation is cancelled and every begun cancellation finished. Each step is the protocol's own
     * conditional write, so running this again, or a flow running meanwhile, changes nothing twice.
     *
     * @return the item as it is afterwards, with the version the deletion is conditional on (a match made meanwhile
     *         changes it); empty if it does not exist
     */
    public Optional<MatchFile> endAll(String reference, Person by, String reason) {
        for (int round = 0; round < ATTEMPTS; round++) {
            Optional<MatchFile> found = store.find(reference);
            if (found.isEmpty() || found.get().entries() == null || !Facts.matches(found.get().file().formId())) {
                return found;
            }
            boolean acted = false;
            for (Match entry : found.get().entries().values()) {
                if (found.get().isRequest()) {
                    if (entry.state() == Match.State.ACTIVE) {
                        cancel(reference, entry.id(), by, reason);
                        acted = true;
                    }
                    continue;
                }
                switch (entry.state()) {
                    case PENDING -> acted |= settlePending(entry, true);
                    case ACTIVE -> {
                        cancelFromOffer(entry, by, reason);
                        acted = true;
                    }
                    case CANCELLING -> {
                        finishCancellation(entry, true);
                        acted = true;
                    }
                    default -> {
                        // Settled: RELEASED or CANCELLED.
                    }
                }
            }
            if (!acted) {
                return found;
            }
        }
        throw new IllegalStateException("matches of " + reference + " still changing after " + ATTEMPTS + " rounds");
    }

    /**
     * Cancels an offer's ACTIVE allocation from the offer's side: begun on the offer, let go on the request if the
     * request still has it (a request that no longer exists has nothing to let go), dropped from the week's log,
     * finished on the offer. For an offer about to be deleted, and for one whose request is gone.
     */
    public void cancelFromOffer(Match allocation, Person by, String reason) {
        Match cancelling = cancelling(allocation, by, reason);
        if (store.beginCancel(cancelling)) {
            steps.after(Step.CANCEL_BEGUN, cancelling);
            finishCancellation(cancelling, false);
        }
        // Otherwise someone changed it meanwhile: whoever reads it next sees how it stands.
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The marker of an unfinished flow on the offer: sortable by time, unique by match. */
    static String marker(Instant since, String id) {
        return since + "#" + id;
    }

    /** The time in a marker. */
    public static Instant since(String marker) {
        return Instant.parse(marker.substring(0, marker.indexOf('#')));
    }

    /** "2 Fachkräfte, 04.05.2026 bis 15.05.2026, 20 Stunden pro Woche" (as the histories record a match). */
    public static String summary(Match match) {
        return Ranking.persons(match.persons()) + ", " + (match.until() == null
                ? "ab " + Ranking.day(match.from(), LocalDate.MIN) + ", ohne Enddatum"
                : Ranking.day(match.from(), LocalDate.MIN) + " bis " + Ranking.day(match.until(), LocalDate.MIN))
                + ", " + match.hours() + " Stunden pro Woche je Fachkraft";
    }

    /** Today in Berlin. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    public Clock clock() {
        return clock;
    }

    /** The entries of a file, or none. */
    public static Map<String, Match> entries(MatchFile file) {
        return file == null || file.entries() == null ? Map.of() : file.entries();
    }
}
