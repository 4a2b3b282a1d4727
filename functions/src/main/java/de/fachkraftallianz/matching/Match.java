package de.fachkraftallianz.matching;

import de.fachkraftallianz.submission.CaseFile.Person;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A match of professionals from an offer to a request, as one side records it: the request's entry (its
 * {@code matches}) says whether the match exists; the offer's entry (its {@code allocations}) holds the capacity.
 *
 * @param id          chosen when the suggestion's form is shown, so a form sent twice is the same match
 * @param request     the request's reference
 * @param requestForm the request's form (the offer's page names a request it may not show only by reference)
 * @param offer       the offer's reference
 * @param persons     professionals matched (capacity is counted in persons)
 * @param until       the last day, or null (open, as both sides are)
 * @param hours       hours per week and professional, as agreed
 * @param at          when the match was made (the offer reserved); "matches this week" counts by it
 * @param settling    the offer's marker while the entry is PENDING or CANCELLING ({@code <since>#<id>}), else null
 * @param cancelled   when it was cancelled (or the cancellation began), else null
 */
public record Match(String id, String request, String requestForm, String offer, int persons, LocalDate from,
                    LocalDate until, int hours, State state, Instant at, Person by, String settling,
                    Instant cancelled, Person cancelledBy, String reason) {

    /**
     * Where a match stands. The request records ACTIVE (it exists), ABORTED (it never came about) or CANCELLED; that
     * entry decides. The offer records PENDING (persons reserved, the request not yet asked), ACTIVE, CANCELLING
     * (cancellation begun, persons still taken), CANCELLED, or RELEASED (reserved, then given back).
     */
    public enum State {
        PENDING("wird vermittelt"), ACTIVE("vermittelt"), CANCELLING("wird aufgehoben"), CANCELLED("aufgehoben"),
        RELEASED("nicht zustande gekommen"), ABORTED("nicht zustande gekommen");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Persons of the offer this entry holds. */
        public boolean holdsCapacity() {
            return this == PENDING || this == ACTIVE || this == CANCELLING;
        }

        /** An offer's entry that a flow has not finished yet. */
        public boolean unsettled() {
            return this == PENDING || this == CANCELLING;
        }
    }

    public Match with(State next) {
        return new Match(id, request, requestForm, offer, persons, from, until, hours, next, at, by, settling, cancelled,
                cancelledBy, reason);
    }

    public Period period() {
        return new Period(from, until);
    }
}
