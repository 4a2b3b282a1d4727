package de.fachkraftallianz.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One channel of the directory as the site shows it: the public answers of a {@code beratungsangebot} submission as
 * the office published them (field name of the form -> values), the entry's address segment, the day the office last
 * checked it, and whether it is a made-up example (local runs and tests only; never links, never a phone number).
 */
public record Entry(String slug, Map<String, List<String>> fields, LocalDate checked, boolean example) {

    public Entry {
        Objects.requireNonNull(checked, "checked");
        if (!Directory.usableSlug(slug)) {
            throw new IllegalArgumentException("not usable as an entry's address: " + slug);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((name, values) -> {
            List<String> kept = new ArrayList<>();
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    kept.add(value);
                }
            }
            if (!kept.isEmpty()) {
                copy.put(name, List.copyOf(kept));
            }
        });
        fields = java.util.Collections.unmodifiableMap(copy);
    }

    /** The first value of a field, or null. */
    public String value(String field) {
        List<String> values = fields.get(field);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> values(String field) {
        return fields.getOrDefault(field, List.of());
    }

    public String title() {
        return value(Directory.TITLE);
    }

    public String url() {
        return Directory.entryUrl(slug);
    }
}
