package de.fachkraftallianz.submission;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A submission as the office works on it: the answers, where it stands, who has it, what happened to it.
 *
 * @param version     counts every change; a change states the version it was made on (no silent overwrites)
 * @param assignee    who handles it, or null
 * @param openedAt    when someone in the office first opened it, or null
 * @param openedIn    the office groups (departments, administration) in which someone has opened it: it is unread
 *                    for a person none of whose groups opened it (an offer both departments see is new to each)
 * @param history     every change, oldest first
 * @param notes       the office's notes, oldest first
 * @param expiresAt   when its data goes ({@link Retention}), or null while it is open
 * @param undelivered notifications the notifier gave up on that wait for an administrator's decision (send again, or
 *                    not); empty once decided
 */
public record CaseFile(
        String reference,
        String formId,
        Status status,
        Instant createdAt,
        Map<String, List<String>> values,
        String spamReason,
        long version,
        Person assignee,
        Instant openedAt,
        java.util.Set<String> openedIn,
        List<HistoryEntry> history,
        List<Note> notes,
        Instant expiresAt,
        List<Undelivered> undelivered) {

    /** A member of staff as the office records them: the identity provider's stable id and the name shown. */
    public record Person(String id, String name) {
    }

    /**
     * One change: who, when, what, from which value to which, and the reason or text that came with it.
     *
     * @param action  {@code STATUS}, {@code ASSIGN}, {@code NOTE} or {@code NOTIFY} (undelivered notifications sent
     *                again, {@code to} = {@code RESENT}, or not, {@code DISMISSED})
     */
    public record HistoryEntry(Instant at, Person by, String action, String from, String to, String text) {
    }

    public record Note(Instant at, Person by, String text) {
    }

    /** A notification given up after its attempts: when, after how many, and the technical reason (no address). */
    public record Undelivered(Notification notification, Instant failedAt, int attempts, String reason) {
    }
}
