package de.fachkraftallianz.forms;

import java.util.Set;

/**
 * Field names the service itself uses in every form, which a form definition may therefore not use. The form markup
 * carries them (FormHtml), the submit function reads them, the script reads their names from the form's data
 * attributes: this is the one list.
 */
public final class ReservedFields {

    /** The honeypot: a text field hidden by CSS that people leave empty. */
    public static final String HONEYPOT = "homepage";
    /** Milliseconds between loading the form and sending it, reported by the script. */
    public static final String FILL_TIME = "_fill_ms";
    /** Which step a browser's post is: absent (check and show the answers for review) or {@link #SEND}. */
    public static final String STEP = "_schritt";
    public static final String SEND = "absenden";
    /** On the review page: the field to change (the form comes back, at that field). */
    public static final String CHANGE = "_aendern";

    public static final Set<String> ALL = Set.of(HONEYPOT, FILL_TIME, STEP, CHANGE);

    private ReservedFields() {
    }
}
