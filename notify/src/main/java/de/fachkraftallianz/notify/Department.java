package de.fachkraftallianz.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * The departments whose team mailboxes get the "new submission" mail, and the forms each works on. The group names
 * are the office's (office/Access, the identity provider's groups); a test in local/ checks that both agree.
 *
 * <p>{@code angebot-traeger} (an organisation offers professionals) goes to both: the Jugend- und Bildungsamt places
 * them with facilities, the Pflegekinderdienst with foster families, and both work on the offers in the office. The
 * mail holds nothing but the form, the reference, the time and a link, so telling both costs no privacy.
 */
public enum Department {

    JUGENDAMT("jugendamt", "Jugend- und Bildungsamt",
            List.of("bedarf-einrichtung", "angebot-traeger", "beratungsangebot", "barriere-melden")),
    PFLEGEKINDERDIENST("pflegekinderdienst", "Pflegekinderdienst",
            List.of("hilfe-pflegefamilie", "angebot-traeger"));

    private final String group;
    private final String label;
    private final List<String> forms;

    Department(String group, String label, List<String> forms) {
        this.group = group;
        this.label = label;
        this.forms = forms;
    }

    /** The office's group name (identity provider group). */
    public String group() {
        return group;
    }

    public String label() {
        return label;
    }

    /** Every department that works on the form, in this enum's order. */
    public static List<Department> workingOn(String formId) {
        List<Department> departments = new ArrayList<>();
        for (Department department : values()) {
            if (department.forms.contains(formId)) {
                departments.add(department);
            }
        }
        return departments;
    }

    /**
     * Whom the sender of a form asks (the contact named in the receipt): the foster families the Pflegekinderdienst,
     * everyone else the Jugend- und Bildungsamt, as each form's "recipient" says.
     */
    public static Department answering(String formId) {
        return "hilfe-pflegefamilie".equals(formId) ? PFLEGEKINDERDIENST : JUGENDAMT;
    }
}
