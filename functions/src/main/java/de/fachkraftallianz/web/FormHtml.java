package de.fachkraftallianz.web;

import static de.fachkraftallianz.web.Html.escape;

import de.fachkraftallianz.forms.FieldType;
import de.fachkraftallianz.forms.FormDefinition;
import de.fachkraftallianz.forms.FormDefinition.Field;
import de.fachkraftallianz.forms.FormDefinition.Option;
import de.fachkraftallianz.forms.FormDefinition.Section;
import de.fachkraftallianz.forms.ReservedFields;
import java.util.List;
import java.util.Map;

/**
 * Renders a form from its definition: empty for the site (at bake time), or with the visitor's values and the
 * field errors for the page the function answers with when a plain HTML submission was invalid. All text and
 * values are escaped.
 */
public final class FormHtml {

    private FormHtml() {
    }

    public static String actionUrl(FormDefinition form) {
        return "/api/forms/" + form.id();
    }

    public static String render(FormDefinition form, Map<String, List<String>> values, Map<String, String> errors) {
        return render(form, values, errors, null);
    }

    /** The label of the button that leads from the form to the review of the answers. */
    public static final String TO_REVIEW = "Weiter zur Prüfung Ihrer Angaben";

    /**
     * @param notice a form-wide message shown in the error box (for example when saving failed), or null
     */
    public static String render(FormDefinition form, Map<String, List<String>> values, Map<String, String> errors,
            String notice) {
        StringBuilder out = new StringBuilder(8192);
        formStart(out, form, "form");
        if (!errors.isEmpty() || notice != null) {
            errorSummary(out, form, errors, notice);
        }
        for (Section section : form.sections()) {
            out.append("<fieldset class=\"form__section\">\n<legend class=\"form__legend\">")
                    .append(escape(section.legend())).append("</legend>\n");
            if (section.hint() != null) {
                out.append("<p class=\"form__section-hint\">").append(escape(section.hint())).append("</p>\n");
            }
            for (Field field : section.fields()) {
                List<String> given = values.getOrDefault(field.name(), List.of());
                String error = errors.get(field.name());
                if (field.type().isChoiceGroup()) {
                    choiceGroup(out, field, given, error);
                } else {
                    singleInput(out, field, given, error);
                }
            }
            out.append("</fieldset>\n");
        }
        out.append("<div class=\"form__honeypot\"><label for=\"f-").append(ReservedFields.HONEYPOT)
                .append("\">Bitte dieses Feld leer lassen</label><input id=\"f-").append(ReservedFields.HONEYPOT).append("\" name=\"")
                .append(ReservedFields.HONEYPOT).append("\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>\n");
        out.append(privacyNotice(form));
        out.append("<div class=\"form__actions\"><button class=\"button\" type=\"submit\">").append(escape(TO_REVIEW))
                .append("</button></div>\n");
        formEnd(out);
        return out.toString();
    }

    /**
     * The form element as every step opens it: the site's own messages instead of the browser's ({@code novalidate}:
     * every error comes as the German summary and the message at the field), and what the script needs to know.
     */
    static void formStart(StringBuilder out, FormDefinition form, String cssClass) {
        out.append("<form class=\"").append(cssClass).append("\" method=\"post\" action=\"")
                .append(escape(actionUrl(form))).append("\" accept-charset=\"UTF-8\" novalidate data-enhance ")
                .append("data-fill-time=\"").append(ReservedFields.FILL_TIME).append("\">\n");
    }

    static void formEnd(StringBuilder out) {
        out.append("<div class=\"form__status\" aria-live=\"polite\"></div>\n</form>\n");
    }

    /**
     * What happens to the answers, said before the button that sends them: the office's statutory task is the legal
     * basis, so this is a notice, not a consent to tick.
     */
    public static String privacyNotice(FormDefinition form) {
        return "<p class=\"form__privacy\">Ihre Angaben gehen an: " + escape(form.recipient()) + ". "
                + escape(form.purpose()) + " Speicherdauer: " + escape(FormPages.retention(form))
                + " Mehr dazu in den <a href=\"/datenschutz/\">Hinweisen zum "
                + "Datenschutz</a>.</p>\n";
    }

    /** The id of the element a link to the field's error should focus. */
    public static String focusId(Field field) {
        if (field.type().isChoiceGroup()) {
            return "f-" + field.name() + "-" + (field.type().isTickBox() ? FieldType.TICKED : field.options().get(0).value());
        }
        return "f-" + field.name();
    }

    private static void errorSummary(StringBuilder out, FormDefinition form, Map<String, String> errors, String notice) {
        out.append("<div class=\"error-summary\" tabindex=\"-1\" role=\"alert\" aria-labelledby=\"error-summary-title\">\n")
                .append("<h2 id=\"error-summary-title\" class=\"error-summary__title\">")
                .append(errors.isEmpty() ? "Ihre Angaben wurden noch nicht gesendet" : "Bitte prüfen Sie Ihre Angaben")
                .append("</h2>\n");
        if (notice != null) {
            out.append("<p>").append(escape(notice)).append("</p>\n");
        }
        if (!errors.isEmpty()) {
            out.append("<ul class=\"error-summary__list\">\n");
            for (Field field : form.fields()) {
                if (errors.containsKey(field.name())) {
                    out.append("<li><a href=\"#").append(escape(focusId(field))).append("\">")
                            .append(escape(errors.get(field.name()))).append("</a></li>\n");
                }
            }
            out.append("</ul>\n");
        }
        out.append("</div>\n");
    }

    private static void singleInput(StringBuilder out, Field field, List<String> given, String error) {
        String id = "f-" + field.name();
        String value = given.isEmpty() ? "" : given.get(0);
        out.append("<div class=\"field").append(error != null ? " field--error" : "").append("\" id=\"field-")
                .append(field.name()).append('"').append(showIfAttributes(field))
                .append(">\n<label class=\"field__label\" for=\"").append(id).append("\">")
                .append(escape(field.label()));
        optionalMarker(out, field);
        out.append("</label>\n");
        String describedBy = hintAndError(out, field, error);
        String common = " id=\"" + id + "\" name=\"" + field.name() + "\"" + (field.required() ? " required" : "")
                + describedBy + (error != null ? " aria-invalid=\"true\"" : "")
                + (field.autocomplete() != null ? " autocomplete=\"" + escape(field.autocomplete()) + "\"" : "");
        switch (field.type()) {
            case TEXTAREA -> out.append("<textarea class=\"input input--textarea\" rows=\"6\"").append(common)
                    .append(" maxlength=\"").append(field.maxLength()).append("\">").append(escape(value))
                    .append("</textarea>\n");
            case SELECT -> {
                out.append("<select class=\"input input--select\"").append(common).append(">\n")
                        .append("<option value=\"\">Bitte wählen</option>\n");
                for (Option option : field.options()) {
                    out.append("<option value=\"").append(escape(option.value())).append('"')
                            .append(option.value().equals(value) ? " selected" : "").append('>')
                            .append(escape(option.label())).append("</option>\n");
                }
                out.append("</select>\n");
            }
            default -> {
                out.append("<input class=\"input input--").append(field.type().jsonName()).append("\" type=\"")
                        .append(inputType(field.type())).append('"').append(common);
                if (field.maxLength() != null) {
                    out.append(" maxlength=\"").append(field.maxLength()).append('"');
                }
                if (field.type() == FieldType.NUMBER) {
                    out.append(" min=\"").append(field.min()).append("\" max=\"").append(field.max())
                            .append("\" step=\"1\" inputmode=\"numeric\"");
                }
                if (field.pattern() != null) {
                    out.append(" pattern=\"").append(escape(field.pattern())).append('"');
                }
                if (!value.isEmpty()) {
                    out.append(" value=\"").append(escape(value)).append('"');
                }
                out.append(">\n");
            }
        }
        out.append("</div>\n");
    }

    private static void choiceGroup(StringBuilder out, Field field, List<String> given, String error) {
        out.append("<fieldset class=\"field field--choices").append(error != null ? " field--error" : "")
                .append("\" id=\"field-").append(field.name()).append('"').append(showIfAttributes(field));
        StringBuilder inner = new StringBuilder();
        String describedBy = hintAndError(inner, field, error);
        out.append(describedBy).append(">\n<legend class=\"field__label\">")
                .append(escape(field.type().isTickBox() ? legendForTickBox(field) : field.label()));
        optionalMarker(out, field);
        out.append("</legend>\n").append(inner);
        String inputType = field.type() == FieldType.RADIO ? "radio" : "checkbox";
        // A group of check boxes cannot be "required" in HTML without demanding every box; the server checks it.
        boolean requiredAttribute = field.required() && field.type() != FieldType.CHECKBOXES;
        List<Option> options = field.type().isTickBox()
                ? List.of(new Option(FieldType.TICKED, field.label()))
                : field.options();
        for (Option option : options) {
            String id = "f-" + field.name() + "-" + option.value();
            out.append("<div class=\"choice\"><input class=\"choice__input\" type=\"").append(inputType)
                    .append("\" id=\"").append(escape(id)).append("\" name=\"").append(field.name())
                    .append("\" value=\"").append(escape(option.value())).append('"')
                    .append(given.contains(option.value()) ? " checked" : "")
                    .append(requiredAttribute ? " required" : "")
                    .append(error != null ? " aria-invalid=\"true\"" : "")
                    .append("><label class=\"choice__label\" for=\"").append(escape(id)).append("\">")
                    .append(escape(option.label()));
            if (field.link() != null) {
                out.append(" (<a href=\"").append(escape(field.link().href())).append("\">")
                        .append(escape(field.link().text())).append("</a>)");
            }
            out.append("</label></div>\n");
        }
        out.append("</fieldset>\n");
    }

    /** A single tick box carries its statement in its own label; its group legend names the topic. */
    private static String legendForTickBox(Field field) {
        return field.type() == FieldType.CONSENT ? "Einwilligung" : "Bestätigung";
    }

    private static void optionalMarker(StringBuilder out, Field field) {
        if (!field.required()) {
            out.append(" <span class=\"field__optional\">(freiwillig)</span>");
        }
        if (field.published()) {
            out.append(" <span class=\"field__public\">(wird veröffentlicht)</span>");
        }
    }

    /** The script shows a conditional question only when it applies; these attributes tell it when. */
    private static String showIfAttributes(Field field) {
        if (field.showIf() == null) {
            return "";
        }
        return " data-show-if=\"" + escape(field.showIf().field()) + "\" data-show-if-values=\""
                + escape(String.join(" ", field.showIf().values())) + "\"";
    }

    /** Writes condition, hint and error paragraphs and returns the matching aria-describedby attribute (or ""). */
    private static String hintAndError(StringBuilder out, Field field, String error) {
        StringBuilder ids = new StringBuilder();
        if (field.showIf() != null) {
            String id = "f-" + field.name() + "-condition";
            out.append("<p class=\"field__condition\" id=\"").append(id).append("\">").append(escape(field.showIf().note()))
                    .append("</p>\n");
            ids.append(id);
        }
        if (field.hint() != null) {
            String id = "f-" + field.name() + "-hint";
            out.append("<p class=\"field__hint\" id=\"").append(id).append("\">").append(escape(field.hint()))
                    .append("</p>\n");
            ids.append(ids.length() > 0 ? " " : "").append(id);
        }
        if (error != null) {
            String id = "f-" + field.name() + "-error";
            out.append("<p class=\"field__error\" id=\"").append(id)
                    .append("\"><span class=\"visually-hidden\">Fehler:</span> ").append(escape(error)).append("</p>\n");
            ids.append(ids.length() > 0 ? " " : "").append(id);
        }
        return ids.length() == 0 ? "" : " aria-describedby=\"" + ids + "\"";
    }

    private static String inputType(FieldType type) {
        return switch (type) {
            case EMAIL -> "email";
            case TEL -> "tel";
            case URL -> "url";
            case NUMBER -> "number";
            case DATE -> "date";
            default -> "text";
        };
    }
}
