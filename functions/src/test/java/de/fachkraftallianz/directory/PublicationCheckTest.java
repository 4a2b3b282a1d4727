package de.fachkraftallianz.directory;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What may be published of a submission: only its public fields, checked by the form's rules and for links. */
class PublicationCheckTest {

    private static final FormDefinition FORM = FormCatalog.load().find(Directory.FORM_ID).orElseThrow();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-20T10:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, List<String>> SENT = new Validator(CLOCK).validate(FORM,
            Samples.values(Directory.FORM_ID, LocalDate.of(2026, 4, 20))).values();

    @Test
    void only_the_fields_the_form_marks_public_are_published_never_the_contact_person() {
        Map<String, List<String>> published = PublicationCheck.publicFields(FORM, SENT);

        assertThat(published).doesNotContainKeys("ansprechperson", "email", "veroeffentlichung")
                .containsKeys(Directory.TITLE, Directory.TRAEGER, Directory.HOURS, "telefon", "chat_adresse");
        assertThat(FORM.fields()).filteredOn(f -> published.containsKey(f.name()))
                .allMatch(FormDefinition.Field::published);
        PublicationCheck.Result result = PublicationCheck.check(FORM, SENT, published, CLOCK);
        assertThat(result.ok()).as(result.errors().toString()).isTrue();
        assertThat(result.fields()).isEqualTo(published);
    }

    @Test
    void an_address_of_a_way_not_chosen_is_not_published() {
        Map<String, List<String>> proposed = new LinkedHashMap<>(PublicationCheck.publicFields(FORM, SENT));
        proposed.put(Directory.CHANNELS, List.of("telefon"));

        PublicationCheck.Result result = PublicationCheck.check(FORM, SENT, proposed, CLOCK);

        assertThat(result.ok()).isTrue();
        assertThat(result.fields()).containsKey("telefon").doesNotContainKeys("chat_adresse", "email_oeffentlich",
                "video_adresse", "social_media_adresse", Directory.PLATFORM);
    }

    @Test
    void a_link_that_is_not_https_a_number_that_cannot_be_dialled_or_a_missing_field_is_refused_in_german() {
        Map<String, List<String>> proposed = new LinkedHashMap<>(PublicationCheck.publicFields(FORM, SENT));
        proposed.put("chat_adresse", List.of("http://chat.example.org/"));
        proposed.put("video_adresse", List.of("javascript:alert(1)"));
        proposed.put("telefon", List.of("0800 ANRUFEN"));
        proposed.put(Directory.HOURS, List.of(" "));
        proposed.put(Directory.TITLE, List.of("x".repeat(121)));

        Map<String, String> errors = PublicationCheck.check(FORM, SENT, proposed, CLOCK).errors();

        assertThat(errors.get("chat_adresse")).contains("nur eine vollständige Adresse", "https://");
        assertThat(errors.get("video_adresse")).contains("https://");
        assertThat(errors.get("telefon")).contains("Telefonnummer");
        assertThat(errors.get(Directory.HOURS)).contains("erreicht");
        assertThat(errors.get(Directory.TITLE)).contains("höchstens 120 Zeichen");
        assertThat(errors).doesNotContainKeys("ansprechperson", "email");
    }

    @Test
    void publication_needs_the_organisations_consent_as_it_was_sent() {
        assertThat(PublicationCheck.consented(FORM, SENT)).isTrue();
        Map<String, List<String>> without = new LinkedHashMap<>(SENT);
        without.remove("veroeffentlichung");
        assertThat(PublicationCheck.consented(FORM, without)).isFalse();
        without.put("veroeffentlichung", List.of("nein"));
        assertThat(PublicationCheck.consented(FORM, without)).isFalse();
    }

    @Test
    void a_correction_reads_as_label_old_and_new_value() {
        Map<String, List<String>> before = PublicationCheck.publicFields(FORM, SENT);
        Map<String, List<String>> after = new LinkedHashMap<>(before);
        after.put(Directory.HOURS, List.of("Mo–Fr 14–19 Uhr"));
        after.put(Directory.GROUPS, List.of("kinder"));

        assertThat(PublicationCheck.changes(FORM, before, after)).containsExactly(
                "Für wen ist das Angebot?: „Jugendliche, Junge Erwachsene“ → „Kinder“",
                "Wann ist das Angebot erreichbar?: „Mo–Fr 14–18 Uhr“ → „Mo–Fr 14–19 Uhr“");
        assertThat(PublicationCheck.changes(FORM, before, before)).isEmpty();
    }
}
