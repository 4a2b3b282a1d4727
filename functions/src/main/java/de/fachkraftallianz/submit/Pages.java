package de.fachkraftallianz.submit;

import static de.fachkraftallianz.web.Html.escape;

import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.web.FormHtml;
import de.fachkraftallianz.web.Html;
import de.fachkraftallianz.web.PageShell;
import java.util.List;
import java.util.Map;

/** The HTML pages the submit function answers plain (script-free) form posts with, in the site's frame. */
final class Pages {


    /** The form again, with everything the visitor entered, the errors next to their fields and a summary on top. */
    String formAgain(FormDefinition form, Map<String, List<String>> values, Map<String, String> errors, String notice) {
        String content = "<h1>" + escape(form.title()) + "</h1>\n" + FormHtml.render(form, values, errors, notice);
        return PageShell.shared().render((errors.isEmpty() ? "Nicht gesendet: " : "Fehler: ") + form.title(), content);
    }

    String thanks(FormDefinition form, String reference) {
        String content = "<h1>" + escape(form.thanks().title()) + "</h1>\n"
                + "<div class=\"panel panel--success\">\n<p>Ihre Vorgangsnummer lautet</p>\n"
                + "<p class=\"reference\"><strong>" + escape(reference) + "</strong></p>\n"
                + "<p>Bitte notieren Sie sich diese Nummer. Sie hilft uns, Ihre Anfrage schnell zu finden, "
                + "wenn Sie sich bei uns melden.</p>\n</div>\n"
                + Html.paragraphs(form.thanks().text())
                + "<p><a href=\"/\">Zur Startseite</a></p>\n";
        return PageShell.shared().render(form.thanks().title(), content);
    }

    /** A short message page, optionally with a link back to the form page. */
    String message(String title, String text, FormDefinition form) {
        String content = "<h1>" + escape(title) + "</h1>\n" + Html.paragraphs(text)
                + (form == null ? "<p><a href=\"/\">Zur Startseite</a></p>\n"
                        : "<p><a href=\"/formulare/" + escape(form.id()) + "/\">Zurück zum Formular „"
                                + escape(form.title()) + "“</a></p>\n");
        return PageShell.shared().render(title, content);
    }
}
