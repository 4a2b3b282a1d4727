package de.fachkraftallianz.web;

import static de.fachkraftallianz.web.Html.escape;

import de.fachkraftallianz.forms.FieldType;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Link;
import de.fachkraftallianz.forms.FormDefinition.Option;
import de.fachkraftallianz.forms.ReservedFields;
import java.util.List;
import java.util.Map;

/**
 * The main content of every page of a form, for the site's bake and the function's answers alike, so both look the
 * same: the form page (breadcrumbs, heading, intro, where the answers go, the form), the review of the answers before
 * they are sent, and the confirmation with the reference and the answers to print. All text is escaped.
 */
public final class FormPages {

    private FormPages() {
    }

    /** The form page: empty for the site, or with the visitor's values, errors and a notice for the function. */
    public static String form(FormDefinition form, Map<String, List<String>> values, Map<String, String> errors,
            String notice) {
        StringBuilder out = new StringBuilder(12_288);
        breadcrumbs(out, form);
        out.append("<article class=\"page page--form\">\n<h1>").append(escape(form.title())).append("</h1>\n")
                .append("<div class=\"prose prose--lead\">\n").append(Html.paragraphs(form.intro())).append("</div>\n")
                .append("<dl class=\"facts\">\n<div class=\"facts__item\">\n<dt>Ihre Angaben gehen an</dt>\n<dd>")
                .append(escape(form.recipient())).append("</dd>\n</div>\n<div class=\"facts__item\">\n")
                .append("<dt>Speicherdauer</dt>\n<dd>").append(escape(retention(form)))
                .append(" Mehr in den <a href=\"/datenschutz/\">Hinweisen zum Datenschutz</a>.</dd>\n</div>\n</dl>\n")
                .append("<p class=\"form-note\">Felder mit dem Zusatz „freiwillig“ können Sie leer lassen. Alle anderen ")
                .append("Angaben brauchen wir, um Ihr Anliegen zu bearbeiten. Vor dem Absenden sehen Sie alle Angaben ")
                .append("noch einmal und können sie ändern.</p>\n")
                .append(FormHtml.render(form, values, errors, notice))
                .append("</article>\n");
        return out.toString();
    }

    /**
     * How long the answers are kept, as {@link de.fachkraftallianz.submission.Retention} keeps them: the period starts
     * when the office closes the case (for a channel in the directory: when it is withdrawn), not when it is sent.
     * The form page, the notice before the button and the privacy page all say this one sentence.
     */
    public static String retention(FormDefinition form) {
        String listed = form.id().equals(de.fachkraftallianz.directory.Directory.FORM_ID)
                ? " Steht das Angebot im Verzeichnis der virtuellen Angebote, beginnen die " + form.retentionDays()
                        + " Tage erst, wenn es dort herausgenommen wird." : "";
        return "Bis zum Abschluss Ihres Anliegens und danach noch " + form.retentionDays() + " Tage, dann wird "
                + "automatisch gelöscht." + listed;
    }

    /** The page title of the form page: "Fehler: …" while errors are shown, as the summary says. */
    public static String formTitle(FormDefinition form, Map<String, String> errors, String notice) {
        return (!errors.isEmpty() ? "Fehler: " : notice != null ? "Nicht gesendet: " : "") + form.title();
    }

    public static String reviewTitle(FormDefinition form) {
        return "Angaben prüfen: " + form.title();
    }

    /**
     * The answers for a last look before sending: each with its label and a button back to its field; the answers
     * travel in hidden fields (nothing is stored before "send"), with the spam-protection fields as they came. A
     * notice (saving failed, too many submissions) stands on top; the answers are ready to be sent again.
     */
    public static String review(FormDefinition form, Map<String, List<String>> values, Map<String, String> carried,
            String notice) {
        StringBuilder out = new StringBuilder(12_288);
        breadcrumbs(out, form);
        out.append("<article class=\"page page--form\">\n<h1>Angaben prüfen</h1>\n");
        if (notice != null) {
            out.append("<div class=\"error-summary\" tabindex=\"-1\" role=\"alert\" aria-labelledby=\"error-summary-title\">\n")
                    .append("<h2 id=\"error-summary-title\" class=\"error-summary__title\">Ihre Angaben wurden noch nicht ")
                    .append("gesendet</h2>\n<p>").append(escape(notice)).append("</p>\n</div>\n");
        }
        out.append("")
                .append("<p class=\"prose\">Bitte sehen Sie Ihre Angaben für „").append(escape(form.title()))
                .append("“ noch einmal durch. Mit „Ändern“ kommen Sie zurück zur Frage. Erst mit „")
                .append(escape(form.submitLabel())).append("“ senden Sie alles ab.</p>\n");
        FormHtml.formStart(out, form, "form form--review");
        answers(out, form, values, true);
        for (Field field : form.fields()) {
            for (String value : values.getOrDefault(field.name(), List.of())) {
                hidden(out, field.name(), value);
            }
        }
        for (Map.Entry<String, String> entry : carried.entrySet()) {
            hidden(out, entry.getKey(), entry.getValue());
        }
        out.append(FormHtml.privacyNotice(form))
                .append("<div class=\"form__actions\"><button class=\"button\" type=\"submit\" name=\"")
                .append(ReservedFields.STEP).append("\" value=\"").append(ReservedFields.SEND).append("\">")
                .append(escape(form.submitLabel())).append("</button></div>\n");
        FormHtml.formEnd(out);
        out.append("</article>\n");
        return out.toString();
    }

    /** After sending: the reference, what happens next, and the answers to print or save on the person's device. */
    public static String confirmation(FormDefinition form, String reference, Map<String, List<String>> values) {
        StringBuilder out = new StringBuilder(12_288);
        thanks(out, form, reference);
        out.append("<section class=\"answers\" aria-labelledby=\"ihre-angaben\">\n")
                .append("<h2 id=\"ihre-angaben\">Ihre Angaben</h2>\n")
                .append("<p>Diese Übersicht können Sie mit der Druckfunktion Ihres Browsers ausdrucken oder als PDF ")
                .append("speichern. Auf Ihrem Gerät speichern wir nichts.</p>\n")
                .append("<p class=\"no-print\"><button class=\"button button--secondary\" type=\"button\" data-print ")
                .append("hidden>Angaben drucken</button></p>\n");
        answers(out, form, values, false);
        out.append("</section>\n<p class=\"no-print\"><a href=\"/\">Zur Startseite</a></p>\n</article>\n");
        return out.toString();
    }

    /** The thank-you page for a reference alone (its own address, for an API client or a bookmark). */
    public static String thanks(FormDefinition form, String reference) {
        StringBuilder out = new StringBuilder(4096);
        thanks(out, form, reference);
        out.append("<p><a href=\"/\">Zur Startseite</a></p>\n</article>\n");
        return out.toString();
    }

    private static void thanks(StringBuilder out, FormDefinition form, String reference) {
        out.append("<article class=\"page page--form\">\n<h1>").append(escape(form.thanks().title())).append("</h1>\n")
                .append("<div class=\"panel panel--success\">\n<p>Ihre Vorgangsnummer lautet</p>\n")
                .append("<p class=\"reference\"><strong>").append(escape(reference)).append("</strong></p>\n")
                // Why to note it, and when to name it, is the form's own thanks text (one request, not two).
                .append("</div>\n")
                .append(Html.paragraphs(form.thanks().text()));
    }

    /**
     * Every question that applies, with its label and the answer as the person chose it (option labels, dates as
     * dd.mm.yyyy), "keine Angabe" for an optional one left empty ("Nein" for a box not ticked); with a change button
     * each on the review page.
     */
    private static void answers(StringBuilder out, FormDefinition form, Map<String, List<String>> values,
            boolean changeButtons) {
        out.append("<dl class=\"summary\">\n");
        for (Field field : form.fields()) {
            if (field.showIf() != null && !field.showIf().holds(values)) {
                continue;
            }
            out.append("<div class=\"summary__row\">\n<dt class=\"summary__key\">").append(escape(field.summaryLabel()))
                    .append("</dt>\n<dd class=\"summary__value\">");
            List<String> given = values.getOrDefault(field.name(), List.of());
            if (given.isEmpty()) {
                out.append(unanswered(field));
            } else {
                for (int i = 0; i < given.size(); i++) {
                    out.append(i > 0 ? "<br>" : "").append(lines(shown(field, given.get(i))));
                }
            }
            out.append("</dd>\n");
            if (changeButtons) {
                out.append("<dd class=\"summary__action\"><button class=\"link-button\" type=\"submit\" name=\"")
                        .append(ReservedFields.CHANGE).append("\" value=\"").append(escape(field.name()))
                        .append("\" formaction=\"").append(escape(FormHtml.actionUrl(form) + "#" + FormHtml.focusId(field)))
                        .append("\">Ändern<span class=\"visually-hidden\">: ").append(escape(field.summaryLabel()))
                        .append("</span></button></dd>\n");
            }
            out.append("</div>\n");
        }
        out.append("</dl>\n");
    }

    /** A question left without an answer: a tick box not ticked is a "Nein", anything else "keine Angabe". */
    public static String unanswered(Field field) {
        return field.type().isTickBox() ? "Nein" : "keine Angabe";
    }

    /** An answer as the person chose it: the option's label, a date as dd.mm.yyyy, a ticked box as "Ja". */
    public static String shown(Field field, String value) {
        if (field.type().hasOptions()) {
            for (Option option : field.options()) {
                if (option.value().equals(value)) {
                    return option.label();
                }
            }
        }
        if (field.type().isTickBox()) {
            return FieldType.TICKED.equals(value) ? "Ja" : value;
        }
        if (field.type() == FieldType.DATE && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return value.substring(8, 10) + "." + value.substring(5, 7) + "." + value.substring(0, 4);
        }
        return value;
    }

    /** Escaped text with its line breaks kept. */
    private static String lines(String text) {
        return escape(text).replace("\n", "<br>");
    }

    private static void hidden(StringBuilder out, String name, String value) {
        out.append("<input type=\"hidden\" name=\"").append(escape(name)).append("\" value=\"").append(escape(value))
                .append("\">\n");
    }

    /** The way from the start page to the form, as the site's pages lead there (the bake checks that they agree). */
    private static void breadcrumbs(StringBuilder out, FormDefinition form) {
        out.append("<nav class=\"breadcrumbs\" aria-label=\"Sie sind hier\">\n<ol class=\"breadcrumbs__list\">\n");
        for (Link link : form.breadcrumbs()) {
            out.append("<li class=\"breadcrumbs__item\"><a href=\"").append(escape(link.href())).append("\">")
                    .append(escape(link.text())).append("</a></li>\n");
        }
        out.append("<li class=\"breadcrumbs__item\"><a href=\"").append(escape(pagePath(form)))
                .append("\" aria-current=\"page\">").append(escape(form.title())).append("</a></li>\n</ol>\n</nav>\n");
    }

    /** The form's page on the site. */
    public static String pagePath(FormDefinition form) {
        return "/formulare/" + form.id() + "/";
    }
}
