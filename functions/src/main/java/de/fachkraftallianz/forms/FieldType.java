package de.fachkraftallianz.forms;

import java.util.Locale;

/** The kinds of input a form definition may use; each knows how it is rendered and how many values it takes. */
public enum FieldType {
    TEXT, TEXTAREA, EMAIL, TEL, URL, NUMBER, DATE, SELECT, RADIO, CHECKBOXES, CHECKBOX, CONSENT;

    public static FieldType parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Free text the visitor types; needs a maxLength. */
    public boolean isFreeText() {
        return this == TEXT || this == TEXTAREA || this == EMAIL || this == TEL || this == URL;
    }

    /** Chooses among the definition's options. */
    public boolean hasOptions() {
        return this == SELECT || this == RADIO || this == CHECKBOXES;
    }

    /** Rendered as a group of radio buttons or check boxes inside its own fieldset. */
    public boolean isChoiceGroup() {
        return this == RADIO || this == CHECKBOXES || this == CHECKBOX || this == CONSENT;
    }

    /** Takes several values (a check box group); every other type takes at most one. */
    public boolean isMultiValued() {
        return this == CHECKBOXES;
    }

    /** A single check box whose only accepted value is {@link #TICKED}. */
    public boolean isTickBox() {
        return this == CHECKBOX || this == CONSENT;
    }

    /** The value a ticked single check box sends. */
    public static final String TICKED = "ja";
}
