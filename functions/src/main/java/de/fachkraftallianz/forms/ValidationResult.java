package de.fachkraftallianz.forms;

import java.util.List;
import java.util.Map;

/**
 * What validation found: the cleaned values of the definition's fields (empty ones left out, dates as ISO
 * yyyy-mm-dd) and every field error with its German message, both in the form's field order.
 */
public record ValidationResult(Map<String, List<String>> values, Map<String, String> errors) {

    public boolean valid() {
        return errors.isEmpty();
    }
}
