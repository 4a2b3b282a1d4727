package de.fachkraftallianz.matching;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A period of days, both ends included; {@code until} null while the end is open.
 */
public record Period(LocalDate from, LocalDate until) {

    public Period {
        if (from == null) {
            throw new IllegalArgumentException("a period has a first day");
        }
        if (until != null && until.isBefore(from)) {
            throw new IllegalArgumentException("a period ends on or after its first day");
        }
    }

    public boolean openEnded() {
        return until == null;
    }

    /** The days both periods share, or null if they share none. */
    public Period intersect(Period other) {
        LocalDate start = from.isAfter(other.from) ? from : other.from;
        LocalDate end = until == null ? other.until
                : other.until == null ? until : until.isBefore(other.until) ? until : other.until;
        if (end != null && end.isBefore(start)) {
            return null;
        }
        return new Period(start, end);
    }

    /** Whether every day of {@code other} lies in this period. */
    public boolean covers(Period other) {
        if (other.from.isBefore(from)) {
            return false;
        }
        if (until == null) {
            return true;
        }
        return other.until != null && !other.until.isAfter(until);
    }

    /** Whether the period holds at least one of the days {@code start} … {@code end}. */
    public boolean touches(LocalDate start, LocalDate end) {
        return !from.isAfter(end) && (until == null || !until.isBefore(start));
    }

    /** The period from {@code day} on (or itself if it starts later); null if it ended before {@code day}. */
    public Period from(LocalDate day) {
        if (until != null && until.isBefore(day)) {
            return null;
        }
        return from.isBefore(day) ? new Period(day, until) : this;
    }

    /** Its number of days, an open end counted up to {@code horizon} (inclusive). */
    public long days(LocalDate horizon) {
        LocalDate end = until == null || until.isAfter(horizon) ? horizon : until;
        return end.isBefore(from) ? 0 : ChronoUnit.DAYS.between(from, end) + 1;
    }
}
