package de.fachkraftallianz.directory;

import de.fachkraftallianz.Json;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entries as JSON ({@code [{"slug", "checked", "example", "fields": {name: [values]}}]}): the examples in the
 * publisher's kit, and a set of entries given to a bake (tests, the benchmark's 500 entries).
 */
public final class EntryJson {

    private EntryJson() {
    }

    public static List<Object> toJson(List<Entry> entries) {
        List<Object> list = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slug", entry.slug());
            m.put("checked", entry.checked().toString());
            m.put("example", entry.example());
            m.put("fields", new LinkedHashMap<>(entry.fields()));
            list.add(m);
        }
        return list;
    }

    public static String write(List<Entry> entries) {
        return Json.write(toJson(entries));
    }

    /** Entries from what {@link #toJson} wrote (already parsed). */
    @SuppressWarnings("unchecked")
    public static List<Entry> fromJson(Object json) throws IOException {
        if (!(json instanceof List<?> items)) {
            throw new IOException("a JSON array of entries expected");
        }
        List<Entry> entries = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m) || !(m.get("fields") instanceof Map<?, ?> rawFields)) {
                throw new IOException("an entry is an object with slug, checked, example and fields");
            }
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (Map.Entry<?, ?> field : rawFields.entrySet()) {
                List<String> values = new ArrayList<>();
                if (field.getValue() instanceof List<?> list) {
                    for (Object value : list) {
                        values.add(String.valueOf(value));
                    }
                } else {
                    values.add(String.valueOf(field.getValue()));
                }
                fields.put(String.valueOf(field.getKey()), values);
            }
            try {
                entries.add(new Entry(String.valueOf(m.get("slug")), fields, LocalDate.parse(String.valueOf(m.get("checked"))),
                        Boolean.TRUE.equals(m.get("example"))));
            } catch (RuntimeException e) {
                throw new IOException("unusable entry " + m.get("slug") + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }

    public static List<Entry> read(byte[] json) throws IOException {
        return fromJson(Json.read(json));
    }
}
