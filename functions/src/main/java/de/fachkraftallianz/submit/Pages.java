package de.fachkraftallianz.submit;

import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.web.FormPages;
import de.fachkraftallianz.web.PageShell;
import java.util.List;
import java.util.Map;

/** The whole pages the submit function answers a browser with: the form pages of {@link FormPages} in the frame. */
final class Pages {

    private Pages() {
    }

    /** The form again, with everything the visitor entered, the errors next to their fields and a summary on top. */
    static String formAgain(FormDefinition form, Map<String, List<String>> values, Map<String, String> errors,
            String notice) {
        return PageShell.shared().render(FormPages.formTitle(form, errors, notice),
                FormPages.form(form, values, errors, notice));
    }

    static String review(FormDefinition form, Map<String, List<String>> values, Map<String, String> carried,
            String notice) {
        return PageShell.shared().render((notice != null ? "Nicht gesendet: " : "") + FormPages.reviewTitle(form),
                FormPages.review(form, values, carried, notice));
    }

    static String confirmation(FormDefinition form, String reference, Map<String, List<String>> values) {
        return PageShell.shared().render(form.thanks().title(), FormPages.confirmation(form, reference, values));
    }

    static String thanks(FormDefinition form, String reference) {
        return PageShell.shared().render(form.thanks().title(), FormPages.thanks(form, reference));
    }
}
