package de.fachkraftallianz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's cold start must store a submission: its body stays valid as the form changes. */
class ColdStartProbeTest {

    @Test
    void the_probes_submission_is_a_valid_counselling_offer() {
        FormDefinition form = FormCatalog.load().find("beratungsangebot").orElseThrow();
        Map<String, List<String>> values = new LinkedHashMap<>();
        ColdStartProbe.body("probe-1").forEach((name, value) -> values.put(name, value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value))));

        assertThat(new Validator(Clock.systemUTC()).validate(form, values).errors()).isEmpty();
    }
}
