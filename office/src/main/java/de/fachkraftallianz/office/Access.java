package de.fachkraftallianz.office;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.store.OfficeStore.StaffMember;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who in the office may see and do what (need to know, SGB VIII § 65), from the groups of the identity provider:
 * the Jugend- und Bildungsamt sees the facilities' requests, the organisations' offers, the counselling channels and
 * the accessibility feedback; the Pflegekinderdienst sees the foster families' requests and the offers; neither
 * sees the other's requests. Administrators see everything, suspected spam included. One person may be in several
 * groups; a person in none has no access.
 */
public record Access(List<String> groups) {

    public static final String JUGENDAMT = "jugendamt";
    public static final String PFLEGEKINDERDIENST = "pflegekinderdienst";
    public static final String ADMIN = "admin";

    /** The forms each department works on. */
    static final Map<String, List<String>> FORMS_OF = Map.of(
            JUGENDAMT, List.of("bedarf-einrichtung", "angebot-traeger", "beratungsangebot", "barriere-melden"),
            PFLEGEKINDERDIENST, List.of("hilfe-pflegefamilie", "angebot-traeger"));

    /** The German name of a group. */
    public static String label(String group) {
        return switch (group) {
            case JUGENDAMT -> "Jugend- und Bildungsamt";
            case PFLEGEKINDERDIENST -> "Pflegekinderdienst";
            case ADMIN -> "Administration";
            default -> group;
        };
    }

    public boolean any() {
        return admin() || groups.contains(JUGENDAMT) || groups.contains(PFLEGEKINDERDIENST);
    }

    public boolean admin() {
        return groups.contains(ADMIN);
    }

    /**
     * The groups through which this person sees the form: their departments that work on it, and the
     * administration. Opening a case marks it read in these; it is unread for them while none of these did.
     */
    public List<String> readers(String formId) {
        List<String> readers = new ArrayList<>();
        for (String group : groups) {
            if (group.equals(ADMIN) || FORMS_OF.getOrDefault(group, List.of()).contains(formId)) {
                readers.add(group);
            }
        }
        return readers;
    }

    /** The forms this person may see, in the catalog's order. */
    public List<String> forms() {
        Set<String> visible = new LinkedHashSet<>();
        for (String formId : FormCatalog.FORM_IDS) {
            if (admin() || departmentsOf(formId).stream().anyMatch(groups::contains)) {
                visible.add(formId);
            }
        }
        return List.copyOf(visible);
    }

    public boolean maySee(String formId, Status status) {
        return forms().contains(formId) && (!status.isSpam() || admin());
    }

    /** The statuses this person can filter by and sees counted. */
    public List<Status> statuses() {
        List<Status> statuses = new ArrayList<>();
        for (Status status : Status.values()) {
            if (!status.isSpam() || admin()) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    /**
     * The moves this person may make from a status: the workflow's, spam review for administrators only, none for a
     * person without access.
     */
    public List<Status> moves(Status from) {
        return !any() || from.isSpam() && !admin() ? List.of() : Workflow.next(from);
    }

    /**
     * Whether a person with these groups may publish counselling channels in the site's directory and look after it:
     * the Jugend- und Bildungsamt and administrators.
     */
    public static boolean mayPublish(List<String> groups) {
        return groups.contains(JUGENDAMT) || groups.contains(ADMIN);
    }

    /** The departments (groups) that work on a form. */
    public static List<String> departmentsOf(String formId) {
        List<String> departments = new ArrayList<>();
        for (Map.Entry<String, List<String>> department : FORMS_OF.entrySet()) {
            if (department.getValue().contains(formId)) {
                departments.add(department.getKey());
            }
        }
        departments.sort(null);
        return departments;
    }

    /**
     * The people a submission of this form may be assigned to by this person: oneself, and colleagues who share a
     * department with this person that works on the form; nobody for a form this person may not see.
     */
    public List<StaffMember> assignable(String formId, String ownId, List<StaffMember> staff) {
        if (!forms().contains(formId)) {
            return List.of();
        }
        List<String> shared = new ArrayList<>();
        for (String department : departmentsOf(formId)) {
            if (groups.contains(department)) {
                shared.add(department);
            }
        }
        List<StaffMember> assignable = new ArrayList<>();
        for (StaffMember member : staff) {
            boolean colleague = member.groups().stream().anyMatch(shared::contains);
            if (member.person().id().equals(ownId) || colleague) {
                assignable.add(member);
            }
        }
        return assignable;
    }
}
