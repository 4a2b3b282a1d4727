package de.fachkraftallianz.submission;

/** Where a submission stands. Every submission starts as NEW or SUSPECTED_SPAM. */
public enum Status {
    NEW, SUSPECTED_SPAM
}
