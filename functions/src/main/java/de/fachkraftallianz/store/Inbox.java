package de.fachkraftallianz.store;

import de.fachkraftallianz.submission.Status;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the office's inbox asks of the table and gets back. */
public final class Inbox {

    private Inbox() {
    }

    /**
     * Which submissions to list, newest first.
     *
     * @param formIds     the forms the person may see (at least one)
     * @param status      only this status, or all the person may see
     * @param withSpam    whether (suspected) spam is included when no status is given (administrators)
     * @param assignee    only those assigned to this person, or any
     * @param unassigned  only those nobody is assigned to
     * @param from        received at or after (inclusive), or open
     * @param until       received before (exclusive), or open
     * @param before      the page cursor: only those listed after this sort key, or from the newest
     */
    public record Query(List<String> formIds, Optional<Status> status, boolean withSpam, Optional<String> assignee,
                        boolean unassigned, Optional<Instant> from, Optional<Instant> until, Optional<String> before,
                        int pageSize) {
    }

    /** One line of the inbox; {@code openedIn}: the groups in which someone opened it. */
    public record Row(String reference, String formId, Status status, Instant createdAt, String assigneeId,
                      String assigneeName, String urgency, java.util.Set<String> openedIn, String sortKey) {

        /** Unread for a person who sees it through {@code groups} if none of them opened it. */
        public boolean unreadFor(java.util.Collection<String> groups) {
            return groups.stream().noneMatch(openedIn::contains);
        }
    }

    /** A page of rows, and the cursor of the next page if there is one. */
    public record Page(List<Row> rows, Optional<String> next) {
    }
}
