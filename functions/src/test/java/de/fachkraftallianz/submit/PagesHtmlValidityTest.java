package de.fachkraftallianz.submit;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.HtmlChecker;
import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.http.Answers;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every page the submit function answers a plain form post with is valid HTML (Nu HTML checker, offline). */
class PagesHtmlValidityTest {

    private static final FormCatalog FORMS = FormCatalog.load();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static HtmlChecker checker;

    @BeforeAll
    static void loadChecker() {
        checker = new HtmlChecker();
    }

    static List<String> formIds() {
        return FormCatalog.FORM_IDS;
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void the_form_again_with_an_error_on_every_field_is_valid_html(String formId) {
        FormDefinition form = form(formId);
        Map<String, String> errors = new LinkedHashMap<>();
        form.fields().forEach(f -> errors.put(f.name(), "Bitte prüfen Sie „" + f.label() + "“."));

        assertValid(formId + " with errors", Pages.formAgain(form, Samples.values(formId, TODAY), errors, null));
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void the_form_again_with_a_notice_and_empty_fields_is_valid_html(String formId) {
        assertValid(formId + " with a notice", Pages.formAgain(form(formId), Map.of(), Map.of(),
                "Ihre Angaben konnten gerade nicht gespeichert werden. Bitte versuchen Sie es noch einmal."));
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void the_review_page_with_every_answer_and_a_notice_is_valid_html(String formId) {
        assertValid(formId + " review", Pages.review(form(formId), Samples.values(formId, TODAY),
                Map.of("homepage", "x", "_fill_ms", "5000"), null));
        assertValid(formId + " review with notice", Pages.review(form(formId), Samples.values(formId, TODAY),
                Map.of(), "Ihre Angaben konnten gerade nicht gespeichert werden."));
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void the_confirmation_with_the_answers_is_valid_html(String formId) {
        assertValid(formId + " confirmation", Pages.confirmation(form(formId), "7MAN-RDZM", Samples.values(formId, TODAY)));
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void the_thank_you_page_is_valid_html(String formId) {
        assertValid(formId + " thanks", Pages.thanks(form(formId), "7MAN-RDZM"));
    }

    @Test
    void the_message_pages_are_valid_html() {
        assertValid("message with form", Answers.page("Seite nicht gefunden", "Diese Seite gibt es nicht.",
                de.fachkraftallianz.web.FormPages.pagePath(form("hilfe-pflegefamilie")), "Zurück zum Formular"));
        assertValid("message without form", Answers.page("Zu viele Anfragen", "Bitte warten Sie.\n\nDanke.", "/",
                "Zur Startseite"));
    }

    @Test
    void the_checker_reports_what_is_invalid() {
        // The page frame's <main> has the id "inhalt" already.
        String broken = Answers.page("Titel", "Text", "/", "Start").replace("</main>", "<p id=\"inhalt\">doppelt</p></main>");

        assertThat(checker.check("broken", broken)).anySatisfy(e -> assertThat(e).contains("Duplicate ID"));
    }

    private static FormDefinition form(String formId) {
        return FORMS.find(formId).orElseThrow();
    }

    private static void assertValid(String name, String html) {
        assertThat(checker.check(name, html)).as("HTML errors in " + name).isEmpty();
    }
}
