package de.fachkraftallianz.submit;

import static de.fachkraftallianz.web.Html.escape;

import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.web.FormHtml;
import de.fachkraftallianz.web.Html;
import de.fachkraftallianz.web.PageShell;
import java.util.List;
import java.util.Map;

/** The HTML pages the submit function answers form posts with, in the site's frame. */
final class Pages {

    private Pages() {
    }

    /** The form again, with everything the visitor entered, the errors next to their fields and a summary on top. */
    static String formAgain(FormDefinition form, Map<String, List<String>> values, Map<String, String> errors,
            String notice) {
        String content = "<h1>" + escape(form.title()) + "</h1>\n" + FormHtml.render(form, values, errors, notice);
        return PageShell.shared().render((errors.isEmpty() ? "Nicht gesendet: " : "Fehler: ") + form.title(), content);
    }

    static String thanks(FormDefinition form, String reference) {
        String content = "<h1>" + escape(form.thanks().title()) + "</h1>\n"
                + "<div class=\"panel panel--success\">\n<p>Ihre Vorgangsnummer lautet</p>\n"
                + "<p class=\"reference\"><strong>" + escape(reference) + "</strong></p>\n"
                + "<p>Bitte notieren Sie sich diese Nummer. Sie hilft uns, Ihre Anfrage schnell zu finden, "
                + "wenn Sie sich bei uns melden.</p>\n</div>\n"
                + Html.paragraphs(form.thanks().text())
                + "<p><a href=\"/\">Zur Startseite</a></p>\n";
        return PageShell.shared().render(form.thanks().title(), content);
    }

    /** The link back to a form's page on the site. */
    static String formPage(FormDefinition form) {
        return "/formulare/" + form.id() + "/";
    }
}
