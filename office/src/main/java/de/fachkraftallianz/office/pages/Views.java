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
     * The frame of every page: who is signed in, the token every form carries against cross-site requests, whether
     * the person is an administrator (the data-protection log in the navigation, erasure) and whether the person looks
     * after the directory of virtual channels (its link in the navigation).
     */
    public record Frame(String userName, String groups, String csrf, boolean admin, boolean directory) {
        public static Frame signedOut() {
            return new Frame(null, null, null, false, false);
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

    /** @param exportHref the CSV export of the current filter, or null (an export is of one form) */
    public record InboxView(Frame frame, Filters filters, List<Count> counts, List<Row> rows, String olderHref,
                            String firstHref, String notice, String exportHref, List<Undelivered> undelivered,
                            String matchesExportHref) {
    }

    /** For administrators: a submission whose notifications were given up (link, form, what did not go out). */
    public record Undelivered(String reference, String href, String formTitle, String what) {
    }

    /** A question and its answer; an answer may have several lines. */
    /** @param href a mailto: or tel: link for an e-mail address or phone number given, else null */
    public record Answer(String label, List<String> lines, String href) {
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
     * @param typed       what the person had typed (reason or note), kept for them after a conflict or an error
     * @param error       a message about the person's input (too long, reason missing) and the field it is about
     * @param matching    a request's need and matches, or an offer's capacity; null for other forms
     */
    public record CaseView(Frame frame, String reference, String formTitle, String status, String received,
                           String assignee, String version, String actionBase, List<Move> moves, List<Option> assignees,
                           List<Answer> answers, List<NoteLine> notes, List<HistoryLine> history, String spamReason,
                           String notice, String conflict, InputError error, Typed typed,
                           String erasure, List<String> undelivered, MatchingViews.Section matching) {

        /** Whether the error is about this field (by its form name: status, grund, person, text). */
        public boolean errorAt(String field) {
            return error != null && field.equals(error.field());
        }

        /** Where the error summary's link leads: the field the error is about (a choice: its first option). */
        public String errorHref() {
            if (error == null || error.field() == null) {
                return null;
            }
            return switch (error.field()) {
                case "status" -> moves.isEmpty() ? null : "#status-" + moves.get(0).to();
                case "grund" -> moves.isEmpty() ? null : "#status-grund";
                case "person" -> "#zuweisung";
                case "text" -> "#notiz";
                default -> null;
            };
        }
    }

    /**
     * A message about what the person sent, shown in the error summary and at the field.
     *
     * @param field the form field it is about ({@code status}, {@code grund}, {@code person}, {@code text}), or null
     *              for the page as a whole
     */
    public record InputError(String field, String message) {
    }

    public record MessageView(Frame frame, String title, List<String> paragraphs, String linkHref, String linkText) {
    }

    /**
     * The confirmation before an administrator erases a submission now.
     *
     * @param error    what is wrong with the reason typed (at its field)
     * @param matches  a request's or offer's matches that erasing it cancels, in words; null if none
     * @param conflict why it was not erased although the input was right (changed meanwhile); null if not
     * @param listed   its entry is in the directory of virtual channels (and leaves the site with it)
     */
    public record EraseView(Frame frame, String reference, String formTitle, String status, String received,
                            String actionBase, String error, String reason, String matches, String conflict,
                            boolean listed) {
    }

    /** One line of the data-protection log. */
    public record AuditLine(String when, String who, String what, List<String> details) {
    }

    public record AuditView(Frame frame, String month, List<AuditLine> lines, String earlierHref, String laterHref) {
    }

    /** After sign-in: a page of the office's own origin leads on, so the strict session cookie comes along. */
    public record SignedInView(String next) {
    }

    /**
     * After sign-out: a page leads on to the sign-in provider's sign-out. Not a redirect: the site's
     * Content-Security-Policy ({@code form-action 'self'}) would block the logout form's redirect to another origin.
     */
    public record SignOutView(String next) {
    }

    /**
     * What the person had typed into the reason or the note when their change was not saved; each is shown again in
     * its own field only ("" for none).
     */
    public record Typed(String reason, String note) {
        public static Typed none() {
            return new Typed("", "");
        }

        public static Typed reason(String text) {
            return new Typed(text, "");
        }

        public static Typed note(String text) {
            return new Typed("", text);
        }
    }
}
