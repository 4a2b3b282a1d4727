package de.fachkraftallianz.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One form, as declared in {@code forms/<id>.json}: the single source for the HTML form and its validation.
 */
public record FormDefinition(
        String id,
        String title,
        String recipient,
        String purpose,
        String intro,
        String submitLabel,
        int retentionDays,
        Thanks thanks,
        List<Link> breadcrumbs,
        List<Section> sections,
        List<Rule> rules) {

    public record Thanks(String title, String text) {
    }

    public record Section(String legend, String hint, List<Field> fields) {
    }

    public record Option(String value, String label) {
    }

    public record Link(String href, String text) {
    }

    /**
     * A question asked only when an earlier choice has one of some values: {@code field} (a radio, select or check box
     * group before it) has, or for check boxes contains, one of {@code values}. Otherwise it is not shown (with the
     * script) and its value is ignored; without the script it is shown with {@code note}, which says when to answer it.
     */
    public record ShowIf(String field, List<String> values, String note) {

        public boolean holds(Map<String, List<String>> values) {
            List<String> given = values.get(field);
            if (given == null) {
                return false;
            }
            for (String value : given) {
                if (this.values.contains(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    public record Field(
            String name,
            FieldType type,
            String label,
            String hint,
            boolean required,
            Integer maxLength,
            Integer min,
            Integer max,
            boolean notInPast,
            String pattern,
            String patternMessage,
            String autocomplete,
            List<Option> options,
            Link link,
            ShowIf showIf,
            boolean published,
            Map<String, String> messages,
            String summary) {

        /**
         * What an overview of the answers calls the question (review, confirmation, office page, CSV): the optional
         * {@code summary} where the label is a sentence to tick ("Senden Sie mir …"), else the label.
         */
        public String summaryLabel() {
            return summary != null ? summary : label;
        }

        public Optional<Option> option(String value) {
            for (Option option : options) {
                if (option.value().equals(value)) {
                    return Optional.of(option);
                }
            }
            return Optional.empty();
        }
    }

    /** A rule across fields: {@code dateOrder}, {@code requiredIf}, {@code atLeastOne} or {@code withinDays}. */
    public sealed interface Rule {
        String message();

        /** The fields the rule reads. */
        List<String> fields();
    }

    /** {@code until} must not be before {@code from} (checked when both are valid dates). */
    public record DateOrder(String from, String until, String message) implements Rule {
        @Override
        public List<String> fields() {
            return List.of(from, until);
        }
    }

    /** {@code field} is required when {@code when} has (or, for check boxes, contains) the value {@code equals}. */
    public record RequiredIf(String field, String when, String equals, String message) implements Rule {
        @Override
        public List<String> fields() {
            return List.of(field, when);
        }
    }

    /** At least one of {@code fields} must be filled; the error is reported on the first. */
    public record AtLeastOne(List<String> fields, String message) implements Rule {
    }

    /**
     * When {@code when} has the value {@code equals}, the date {@code field} must lie at most {@code days} days after
     * today (so "urgent" and a start date months away cannot both be said).
     */
    public record WithinDays(String field, String when, String equals, int days, String message) implements Rule {
        @Override
        public List<String> fields() {
            return List.of(field, when);
        }
    }

    /** Every field, in the order the form shows them. */
    public List<Field> fields() {
        List<Field> all = new ArrayList<>();
        for (Section section : sections) {
            all.addAll(section.fields());
        }
        return all;
    }

    public Optional<Field> field(String name) {
        for (Section section : sections) {
            for (Field field : section.fields()) {
                if (field.name().equals(name)) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }
}
