package de.fachkraftallianz.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.Match;
import de.fachkraftallianz.matching.MatchFile;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A new submission's item carries what matching needs from the start; entries read back as written. */
class MatchMapperTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 5, 1);
    private static final Instant AT = Instant.parse("2026-05-01T08:00:00Z");

    private static Map<String, AttributeValue> item(String formId) {
        return SubmissionMapper.toItem(new Submission("ABCD-2345", formId, Status.NEW, AT, AT.plusSeconds(86_400),
                "h", Samples.values(formId, TODAY), null), "w");
    }

    @Test
    void an_offer_starts_with_its_facts_every_professional_free_and_no_allocation() {
        Map<String, AttributeValue> offer = item(Facts.OFFER_FORM);
        assertThat(offer.get(TableKeys.FREE).n()).isEqualTo("3");
        assertThat(offer.get(TableKeys.ALLOCATIONS).m()).isEmpty();
        assertThat(offer).doesNotContainKeys(TableKeys.OPEN, TableKeys.MATCHES, TableKeys.UNSETTLED);
        assertThat(MatchMapper.facts(offer.get(TableKeys.FACTS)).count()).isEqualTo(3);
    }

    @Test
    void a_request_starts_with_its_facts_its_whole_need_open_and_no_match() {
        Map<String, AttributeValue> request = item(Facts.FACILITY_FORM);
        assertThat(request.get(TableKeys.OPEN).n()).isEqualTo("2");
        assertThat(request.get(TableKeys.MATCHES).m()).isEmpty();
        assertThat(request).doesNotContainKeys(TableKeys.FREE, TableKeys.ALLOCATIONS);
        assertThat(item(Facts.FOSTER_FORM).get(TableKeys.OPEN).n()).isEqualTo("1");
    }

    @Test
    void other_forms_carry_nothing_of_matching() {
        assertThat(item("beratungsangebot")).doesNotContainKeys(TableKeys.FACTS, TableKeys.FREE, TableKeys.OPEN,
                TableKeys.ALLOCATIONS, TableKeys.MATCHES);
    }

    @Test
    void an_entry_reads_back_as_written_on_either_side() {
        Match match = new Match("0123456789abcdef0123456789abcdef", "ABCD-2345", Facts.FACILITY_FORM, "EFGH-6789", 2,
                LocalDate.of(2026, 5, 4), null, 20, Match.State.PENDING, AT, new Person("p1", "Anna Amt (Beispiel)"),
                AT + "#0123456789abcdef0123456789abcdef", null, null, null);
        Map<String, AttributeValue> offer = new HashMap<>(item(Facts.OFFER_FORM));
        offer.put(TableKeys.PK, AttributeValue.fromS("SUB#EFGH-6789"));
        offer.put("reference", AttributeValue.fromS("EFGH-6789"));
        offer.put(TableKeys.ALLOCATIONS, AttributeValue.fromM(Map.of(match.id(), MatchMapper.entry(match, true))));
        MatchFile read = MatchMapper.fromItem(offer);
        assertThat(read.entries().get(match.id())).isEqualTo(match);
        assertThat(read.number()).isEqualTo(3);

        Map<String, AttributeValue> request = new HashMap<>(item(Facts.FACILITY_FORM));
        Match active = match.with(Match.State.ACTIVE);
        request.put(TableKeys.MATCHES, AttributeValue.fromM(Map.of(match.id(), MatchMapper.entry(active, false))));
        Match back = MatchMapper.fromItem(request).entries().get(match.id());
        assertThat(back).isEqualTo(new Match(active.id(), active.request(), active.requestForm(), active.offer(), 2,
                active.from(), null, 20, Match.State.ACTIVE, AT, active.by(), null, null, null, null));
    }
}
