package de.fachkraftallianz.matching;

import de.fachkraftallianz.submission.CaseFile;
import java.util.Map;
import java.util.Set;

/**
 * A request or an offer with what matching keeps on it.
 *
 * @param facts     what matching compares (null for a form outside matching, or an item stored before matching
 *                  existed until it is initialised)
 * @param number    a request: professionals still needed ({@code open}); an offer: professionals free ({@code free})
 * @param entries   a request: its matches; an offer: its allocations; by match id
 * @param unsettled an offer's markers of entries a flow has not finished ({@code <since>#<id>})
 */
public record MatchFile(CaseFile file, Facts facts, Integer number, Map<String, Match> entries,
                        Set<String> unsettled) {

    public boolean initialised() {
        return facts != null && number != null && entries != null;
    }

    public boolean isOffer() {
        return Facts.isOffer(file.formId());
    }

    public boolean isRequest() {
        return Facts.isRequest(file.formId());
    }
}
