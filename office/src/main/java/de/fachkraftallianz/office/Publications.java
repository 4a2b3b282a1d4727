package de.fachkraftallianz.office;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.PublicationCheck;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.http.ApiRequest;
import de.fachkraftallianz.http.ApiResponse;
import de.fachkraftallianz.http.RequestLog;
import de.fachkraftallianz.office.pages.OfficePages;
import de.fachkraftallianz.office.pages.PublicationPages;
import de.fachkraftallianz.office.pages.Views;
import de.fachkraftallianz.store.DirectoryStore;
import de.fachkraftallianz.store.DirectoryStore.Held;
import de.fachkraftallianz.store.DirectoryStore.Publication;
import de.fachkraftallianz.store.OfficeStore;
import de.fachkraftallianz.store.SessionStore.Session;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Retention;
import de.fachkraftallianz.submit.References;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The office's side of the directory of virtual channels: on a {@code beratungsangebot} submission, staff of the
 * Jugend- und Bildungsamt (and administrators) see the entry exactly as the site will show it, may correct its public
 * fields, publish it, confirm it after a re-check, and withdraw it; {@code /intern/verzeichnis} lists every published
 * entry with those due for a re-check first.
 *
 * <p>Every change is one conditional write on the submission item with its history entry ({@link DirectoryStore}),
 * on the version the person saw: a stale page gets 409, except a publish that is already in place (a second click
 * on „Veröffentlichen“ changes nothing and says so). The site follows from the table within a minute (the publisher;
 * see the README). Posts carry the session's CSRF token and are answered with 303, as every office change.
 */
final class Publications {

    static final String RECHECK_DAYS_ENV = "DIRECTORY_RECHECK_DAYS";
    /**
     * Days after which a published entry is due for a re-check: a proposal (half a year), the county may set another
     * period through the template's parameter DirectoryRecheckDays.
     */
    static final int DEFAULT_RECHECK_DAYS = 180;

    static final String PUBLISH = "PUBLISH";
    static final String PUBLISH_CHANGE = "PUBLISH_CHANGE";
    static final String PUBLISH_CHECK = "PUBLISH_CHECK";
    static final String UNPUBLISH = "UNPUBLISH";

    private final OfficeHandler office;
    private final FormCatalog forms;
    private final DirectoryStore store;
    private final Clock clock;
    private final int recheckDays;

    Publications(OfficeHandler office, FormCatalog forms, DirectoryStore store, Clock clock, int recheckDays) {
        this.office = office;
        this.forms = forms;
        this.store = store;
        this.clock = clock;
        this.recheckDays = recheckDays;
    }

    ApiResponse handle(ApiRequest request, Session session, Access access, RequestLog log) {
        Views.Frame frame = OfficePages.frame(session);
        Map<String, List<String>> posted = null;
        if (request.routeKey().equals(OfficeHandler.PUBLICATION)) {
            Optional<Map<String, List<String>>> form = office.postedForm(request, session, log);
            if (form.isEmpty()) {
                return "malformed".equals(log.get("outcome"))
                        ? OfficePages.message(400, frame, "Anfrage nicht lesbar", List.of("Ihre Eingabe konnte nicht "
                                + "gelesen werden. Bitte versuchen Sie es noch einmal."), OfficeHandler.HOME, "Zum Eingang")
                        : OfficePages.forbiddenRequest(frame);
            }
            posted = form.get();
        }
        if (!Access.mayPublish(session.groups())) {
            log.outcome("forbidden");
            return OfficePages.message(403, frame, "Kein Zugriff auf das Verzeichnis", List.of("Das Verzeichnis der "
                    + "virtuellen Angebote pflegt das Jugend- und Bildungsamt."), OfficeHandler.HOME, "Zum Eingang");
        }
        if (request.routeKey().equals(OfficeHandler.DIRECTORY)) {
            log.outcome("directory");
            return ApiResponse.html(200, PublicationPages.directory(frame, store.published(), today(), recheckDays));
        }
        Optional<Held> found = held(request, access, log);
        if (found.isEmpty()) {
            return "forbidden".equals(log.get("outcome")) ? OfficePages.forbidden(frame) : OfficePages.notFound(frame);
        }
        Held held = found.get();
        log.put("reference", held.file().reference());
        FormDefinition form = forms.find(Directory.FORM_ID).orElseThrow();
        if (posted == null) {
            log.outcome("publication");
            return page(200, frame, form, held, current(form, held), Map.of(), notice(request), null, null, "");
        }
        return change(frame, session, form, held, posted, log);
    }

    /** The submission of the path, if it exists, is a counselling channel and this person may see it. */
    private Optional<Held> held(ApiRequest request, Access access, RequestLog log) {
        String reference = request.pathParameter("reference");
        if (reference == null || !References.FORMAT.matcher(reference).matches()) {
            log.outcome("not-found");
            return Optional.empty();
        }
        Optional<Held> held = store.find(reference);
        if (held.isEmpty() || !held.get().file().formId().equals(Directory.FORM_ID)) {
            log.outcome("not-found");
            return Optional.empty();
        }
        if (!access.maySee(held.get().file().formId(), held.get().file().status())) {
            log.outcome("forbidden");
            return Optional.empty();
        }
        return held;
    }

    private ApiResponse change(Views.Frame frame, Session session, FormDefinition form, Held held,
            Map<String, List<String>> posted, RequestLog log) {
        CaseFile file = held.file();
        String action = OfficeHandler.first(posted, "aktion");
        Map<String, List<String>> proposed = proposed(form, posted);
        long version;
        try {
            version = Long.parseLong(OfficeHandler.first(posted, "version"));
        } catch (NumberFormatException | NullPointerException e) {
            log.outcome("bad-version");
            return page(400, frame, form, held, proposed, Map.of(), null, null, "Die Seite war nicht vollständig. "
                    + "Bitte laden Sie sie neu und versuchen Sie es noch einmal.", "");
        }
        if ("zuruecknehmen".equals(action)) {
            return unpublish(frame, session, form, held, version, posted, log);
        }
        if (!"veroeffentlichen".equals(action) && !"vorschau".equals(action)) {
            log.outcome("unknown-action");
            return page(400, frame, form, held, proposed, Map.of(), null, null, "Bitte wählen Sie „Vorschau "
                    + "aktualisieren“, „Veröffentlichen“ oder „Aus dem Verzeichnis nehmen“.", "");
        }
        PublicationCheck.Result checked = PublicationCheck.check(form, file.values(), proposed, clock);
        if ("vorschau".equals(action)) {
            log.outcome(checked.ok() ? "preview" : "preview-invalid");
            return page(checked.ok() ? 200 : 400, frame, form, held, checked.ok() ? checked.fields() : proposed,
                    checked.errors(), null, null, null, "");
        }
        Optional<Publication> now = held.publication().filter(Publication::published);
        if (version != file.version()) {
            if (now.isPresent() && checked.ok() && now.get().fields().equals(checked.fields())) {
                // The same publication again (a second click, a reload): in place already, nothing to do.
                log.outcome("publish-unchanged");
                return ApiResponse.seeOther(PublicationPages.path(file.reference()) + "?gespeichert=unveraendert");
            }
            log.outcome("conflict");
            return page(409, frame, form, held, proposed, Map.of(), null,
                    PublicationPages.conflict(held.file(), session.userId()), null, "");
        }
        if (file.status().isSpam()) {
            log.outcome("publish-refused");
            return page(422, frame, form, held, proposed, Map.of(), null, null, "Ein Vorgang mit Spam-Verdacht wird "
                    + "nicht veröffentlicht. Prüfen Sie ihn zuerst im Eingang.", "");
        }
        if (!PublicationCheck.consented(form, file.values())) {
            log.outcome("consent-missing");
            return page(422, frame, form, held, proposed, Map.of(), null, null, PublicationPages.NO_CONSENT, "");
        }
        if (!checked.ok()) {
            log.outcome("publish-invalid");
            log.put("invalid", String.join(",", checked.errors().keySet()));
            return page(400, frame, form, held, proposed, checked.errors(), null, null, null, "");
        }
        Instant at = clock.instant();
        Person me = new Person(session.userId(), session.name());
        String kind;
        String text;
        if (now.isEmpty()) {
            kind = PUBLISH;
            List<String> corrections = PublicationCheck.changes(form,
                    PublicationCheck.publicFields(form, file.values()), checked.fields());
            text = corrections.isEmpty() ? null : String.join("; ", corrections);
        } else if (!now.get().fields().equals(checked.fields())) {
            kind = PUBLISH_CHANGE;
            text = String.join("; ", PublicationCheck.changes(form, now.get().fields(), checked.fields()));
        } else {
            kind = PUBLISH_CHECK;
            text = null;
        }
        Publication publication = new Publication(held.publication().map(Publication::slug)
                .orElse(Directory.slugOf(file.reference())), checked.fields(), today(),
                now.map(Publication::publishedAt).orElse(at), null, true);
        OfficeStore.Result result = store.publish(file.reference(), version, file.formId(), publication,
                new HistoryEntry(at, me, kind, null, publication.slug(), text));
        log.put("action", kind);
        return outcome(result, frame, session, form, proposed, log, file.reference(), switch (kind) {
            case PUBLISH -> "veroeffentlicht";
            case PUBLISH_CHANGE -> "geaendert";
            default -> "geprueft";
        });
    }

    private ApiResponse unpublish(Views.Frame frame, Session session, FormDefinition form, Held held, long version,
            Map<String, List<String>> posted, RequestLog log) {
        CaseFile file = held.file();
        Map<String, List<String>> shown = current(form, held);
        String reason = OfficeHandler.text(posted, "grund");
        if (held.publication().filter(Publication::published).isEmpty()) {
            log.outcome("not-published");
            return page(409, frame, form, held, shown, Map.of(), null, null, "Dieser Eintrag steht nicht im "
                    + "Verzeichnis: Es gibt nichts zurückzunehmen.", reason);
        }
        if (version != file.version()) {
            log.outcome("conflict");
            return page(409, frame, form, held, shown, Map.of(), null,
                    PublicationPages.conflict(held.file(), session.userId()), null, reason);
        }
        Optional<String> problem = OfficeHandler.checkText(reason, false, "Begründung");
        if (problem.isPresent()) {
            log.outcome("text-refused");
            return page(400, frame, form, held, shown, Map.of(), null, null, problem.get(), reason);
        }
        Instant at = clock.instant();
        // Out of the directory, a closed submission's retention period starts now (while listed it had none); an open
        // one keeps none until it is closed.
        Instant expires = Retention.onMove(file.status(), at, form.retentionDays());
        OfficeStore.Result result = store.unpublish(file.reference(), version, new HistoryEntry(at,
                new Person(session.userId(), session.name()), UNPUBLISH, null, null, reason.isEmpty() ? null : reason),
                expires);
        return outcome(result, frame, session, form, shown, log, file.reference(), "zurueckgenommen");
    }

    private ApiResponse outcome(OfficeStore.Result result, Views.Frame frame, Session session, FormDefinition form,
            Map<String, List<String>> typed, RequestLog log, String reference, String saved) {
        if (result instanceof OfficeStore.Changed) {
            log.outcome("changed");
            return ApiResponse.seeOther(PublicationPages.path(reference) + "?gespeichert=" + saved);
        }
        Optional<Held> now = store.find(reference);
        if (result instanceof OfficeStore.Conflict && now.isPresent()) {
            log.outcome("conflict");
            return page(409, frame, form, now.get(), typed, Map.of(), null,
                    PublicationPages.conflict(now.get().file(), session.userId()), null, "");
        }
        log.outcome("not-found");
        return OfficePages.notFound(frame);
    }

    /** The public fields as the form below shows them: as published, or else as the organisation sent them. */
    private static Map<String, List<String>> current(FormDefinition form, Held held) {
        return held.publication().map(Publication::fields)
                .orElse(PublicationCheck.publicFields(form, held.file().values()));
    }

    /** The public fields as posted (only those: nothing else of the submission can be published this way). */
    private static Map<String, List<String>> proposed(FormDefinition form, Map<String, List<String>> posted) {
        Map<String, List<String>> proposed = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (field.published() && posted.containsKey(field.name())) {
                proposed.put(field.name(), posted.get(field.name()));
            }
        }
        return proposed;
    }

    private ApiResponse page(int status, Views.Frame frame, FormDefinition form, Held held,
            Map<String, List<String>> values, Map<String, String> errors, String notice, String conflict,
            String problem, String reasonText) {
        return ApiResponse.html(status, PublicationPages.page(frame, form, held, values, errors, notice, conflict,
                problem, reasonText, today(), recheckDays));
    }

    private static String notice(ApiRequest request) {
        String saved = request.queryParameter("gespeichert");
        if (saved == null) {
            return null;
        }
        return switch (saved) {
            case "veroeffentlicht" -> "Veröffentlicht. Die Website zeigt den Eintrag innerhalb einer Minute.";
            case "geaendert" -> "Die Änderungen sind veröffentlicht. Die Website zeigt sie innerhalb einer Minute.";
            case "geprueft" -> "Als geprüft bestätigt. Die Website zeigt das neue Prüfdatum innerhalb einer Minute.";
            case "zurueckgenommen" -> "Aus dem Verzeichnis genommen. Die Website zeigt den Eintrag innerhalb einer "
                    + "Minute nicht mehr.";
            case "unveraendert" -> "Der Eintrag war schon so veröffentlicht. Es wurde nichts geändert.";
            default -> null;
        };
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(OfficePages.ZONE));
    }

    /** SnapStart priming: the publication page and the directory page rendered once. */
    static void prime(FormCatalog forms) {
        PublicationPages.prime(forms);
    }
}
