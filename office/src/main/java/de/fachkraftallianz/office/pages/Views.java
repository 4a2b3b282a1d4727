package de.fachkraftallianz.office.pages;

import java.util.List;

/**
 * What the office's templates show, already in German and formatted: the templates only place these values (and
 * escape every one of them; jte's HTML output escapes by default).
 */
public final class Views {

    private Views() {
    }

    /**
     * The frame of every page: who is signed in, the token every form carries against cross-site requests, and
     * whether the person looks after the directory of virtual channels (its link in the navigation).
     */
    public record Frame(String userName, String groups, String csrf, boolean directory) {
        public Frame(String userName, String groups, String csrf) {
            this(userName, groups, csrf, false);
        }

        public static Frame signedOut() {
            return new Frame(null, null, null);
        }

        public boolean signedIn() {
            return userName != null;
        }
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record Filters(List<Option> forms, List<Option> statuses, List<Option> assigned, String from, String until,
                          boolean any) {
    }

    /** A status in the inbox's overview: its number if it is counted (open statuses), else null. */
    public record Count(String label, Integer count, String href, boolean active) {
    }

    public record Row(String reference, String href, String form, String received, String status, String assignee,
                      String urgency, boolean unread) {
    }

    public record InboxView(Frame frame, Filters filters, List<Count> counts, List<Row> rows, String olderHref,
                            String firstHref, String notice) {
    }

    /** A question and its answer; an answer may have several lines. */
    public record Answer(String label, List<String> lines) {
    }

    /** A status the submission can be moved to. */
    public record Move(String to, String label, boolean needsReason) {
    }

    public record HistoryLine(String when, String who, String what) {
    }

    public record NoteLine(String when, String who, List<String> lines) {
    }

    /**
     * The detail of a submission.
     *
     * @param notice      a confirmation ("Gespeichert.") after a change
     * @param conflict    set when the person's change was refused because someone else changed it first
     * @param attemptText what the person had typed (note or reason), kept for them after a conflict or an error
     * @param error       a message about the person's input (too long, reason missing)
     */
    public record CaseView(Frame frame, String reference, String formTitle, String status, String received,
                           String assignee, String version, String actionBase, List<Move> moves, List<Option> assignees,
                           List<Answer> answers, List<NoteLine> notes, List<HistoryLine> history, String spamReason,
                           String notice, String conflict, String error, String attemptText) {
    }

    public record MessageView(Frame frame, String title, List<String> paragraphs, String linkHref, String linkText) {
    }

    /** After sign-in: a page of the office's own origin leads on, so the strict session cookie comes along. */
    public record SignedInView(String next) {
    }
}
