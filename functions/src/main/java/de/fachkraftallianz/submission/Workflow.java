package de.fachkraftallianz.submission;

import java.util.List;

/**
 * The status workflow of a submission: {@code NEW → IN_PROGRESS → DONE | DECLINED}, {@code DONE/DECLINED →
 * IN_PROGRESS} (reopen), {@code SUSPECTED_SPAM → NEW} (not spam) or {@code SPAM}. Only these moves are offered and
 * accepted; a closing status needs a short reason.
 */
public final class Workflow {

    /** The longest reason or note the office may write. */
    public static final int MAX_TEXT = 2_000;

    private Workflow() {
    }

    /** The statuses a submission may move to from {@code from}, in the order they are offered. */
    public static List<Status> next(Status from) {
        return switch (from) {
            case NEW -> List.of(Status.IN_PROGRESS);
            case IN_PROGRESS -> List.of(Status.DONE, Status.DECLINED);
            case DONE, DECLINED -> List.of(Status.IN_PROGRESS);
            case SUSPECTED_SPAM -> List.of(Status.NEW, Status.SPAM);
            case SPAM -> List.of();
        };
    }

    public static boolean allows(Status from, Status to) {
        return next(from).contains(to);
    }

    /** Closing needs a reason, so that a later reader knows why. */
    public static boolean needsReason(Status to) {
        return to.isClosed();
    }

    /** The German name of a move, as the form's button and the history say it. */
    public static String action(Status from, Status to) {
        if (from.isClosed() && to == Status.IN_PROGRESS) {
            return "Wieder aufnehmen";
        }
        if (from == Status.SUSPECTED_SPAM && to == Status.NEW) {
            return "Kein Spam: in den Eingang";
        }
        return switch (to) {
            case IN_PROGRESS -> "In Bearbeitung nehmen";
            case DONE -> "Als erledigt abschließen";
            case DECLINED -> "Ablehnen";
            case SPAM -> "Als Spam abschließen";
            default -> "Status: " + to.label();
        };
    }
}
