package de.fachkraftallianz.matching;

import de.fachkraftallianz.submission.Status;
import java.time.Instant;
import java.util.Set;

/**
 * An open request or offer as an index lists it (no answers, only what matching compares and counts).
 *
 * @param number    professionals still needed (request) or free (offer); null before initialisation
 * @param unsettled markers of unfinished flows on an offer ({@code <since>#<id>})
 */
public record Listed(String reference, String formId, Status status, Instant createdAt, Facts facts, Integer number,
                     Set<String> unsettled) {
}
