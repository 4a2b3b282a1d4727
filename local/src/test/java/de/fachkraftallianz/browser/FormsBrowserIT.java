package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.AtLeastOne;
import de.fachkraftallianz.forms.FormDefinition.DateOrder;
import de.fachkraftallianz.forms.FormDefinition.RequiredIf;
import de.fachkraftallianz.forms.FormDefinition.Rule;
import de.fachkraftallianz.forms.FormDefinition.WithinDays;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.store.TableKeys;
import de.fachkraftallianz.submit.References;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every form filled in and sent in headless Chromium, with JavaScript and without: the visitor reviews the answers,
 * changes one, sends, and sees a reference that is really stored with the answers to print; after an error sees the
 * site's messages (never the browser's) next to the fields with everything still filled in.
 */
class FormsBrowserIT {

    @RegisterExtension
    static final BrowserStack env =
            new BrowserStack(LocalStack.Options.defaults().withEnv("RATE_LIMIT_PER_HOUR", "1000"));

    private static final FormCatalog FORMS = FormCatalog.load();
    private final LocalDate today = LocalDate.now(Validator.ZONE);

    static List<String> formIds() {
        return FormCatalog.FORM_IDS;
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void without_javascript_the_answers_are_reviewed_then_sent_and_confirmed_with_a_stored_reference(String formId) {
        reviewThenSend(env.withoutScript(), formId);
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void with_javascript_the_answers_are_reviewed_then_sent_and_confirmed_in_place(String formId) {
        String formPage = env.stack().uri("/formulare/" + formId + "/").toString();
        reviewThenSend(env.withScript(), formId);
        assertThat(env.withScript().getCurrentUrl()).isEqualTo(formPage);
    }

    private void reviewThenSend(WebDriver driver, String formId) {
        FormDefinition form = FORMS.find(formId).orElseThrow();
        Map<String, List<String>> values = Samples.values(formId, today);
        long before = storedCount(formId);
        open(driver, form);
        FormFiller.fill(driver, form, values);
        submit(driver);

        wait(driver).until(ExpectedConditions.titleContains("Angaben prüfen"));
        String review = driver.findElement(By.tagName("main")).getText();
        form.fields().stream().filter(f -> f.type().isFreeText() && values.containsKey(f.name()))
                .forEach(f -> assertThat(review).as(f.name()).contains(values.get(f.name()).get(0).lines().findFirst().orElseThrow()));
        assertThat(storedCount(formId)).as("nothing stored before sending").isEqualTo(before);
        driver.findElement(By.cssSelector("button[name=_schritt]")).click();

        // While the confirmation replaces the page, Chromium may report the old main element as stale or as "Node with
        // given id does not belong to the document" (a plain WebDriverException): both mean "not yet", so keep waiting.
        wait(driver).ignoring(org.openqa.selenium.StaleElementReferenceException.class,
                        org.openqa.selenium.WebDriverException.class)
                .until(d -> References.FORMAT.matcher(d.findElement(By.tagName("main")).getText()).find());
        WebElement main = driver.findElement(By.tagName("main"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(form.thanks().title());
        assertThat(main.findElement(By.className("summary")).getText()).as("the answers to print")
                .contains(values.entrySet().stream().filter(e -> form.field(e.getKey()).map(f -> f.type().isFreeText())
                        .orElse(false)).findFirst().orElseThrow().getValue().get(0).lines().findFirst().orElseThrow());
        assertStored(referenceIn(main.getText()), formId);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void change_on_the_review_page_leads_back_to_that_question_with_every_answer_kept(boolean javascript) {
        WebDriver driver = javascript ? env.withScript() : env.withoutScript();
        FormDefinition form = FORMS.find("bedarf-einrichtung").orElseThrow();
        Map<String, List<String>> values = Samples.values(form.id(), today);
        open(driver, form);
        FormFiller.fill(driver, form, values);
        submit(driver);
        wait(driver).until(ExpectedConditions.titleContains("Angaben prüfen"));

        driver.findElement(By.cssSelector("button[name=_aendern][value=ort]")).click();
        wait(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("f-ort")));
        assertThat(driver.findElements(By.className("error-summary"))).isEmpty();
        form.fields().forEach(f -> assertThat(FormFiller.shown(driver, f)).as(f.name())
                .isEqualTo(values.getOrDefault(f.name(), List.of())));
        if (javascript) {
            assertThat(driver.switchTo().activeElement().getAttribute("id")).as("focus on the question").isEqualTo("f-ort");
        } else {
            assertThat(driver.getCurrentUrl()).endsWith("#f-ort");
        }
    }

    static List<Boolean> scripts() {
        return List.of(false, true);
    }

    /** novalidate: the browser never blocks the post with its own English bubble; the site explains every error. */
    @ParameterizedTest
    @MethodSource("formIds")
    void an_empty_form_gets_every_error_in_the_sites_german_summary_with_and_without_javascript(String formId) {
        FormDefinition form = FORMS.find(formId).orElseThrow();
        for (WebDriver driver : List.of(env.withoutScript(), env.withScript())) {
            open(driver, form);
            assertThat(driver.findElement(By.cssSelector("form.form")).getAttribute("novalidate")).isNotNull();
            submit(driver);
            WebElement summary = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(
                    By.className("error-summary")));
            assertThat(driver.getTitle()).startsWith("Fehler: ");
            long required = form.fields().stream().filter(f -> f.required() && f.showIf() == null).count();
            assertThat(summary.findElements(By.cssSelector("li"))).hasSizeGreaterThanOrEqualTo((int) required);
            assertThat(summary.getText()).contains("Bitte").doesNotContain("Please");
        }
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void without_javascript_errors_come_back_next_to_the_fields_with_every_input_kept(String formId) {
        FormDefinition form = FORMS.find(formId).orElseThrow();
        Map<String, List<String>> values = breaking(form, Samples.values(formId, today));
        open(env.withoutScript(), form);
        FormFiller.fill(env.withoutScript(), form, values);
        submit(env.withoutScript());

        wait(env.withoutScript()).until(ExpectedConditions.presenceOfElementLocated(By.className("error-summary")));
        assertThat(env.withoutScript().getCurrentUrl()).endsWith("/api/forms/" + formId);
        assertThat(env.withoutScript().getTitle()).startsWith("Fehler");
        assertErrorShownAndInputKept(env.withoutScript(), form, values);
    }

    @ParameterizedTest
    @MethodSource("formIds")
    void with_javascript_errors_appear_next_to_the_fields_with_every_input_kept(String formId) {
        FormDefinition form = FORMS.find(formId).orElseThrow();
        Map<String, List<String>> values = breaking(form, Samples.values(formId, today));
        open(env.withScript(), form);
        String formPage = env.withScript().getCurrentUrl();
        FormFiller.fill(env.withScript(), form, values);
        submit(env.withScript());

        wait(env.withScript()).until(ExpectedConditions.presenceOfElementLocated(By.className("error-summary")));
        assertThat(env.withScript().getCurrentUrl()).isEqualTo(formPage);
        assertErrorShownAndInputKept(env.withScript(), form, values);
    }

    /**
     * A conditional question with JavaScript: hidden until its answer is chosen, shown then, hidden again when the
     * answer changes. Without JavaScript: shown with its note that says when to answer it.
     */
    @Test
    void a_conditional_question_appears_with_its_answer_and_without_javascript_is_shown_with_its_note() {
        FormDefinition form = FORMS.find("hilfe-pflegefamilie").orElseThrow();
        WebDriver driver = env.withScript();
        open(driver, form);
        WebElement phone = driver.findElement(By.id("field-telefon"));
        WebElement email = driver.findElement(By.id("field-email"));
        assertThat(phone.isDisplayed()).as("phone before a choice").isFalse();
        assertThat(email.isDisplayed()).as("e-mail before a choice").isFalse();
        assertThat(driver.findElement(By.id("field-name")).isDisplayed()).isTrue();

        choose(driver, "kontaktweg", "email");
        assertThat(email.isDisplayed()).as("e-mail once chosen").isTrue();
        assertThat(phone.isDisplayed()).as("phone while e-mail is chosen").isFalse();
        choose(driver, "kontaktweg", "telefon");
        assertThat(phone.isDisplayed()).as("phone once chosen").isTrue();
        assertThat(driver.findElement(By.id("f-telefon")).isEnabled()).isTrue();
        assertThat(email.isDisplayed()).as("e-mail hidden again after the change").isFalse();
        assertThat(driver.findElement(By.id("f-email")).isEnabled()).as("and not sent").isFalse();

        WebDriver plain = env.withoutScript();
        open(plain, form);
        for (FormDefinition.Field field : form.fields()) {
            if (field.showIf() != null) {
                WebElement question = plain.findElement(By.id("field-" + field.name()));
                assertThat(question.isDisplayed()).as(field.name() + " without JavaScript").isTrue();
                assertThat(question.findElement(By.className("field__condition")).getText()).as(field.name())
                        .isEqualTo(field.showIf().note());
            }
        }
    }

    /** Whoever chooses e-mail is never asked for a phone number: not with JavaScript, not without. */
    @ParameterizedTest
    @MethodSource("scripts")
    void whoever_chooses_e_mail_is_never_asked_for_a_phone_number(boolean javascript) {
        WebDriver driver = javascript ? env.withScript() : env.withoutScript();
        FormDefinition form = FORMS.find("hilfe-pflegefamilie").orElseThrow();
        Map<String, List<String>> values = Samples.values(form.id(), today);
        assertThat(values.get("kontaktweg")).containsExactly("email");
        assertThat(values).doesNotContainKey("telefon");
        open(driver, form);
        FormFiller.fill(driver, form, values);
        if (!javascript) {
            // Without the script the phone field is there too; something typed into it is ignored, never checked.
            driver.findElement(By.id("f-telefon")).sendKeys("keine Nummer");
        }
        submit(driver);

        wait(driver).until(ExpectedConditions.titleContains("Angaben prüfen"));
        assertThat(driver.findElements(By.className("error-summary"))).isEmpty();
        List<String> asked = driver.findElements(By.className("summary__key")).stream().map(WebElement::getText).toList();
        assertThat(asked).contains(form.field("email").orElseThrow().label())
                .doesNotContain(form.field("telefon").orElseThrow().label());
        assertThat(driver.findElements(By.cssSelector("input[type=hidden][name=telefon]"))).isEmpty();
    }

    private static void choose(WebDriver driver, String field, String value) {
        driver.findElement(By.cssSelector("label[for='f-" + field + "-" + value + "']")).click();
    }

    @Test
    void with_javascript_a_failed_save_shows_the_servers_notice_with_the_answers_ready_to_send_again() {
        FormDefinition form = FORMS.find("hilfe-pflegefamilie").orElseThrow();
        Map<String, List<String>> values = Samples.values(form.id(), today);
        try (LocalStack broken = LocalStack.start(LocalStack.Options.defaults().withEnv("TABLE_NAME", "no-such-table"))) {
            env.withScript().get(broken.uri("/formulare/" + form.id() + "/").toString());
            String formPage = env.withScript().getCurrentUrl();
            FormFiller.fill(env.withScript(), form, values);
            submit(env.withScript());
            wait(env.withScript()).until(ExpectedConditions.titleContains("Angaben prüfen"));
            env.withScript().findElement(By.cssSelector("button[name=_schritt]")).click();

            WebElement summary = wait(env.withScript()).until(ExpectedConditions.visibilityOfElementLocated(
                    By.className("error-summary")));
            assertThat(summary.getText()).contains("nicht gespeichert");
            assertThat(env.withScript().getCurrentUrl()).isEqualTo(formPage);
            assertThat(env.withScript().findElement(By.cssSelector("input[type=hidden][name=name]"))
                    .getAttribute("value")).isEqualTo(values.get("name").get(0));
            assertThat(env.withScript().findElements(By.cssSelector("button[name=_schritt]"))).hasSize(1);
        }
    }

    @Test
    void with_javascript_no_answer_at_all_keeps_every_input_and_offers_to_send_again() {
        FormDefinition form = FORMS.find("angebot-traeger").orElseThrow();
        Map<String, List<String>> values = Samples.values(form.id(), today);
        LocalStack gone = LocalStack.start(LocalStack.Options.defaults());
        try {
            env.withScript().get(gone.uri("/formulare/" + form.id() + "/").toString());
            FormFiller.fill(env.withScript(), form, values);
        } finally {
            gone.close();
        }
        submit(env.withScript());

        WebElement retry = wait(env.withScript()).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".form__status button")));
        assertThat(retry.getText()).isEqualTo("Erneut senden");
        assertThat(env.withScript().findElement(By.className("form__status")).getText()).contains("Internetverbindung");
        form.fields().forEach(f -> assertThat(FormFiller.shown(env.withScript(), f)).as(f.name())
                .isEqualTo(values.getOrDefault(f.name(), List.of())));
    }

    private void assertErrorShownAndInputKept(WebDriver driver, FormDefinition form, Map<String, List<String>> values) {
        Map<String, String> expected = new Validator(Clock.system(Validator.ZONE)).validate(form, values).errors();
        assertThat(expected).as("the values break exactly one check").hasSize(1);
        String field = expected.keySet().iterator().next();
        String message = expected.get(field);
        WebElement error = driver.findElement(By.id("f-" + field + "-error"));
        assertThat(error.isDisplayed()).as("the message next to " + field).isTrue();
        assertThat(error.getText()).contains(message);
        assertThat(driver.findElement(By.className("error-summary")).getText()).contains(message);
        WebElement container = driver.findElement(By.id("field-" + field));
        assertThat(container.getAttribute("class")).contains("field--error");
        form.fields().forEach(f -> assertThat(FormFiller.shown(driver, f)).as(f.name())
                .isEqualTo(values.getOrDefault(f.name(), List.of())));
    }

    /**
     * The sample changed so that one check fails: the form's first rule (something no browser can check itself), or,
     * for a form without rules, its first conditional question that applies left empty.
     */
    private Map<String, List<String>> breaking(FormDefinition form, Map<String, List<String>> sample) {
        Map<String, List<String>> values = new LinkedHashMap<>(sample);
        if (form.rules().isEmpty()) {
            FormDefinition.Field field = form.fields().stream()
                    .filter(f -> f.showIf() != null && f.required() && f.showIf().holds(sample)).findFirst()
                    .orElseThrow(() -> new AssertionError(form.id() + ": no rule and no conditional question to break"));
            values.remove(field.name());
            return values;
        }
        Rule rule = form.rules().get(0);
        if (rule instanceof DateOrder r) {
            values.put(r.from(), List.of(today.plusDays(10).toString()));
            values.put(r.until(), List.of(today.plusDays(9).toString()));
        } else if (rule instanceof RequiredIf r) {
            values.put(r.when(), List.of(r.equals()));
            values.remove(r.field());
        } else if (rule instanceof WithinDays r) {
            values.put(r.when(), List.of(r.equals()));
            values.put(r.field(), List.of(today.plusDays(r.days() + 1L).toString()));
        } else {
            ((AtLeastOne) rule).fields().forEach(values::remove);
        }
        return values;
    }

    private static void open(WebDriver driver, FormDefinition form) {
        driver.get(env.stack().uri("/formulare/" + form.id() + "/").toString());
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(form.title());
    }

    private static void submit(WebDriver driver) {
        driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
    }

    private static String referenceIn(String text) {
        Matcher matcher = References.FORMAT.matcher(text);
        assertThat(matcher.find()).as("a reference number in: " + text).isTrue();
        return matcher.group();
    }

    private static long storedCount(String formId) {
        return env.stack().dynamoDb().scan(b -> b.tableName(env.stack().tableName())).items().stream()
                .filter(item -> item.containsKey("formId") && item.get("formId").s().equals(formId)).count();
    }

    private static void assertStored(String reference, String formId) {
        var item = env.stack().dynamoDb().getItem(b -> b.tableName(env.stack().tableName()).key(TableKeys.submissionKey(reference))).item();
        assertThat(item).as("stored " + reference).isNotEmpty();
        assertThat(item.get("formId").s()).isEqualTo(formId);
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }
}
