package de.fachkraftallianz.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

/** The data-protection log files entries under the county's month, which the office's log page shows. */
class AuditLogTest {

    @Test
    void an_entry_made_after_midnight_on_the_first_in_pirna_belongs_to_the_new_month() {
        assertThat(AuditLog.monthOf(Instant.parse("2026-11-30T23:30:00Z"))).as("00:30 on 1 December in Pirna")
                .isEqualTo(YearMonth.of(2026, 12));
        assertThat(AuditLog.monthOf(Instant.parse("2026-06-30T21:59:59Z"))).as("23:59:59 summer time")
                .isEqualTo(YearMonth.of(2026, 6));
        assertThat(AuditLog.monthOf(Instant.parse("2026-06-30T22:00:00Z"))).isEqualTo(YearMonth.of(2026, 7));
        assertThat(AuditLog.partition(YearMonth.of(2026, 12))).isEqualTo("AUDIT#2026-12");
    }
}
