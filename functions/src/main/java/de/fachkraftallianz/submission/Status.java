package de.fachkraftallianz.submission;

/**
 * Where a submission stands. Every submission starts as NEW or SUSPECTED_SPAM; {@link Workflow} says how it moves on.
 */
public enum Status {
    NEW("Neu"),
    IN_PROGRESS("In Bearbeitung"),
    DONE("Erledigt"),
    DECLINED("Abgelehnt"),
    SUSPECTED_SPAM("Verdacht auf Spam"),
    SPAM("Spam");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** The German name the office sees. */
    public String label() {
        return label;
    }

    /** Spam and suspected spam are kept apart: only administrators see them. */
    public boolean isSpam() {
        return this == SUSPECTED_SPAM || this == SPAM;
    }

    /** A closed submission: its retention period runs. */
    public boolean isClosed() {
        return this == DONE || this == DECLINED || this == SPAM;
    }
}
