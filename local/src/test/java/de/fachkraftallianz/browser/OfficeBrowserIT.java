package de.fachkraftallianz.browser;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.Samples;
import de.fachkraftallianz.forms.FieldType;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.Validator;
import de.fachkraftallianz.local.LocalStack;
import de.fachkraftallianz.local.cognito.LocalCognito;
import de.fachkraftallianz.office.auth.Cookies;
import de.fachkraftallianz.store.DynamoSubmissionStore;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submit.References;
import de.fachkraftallianz.submit.SubmissionService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The office in headless Chromium, as staff use it: signing in on the local provider's page, the inbox, a submission
 * worked from „Neu“ to „Erledigt“ with the page's own forms, a change someone else made meanwhile (409), signing out;
 * axe-core on every office page and state; keyboard only; hostile input from the public forms shown as text; and the
 * {@code __Host-} cookies over plain http on 127.0.0.1.
 */
class OfficeBrowserIT {

    private static final FormCatalog FORMS = FormCatalog.load();

    /** A staff member of the office's pool, their name and what the office must let them see. */
    record Persona(String username, String password, String name, String groups, List<String> forms,
                   boolean seesSpam) {
        @Override
        public String toString() {
            return username;
        }
    }

    static final Persona AMT = new Persona("amt", LocalCognito.AMT_PASSWORD, "Anna Amt (Beispiel)",
            "Jugend- und Bildungsamt",
            List.of("bedarf-einrichtung", "angebot-traeger", "beratungsangebot", "barriere-melden"), false);
    static final Persona PKD = new Persona("pkd", LocalCognito.PKD_PASSWORD, "Paul Pflege (Beispiel)",
            "Pflegekinderdienst", List.of("hilfe-pflegefamilie", "angebot-traeger"), false);
    static final Persona ADMIN = new Persona("admin", LocalCognito.ADMIN_PASSWORD, "Ada Admin (Beispiel)",
            "Administration", FormCatalog.FORM_IDS, true);
    /** Signed in at the provider, but in none of the office's groups. */
    static final LocalCognito.User NO_GROUP = new LocalCognito.User("ohne", "ohne-lokal-2026",
            "6f1c2a3b-4d5e-4f60-8a71-b2c3d4e5f6a1", "Otto Ohnegruppe (Beispiel)", "ohne@example.org", List.of());
    /** A member of the Jugendamt whose name (from the identity provider) is itself markup. */
    static final LocalCognito.User MARKUP_NAME = new LocalCognito.User("xaver", "xaver-lokal-2026",
            "6f1c2a3b-4d5e-4f60-8a71-b2c3d4e5f6a2", "Xaver \"><img src=x onerror=\"window.__xss=1\"> Test",
            "xaver@example.org", List.of("jugendamt"));

    /** Values that would run as script or add markup if a page wrote them out unescaped (each at most 60 chars). */
    static final List<String> PAYLOADS = List.of(
            "<script>window.__xss=1</script>",
            "\"><img src=x onerror=\"window.__xss=1\">",
            "<a href=\"javascript:window.__xss=1\">Link</a>",
            "javascript:window.__xss=1",
            "'><svg onload='window.__xss=1'>",
            "</dd></dl><script>window.__xss=1</script>",
            "</textarea><img src=x onerror=window.__xss=1>");
    /** A web address that passes the form's check and still tries to leave an attribute. */
    static final String URL_PAYLOAD = "https://example.org/'onmouseover='window.__xss=1";

    /** What a page holds that the office never writes itself: inline scripts, event handlers, script links, … */
    private static final String INJECTED = """
            const found = [];
            document.querySelectorAll('script:not([src]), img[src="x"], svg, iframe, object, embed')
                .forEach((e) => found.push(e.outerHTML.slice(0, 80)));
            document.querySelectorAll('*').forEach((e) => {
              for (const a of e.attributes) {
                if (a.name.startsWith('on')) found.push(e.tagName + ' ' + a.name);
                if (['href', 'src', 'action', 'formaction'].includes(a.name)
                    && a.value.trim().toLowerCase().startsWith('javascript:')) found.push(e.tagName + ' ' + a.name);
              }
            });
            return found;
            """;

    static LocalStack stack;
    static OfficeBrowser browser;
    static OfficeBrowser other;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults().withEnv("RATE_LIMIT_PER_HOUR", "1000"));
        stack.cognito().addUser(NO_GROUP);
        stack.cognito().addUser(MARKUP_NAME);
        browser = new OfficeBrowser(stack);
        other = new OfficeBrowser(stack);
    }

    @AfterAll
    static void stop() {
        try (LocalStack closingStack = stack; OfficeBrowser closingOther = other; OfficeBrowser closingBrowser = browser) {
            // Closed in reverse order (browsers first), each even if another fails; null ones are skipped.
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Signing in, the inbox, working a submission, conflicts, signing out
    // ---------------------------------------------------------------------------------------------------------------

    static List<Persona> personas() {
        return List.of(AMT, PKD, ADMIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personas")
    void each_persona_signs_in_on_the_providers_page_and_sees_their_name_groups_and_only_their_forms(Persona persona) {
        Map<String, String> fresh = new LinkedHashMap<>();
        for (String formId : FormCatalog.FORM_IDS) {
            fresh.put(formId, submit(formId));
        }

        browser.signIn(persona.username(), persona.password(), "/intern");

        assertThat(browser.path()).isEqualTo("/intern");
        assertThat(browser.heading()).isEqualTo("Eingang");
        assertThat(browser.driver.findElement(By.className("office-user__name")).getText())
                .isEqualTo("Angemeldet: " + persona.name() + " (" + persona.groups() + ")");
        List<String> offered = new Select(browser.driver.findElement(By.id("filter-formular"))).getOptions().stream()
                .map(WebElement::getText).filter(t -> !t.equals("Alle Formulare")).toList();
        assertThat(offered).as("the forms the filter offers").containsExactlyElementsOf(titles(persona.forms()));
        List<String> statuses = new Select(browser.driver.findElement(By.id("filter-status"))).getOptions().stream()
                .map(WebElement::getText).toList();
        if (persona.seesSpam()) {
            assertThat(statuses).contains("Verdacht auf Spam", "Spam");
        } else {
            assertThat(statuses).doesNotContain("Verdacht auf Spam", "Spam");
        }
        List<String> listedForms = browser.driver.findElements(By.cssSelector(".inbox tbody tr td:nth-of-type(1)"))
                .stream().map(WebElement::getText).distinct().toList();
        assertThat(titles(persona.forms())).as("forms of the listed submissions").containsAll(listedForms);
        String inbox = browser.main();
        fresh.forEach((formId, reference) -> {
            if (persona.forms().contains(formId)) {
                assertThat(inbox).as("own department's " + formId).contains(reference);
            } else {
                assertThat(inbox).as("another department's " + formId).doesNotContain(reference);
            }
        });

        for (String formId : FormCatalog.FORM_IDS) {
            if (!persona.forms().contains(formId)) {
                browser.open("/intern/vorgang/" + fresh.get(formId));
                assertThat(browser.status()).isEqualTo(403);
                assertThat(browser.heading()).isEqualTo("Kein Zugriff auf diesen Vorgang");
                assertThat(browser.main()).doesNotContain(FORMS.find(formId).orElseThrow().fields().get(0).label());
            }
        }
    }

    @Test
    void a_submission_is_worked_from_new_to_done_with_the_pages_own_forms_and_the_history_shows_each_step() {
        String reference = submit("bedarf-einrichtung");
        browser.signedInAs(AMT.username(), AMT.password());
        browser.open("/intern");
        WebElement row = browser.driver.findElement(By.xpath("//tr[th/a='" + reference + "']"));
        assertThat(row.getText()).contains("ungelesen", "Neu", "niemand");

        browser.clickAndWait(By.linkText(reference));
        assertThat(browser.heading()).isEqualTo("Vorgang " + reference);
        assertThat(browser.fact("Status")).isEqualTo("Neu");
        assertThat(browser.main()).contains("Muster-Jugendhilfe e. V.", "Musterstraße 12");

        browser.changeStatus("IN_PROGRESS", null);
        assertSaved(reference);
        assertThat(browser.fact("Status")).isEqualTo("In Bearbeitung");

        new Select(browser.driver.findElement(By.id("zuweisung"))).selectByVisibleText(AMT.name());
        browser.clickAndWait(By.cssSelector("form[action$='/zuweisung'] button[type=submit]"));
        assertSaved(reference);
        assertThat(browser.fact("Zuständig")).isEqualTo(AMT.name());
        browser.addNote("Träger A angefragt.");
        assertSaved(reference);
        assertThat(browser.driver.findElement(By.cssSelector("#notizen ~ .office-log")).getText())
                .contains(AMT.name(), "Träger A angefragt.");

        browser.changeStatus("DONE", null);
        assertThat(browser.status()).as("closing without a reason").isEqualTo(422);
        assertThat(browser.driver.getTitle()).startsWith("Nicht gespeichert: ");
        assertThat(browser.driver.findElement(By.className("error-summary")).getText())
                .contains("Bitte schreiben Sie eine kurze Begründung.");
        assertThat(browser.fact("Status")).isEqualTo("In Bearbeitung");
        WebElement reasonField = browser.driver.findElement(By.id("status-grund"));
        assertThat(reasonField.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver.findElement(By.id(reasonField.getAttribute("aria-describedby")))
                .getDomProperty("textContent").strip())
                .as("the message at the field").isEqualTo("Fehler: Bitte schreiben Sie eine kurze Begründung.");
        browser.driver.findElement(By.cssSelector(".error-summary a")).click();
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id"))
                .as("the summary's link leads to the field").isEqualTo("status-grund");

        browser.changeStatus("DONE", "Zwei Fachkräfte vermittelt.");
        assertSaved(reference);
        assertThat(browser.fact("Status")).isEqualTo("Erledigt");
        List<String> history = browser.history();
        assertThat(history).hasSize(5);
        assertThat(history.get(0)).contains("über das Formular", "Eingegangen als „Neu“");
        assertThat(history.get(1)).contains(AMT.name(), "Status: „Neu“ → „In Bearbeitung“");
        assertThat(history.get(2)).contains(AMT.name(), "Zuständig: niemand → " + AMT.name());
        assertThat(history.get(3)).contains(AMT.name(), "Notiz hinzugefügt");
        assertThat(history.get(4)).contains(AMT.name(),
                "Status: „In Bearbeitung“ → „Erledigt“. Begründung: Zwei Fachkräfte vermittelt.");
        assertThat(read(reference).status()).isEqualTo(Status.DONE);
        assertThat(browser.driver.findElements(By.cssSelector("label[for='status-IN_PROGRESS']")))
                .as("a closed submission can be taken up again").hasSize(1);

        browser.open("/intern");
        row = browser.driver.findElement(By.xpath("//tr[th/a='" + reference + "']"));
        assertThat(row.getText()).contains("Erledigt", AMT.name()).doesNotContain("ungelesen");
    }

    /** The change was saved: post, redirect, get, to the submission's page with the confirmation. */
    private static void assertSaved(String reference) {
        assertThat(browser.heading()).as("saved, not refused: " + browser.main()).isEqualTo("Vorgang " + reference);
        assertThat(browser.status()).isEqualTo(200);
        assertThat(browser.path()).isEqualTo("/intern/vorgang/" + reference + "?gespeichert=1");
        assertThat(browser.driver.findElement(By.cssSelector(".notice[role=status]")).getText())
                .isEqualTo("Gespeichert.");
    }

    @Test
    void a_note_sent_after_someone_else_changed_the_submission_gets_409_with_the_newer_state_and_keeps_the_text() {
        String reference = submit("bedarf-einrichtung");
        browser.signedInAs(AMT.username(), AMT.password());
        other.signedInAs(ADMIN.username(), ADMIN.password());
        browser.open("/intern/vorgang/" + reference);
        other.open("/intern/vorgang/" + reference);

        other.changeStatus("IN_PROGRESS", null);
        assertThat(other.fact("Status")).isEqualTo("In Bearbeitung");
        String typed = "Rückruf mit der Einrichtung für Montag vereinbart.";
        browser.addNote(typed);

        assertThat(browser.status()).isEqualTo(409);
        assertThat(browser.driver.getTitle()).startsWith("Nicht gespeichert: Vorgang " + reference);
        assertThat(browser.driver.findElement(By.className("error-summary")).getText())
                .contains("Ihre Änderung wurde nicht gespeichert");
        assertThat(browser.fact("Status")).as("the state as it is now").isEqualTo("In Bearbeitung");
        assertThat(browser.history()).anySatisfy(line -> assertThat(line)
                .contains(ADMIN.name(), "Status: „Neu“ → „In Bearbeitung“"));
        assertThat(browser.value(By.id("notiz"))).as("the note as typed").isEqualTo(typed);
        assertThat(browser.value(By.id("status-grund"))).as("the other form's field").isEmpty();
        assertThat(read(reference).notes()).isEmpty();

        browser.clickAndWait(By.cssSelector("form[action$='/notiz'] button[type=submit]"));
        assertThat(browser.status()).isEqualTo(200);
        assertThat(browser.driver.findElement(By.cssSelector("#notizen ~ .office-log")).getText()).contains(typed);
        assertThat(read(reference).notes()).extracting(CaseFile.Note::text).containsExactly(typed);
    }

    @Test
    void taking_up_a_submission_someone_else_took_up_meanwhile_gets_409_and_keeps_the_reason() {
        String reference = submit("angebot-traeger");
        browser.signedInAs(PKD.username(), PKD.password());
        other.signedInAs(AMT.username(), AMT.password());
        browser.open("/intern/vorgang/" + reference);
        other.open("/intern/vorgang/" + reference);

        other.changeStatus("IN_PROGRESS", null);
        String reason = "Ich rufe den Träger heute an.";
        browser.changeStatus("IN_PROGRESS", reason);

        assertThat(browser.status()).isEqualTo(409);
        assertThat(browser.driver.findElement(By.className("error-summary")).getText())
                .contains("Ihre Änderung wurde nicht gespeichert");
        assertThat(browser.fact("Status")).isEqualTo("In Bearbeitung");
        assertThat(browser.history()).anySatisfy(line -> assertThat(line)
                .contains(AMT.name(), "Status: „Neu“ → „In Bearbeitung“"));
        assertThat(browser.value(By.id("status-grund"))).as("the reason as typed").isEqualTo(reason);
        assertThat(browser.value(By.id("notiz"))).isEmpty();
        assertThat(read(reference).history()).hasSize(1);

        // The newer state offers other moves; the reason is still there for them.
        browser.changeStatus("DECLINED", null);
        assertThat(browser.status()).isEqualTo(200);
        assertThat(browser.fact("Status")).isEqualTo("Abgelehnt");
        assertThat(browser.history().get(browser.history().size() - 1))
                .contains(PKD.name(), "„In Bearbeitung“ → „Abgelehnt“. Begründung: " + reason);
    }

    @Test
    void signing_out_removes_the_session_ends_at_the_offices_signed_out_page_and_the_next_visit_needs_a_password() {
        browser.signIn(PKD.username(), PKD.password(), "/intern");
        assertThat(cookieNames(browser)).contains(Cookies.SESSION, LocalCognito.SESSION_COOKIE);

        browser.signOut();

        assertThat(browser.path()).isEqualTo("/intern/abgemeldet");
        assertThat(browser.heading()).isEqualTo("Sie sind abgemeldet");
        assertThat(browser.driver.getTitle()).isEqualTo("Sie sind abgemeldet – Dienstbereich Fachkraftallianz");
        assertThat(browser.driver.findElements(By.className("office-user"))).as("nobody shown as signed in").isEmpty();
        assertThat(cookieNames(browser)).doesNotContain(Cookies.SESSION, LocalCognito.SESSION_COOKIE);

        browser.clickAndWait(By.linkText("Wieder anmelden"));
        assertThat(browser.driver.getCurrentUrl()).startsWith(stack.cognito().authBase() + "/oauth2/authorize?");
        assertThat(browser.driver.findElements(By.id("password"))).as("the provider asks again").hasSize(1);
        browser.open("/intern");
        assertThat(browser.driver.getCurrentUrl()).startsWith(stack.cognito().authBase() + "/oauth2/authorize?");
        assertThat(browser.driver.findElements(By.id("password"))).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cookies
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The office's cookies are {@code __Host-} and Secure, and the local stack speaks plain http. Chromium treats
     * http://127.0.0.1 as potentially trustworthy and keeps and sends them; this pins that down.
     */
    @Test
    void host_prefixed_secure_cookies_are_kept_and_sent_by_chromium_over_http_on_127_0_0_1() {
        browser.forgetCookies();
        browser.open("/intern");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        Map<String, Object> login = cookie(browser, Cookies.LOGIN).orElseThrow(
                () -> new AssertionError("Chromium did not keep " + Cookies.LOGIN + " over http: "
                        + browser.cookies()));
        assertThat(login).containsEntry("secure", true).containsEntry("httpOnly", true)
                .containsEntry("sameSite", "Lax").containsEntry("path", "/").containsEntry("domain", "127.0.0.1");

        browser.driver.findElement(By.id("username")).sendKeys(AMT.username());
        browser.driver.findElement(By.id("password")).sendKeys(AMT.password(), Keys.ENTER);
        // Were the cookie refused, the sign-in would go round in circles (no session, so to the provider again).
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .withMessage(() -> "the office never showed the inbox; did Chromium refuse " + Cookies.SESSION + "?")
                .until(d -> browser.path().equals("/intern") && !d.findElements(By.className("office-user")).isEmpty());

        Map<String, Object> session = cookie(browser, Cookies.SESSION).orElseThrow();
        assertThat(session).containsEntry("secure", true).containsEntry("httpOnly", true)
                .containsEntry("sameSite", "Strict").containsEntry("path", "/").containsEntry("domain", "127.0.0.1")
                .containsEntry("session", true);
        assertThat(cookie(browser, Cookies.LOGIN)).as("the sign-in cookie is spent").isEmpty();
        assertThat((String) browser.driver.executeScript("return document.cookie")).as("no script reads them")
                .doesNotContain("fka");
        browser.open("/intern");
        assertThat(browser.heading()).as("the cookie comes back with the next request").isEqualTo("Eingang");
        browser.forgetCookies();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // axe-core on every page and state
    // ---------------------------------------------------------------------------------------------------------------

    /** A page or state of the office: how to get there, and the heading and HTTP status that prove it is there. */
    record Scene(String name, Consumer<OfficeBrowser> reach, String heading, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Scene> scenes() {
        return List.of(
                new Scene("local sign-in page", b -> {
                    b.forgetCookies();
                    b.open("/intern");
                }, "Anmelden", 200),
                new Scene("local sign-in page after a wrong password", b -> {
                    b.forgetCookies();
                    b.open("/intern");
                    b.driver.findElement(By.id("username")).sendKeys("amt");
                    b.driver.findElement(By.id("password")).sendKeys("falsch");
                    b.clickAndWait(By.cssSelector("button[type=submit]"));
                }, "Anmelden", 400),
                new Scene("inbox without filters", b -> {
                    submit("bedarf-einrichtung");
                    asAdmin(b);
                    b.open("/intern");
                    assertThat(b.driver.findElements(By.cssSelector(".inbox tbody tr"))).isNotEmpty();
                }, "Eingang", 200),
                new Scene("inbox with filters, not empty", b -> {
                    submit("bedarf-einrichtung");
                    asAdmin(b);
                    b.open("/intern?formular=bedarf-einrichtung&status=NEW&zustaendig=niemand");
                    assertThat(b.driver.findElements(By.cssSelector(".inbox tbody tr"))).isNotEmpty();
                    assertThat(b.driver.findElements(By.linkText("Filter zurücksetzen"))).hasSize(1);
                }, "Eingang", 200),
                new Scene("inbox with filters, empty", b -> {
                    asAdmin(b);
                    b.open("/intern?von=2001-01-01&bis=2001-01-31");
                    assertThat(b.main()).contains("Keine Vorgänge für diese Auswahl.");
                }, "Eingang", 200),
                new Scene("inbox, older submissions (second page)", b -> {
                    for (int i = 0; i < 26; i++) {
                        submit("beratungsangebot");
                    }
                    asAdmin(b);
                    b.open("/intern?formular=beratungsangebot");
                    b.clickAndWait(By.linkText("Ältere Vorgänge"));
                    assertThat(b.driver.findElements(By.linkText("Neueste Vorgänge"))).hasSize(1);
                }, "Eingang", 200),
                new Scene("inbox with undelivered notifications (administrators)", b -> {
                    de.fachkraftallianz.office.OfficeIT.giveUpNotifications(stack, submit("barriere-melden"));
                    asAdmin(b);
                    b.open("/intern");
                    assertThat(b.main()).contains("Nicht zugestellte Benachrichtigungen");
                }, "Eingang", 200),
                new Scene("submission with an undelivered notification (administrators)", b -> {
                    String reference = submit("beratungsangebot");
                    de.fachkraftallianz.office.OfficeIT.giveUpNotifications(stack, reference);
                    openAsAdmin(b, reference);
                    assertThat(b.main()).contains("Erneut senden");
                }, "Vorgang", 200),
                new Scene("submission „Neu“", b -> openAsAdmin(b, submit("hilfe-pflegefamilie")), "Vorgang", 200),
                new Scene("submission „In Bearbeitung“ with assignee, note and „Gespeichert.“", b -> {
                    String reference = submit("angebot-traeger");
                    move(reference, Status.IN_PROGRESS);
                    CaseFile file = read(reference);
                    office().assign(reference, file.version(), ADMIN_PERSON, ADMIN_PERSON, Instant.now(), null,
                            de.fachkraftallianz.store.TableKeys.timeSortKey(file.createdAt(), reference));
                    office().addNote(reference, file.version() + 1, "Erste Notiz\nzweite Zeile", ADMIN_PERSON,
                            Instant.now());
                    asAdmin(b);
                    b.open("/intern/vorgang/" + reference + "?gespeichert=1");
                }, "Vorgang", 200),
                new Scene("submission „Erledigt“", b -> openAsAdmin(b, moved(submit("bedarf-einrichtung"),
                        Status.IN_PROGRESS, Status.DONE)), "Vorgang", 200),
                new Scene("submission „Abgelehnt“", b -> openAsAdmin(b, moved(submit("barriere-melden"),
                        Status.IN_PROGRESS, Status.DECLINED)), "Vorgang", 200),
                new Scene("submission „Verdacht auf Spam“", b -> openAsAdmin(b, submitSpam("beratungsangebot")),
                        "Vorgang", 200),
                new Scene("submission „Spam“", b -> openAsAdmin(b,
                        moved(submitSpam("angebot-traeger"), Status.SPAM)), "Vorgang", 200),
                new Scene("409 changed meanwhile", b -> {
                    String reference = submit("bedarf-einrichtung");
                    openAsAdmin(b, reference);
                    office().addNote(reference, 0, "Dazwischen", AMT_PERSON, Instant.now());
                    b.addNote("Zu spät");
                }, "Vorgang", 409),
                new Scene("422 closing without a reason", b -> {
                    openAsAdmin(b, moved(submit("bedarf-einrichtung"), Status.IN_PROGRESS));
                    b.changeStatus("DONE", null);
                }, "Vorgang", 422),
                new Scene("400 reason longer than allowed", b -> {
                    openAsAdmin(b, moved(submit("bedarf-einrichtung"), Status.IN_PROGRESS));
                    // As a browser that ignores maxlength would send it.
                    b.driver.executeScript("const t = document.getElementById('status-grund');"
                            + " t.removeAttribute('maxlength'); t.value = 'x'.repeat(2001);");
                    b.changeStatus("DONE", null);
                }, "Vorgang", 400),
                new Scene("400 empty note", b -> {
                    openAsAdmin(b, submit("bedarf-einrichtung"));
                    b.addNote(" ");
                }, "Vorgang", 400),
                new Scene("interstitial page after sign-in (without its immediate refresh)", b -> {
                    asAdmin(b);
                    b.open("/intern/abgemeldet");
                    showWithoutRefresh(b, de.fachkraftallianz.office.pages.OfficePages.signedIn("/intern").body());
                }, "Sie sind angemeldet", 200),
                new Scene("interstitial page after sign-out (without its immediate refresh)", b -> {
                    b.forgetCookies();
                    b.open("/intern/abgemeldet");
                    showWithoutRefresh(b, de.fachkraftallianz.office.pages.OfficePages.signingOut(
                            stack.cognito().authBase() + "/logout?client_id=x&logout_uri=y").body());
                }, "Sie werden abgemeldet", 200),
                new Scene("403 another department's submission", b -> {
                    String reference = submit("bedarf-einrichtung");
                    b.signedInAs(PKD.username(), PKD.password());
                    b.open("/intern/vorgang/" + reference);
                }, "Kein Zugriff auf diesen Vorgang", 403),
                new Scene("403 a change without the form's token", b -> {
                    openAsAdmin(b, submit("bedarf-einrichtung"));
                    b.driver.executeScript(
                            "document.querySelector(\"form[action$='/notiz'] input[name=_csrf]\").remove()");
                    b.addNote("Ohne Token");
                }, "Nicht ausgeführt", 403),
                new Scene("403 signed in without a group", b -> b.signIn(NO_GROUP.username(), NO_GROUP.password(),
                        "/intern"), "Kein Zugang", 403),
                new Scene("401 a change after the session ended", b -> {
                    openAsAdmin(b, submit("bedarf-einrichtung"));
                    b.forgetCookies();
                    b.addNote("Nach dem Abmelden");
                }, "Bitte melden Sie sich an", 401),
                new Scene("404 unknown submission", b -> {
                    asAdmin(b);
                    b.open("/intern/vorgang/ZZZZ-ZZZZ");
                }, "Nicht gefunden", 404),
                new Scene("400 sign-in cancelled at the provider", b -> {
                    b.forgetCookies();
                    b.open("/api/office/callback?error=access_denied&state=x");
                }, "Anmeldung nicht abgeschlossen", 400),
                new Scene("signed-out page", b -> {
                    asAdmin(b);
                    b.signOut();
                }, "Sie sind abgemeldet", 200));
    }

    /**
     * Replaces the document with a page the office renders for an instant only (its refresh leads on at once), the
     * refresh taken out, on the office's origin so its style sheet loads.
     */
    static void showWithoutRefresh(OfficeBrowser b, String page) {
        assertThat(page).contains("http-equiv=\"refresh\"");
        String shown = page.replaceAll("<meta http-equiv=\"refresh\"[^>]*>", "");
        b.driver.executeScript("document.open(); document.write(arguments[0]); document.close();", shown);
        b.waitUntil(d -> "complete".equals(b.driver.executeScript("return document.readyState")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenes")
    void every_office_page_and_state_passes_axe(Scene scene) {
        scene.reach().accept(browser);

        assertThat(browser.heading()).as("on " + scene.name()).startsWith(scene.heading());
        assertThat(browser.status()).as("status of " + scene.name()).isEqualTo(scene.status());
        assertThat(browser.axeViolations()).as("axe-core on " + scene.name() + " (" + browser.path() + ")").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Keyboard only
    // ---------------------------------------------------------------------------------------------------------------

    /** Whether the focused element shows a focus indicator: an outline of at least 2 px, or a box shadow. */
    private static final String FOCUS_SHOWN = """
            const e = document.activeElement;
            const s = getComputedStyle(e);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
            const shadow = s.boxShadow && s.boxShadow !== 'none';
            return outline || shadow;
            """;
    private static final String DESCRIBE_FOCUS = """
            const e = document.activeElement;
            return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.innerText || e.value || '').trim()
                .slice(0, 40) + '"';
            """;

    @Test
    void keyboard_only_the_skip_link_then_tab_to_a_submission_enter_and_change_its_status_with_focus_always_visible() {
        String reference = submit("bedarf-einrichtung");
        browser.signedInAs(AMT.username(), AMT.password());
        browser.open("/intern");

        press(Keys.TAB);
        WebElement skip = focused();
        assertThat(skip.getText()).isEqualTo("Zum Inhalt springen");
        assertFocusShown();
        assertThat(skip.getRect().getY()).as("the skip link comes into view when focused").isGreaterThanOrEqualTo(0);
        press(Keys.ENTER);
        assertThat(focused().getAttribute("id")).as("the skip link moves focus to the main content")
                .isEqualTo("inhalt");
        press(Keys.TAB);
        assertThat((Boolean) browser.driver.executeScript(
                "return document.getElementById('inhalt').contains(document.activeElement)"))
                .as("after the skip link, Tab continues inside the main content").isTrue();

        tabUntil(e -> reference.equals(e.getText()) && "a".equals(e.getTagName()), 80);
        press(Keys.TAB);
        press(Keys.SHIFT, Keys.TAB);
        assertThat(focused().getText()).as("Shift+Tab goes back").isEqualTo(reference);
        press(Keys.ENTER);
        browser.waitForHeading("Vorgang " + reference);

        press(Keys.TAB);
        assertThat(focused().getText()).isEqualTo("Zum Inhalt springen");
        press(Keys.ENTER);
        tabUntil(e -> "status-IN_PROGRESS".equals(e.getAttribute("id")), 40);
        press(Keys.SPACE);
        assertThat(browser.driver.findElement(By.id("status-IN_PROGRESS")).isSelected()).isTrue();
        tabUntil(e -> "Status ändern".equals(e.getText()) && "button".equals(e.getTagName()), 5);
        press(Keys.ENTER);
        browser.waitUntil(d -> browser.path().endsWith("?gespeichert=1"));

        assertThat(browser.fact("Status")).isEqualTo("In Bearbeitung");
        assertThat(read(reference).status()).isEqualTo(Status.IN_PROGRESS);
    }

    private static void press(CharSequence... keys) {
        Actions actions = new Actions(browser.driver);
        if (keys.length == 2 && keys[0] == Keys.SHIFT) {
            actions.keyDown(Keys.SHIFT).sendKeys(keys[1]).keyUp(Keys.SHIFT).perform();
        } else {
            actions.sendKeys(keys).perform();
        }
    }

    private static WebElement focused() {
        return browser.driver.switchTo().activeElement();
    }

    private static void assertFocusShown() {
        assertThat((Boolean) browser.driver.executeScript(FOCUS_SHOWN))
                .as("a visible focus indicator on " + browser.driver.executeScript(DESCRIBE_FOCUS)).isTrue();
    }

    /** Presses Tab until the focused element is the one wanted, checking on every stop that focus is visible. */
    private static void tabUntil(java.util.function.Predicate<WebElement> wanted, int atMost) {
        List<Object> path = new ArrayList<>();
        for (int i = 0; i < atMost; i++) {
            press(Keys.TAB);
            path.add(browser.driver.executeScript(DESCRIBE_FOCUS));
            assertFocusShown();
            if (wanted.test(focused())) {
                return;
            }
        }
        throw new AssertionError("not reached with " + atMost + " presses of Tab; focus went " + path);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hostile input is text
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void markup_and_scripts_sent_through_every_public_form_are_shown_as_text_on_every_office_page() {
        LocalDate today = LocalDate.now(Validator.ZONE);
        Map<String, Set<String>> sent = new LinkedHashMap<>();
        Set<String> covered = new LinkedHashSet<>();
        browser.forgetCookies();
        bypassCsp(browser, true);
        try {
            for (String formId : FormCatalog.FORM_IDS) {
                FormDefinition form = FORMS.find(formId).orElseThrow();
                for (Map<String, List<String>> sample : Samples.all(formId, today)) {
                    Map<String, List<String>> values = hostile(form, sample);
                    values.forEach((name, given) -> {
                        if (given.stream().anyMatch(v -> PAYLOADS.contains(v) || v.equals(URL_PAYLOAD))) {
                            covered.add(formId + "." + name);
                        }
                    });
                    String reference = sendPublicForm(form, values);
                    sent.put(reference, hostileValues(form, values));
                }
            }
            assertThat(sent.values().stream().flatMap(Set::stream)).containsAll(PAYLOADS);
            assertThat(covered).as("every text question of every form got a payload")
                    .containsExactlyInAnyOrderElementsOf(textQuestions());

            browser.signIn(ADMIN.username(), ADMIN.password(), "/intern");
            assertInert("inbox", List.of());
            browser.open("/intern?formular=beratungsangebot&status=SUSPECTED_SPAM");
            assertInert("filtered inbox", List.of());
            for (Map.Entry<String, Set<String>> submission : sent.entrySet()) {
                browser.open("/intern/vorgang/" + submission.getKey());
                assertThat(browser.heading()).isEqualTo("Vorgang " + submission.getKey());
                assertInert("submission " + submission.getKey(), submission.getValue());
            }

            // The office's own texts: a note, a reason, and a note kept in its field after a conflict.
            String reference = sent.keySet().iterator().next();
            browser.open("/intern/vorgang/" + reference);
            browser.addNote(PAYLOADS.get(0));
            String moveTo = read(reference).status() == Status.SUSPECTED_SPAM ? "NEW" : "IN_PROGRESS";
            browser.changeStatus(moveTo, PAYLOADS.get(1));
            assertThat(browser.status()).isEqualTo(200);
            assertInert("notes and history", List.of(PAYLOADS.get(0), "Begründung: " + PAYLOADS.get(1)));
            office().addNote(reference, read(reference).version(), "Dazwischen", AMT_PERSON, Instant.now());
            browser.addNote(PAYLOADS.get(6));
            assertThat(browser.status()).isEqualTo(409);
            assertThat(browser.value(By.id("notiz"))).isEqualTo(PAYLOADS.get(6));
            assertInert("409 with the typed note", List.of());

            // A name from the identity provider: in the header, the assignee column and the history.
            String assigned = submit("bedarf-einrichtung");
            other.signIn(MARKUP_NAME.username(), MARKUP_NAME.password(), "/intern/vorgang/" + assigned);
            bypassCsp(other, true);
            other.open("/intern/vorgang/" + assigned);
            assertThat(other.driver.findElement(By.className("office-user__name")).getText())
                    .contains(MARKUP_NAME.name());
            new Select(other.driver.findElement(By.id("zuweisung"))).selectByVisibleText(MARKUP_NAME.name());
            other.clickAndWait(By.cssSelector("form[action$='/zuweisung'] button[type=submit]"));
            assertThat(injected(other)).isEmpty();
            bypassCsp(other, false);
            other.forgetCookies();
            browser.open("/intern?formular=bedarf-einrichtung");
            assertInert("inbox with the assignee's name", List.of(MARKUP_NAME.name()));
            browser.open("/intern/vorgang/" + assigned);
            assertInert("history with the assignee's name", List.of("Zuständig: niemand → " + MARKUP_NAME.name()));
        } finally {
            bypassCsp(browser, false);
        }
    }

    /**
     * The sample's answers with a payload in every free-text question that applies to them (a web address gets one
     * that passes its check), so that, over all samples of a form, every such question of every form carries one.
     */
    private static Map<String, List<String>> hostile(FormDefinition form, Map<String, List<String>> sample) {
        Map<String, List<String>> values = new LinkedHashMap<>(sample);
        int i = 0;
        for (Field field : form.fields()) {
            if (field.showIf() != null && !field.showIf().holds(values)) {
                continue;
            }
            if (field.type() == FieldType.URL) {
                values.put(field.name(), List.of(URL_PAYLOAD));
            } else if (takesPayload(field)) {
                values.put(field.name(), List.of(PAYLOADS.get(i++ % PAYLOADS.size())));
            }
        }
        return values;
    }

    /** "form.field" of every question that takes free text a payload can pass (no pattern, no e-mail or phone). */
    private static List<String> textQuestions() {
        List<String> questions = new ArrayList<>();
        for (String formId : FormCatalog.FORM_IDS) {
            for (Field field : FORMS.find(formId).orElseThrow().fields()) {
                if (takesPayload(field)) {
                    questions.add(formId + "." + field.name());
                }
            }
        }
        return questions;
    }

    private static boolean takesPayload(Field field) {
        return field.type() == FieldType.URL || field.type() == FieldType.TEXTAREA
                || (field.type() == FieldType.TEXT && field.pattern() == null);
    }

    private static Set<String> hostileValues(FormDefinition form, Map<String, List<String>> values) {
        Set<String> hostile = new LinkedHashSet<>();
        values.forEach((name, given) -> given.stream()
                .filter(v -> PAYLOADS.contains(v) || v.equals(URL_PAYLOAD)).forEach(hostile::add));
        return hostile;
    }

    /** Fills the public form in the browser, reviews and sends it; the reference of the stored submission. */
    private static String sendPublicForm(FormDefinition form, Map<String, List<String>> values) {
        browser.open("/formulare/" + form.id() + "/");
        FormFiller.fill(browser.driver, form, values);
        browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
        browser.waitUntil(ExpectedConditions.titleContains("Angaben prüfen"));
        assertThat(injected(browser)).as("the public review page of " + form.id()).isEmpty();
        browser.driver.findElement(By.cssSelector("button[name=_schritt]")).click();
        // While the confirmation replaces the page, Chromium may report the old main element as stale or as not
        // belonging to the document (a plain WebDriverException): both mean "not yet".
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> References.FORMAT.matcher(d.findElement(By.tagName("main")).getText()).find());
        assertThat(injected(browser)).as("the public confirmation of " + form.id()).isEmpty();
        Matcher reference = References.FORMAT.matcher(browser.main());
        assertThat(reference.find()).isTrue();
        return reference.group();
    }

    /** No script ran, nothing was injected, and each text appears as it was typed. */
    private static void assertInert(String page, java.util.Collection<String> texts) {
        assertThat(browser.driver.executeScript("return typeof window.__xss")).as("a script ran on " + page)
                .isEqualTo("undefined");
        assertThat(injected(browser)).as("markup injected into " + page).isEmpty();
        String shown = browser.main() + "\n" + browser.driver.findElement(By.tagName("header")).getText();
        for (String text : texts) {
            assertThat(shown).as("shown literally on " + page).contains(text);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> injected(OfficeBrowser b) {
        return (List<String>) b.driver.executeScript(INJECTED);
    }

    /**
     * Switches the Content-Security-Policy off in this browser (or on again). The site's CSP would block an inline
     * script or event handler that got into a page; with it off, only the office's escaping stands between the
     * payloads and the script engine, which is what is tested.
     */
    private static void bypassCsp(OfficeBrowser b, boolean bypass) {
        b.driver.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", bypass));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Submissions, stored as the public form stores them
    // ---------------------------------------------------------------------------------------------------------------

    static final Person ADMIN_PERSON = new Person("6f1c2a3b-4d5e-4f60-8a71-b2c3d4e5f603", "Ada Admin (Beispiel)");
    static final Person AMT_PERSON = new Person("6f1c2a3b-4d5e-4f60-8a71-b2c3d4e5f601", "Anna Amt (Beispiel)");

    /** A fresh NEW submission of the form (its sample, made unique), as the public form would store it. */
    static String submit(String formId) {
        return store(formId, null);
    }

    /** A fresh submission flagged as suspected spam (the honeypot was filled). */
    static String submitSpam(String formId) {
        return store(formId, "honeypot");
    }

    private static String store(String formId, String spamReason) {
        FormDefinition form = FORMS.find(formId).orElseThrow();
        LocalDate today = LocalDate.now(Validator.ZONE);
        Map<String, List<String>> values = new LinkedHashMap<>(
                new Validator(Clock.systemUTC()).validate(form, Samples.values(formId, today)).values());
        // Made unique in a free-text answer the sample gives (not every form has a long text).
        String free = form.fields().stream().filter(f -> values.containsKey(f.name()))
                .filter(f -> f.type() == FieldType.TEXTAREA || (f.type() == FieldType.TEXT && f.pattern() == null))
                .findFirst().orElseThrow().name();
        values.put(free, List.of("Beispiel " + UUID.randomUUID().toString().substring(0, 8)));
        return new SubmissionService(new DynamoSubmissionStore(stack.dynamoDb(), stack.tableName()), Clock.systemUTC())
                .submit(form, values, spamReason).reference();
    }

    static OfficeStore office() {
        return new OfficeStore(stack.dynamoDb(), stack.tableName());
    }

    static CaseFile read(String reference) {
        return office().find(reference).orElseThrow();
    }

    /** Moves a submission on, each step as someone in the office would (closing with a reason). */
    static String moved(String reference, Status... steps) {
        for (Status to : steps) {
            CaseFile file = read(reference);
            assertThat(office().changeStatus(reference, file.version(), file.status(), to, ADMIN_PERSON, Instant.now(),
                    to.isClosed() ? "Begründung für " + to.label() : null, file.formId(), 30))
                    .isInstanceOf(OfficeStore.Changed.class);
        }
        return reference;
    }

    static void move(String reference, Status to) {
        moved(reference, to);
    }

    static void asAdmin(OfficeBrowser b) {
        b.signedInAs(ADMIN.username(), ADMIN.password());
    }

    static void openAsAdmin(OfficeBrowser b, String reference) {
        asAdmin(b);
        b.open("/intern/vorgang/" + reference);
        assertThat(b.heading()).isEqualTo("Vorgang " + reference);
    }

    private static List<String> titles(List<String> formIds) {
        return formIds.stream().map(id -> FORMS.find(id).orElseThrow().title()).toList();
    }

    private static List<String> cookieNames(OfficeBrowser b) {
        return b.cookies().stream().map(c -> (String) c.get("name")).toList();
    }

    private static Optional<Map<String, Object>> cookie(OfficeBrowser b, String name) {
        return b.cookies().stream().filter(c -> name.equals(c.get("name"))).findFirst();
    }
}
