package de.fachkraftallianz.forms;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormDefinition.AtLeastOne;
import de.fachkraftallianz.forms.FormDefinition.DateOrder;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.RequiredIf;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of every form, generated from the definitions themselves: a new field or rule is tested without
 * anyone writing a test for it.
 */
class ValidatorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), Validator.ZONE);
    private final Validator validator = new Validator(CLOCK);
    private final FormCatalog catalog = FormCatalog.load();

    @TestFactory
    Stream<DynamicTest> every_rule_of_every_form() {
        List<DynamicTest> tests = new ArrayList<>();
        for (FormDefinition form : catalog.all()) {
            List<Map<String, List<String>>> samples = Samples.all(form.id(), TODAY);
            Map<String, List<String>> sample = samples.get(0);
            for (int i = 0; i < samples.size(); i++) {
                Map<String, List<String>> one = samples.get(i);
                tests.add(DynamicTest.dynamicTest(form.id() + ": sample " + (i + 1) + " is valid and holds only questions"
                        + " that apply", () -> {
                    ValidationResult result = validator.validate(form, one);
                    assertThat(result.errors()).isEmpty();
                    assertThat(result.values().keySet()).as("nothing in the sample is ignored")
                            .containsExactlyInAnyOrderElementsOf(one.keySet());
                }));
            }
            tests.add(DynamicTest.dynamicTest(form.id() + ": every conditional question applies in one of the samples",
                    () -> form.fields().stream().filter(f -> f.showIf() != null).forEach(f ->
                            assertThat(samples.stream().anyMatch(one -> applies(f, one))).as(f.name()).isTrue())));
            tests.add(DynamicTest.dynamicTest(form.id() + ": an empty submission lists every required field at once",
                    () -> {
                        Map<String, String> errors = validator.validate(form, Map.of()).errors();
                        // A conditional question is required only once the answer it depends on is given.
                        List<String> required = form.fields().stream().filter(f -> f.required() && f.showIf() == null)
                                .map(Field::name).toList();
                        assertThat(errors.keySet()).containsAll(required);
                        errors.forEach((name, message) -> assertThat(required.contains(name)
                                || form.rules().stream().anyMatch(r -> r.message().equals(message))).as(name).isTrue());
                    }));
            form.fields().forEach(field -> fieldTests(form, field, sampleFor(field, samples), tests));
            form.rules().forEach(rule -> tests.add(DynamicTest.dynamicTest(form.id() + ": rule " + rule,
                    () -> ruleIsEnforced(form, rule, sample))));
        }
        return tests.stream();
    }

    /** The first sample in which the question applies (the main sample for every unconditional question). */
    private static Map<String, List<String>> sampleFor(Field field, List<Map<String, List<String>>> samples) {
        return samples.stream().filter(s -> applies(field, s)).findFirst().orElse(samples.get(0));
    }

    private static boolean applies(Field field, Map<String, List<String>> values) {
        return field.showIf() == null || field.showIf().holds(values);
    }

    private void fieldTests(FormDefinition form, Field field, Map<String, List<String>> sample, List<DynamicTest> tests) {
        String prefix = form.id() + "." + field.name() + ": ";
        if (field.required()) {
            tests.add(rejected(prefix + "required", form, field, sample, v -> v.remove(field.name())));
        } else {
            tests.add(DynamicTest.dynamicTest(prefix + "optional", () -> {
                Map<String, List<String>> values = copy(sample);
                values.remove(field.name());
                Map<String, String> errors = validator.validate(form, values).errors();
                assertThat(errors.values()).allMatch(m -> form.rules().stream().anyMatch(r -> r.message().equals(m)));
            }));
        }
        if (field.maxLength() != null) {
            tests.add(rejected(prefix + "longer than " + field.maxLength(), form, field, sample,
                    v -> v.put(field.name(), List.of("a".repeat(field.maxLength() + 1)))));
        }
        if (!field.type().isMultiValued()) {
            tests.add(rejected(prefix + "two values", form, field, sample,
                    v -> v.put(field.name(), List.of(first(sample, field), first(sample, field)))));
        }
        switch (field.type()) {
            case EMAIL -> tests.add(rejected(prefix + "not an e-mail address", form, field, sample,
                    v -> v.put(field.name(), List.of("name.beispiel.de"))));
            case TEL -> tests.add(rejected(prefix + "not a phone number", form, field, sample,
                    v -> v.put(field.name(), List.of("12ab"))));
            case URL -> tests.add(rejected(prefix + "not a web address", form, field, sample,
                    v -> v.put(field.name(), List.of("javascript:alert(1)"))));
            case NUMBER -> {
                for (String bad : List.of(String.valueOf(field.min() - 1), String.valueOf(field.max() + 1), "2.5", "zwei")) {
                    tests.add(rejected(prefix + "number " + bad, form, field, sample, v -> v.put(field.name(), List.of(bad))));
                }
                for (Integer good : List.of(field.min(), field.max())) {
                    tests.add(accepted(prefix + "number " + good, form, sample, v -> v.put(field.name(), List.of("" + good))));
                }
            }
            case DATE -> {
                tests.add(rejected(prefix + "impossible date", form, field, sample,
                        v -> v.put(field.name(), List.of("31.02.2027"))));
                tests.add(rejected(prefix + "more than three years ahead", form, field, sample,
                        v -> v.put(field.name(), List.of(TODAY.plusYears(3).plusDays(1).toString()))));
                if (field.notInPast()) {
                    tests.add(rejected(prefix + "yesterday", form, field, sample,
                            v -> v.put(field.name(), List.of(TODAY.minusDays(1).toString()))));
                }
            }
            case SELECT, RADIO, CHECKBOXES -> tests.add(rejected(prefix + "unknown option", form, field, sample,
                    v -> v.put(field.name(), List.of("erfunden"))));
            case CHECKBOX, CONSENT -> tests.add(rejected(prefix + "not ticked", form, field, sample,
                    v -> v.put(field.name(), List.of("nein"))));
            default -> {
            }
        }
        if (field.pattern() != null) {
            tests.add(rejected(prefix + "pattern", form, field, sample, v -> v.put(field.name(), List.of("00000"))));
        }
        if (field.type().isFreeText()) {
            invisibleCharacterTests(prefix, form, field, sample, tests);
        }
        if (field.showIf() != null) {
            conditionalTests(prefix, form, field, sample, tests);
        }
    }

    /** A conditional question counts only when its condition holds: then as defined, otherwise it is ignored. */
    private void conditionalTests(String prefix, FormDefinition form, Field field, Map<String, List<String>> sample,
            List<DynamicTest> tests) {
        Field controller = form.field(field.showIf().field()).orElseThrow();
        String other = controller.options().stream().map(FormDefinition.Option::value)
                .filter(v -> !field.showIf().values().contains(v)).findFirst().orElse(null);
        if (other != null) {
            tests.add(DynamicTest.dynamicTest(prefix + "ignored when " + controller.name() + " is " + other, () -> {
                Map<String, List<String>> values = copy(sample);
                values.put(controller.name(), List.of(other));
                values.put(field.name(), List.of("x".repeat(Math.max(1, field.maxLength() == null ? 1 : field.maxLength() + 5))));
                ValidationResult result = validator.validate(form, values);
                assertThat(result.errors()).as("no error for a question that does not apply").doesNotContainKey(field.name());
                assertThat(result.values()).as("its value is not kept").doesNotContainKey(field.name());
            }));
        }
        if (field.required()) {
            tests.add(rejected(prefix + "required when " + controller.name() + " is " + field.showIf().values().get(0),
                    form, field, sample, v -> {
                        v.put(controller.name(), List.of(field.showIf().values().get(0)));
                        v.remove(field.name());
                    }));
        }
    }

    /** What reaches the table must be safe to show: invisible and control characters never get through unnoticed. */
    private void invisibleCharacterTests(String prefix, FormDefinition form, Field field,
            Map<String, List<String>> sample, List<DynamicTest> tests) {
        String good = first(sample, field);
        String onlyInvisible = "\u200b\ufeff\u00a0 \u202f\u2060";
        if (field.required()) {
            tests.add(rejected(prefix + "only invisible characters", form, field, sample,
                    v -> v.put(field.name(), List.of(onlyInvisible))));
        } else {
            tests.add(DynamicTest.dynamicTest(prefix + "only invisible characters count as empty", () -> {
                Map<String, List<String>> values = copy(sample);
                values.put(field.name(), List.of(onlyInvisible));
                assertThat(validator.validate(form, values).values()).doesNotContainKey(field.name());
            }));
        }
        tests.add(accepted(prefix + "invisible characters around the value are trimmed", form, sample,
                v -> v.put(field.name(), List.of("\ufeff\u00a0" + good + "\u200b "))));
        tests.add(rejected(prefix + "a right-to-left override", form, field, sample,
                v -> v.put(field.name(), List.of(good.substring(0, 1) + "\u202e" + good.substring(1)))));
        tests.add(rejected(prefix + "a lone surrogate", form, field, sample,
                v -> v.put(field.name(), List.of(good + "\ud800"))));
        if (field.type() != FieldType.TEXTAREA) {
            tests.add(rejected(prefix + "a zero-width space inside", form, field, sample,
                    v -> v.put(field.name(), List.of(good.substring(0, 1) + "\u200b" + good.substring(1)))));
        }
    }

    private void ruleIsEnforced(FormDefinition form, FormDefinition.Rule rule, Map<String, List<String>> sample) {
        Map<String, List<String>> values = copy(sample);
        String failing;
        if (rule instanceof DateOrder r) {
            values.put(r.from(), List.of(TODAY.plusDays(10).toString()));
            values.put(r.until(), List.of(TODAY.plusDays(9).toString()));
            failing = r.until();
            Map<String, List<String>> sameDay = copy(values);
            sameDay.put(r.until(), List.of(TODAY.plusDays(10).toString()));
            assertThat(validator.validate(form, sameDay).errors()).as("same day is fine").isEmpty();
        } else if (rule instanceof RequiredIf r) {
            values.put(r.when(), List.of(r.equals()));
            values.remove(r.field());
            failing = r.field();
        } else if (rule instanceof FormDefinition.WithinDays r) {
            values.put(r.when(), List.of(r.equals()));
            values.put(r.field(), List.of(TODAY.plusDays(r.days()).toString()));
            assertThat(validator.validate(form, values).errors()).as("exactly the last day allowed").isEmpty();
            values.put(r.field(), List.of(TODAY.plusDays(r.days() + 1L).toString()));
            failing = r.field();
        } else {
            AtLeastOne r = (AtLeastOne) rule;
            r.fields().forEach(values::remove);
            failing = r.fields().get(0);
        }
        assertThat(validator.validate(form, values).errors()).containsExactly(Map.entry(failing, rule.message()));
    }

    private DynamicTest rejected(String name, FormDefinition form, Field field, Map<String, List<String>> sample,
            Consumer<Map<String, List<String>>> change) {
        return DynamicTest.dynamicTest(name + " is rejected", () -> {
            Map<String, List<String>> values = copy(sample);
            change.accept(values);
            Map<String, String> errors = validator.validate(form, values).errors();
            assertThat(errors).containsOnlyKeys(field.name());
            assertThat(errors.get(field.name())).isNotBlank().doesNotContain("{");
        });
    }

    private DynamicTest accepted(String name, FormDefinition form, Map<String, List<String>> sample,
            Consumer<Map<String, List<String>>> change) {
        return DynamicTest.dynamicTest(name + " is accepted", () -> {
            Map<String, List<String>> values = copy(sample);
            change.accept(values);
            assertThat(validator.validate(form, values).errors()).isEmpty();
        });
    }

    private static String first(Map<String, List<String>> sample, Field field) {
        return sample.getOrDefault(field.name(), List.of("x")).get(0);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> values) {
        return new LinkedHashMap<>(values);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hilfe-pflegefamilie", "barriere-melden"})
    void whoever_chooses_e_mail_is_never_asked_for_a_phone_number(String formId) {
        FormDefinition form = catalog.find(formId).orElseThrow();
        Field phone = form.field("telefon").orElseThrow();
        Map<String, List<String>> values = copy(Samples.values(formId, TODAY));
        values.put(phone.showIf().field(), List.of("email"));
        values.remove("telefon");
        assertThat(validator.validate(form, values).errors()).isEmpty();
        values.put("telefon", List.of("keine Nummer"));
        ValidationResult result = validator.validate(form, values);
        assertThat(result.errors()).as("a phone field left over from another choice is no error").isEmpty();
        assertThat(result.values()).as("and is not kept").doesNotContainKey("telefon");
        values.put(phone.showIf().field(), List.of("telefon"));
        values.remove("telefon");
        assertThat(validator.validate(form, values).errors()).as("but whoever chooses the phone is asked for it")
                .containsKey("telefon");
    }

    @ParameterizedTest
    @ValueSource(strings = {"030 23125-0", "+49 30 23125 000", "0152/28817386", "+49 (0)30 23125 123", "0049 30 23125999"})
    void accepts_common_german_phone_formats(String phone) {
        FormDefinition form = catalog.find("bedarf-einrichtung").orElseThrow();
        Map<String, List<String>> values = copy(Samples.values(form.id(), TODAY));
        values.put("telefon", List.of(phone));
        assertThat(validator.validate(form, values).errors()).isEmpty();
    }

    @Test
    void accepts_german_dates_and_stores_them_as_iso_dates() {
        FormDefinition form = catalog.find("bedarf-einrichtung").orElseThrow();
        Map<String, List<String>> values = copy(Samples.values(form.id(), TODAY));
        values.put("einsatz_von", List.of("1.12.2026"));
        values.put("einsatz_bis", List.of("31.12.2026"));
        ValidationResult result = validator.validate(form, values);
        assertThat(result.errors()).isEmpty();
        assertThat(result.values().get("einsatz_von")).containsExactly("2026-12-01");
    }

    @Test
    void trims_values_drops_empty_ones_and_ignores_fields_the_form_does_not_define() {
        FormDefinition form = catalog.find("bedarf-einrichtung").orElseThrow();
        Map<String, List<String>> values = copy(Samples.values(form.id(), TODAY));
        values.put("ort", List.of("  Pirna \u0007 "));
        values.put("qualifikation_hinweise", List.of("   "));
        values.put("eingeschmuggelt", List.of("x"));
        ValidationResult result = validator.validate(form, values);
        assertThat(result.errors()).isEmpty();
        assertThat(result.values().get("ort")).containsExactly("Pirna");
        assertThat(result.values()).doesNotContainKeys("qualifikation_hinweise", "eingeschmuggelt");
    }

    @Test
    void the_plz_pattern_accepts_exactly_the_county_range() {
        FormDefinition form = catalog.find("bedarf-einrichtung").orElseThrow();
        Map<String, List<String>> values = copy(Samples.values(form.id(), TODAY));
        for (String plz : List.of("01705", "01796", "01855")) {
            values.put("plz", List.of(plz));
            assertThat(validator.validate(form, values).errors()).as(plz).isEmpty();
        }
        for (String plz : List.of("01704", "01856", "01067", "1796")) {
            values.put("plz", List.of(plz));
            assertThat(validator.validate(form, values).errors()).as(plz).containsOnlyKeys("plz");
        }
    }
}
