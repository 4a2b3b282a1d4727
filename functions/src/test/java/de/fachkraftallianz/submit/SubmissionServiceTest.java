package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Submission;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final InMemoryStore store = new InMemoryStore();
    private final SubmissionService service = new SubmissionService(store, Clock.fixed(NOW, Validator.ZONE));
    private final FormDefinition form = FormCatalog.load().find("angebot-traeger").orElseThrow();
    private final Map<String, List<String>> values = Samples.values(form.id(), LocalDate.of(2026, 11, 25));

    @Test
    void a_reference_taken_by_other_content_moves_on_to_the_next_candidate() {
        String hash = References.contentHash(form, LocalDate.of(2026, 11, 25), values);
        String taken = References.derive(hash, 0);
        store.items.put(taken, new Submission(taken, form.id(), Status.NEW, NOW, NOW, "other-content",
                Map.of(), null));

        SubmissionService.Receipt receipt = service.submit(form, values, null);

        assertThat(receipt.reference()).isEqualTo(References.derive(hash, 1)).isNotEqualTo(taken);
        assertThat(receipt.kind()).isEqualTo(SubmissionService.Kind.STORED);
        assertThat(store.items).hasSize(2);
    }

    @Test
    void the_same_content_on_the_same_day_is_a_duplicate_with_the_first_reference() {
        SubmissionService.Receipt first = service.submit(form, values, null);
        SubmissionService.Receipt second = service.submit(form, values, "too-fast");
        assertThat(second).isEqualTo(new SubmissionService.Receipt(first.reference(), SubmissionService.Kind.DUPLICATE));
        assertThat(store.items.get(first.reference()).status()).isEqualTo(Status.NEW);
    }

    @Test
    void the_same_content_a_day_later_is_a_new_submission() {
        SubmissionService.Receipt first = service.submit(form, values, null);
        SubmissionService later = new SubmissionService(store, Clock.fixed(NOW.plusSeconds(86_400), Validator.ZONE));
        assertThat(later.submit(form, values, null).reference()).isNotEqualTo(first.reference());
    }

    @Test
    void a_write_whose_first_answer_was_lost_is_stored_not_a_duplicate() {
        store.answerLostOnce = true;
        SubmissionService.Receipt receipt = service.submit(form, values, null);
        assertThat(receipt.kind()).isEqualTo(SubmissionService.Kind.STORED_BY_RETRY);
        assertThat(receipt.isNew()).isTrue();
        assertThat(store.items).containsOnlyKeys(receipt.reference());
    }
}
