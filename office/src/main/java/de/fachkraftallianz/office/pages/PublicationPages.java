package de.fachkraftallianz.office.pages;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.directory.EntryHtml;
import de.fachkraftallianz.directory.PublicationCheck;
import de.fachkraftallianz.forms.FieldType;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Option;
import de.fachkraftallianz.store.DirectoryStore.Held;
import de.fachkraftallianz.store.DirectoryStore.Listed;
import de.fachkraftallianz.store.DirectoryStore.Publication;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.web.FormPages;
import gg.jte.Content;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The office's pages of the directory of virtual channels: a submission's entry (preview, corrections, publish,
 * withdraw; {@code publication/page.jte}) and the list of every published entry ({@code publication/directory.jte}).
 * The preview is {@link EntryHtml}'s markup, the one the site's pages are made of, inside the office's frame (which
 * loads the site's style sheet): the entry looks exactly as it will on the site.
 */
public final class PublicationPages {

    /** The 409 notice: who changed it meanwhile, and that nothing was saved. */
    public static String conflict(de.fachkraftallianz.submission.CaseFile now, String myId) {
        return OfficePages.changedMeanwhile(now, myId) + " Unten sehen Sie ihn, wie er jetzt ist; Ihre Angaben stehen "
                + "noch in den Feldern. Nichts wurde gespeichert. Bitte prüfen Sie und versuchen Sie es dann noch einmal.";
    }
    public static final String NO_CONSENT = "Der Träger hat der Veröffentlichung nicht zugestimmt (das Häkchen bei der "
            + "Einwilligung fehlt). Ohne seine Einwilligung wird das Angebot nicht veröffentlicht. Bitten Sie ihn, das "
            + "Formular mit Einwilligung noch einmal zu senden.";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private PublicationPages() {
    }

    /** The address of a submission's publication page. */
    public static String path(String reference) {
        return OfficePages.casePath(reference) + "/veroeffentlichung";
    }

    /** Whether a case page shows the link to its publication (a counselling channel; jte has only its form title). */
    public static boolean offeredFor(String formTitle) {
        return FormCatalog.load().find(Directory.FORM_ID).map(f -> f.title().equals(formTitle)).orElse(false);
    }

    /** One public field of the form, as the page asks for it. */
    public record FieldView(String name, String id, String label, String hint, String condition, String kind,
                            String inputType, String value, List<ChoiceView> choices, Integer maxLength,
                            String original, boolean corrected, String error) {

        public String describedBy() {
            List<String> ids = new ArrayList<>();
            if (condition != null) {
                ids.add(id + "-condition");
            }
            if (hint != null) {
                ids.add(id + "-hint");
            }
            ids.add(id + "-original");
            if (error != null) {
                ids.add(id + "-error");
            }
            return String.join(" ", ids);
        }
    }

    public record ChoiceView(String id, String value, String label, boolean checked) {
    }

    public record ErrorLink(String href, String message) {
    }

    /**
     * A submission's entry in the directory.
     *
     * @param state       where it stands ("Im Verzeichnis seit …", "Nicht im Verzeichnis")
     * @param due         the re-check message when the entry is due, else null
     * @param canPublish  false when the organisation did not consent or the submission is (suspected) spam
     * @param problem     a refusal or a message about the request, else null
     */
    public record PublicationView(Views.Frame frame, String reference, String caseHref, String action, String version,
                                  String state, boolean published, String publicUrl, String checked, String due,
                                  boolean consent, String consentLabel, boolean canPublish, Content card,
                                  Content details, boolean previewValid, List<FieldView> fields,
                                  List<ErrorLink> errors, String notice, String conflict, String problem,
                                  String reasonText, String publishLabel, String recheckDays) {
    }

    public record DirectoryRow(String title, String traeger, String href, String reference, String checked,
                               boolean due, String publicUrl) {
    }

    public record DirectoryView(Views.Frame frame, List<DirectoryRow> rows, String dueCount, String recheckDays) {
    }

    /** The publication page of a counselling channel's submission. */
    public static String page(Views.Frame frame, FormDefinition form, Held held, Map<String, List<String>> values,
            Map<String, String> errors, String notice, String conflict, String problem, String reasonText,
            LocalDate today, int recheckDays) {
        CaseFile file = held.file();
        Optional<Publication> publication = held.publication();
        boolean published = publication.map(Publication::published).orElse(false);
        String slug = publication.map(Publication::slug).orElse(Directory.slugOf(file.reference()));
        Map<String, List<String>> original = PublicationCheck.publicFields(form, file.values());

        List<FieldView> fields = new ArrayList<>();
        List<ErrorLink> errorLinks = new ArrayList<>();
        for (Field field : form.fields()) {
            if (!field.published()) {
                continue;
            }
            String id = "f-" + field.name();
            List<String> given = values.getOrDefault(field.name(), List.of());
            List<String> originalValues = file.values().getOrDefault(field.name(), List.of());
            String error = errors.get(field.name());
            List<ChoiceView> choices = new ArrayList<>();
            if (field.type().hasOptions()) {
                for (Option option : field.options()) {
                    choices.add(new ChoiceView(id + "-" + option.value(), option.value(), option.label(),
                            given.contains(option.value())));
                }
            }
            if (error != null) {
                errorLinks.add(new ErrorLink("#" + (choices.isEmpty() ? id : choices.get(0).id()), error));
            }
            fields.add(new FieldView(field.name(), id, field.label(), field.hint(),
                    field.showIf() == null ? null : field.showIf().note(), kind(field.type()), inputType(field.type()),
                    given.isEmpty() ? "" : given.get(0), choices, field.maxLength(), shown(field, originalValues),
                    !given.equals(originalValues) && !(given.isEmpty() && originalValues.isEmpty()), error));
        }

        // The preview: what is typed if it can be published, else what is published now or was sent.
        Map<String, List<String>> previewFields = errors.isEmpty() ? PublicationCheck.publicFields(form, values)
                : publication.map(Publication::fields).orElse(original);
        Entry preview = new Entry(slug, previewFields.isEmpty() ? original : previewFields,
                published ? publication.get().checked() : today, false);
        EntryHtml html = new EntryHtml(form);
        boolean previewable = preview.title() != null;
        Content card = previewable ? unsafe("<ul class=\"angebote\">\n" + html.card(preview) + "</ul>\n") : null;
        Content details = previewable ? unsafe(html.details(preview)) : null;

        String state;
        if (published) {
            state = "Im Verzeichnis seit " + OfficePages.WHEN.format(publication.get().publishedAt());
        } else if (publication.isPresent() && publication.get().unpublishedAt() != null) {
            state = "Nicht im Verzeichnis (herausgenommen am "
                    + OfficePages.WHEN.format(publication.get().unpublishedAt()) + ")";
        } else {
            state = "Nicht im Verzeichnis";
        }
        String due = published && isDue(publication.get().checked(), today, recheckDays)
                ? "Prüfung fällig: Der Eintrag wurde seit mehr als " + recheckDays + " Tagen nicht geprüft. Bitte "
                        + "prüfen Sie Nummern, Adressen und Zeiten mit dem Träger; bestätigen Sie ihn dann mit der "
                        + "Schaltfläche unten, auch wenn nichts zu ändern ist."
                : null;
        Field consentField = PublicationCheck.consentField(form);
        boolean consent = PublicationCheck.consented(form, file.values());
        return OfficePages.render("publication/page.jte", new PublicationView(frame, file.reference(),
                OfficePages.casePath(file.reference()), path(file.reference()), Long.toString(file.version()), state,
                published, published ? Directory.entryUrl(slug) : null,
                publication.map(p -> p.checked().format(DATE)).orElse(null), due, consent,
                consentField == null ? "Einwilligung" : consentField.label(), consent && !file.status().isSpam(),
                card, details, errors.isEmpty(), fields, errorLinks, notice, conflict, problem,
                reasonText == null ? "" : reasonText,
                published ? "Geprüft: so veröffentlichen" : "Im Verzeichnis veröffentlichen",
                Integer.toString(recheckDays)));
    }

    /** Every published entry, those due for a re-check first (oldest check first). */
    public static String directory(Views.Frame frame, List<Listed> listed, LocalDate today, int recheckDays) {
        List<DirectoryRow> rows = new ArrayList<>();
        List<Listed> sorted = new ArrayList<>(listed);
        sorted.sort(Comparator.comparing((Listed l) -> l.entry().checked()).thenComparing(Listed::reference));
        int due = 0;
        for (Listed l : sorted) {
            boolean isDue = isDue(l.entry().checked(), today, recheckDays);
            due += isDue ? 1 : 0;
            rows.add(new DirectoryRow(l.entry().title(), l.entry().value(Directory.TRAEGER), path(l.reference()),
                    l.reference(), l.entry().checked().format(DATE), isDue, l.entry().url()));
        }
        return OfficePages.render("publication/directory.jte", new DirectoryView(frame, rows, Integer.toString(due),
                Integer.toString(recheckDays)));
    }

    /** Due for a re-check: checked {@code recheckDays} or more days ago. */
    public static boolean isDue(LocalDate checked, LocalDate today, int recheckDays) {
        return !checked.plusDays(recheckDays).isAfter(today);
    }

    /**
     * Whether the submission's entry is in the directory now, as its history says: every publish and withdrawal is
     * written with its history entry in the same write, so the last of them tells.
     */
    public static boolean listed(CaseFile file) {
        boolean listed = false;
        for (HistoryEntry entry : file.history()) {
            switch (entry.action()) {
                case "PUBLISH", "PUBLISH_CHANGE", "PUBLISH_CHECK" -> listed = true;
                case "UNPUBLISH" -> listed = false;
                default -> {
                }
            }
        }
        return listed;
    }

    /** What a history entry of the directory says (see OfficePages.describe). */
    public static String describe(HistoryEntry entry) {
        return switch (entry.action()) {
            case "PUBLISH" -> "Im Verzeichnis veröffentlicht"
                    + (entry.text() == null ? "" : ", mit Korrekturen am Eintrag des Trägers: " + entry.text());
            case "PUBLISH_CHANGE" -> "Eintrag im Verzeichnis geändert: " + entry.text();
            case "PUBLISH_CHECK" -> "Eintrag im Verzeichnis geprüft, unverändert";
            case "UNPUBLISH" -> "Aus dem Verzeichnis genommen"
                    + (entry.text() == null ? "" : ". Begründung: " + entry.text());
            default -> entry.action();
        };
    }

    private static String shown(Field field, List<String> values) {
        if (values.isEmpty()) {
            return "keine Angabe";
        }
        List<String> shown = new ArrayList<>();
        for (String value : values) {
            shown.add(FormPages.shown(field, value));
        }
        return String.join(", ", shown);
    }

    private static String kind(FieldType type) {
        return switch (type) {
            case TEXTAREA -> "textarea";
            case CHECKBOXES -> "checkboxes";
            case RADIO, SELECT -> "radio";
            default -> "input";
        };
    }

    private static String inputType(FieldType type) {
        return switch (type) {
            case EMAIL -> "email";
            case TEL -> "tel";
            case URL -> "url";
            case DATE -> "date";
            case NUMBER -> "number";
            default -> "text";
        };
    }

    /** Markup built and escaped by EntryHtml, placed as it is. */
    private static Content unsafe(String html) {
        return output -> output.writeContent(html);
    }

    /** SnapStart priming: both pages rendered once with made-up content. */
    public static void prime(FormCatalog forms) {
        Views.Frame frame = new Views.Frame("Priming", "Administration", "priming", true, true);
        directory(frame, List.of(), LocalDate.of(2020, 4, 1), 180);
        DATE.format(LocalDate.EPOCH);
        Instant.EPOCH.toString();
    }
}
