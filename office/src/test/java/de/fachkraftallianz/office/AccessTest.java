package de.fachkraftallianz.office;

import static de.fachkraftallianz.office.Access.ADMIN;
import static de.fachkraftallianz.office.Access.JUGENDAMT;
import static de.fachkraftallianz.office.Access.PFLEGEKINDERDIENST;
import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.store.OfficeStore.StaffMember;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.submission.Workflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Need to know (SGB VIII § 65) as the office applies it: every form of the catalog against every combination of
 * groups, every status and every possible assignee. The expectation per form is written down here, independent of
 * {@link Access}; a new form in the catalog fails {@link #every_form_of_the_catalog_has_a_decided_audience} until
 * someone decides who may see it.
 */
class AccessTest {

    /** Who works on which form: the decision, not a copy of the code's table. */
    static final Map<String, Set<String>> AUDIENCE = Map.of(
            "bedarf-einrichtung", Set.of(JUGENDAMT),
            "hilfe-pflegefamilie", Set.of(PFLEGEKINDERDIENST),
            "angebot-traeger", Set.of(JUGENDAMT, PFLEGEKINDERDIENST),
            "beratungsangebot", Set.of(JUGENDAMT),
            "barriere-melden", Set.of(JUGENDAMT));

    /** Group names that give nothing: unknown ones, and the real ones spelled otherwise (Cognito is exact). */
    static final List<String> NO_GROUPS = List.of("sonstige", "Admin", "ADMIN", "Jugendamt", " jugendamt",
            "pflegekinderdienst ", "");

    /** Every combination of the three groups and an unknown one, the empty one included. */
    static Stream<List<String>> groupSets() {
        List<String> pool = List.of(JUGENDAMT, PFLEGEKINDERDIENST, ADMIN, "sonstige");
        List<List<String>> sets = new ArrayList<>();
        for (int mask = 0; mask < 1 << pool.size(); mask++) {
            List<String> set = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(pool.get(i));
                }
            }
            sets.add(List.copyOf(set));
        }
        for (String name : NO_GROUPS) {
            sets.add(List.of(name));
        }
        return sets.stream();
    }

    static boolean expectedToSee(List<String> groups, String formId) {
        return groups.contains(ADMIN) || !Collections.disjoint(groups, AUDIENCE.get(formId));
    }

    // -------------------------------------------------------------------------------------------------------------
    // The catalog and the table agree
    // -------------------------------------------------------------------------------------------------------------

    @Test
    void every_form_of_the_catalog_has_a_decided_audience() {
        for (String formId : FormCatalog.FORM_IDS) {
            assertThat(AUDIENCE).as("Form %s is new: decide who in the office may see it (SGB VIII § 65), then add it "
                    + "to Access.FORMS_OF and to AUDIENCE here", formId).containsKey(formId);
            assertThat(Access.departmentsOf(formId)).as(formId)
                    .isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(AUDIENCE.get(formId));
        }
    }

    @Test
    void the_departments_table_names_only_forms_of_the_catalog() {
        Access.FORMS_OF.values().forEach(forms -> assertThat(FormCatalog.FORM_IDS).containsAll(forms));
        assertThat(Access.FORMS_OF).containsOnlyKeys(JUGENDAMT, PFLEGEKINDERDIENST);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Who sees what
    // -------------------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "groups {0}")
    @MethodSource("groupSets")
    void sees_exactly_the_forms_of_its_groups_united_and_spam_only_as_admin(List<String> groups) {
        Access access = new Access(groups);
        boolean admin = groups.contains(ADMIN);

        assertThat(access.forms()).containsExactlyElementsOf(
                FormCatalog.FORM_IDS.stream().filter(formId -> expectedToSee(groups, formId)).toList());
        for (String formId : FormCatalog.FORM_IDS) {
            for (Status status : Status.values()) {
                assertThat(access.maySee(formId, status)).as("%s, %s", formId, status)
                        .isEqualTo(expectedToSee(groups, formId) && (admin || !status.isSpam()));
            }
        }
        assertThat(access.admin()).isEqualTo(admin);
        assertThat(access.any()).isEqualTo(admin || groups.contains(JUGENDAMT) || groups.contains(PFLEGEKINDERDIENST));
        assertThat(access.statuses()).containsExactlyElementsOf(Stream.of(Status.values())
                .filter(status -> admin || !status.isSpam()).toList());
    }

    @Test
    void pflegekinderdienst_never_sees_the_facilities_requests_or_the_accessibility_feedback() {
        Access pkd = new Access(List.of(PFLEGEKINDERDIENST));
        for (Status status : Status.values()) {
            assertThat(pkd.maySee("bedarf-einrichtung", status)).isFalse();
            assertThat(pkd.maySee("barriere-melden", status)).isFalse();
        }
        assertThat(pkd.forms()).containsExactly("hilfe-pflegefamilie", "angebot-traeger");
    }

    @Test
    void jugendamt_never_sees_the_foster_families_requests() {
        Access amt = new Access(List.of(JUGENDAMT));
        for (Status status : Status.values()) {
            assertThat(amt.maySee("hilfe-pflegefamilie", status)).isFalse();
        }
        assertThat(amt.forms()).containsExactly("bedarf-einrichtung", "angebot-traeger", "beratungsangebot",
                "barriere-melden");
    }

    @Test
    void admin_sees_every_form_in_every_status_suspected_spam_and_spam_included() {
        Access admin = new Access(List.of(ADMIN));
        assertThat(admin.forms()).containsExactlyElementsOf(FormCatalog.FORM_IDS);
        for (String formId : FormCatalog.FORM_IDS) {
            assertThat(admin.maySee(formId, Status.SUSPECTED_SPAM)).as(formId).isTrue();
            assertThat(admin.maySee(formId, Status.SPAM)).as(formId).isTrue();
        }
        assertThat(admin.statuses()).contains(Status.SUSPECTED_SPAM, Status.SPAM);
    }

    @Test
    void no_department_sees_spam_not_even_both_together() {
        Access both = new Access(List.of(JUGENDAMT, PFLEGEKINDERDIENST));
        for (String formId : FormCatalog.FORM_IDS) {
            assertThat(both.maySee(formId, Status.NEW)).as(formId).isTrue();
            assertThat(both.maySee(formId, Status.SUSPECTED_SPAM)).as(formId).isFalse();
            assertThat(both.maySee(formId, Status.SPAM)).as(formId).isFalse();
        }
        assertThat(both.statuses()).doesNotContain(Status.SUSPECTED_SPAM, Status.SPAM);
    }

    @Test
    void unknown_or_misspelt_groups_give_nothing() {
        Access nobody = new Access(NO_GROUPS);
        assertThat(nobody.any()).isFalse();
        assertThat(nobody.admin()).isFalse();
        assertThat(nobody.forms()).isEmpty();
        for (String formId : FormCatalog.FORM_IDS) {
            assertThat(nobody.maySee(formId, Status.NEW)).isFalse();
        }
        for (Status status : Status.values()) {
            assertThat(nobody.moves(status)).as("moves from %s", status).isEmpty();
        }
    }

    @Test
    void a_form_id_outside_the_catalog_is_seen_by_nobody() {
        assertThat(new Access(List.of(ADMIN, JUGENDAMT, PFLEGEKINDERDIENST)).maySee("gibt-es-nicht", Status.NEW))
                .isFalse();
        assertThat(Access.departmentsOf("gibt-es-nicht")).isEmpty();
    }

    // -------------------------------------------------------------------------------------------------------------
    // Moves
    // -------------------------------------------------------------------------------------------------------------

    /** The workflow, written down here once more so that a change to either side is noticed. */
    static final Map<Status, List<Status>> MOVES = Map.of(
            Status.NEW, List.of(Status.IN_PROGRESS),
            Status.IN_PROGRESS, List.of(Status.DONE, Status.DECLINED),
            Status.DONE, List.of(Status.IN_PROGRESS),
            Status.DECLINED, List.of(Status.IN_PROGRESS),
            Status.SUSPECTED_SPAM, List.of(Status.NEW, Status.SPAM),
            Status.SPAM, List.of());

    @ParameterizedTest(name = "groups {0}")
    @MethodSource("groupSets")
    void moves_are_the_workflows_and_spam_review_is_for_admins_only(List<String> groups) {
        Access access = new Access(groups);
        for (Status from : Status.values()) {
            List<Status> expected = !access.any() || from.isSpam() && !groups.contains(ADMIN)
                    ? List.of() : MOVES.get(from);
            assertThat(access.moves(from)).as("from %s", from).containsExactlyElementsOf(expected);
            for (Status to : access.moves(from)) {
                assertThat(Workflow.allows(from, to)).as("%s -> %s", from, to).isTrue();
            }
        }
    }

    @Test
    void the_workflow_itself_allows_exactly_these_moves() {
        for (Status from : Status.values()) {
            assertThat(Workflow.next(from)).as("from %s", from).containsExactlyElementsOf(MOVES.get(from));
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Assignment
    // -------------------------------------------------------------------------------------------------------------

    static final String ME = "me";

    static List<StaffMember> colleagues() {
        return List.of(
                member("amt", JUGENDAMT),
                member("pkd", PFLEGEKINDERDIENST),
                member("beide", JUGENDAMT, PFLEGEKINDERDIENST),
                member("admin", ADMIN),
                member("amt-admin", JUGENDAMT, ADMIN),
                member("ohne"),
                member("sonstige", "sonstige"),
                member("falsch-geschrieben", "Jugendamt"));
    }

    @ParameterizedTest(name = "groups {0}")
    @MethodSource("groupSets")
    void assignable_are_oneself_and_colleagues_of_a_shared_department_that_works_on_the_form(List<String> groups) {
        Access access = new Access(groups);
        List<StaffMember> staff = new ArrayList<>(colleagues());
        staff.add(new StaffMember(new Person(ME, "Ich"), groups));

        for (String formId : FormCatalog.FORM_IDS) {
            List<String> assignable = access.assignable(formId, ME, staff).stream().map(m -> m.person().id()).toList();

            List<String> expected = new ArrayList<>();
            if (expectedToSee(groups, formId)) {
                for (StaffMember member : staff) {
                    boolean shared = member.groups().stream()
                            .anyMatch(g -> groups.contains(g) && AUDIENCE.get(formId).contains(g));
                    if (member.person().id().equals(ME) || shared) {
                        expected.add(member.person().id());
                    }
                }
            }
            assertThat(assignable).as(formId).containsExactlyInAnyOrderElementsOf(expected);
            // Whoever can be assigned can open the submission.
            for (StaffMember member : access.assignable(formId, ME, staff)) {
                assertThat(new Access(member.groups()).maySee(formId, Status.NEW))
                        .as("%s assigned %s", member.person().id(), formId).isTrue();
            }
        }
    }

    @Test
    void a_colleague_sharing_only_a_department_that_does_not_work_on_the_form_is_not_assignable() {
        Access both = new Access(List.of(JUGENDAMT, PFLEGEKINDERDIENST));
        List<StaffMember> staff = List.of(member(ME, JUGENDAMT, PFLEGEKINDERDIENST), member("pkd", PFLEGEKINDERDIENST),
                member("amt", JUGENDAMT));

        assertThat(both.assignable("bedarf-einrichtung", ME, staff)).extracting(m -> m.person().id())
                .containsExactlyInAnyOrder(ME, "amt");
        assertThat(both.assignable("hilfe-pflegefamilie", ME, staff)).extracting(m -> m.person().id())
                .containsExactlyInAnyOrder(ME, "pkd");
        assertThat(both.assignable("angebot-traeger", ME, staff)).extracting(m -> m.person().id())
                .containsExactlyInAnyOrder(ME, "pkd", "amt");
    }

    @Test
    void nobody_is_assignable_for_a_form_one_may_not_see() {
        Access pkd = new Access(List.of(PFLEGEKINDERDIENST));
        List<StaffMember> staff = List.of(member(ME, PFLEGEKINDERDIENST), member("amt", JUGENDAMT));

        assertThat(pkd.assignable("bedarf-einrichtung", ME, staff)).isEmpty();
    }

    static StaffMember member(String id, String... groups) {
        return new StaffMember(new Person(id, "Person " + id), List.of(groups));
    }
}
