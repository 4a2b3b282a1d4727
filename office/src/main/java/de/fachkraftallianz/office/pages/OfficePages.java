package de.fachkraftallianz.office.pages;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.http.ApiResponse;
import de.fachkraftallianz.office.Access;
import de.fachkraftallianz.store.AuditLog;
import de.fachkraftallianz.store.Inbox;
import de.fachkraftallianz.store.OfficeStore.StaffMember;
import de.fachkraftallianz.store.SessionStore.Session;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.submission.CaseFile.Note;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Workflow;
import de.fachkraftallianz.web.FormPages;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The office's pages: the views in German (labels and option texts only from the form definitions, dates as
 * dd.MM.yyyy HH:mm in Berlin time) rendered by the precompiled jte templates of src/main/jte, which escape every
 * value. A submitted text is always text here, whatever it holds.
 */
public final class OfficePages {

    public static final ZoneId ZONE = de.fachkraftallianz.store.AuditLog.ZONE;
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZONE);
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private OfficePages() {
    }

    public static Views.Frame frame(Session session) {
        List<String> labels = new ArrayList<>();
        for (String group : session.groups()) {
            labels.add(Access.label(group));
        }
        return new Views.Frame(session.name(), labels.isEmpty() ? "keine Gruppe" : String.join(", ", labels),
                session.csrf(), session.groups().contains(Access.ADMIN), Access.mayPublish(session.groups()));
    }

    static String render(String template, Object view) {
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, view, out);
        return out.toString();
    }

    public static ApiResponse message(int status, Views.Frame frame, String title, List<String> paragraphs,
            String linkHref, String linkText) {
        return ApiResponse.html(status, render("message.jte", new Views.MessageView(
                frame == null ? Views.Frame.signedOut() : frame, title, paragraphs, linkHref, linkText)));
    }

    public static ApiResponse noAccess(Views.Frame frame) {
        return message(403, frame, "Kein Zugang", List.of("Sie sind angemeldet, aber keiner Gruppe des Dienstbereichs "
                + "zugeordnet. Bitte wenden Sie sich an die Administration, damit sie Sie dem Jugend- und Bildungsamt "
                + "oder dem Pflegekinderdienst zuordnet."), null, null);
    }

    public static ApiResponse forbidden(Views.Frame frame) {
        return message(403, frame, "Kein Zugriff auf diesen Vorgang", List.of("Dieser Vorgang gehört zu einem "
                + "Bereich, für den Sie nicht freigeschaltet sind."), "/intern", "Zum Eingang");
    }

    public static ApiResponse forbiddenRequest(Views.Frame frame) {
        return message(403, frame, "Nicht ausgeführt", List.of("Diese Anfrage kam nicht aus einem Formular des "
                + "Dienstbereichs oder die Seite war zu alt. Bitte öffnen Sie den Vorgang neu und versuchen Sie es noch "
                + "einmal."), "/intern", "Zum Eingang");
    }

    /**
     * Who changed a submission while the person had it open, as the last entry of its history or notes says: they
     * themselves (in another window), a named colleague, or, without an entry, someone.
     */
    public static String changedMeanwhile(CaseFile now, String myId) {
        CaseFile.Person by = null;
        java.time.Instant at = java.time.Instant.MIN;
        for (CaseFile.HistoryEntry entry : now.history()) {
            if (!entry.at().isBefore(at)) {
                at = entry.at();
                by = entry.by();
            }
        }
        for (CaseFile.Note note : now.notes()) {
            if (!note.at().isBefore(at)) {
                at = note.at();
                by = note.by();
            }
        }
        if (by == null) {
            return "Der Vorgang wurde geändert, während Sie ihn offen hatten.";
        }
        return by.id().equals(myId) ? "Sie haben den Vorgang inzwischen schon geändert, zum Beispiel in einem anderen "
                + "Fenster." : by.name() + " hat den Vorgang geändert, während Sie ihn offen hatten.";
    }

    public static ApiResponse notFound(Views.Frame frame) {
        return message(404, frame, "Nicht gefunden", List.of("Diesen Vorgang oder diese Seite gibt es im "
                + "Dienstbereich nicht, oder er wurde inzwischen gelöscht."), "/intern", "Zum Eingang");
    }

    public static ApiResponse signedIn(String next) {
        return ApiResponse.html(200, render("signedin.jte", new Views.SignedInView(next)));
    }

    /** The confirmation page before erasing a submission now. */
    public static ApiResponse eraseConfirm(int status, Views.Frame frame, FormCatalog forms, CaseFile file,
            String error, String reason) {
        return eraseConfirm(status, frame, forms, file, error, reason, null, null);
    }

    /** The confirmation, saying which matches erasing cancels ({@code matches}) or why it did not happen. */
    public static ApiResponse eraseConfirm(int status, Views.Frame frame, FormCatalog forms, CaseFile file,
            String error, String reason, String matches, String conflict) {
        return ApiResponse.html(status, render("erase.jte", new Views.EraseView(frame, file.reference(),
                title(forms, file.formId()), file.status().label(), WHEN.format(file.createdAt()),
                casePath(file.reference()), error, reason, matches, conflict, PublicationPages.listed(file))));
    }

    /** The data-protection log of one month. */
    public static String audit(Views.Frame frame, java.time.YearMonth month, List<AuditLog.Entry> entries,
            java.time.YearMonth now) {
        List<Views.AuditLine> lines = new ArrayList<>();
        for (AuditLog.Entry entry : entries) {
            List<String> details = new ArrayList<>();
            // In the order they were recorded (AuditLog keeps it): what was asked for, then how many rows.
            entry.details().forEach((key, value) -> details.add(key + ": " + value));
            String what = switch (entry.kind()) {
                case AuditLog.EXPORT -> "Export";
                case AuditLog.ERASURE -> "Löschung";
                default -> entry.kind();
            };
            lines.add(new Views.AuditLine(WHEN.format(entry.at()), entry.by().name(), what, details));
        }
        String earlier = "/intern/protokoll?monat=" + month.minusMonths(1);
        String later = month.isBefore(now) ? "/intern/protokoll?monat=" + month.plusMonths(1) : null;
        return render("audit.jte", new Views.AuditView(frame, MONTH.format(month), lines, earlier, later));
    }

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.GERMAN);

    /** After sign-out: the page that leads on to the provider's sign-out ({@link Views.SignOutView}). */
    public static ApiResponse signingOut(String providerLogoutUrl) {
        return ApiResponse.html(200, render("signout.jte", new Views.SignOutView(providerLogoutUrl)));
    }

    public static String casePath(String reference) {
        return "/intern/vorgang/" + reference;
    }

    /** The inbox page. */
    public static String inbox(Views.Frame frame, FormCatalog forms, Access access, InboxParameters parameters,
            Inbox.Page page, Map<Status, Integer> counts, String notice,
            List<de.fachkraftallianz.store.OfficeStore.UndeliveredEntry> undelivered) {
        List<Views.Option> formOptions = new ArrayList<>();
        for (String formId : access.forms()) {
            formOptions.add(new Views.Option(formId, title(forms, formId), parameters.formId().equals(Optional.of(formId))));
        }
        List<Views.Option> statusOptions = new ArrayList<>();
        for (Status status : access.statuses()) {
            statusOptions.add(new Views.Option(status.name(), status.label(), parameters.status().equals(Optional.of(status))));
        }
        List<Views.Option> assigned = List.of(
                new Views.Option("alle", "Alle", parameters.assigned().equals("alle")),
                new Views.Option("mir", "Mir zugewiesen", parameters.assigned().equals("mir")),
                new Views.Option("niemand", "Niemandem zugewiesen", parameters.assigned().equals("niemand")));
        Views.Filters filters = new Views.Filters(formOptions, statusOptions, assigned,
                parameters.from().map(Object::toString).orElse(""), parameters.until().map(Object::toString).orElse(""),
                parameters.any());
        List<Views.Count> countViews = new ArrayList<>();
        for (Status status : access.statuses()) {
            Map<String, String> query = parameters.query();
            query.put("status", status.name());
            query.remove("vor");
            // Counted are the open statuses (the work waiting); closed ones are a link without a number.
            countViews.add(new Views.Count(status.label(), counts.get(status), "/intern" + queryString(query),
                    parameters.status().equals(Optional.of(status))));
        }
        List<Views.Row> rows = new ArrayList<>();
        for (Inbox.Row row : page.rows()) {
            rows.add(new Views.Row(row.reference(), casePath(row.reference()), title(forms, row.formId()),
                    WHEN.format(row.createdAt()), row.status().label(),
                    row.assigneeName() == null ? "niemand" : row.assigneeName(),
                    urgency(forms, row.formId(), row.urgency()), row.unreadFor(access.readers(row.formId()))));
        }
        String older = null;
        if (page.next().isPresent()) {
            Map<String, String> query = parameters.query();
            query.put("vor", page.next().get());
            older = "/intern" + queryString(query);
        }
        String first = null;
        if (parameters.before().isPresent()) {
            Map<String, String> query = parameters.query();
            query.remove("vor");
            first = "/intern" + queryString(query);
        }
        String export = null;
        String matchesExport = null;
        if (parameters.formId().isPresent()) {
            Map<String, String> query = parameters.query();
            query.remove("vor");
            export = "/intern/export" + queryString(query);
            if (de.fachkraftallianz.matching.Facts.isRequest(parameters.formId().get())) {
                query.put("inhalt", de.fachkraftallianz.office.OfficeHandler.MATCHES_EXPORT);
                matchesExport = "/intern/export" + queryString(query);
            }
        }
        List<Views.Undelivered> undeliveredViews = new ArrayList<>();
        for (var entry : undelivered) {
            List<String> what = new ArrayList<>();
            entry.undelivered().forEach(u -> what.add(notificationLabel(u.notification())));
            undeliveredViews.add(new Views.Undelivered(entry.reference(), casePath(entry.reference()),
                    title(forms, entry.formId()), String.join(", ", what)));
        }
        return render("inbox.jte", new Views.InboxView(frame, filters, countViews, rows, older, first, notice, export,
                undeliveredViews, matchesExport));
    }

    /** The detail of a submission, with what the person may do with it. */
    public static String detail(Views.Frame frame, FormCatalog forms, Access access, CaseFile file,
            List<StaffMember> assignable, String notice, String conflict, Views.InputError error, Views.Typed typed) {
        return detail(frame, forms, access, file, assignable, notice, conflict, error, typed, null);
    }

    /** The detail with its matching section ({@code matching}: a request's need and matches, an offer's capacity). */
    public static String detail(Views.Frame frame, FormCatalog forms, Access access, CaseFile file,
            List<StaffMember> assignable, String notice, String conflict, Views.InputError error, Views.Typed typed,
            MatchingViews.Section matching) {
        FormDefinition form = forms.find(file.formId()).orElseThrow();
        List<Views.Move> moves = new ArrayList<>();
        for (Status to : access.moves(file.status())) {
            moves.add(new Views.Move(to.name(), Workflow.action(file.status(), to), Workflow.needsReason(to)));
        }
        List<Views.Option> assignees = new ArrayList<>();
        boolean listed = false;
        for (StaffMember member : assignable) {
            boolean current = file.assignee() != null && file.assignee().id().equals(member.person().id());
            listed |= current;
            assignees.add(new Views.Option(member.person().id(), member.person().name(), current));
        }
        if (file.assignee() != null && !listed) {
            // Someone this person may not assign (another department's colleague) has it: shown and chosen, so that
            // "Zuweisen" without a change keeps them instead of quietly choosing "Niemand".
            assignees.add(0, new Views.Option(file.assignee().id(), file.assignee().name(), true));
        }
        List<Views.Answer> answers = new ArrayList<>();
        for (Field field : form.fields()) {
            List<String> given = file.values().get(field.name());
            if (field.showIf() != null && !field.showIf().holds(file.values())) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            if (given == null || given.isEmpty()) {
                lines.add(FormPages.unanswered(field));
            } else {
                for (String value : given) {
                    lines.addAll(List.of(FormPages.shown(field, value).split("\n", -1)));
                }
            }
            // A caseworker calls or writes back with one click: the number or address as a link.
            String href = given == null || given.size() != 1 ? null : switch (field.type()) {
                case EMAIL -> de.fachkraftallianz.directory.Contacts.mailtoHref(given.get(0)).orElse(null);
                case TEL -> de.fachkraftallianz.directory.Contacts.telHref(given.get(0)).orElse(null);
                default -> null;
            };
            answers.add(new Views.Answer(field.summaryLabel(), lines, href));
        }
        List<Views.NoteLine> notes = new ArrayList<>();
        for (Note note : file.notes()) {
            notes.add(new Views.NoteLine(WHEN.format(note.at()), note.by().name(), List.of(note.text().split("\n", -1))));
        }
        List<Views.HistoryLine> history = new ArrayList<>();
        history.add(new Views.HistoryLine(WHEN.format(file.createdAt()), "über das Formular",
                "Eingegangen als „" + statusLabel(initialStatus(file)) + "“"));
        for (HistoryEntry entry : file.history()) {
            history.add(new Views.HistoryLine(WHEN.format(entry.at()), entry.by().name(), describe(entry)));
        }
        return render("case.jte", new Views.CaseView(frame, file.reference(), form.title(), file.status().label(),
                WHEN.format(file.createdAt()), file.assignee() == null ? "niemand" : file.assignee().name(),
                Long.toString(file.version()), casePath(file.reference()), moves, assignees, answers, notes, history,
                file.spamReason() == null ? null : spamReason(file.spamReason()), notice, conflict, error,
                typed == null ? Views.Typed.none() : typed, erasure(file), undelivered(file), matching));
    }

    /** What a notification is, in the office's words. */
    static String notificationLabel(de.fachkraftallianz.submission.Notification notification) {
        return switch (notification) {
            case TEAM -> "Mitteilung an das Team";
            case RECEIPT -> "Eingangsbestätigung an die absendende Person";
        };
    }

    /** The given-up notifications of a submission, one line each (shown to administrators). */
    static List<String> undelivered(CaseFile file) {
        List<String> lines = new ArrayList<>();
        for (CaseFile.Undelivered u : file.undelivered()) {
            lines.add(notificationLabel(u.notification()) + ": nach " + u.attempts()
                    + (u.attempts() == 1 ? " Versuch" : " Versuchen") + " aufgegeben"
                    + (u.failedAt() == null ? "" : " am " + WHEN.format(u.failedAt()))
                    + (u.reason() == null ? "" : " (technischer Grund: " + u.reason() + ")") + ".");
        }
        return lines;
    }

    /** When the data goes, as the detail page says it. */
    static String erasure(CaseFile file) {
        if (file.expiresAt() == null && PublicationPages.listed(file)) {
            return "Der Eintrag dieses Vorgangs steht im Verzeichnis „Virtuelle Angebote“: Die Angaben bleiben "
                    + "gespeichert, solange er dort steht. Die Aufbewahrungsfrist beginnt, wenn der Vorgang abgeschlossen "
                    + "und der Eintrag aus dem Verzeichnis genommen ist.";
        }
        if (file.expiresAt() == null) {
            return "Die Angaben bleiben gespeichert, solange der Vorgang offen ist; mit dem Abschluss beginnt die "
                    + "Aufbewahrungsfrist.";
        }
        return "Die Angaben werden am " + DAY.format(file.expiresAt()) + " gelöscht"
                + (file.status() == Status.SUSPECTED_SPAM ? ", wenn bis dahin niemand den Spam-Verdacht prüft." : ".");
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ZONE);

    /** What a history entry says: who did what, from which value to which, and the text that came with it. */
    static String describe(HistoryEntry entry) {
        return switch (entry.action()) {
            case "STATUS" -> "Status: „" + statusLabel(entry.from()) + "“ → „" + statusLabel(entry.to()) + "“"
                    + (entry.text() == null ? "" : ". Begründung: " + entry.text());
            case "ASSIGN" -> "Zuständig: " + (entry.from() == null ? "niemand" : entry.from()) + " → "
                    + (entry.to() == null ? "niemand" : entry.to());
            case "NOTE" -> "Notiz hinzugefügt";
            case "PUBLISH", "PUBLISH_CHANGE", "PUBLISH_CHECK", "UNPUBLISH" -> PublicationPages.describe(entry);
            case "MATCH" -> "Vermittelt mit Vorgang " + entry.to() + ": " + entry.text();
            case "MATCH_RELEASE" -> "Reservierung für Vorgang " + entry.to() + " zurückgegeben. " + entry.text();
            case "MATCH_CANCEL" -> "Vermittlung mit Vorgang " + entry.to() + " aufgehoben"
                    + (entry.text() == null ? "" : ". Grund: " + entry.text());
            case de.fachkraftallianz.store.OfficeStore.NOTIFY -> notifications(entry.text())
                    + (de.fachkraftallianz.store.OfficeStore.RESENT.equals(entry.to()) ? ": erneut zum Versand gegeben"
                            : ": nicht zugestellt, wird nicht erneut gesendet");
            default -> entry.action();
        };
    }

    private static String notifications(String keys) {
        List<String> labels = new ArrayList<>();
        for (String key : String.valueOf(keys).split(",")) {
            try {
                labels.add(notificationLabel(de.fachkraftallianz.submission.Notification.ofKey(key)));
            } catch (IllegalArgumentException e) {
                labels.add(key);
            }
        }
        return String.join(", ", labels);
    }

    /** The status a submission arrived with: the first history entry's "from", else the status it has now. */
    private static String initialStatus(CaseFile file) {
        for (HistoryEntry entry : file.history()) {
            if (entry.action().equals("STATUS")) {
                return entry.from();
            }
        }
        return file.status().name();
    }

    private static String statusLabel(String status) {
        try {
            return Status.valueOf(status).label();
        } catch (IllegalArgumentException | NullPointerException e) {
            return String.valueOf(status);
        }
    }

    private static String spamReason(String reason) {
        return switch (reason) {
            case "honeypot" -> "Ein für Menschen unsichtbares Feld war ausgefüllt.";
            case "too-fast" -> "Das Formular wurde schneller abgeschickt, als ein Mensch es ausfüllen kann.";
            case "fill-time-invalid" -> "Die Ausfüllzeit war unlesbar.";
            default -> reason;
        };
    }

    /** A form's title, as the office names it. */
    public static String formTitle(FormCatalog forms, String formId) {
        return title(forms, formId);
    }

    private static String title(FormCatalog forms, String formId) {
        return forms.find(formId).map(FormDefinition::title).orElse(formId);
    }

    /** The urgency as the form's option names it, or "" where the form does not ask. */
    private static String urgency(FormCatalog forms, String formId, String value) {
        if (value == null) {
            return "";
        }
        return forms.find(formId).flatMap(f -> f.field(de.fachkraftallianz.store.SubmissionMapper.URGENCY_FIELD))
                .map(field -> FormPages.shown(field, value)).orElse(value);
    }

    static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        for (Map.Entry<String, String> entry : query.entrySet()) {
            if (out.length() > 1) {
                out.append('&');
            }
            out.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** SnapStart priming: every template rendered once with plain content. */
    public static void prime(FormCatalog forms) {
        Views.Frame frame = new Views.Frame("Priming", "Administration", "priming", true, true);
        render("message.jte", new Views.MessageView(frame, "Priming", List.of("Priming"), "/intern", "Eingang"));
        render("signedin.jte", new Views.SignedInView("/intern"));
        render("signout.jte", new Views.SignOutView("/intern/abgemeldet"));
        InboxParameters none = InboxParameters.none();
        inbox(frame, forms, new Access(List.of(Access.ADMIN)), none, new Inbox.Page(List.of(), Optional.empty()),
                new LinkedHashMap<>(), null, List.of(new de.fachkraftallianz.store.OfficeStore.UndeliveredEntry("PRIM-0000",
                        forms.all().get(0).id(), List.of(new CaseFile.Undelivered(
                                de.fachkraftallianz.submission.Notification.TEAM, Instant.EPOCH, 1, "Priming")))));
        WHEN.format(Instant.EPOCH);
    }

    /** The inbox's filters as the pages need them (the handler reads them from the address). */
    public interface InboxParameters {
        Optional<String> formId();

        Optional<Status> status();

        String assigned();

        Optional<java.time.LocalDate> from();

        Optional<java.time.LocalDate> until();

        Optional<String> before();

        boolean any();

        /** The filters as query parameters, to build links that keep them. */
        default Map<String, String> query() {
            Map<String, String> query = new LinkedHashMap<>();
            formId().ifPresent(f -> query.put("formular", f));
            status().ifPresent(s -> query.put("status", s.name()));
            if (!assigned().equals("alle")) {
                query.put("zustaendig", assigned());
            }
            from().ifPresent(d -> query.put("von", d.toString()));
            until().ifPresent(d -> query.put("bis", d.toString()));
            before().ifPresent(b -> query.put("vor", b));
            return query;
        }

        static InboxParameters none() {
            return new InboxParameters() {
                public Optional<String> formId() {
                    return Optional.empty();
                }

                public Optional<Status> status() {
                    return Optional.empty();
                }

                public String assigned() {
                    return "alle";
                }

                public Optional<java.time.LocalDate> from() {
                    return Optional.empty();
                }

                public Optional<java.time.LocalDate> until() {
                    return Optional.empty();
                }

                public Optional<String> before() {
                    return Optional.empty();
                }

                public boolean any() {
                    return false;
                }
            };
        }
    }
}
