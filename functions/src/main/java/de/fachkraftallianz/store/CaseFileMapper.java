package de.fachkraftallianz.store;

import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.submission.CaseFile.Note;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A submission item as the office reads it ({@link CaseFile}), and the parts of it a change writes. */
public final class CaseFileMapper {

    private CaseFileMapper() {
    }

    public static CaseFile fromItem(Map<String, AttributeValue> item) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        AttributeValue data = item.get("data");
        if (data != null && data.hasM()) {
            for (Map.Entry<String, AttributeValue> field : data.m().entrySet()) {
                AttributeValue value = field.getValue();
                if (value.s() != null) {
                    values.put(field.getKey(), List.of(value.s()));
                } else if (value.hasL()) {
                    List<String> list = new ArrayList<>();
                    value.l().forEach(v -> list.add(v.s()));
                    values.put(field.getKey(), List.copyOf(list));
                }
            }
        }
        List<HistoryEntry> history = new ArrayList<>();
        if (item.containsKey("history")) {
            for (AttributeValue entry : item.get("history").l()) {
                Map<String, AttributeValue> m = entry.m();
                history.add(new HistoryEntry(Instant.parse(m.get("at").s()), person(m, "by"), m.get("action").s(),
                        text(m, "from"), text(m, "to"), text(m, "text")));
            }
        }
        List<Note> notes = new ArrayList<>();
        if (item.containsKey("notes")) {
            for (AttributeValue entry : item.get("notes").l()) {
                Map<String, AttributeValue> m = entry.m();
                notes.add(new Note(Instant.parse(m.get("at").s()), person(m, "by"), m.get("text").s()));
            }
        }
        return new CaseFile(
                item.get("reference").s(),
                item.get("formId").s(),
                Status.valueOf(item.get("status").s()),
                Instant.parse(item.get("createdAt").s()),
                values,
                text(item, "spamReason"),
                item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0,
                item.containsKey("assigneeId") ? new Person(item.get("assigneeId").s(), text(item, "assigneeName")) : null,
                item.containsKey("openedAt") ? Instant.parse(item.get("openedAt").s()) : null,
                openedIn(item),
                List.copyOf(history),
                List.copyOf(notes),
                item.containsKey(TableKeys.TTL_ATTRIBUTE)
                        ? Instant.ofEpochSecond(Long.parseLong(item.get(TableKeys.TTL_ATTRIBUTE).n())) : null,
                awaitsDecision(item) ? List.copyOf(OutboxMapper.failedOf(item)) : List.of());
    }

    /** The groups in which someone opened the submission ({@code openedIn}, a string set), none if unread. */
    static java.util.Set<String> openedIn(Map<String, AttributeValue> item) {
        AttributeValue groups = item.get("openedIn");
        return groups == null || !groups.hasSs() ? java.util.Set.of() : java.util.Set.copyOf(groups.ss());
    }

    /** Whether the item's given-up notifications wait for an administrator (it sits in the outbox index's second part). */
    static boolean awaitsDecision(Map<String, AttributeValue> item) {
        AttributeValue partition = item.get(TableKeys.GSI4_PK);
        return partition != null && TableKeys.UNDELIVERED_PARTITION.equals(partition.s());
    }

    /** One history entry as a DynamoDB map. */
    static AttributeValue entry(HistoryEntry entry) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("at", s(entry.at().toString()));
        m.put("byId", s(entry.by().id()));
        m.put("byName", s(entry.by().name()));
        m.put("action", s(entry.action()));
        put(m, "from", entry.from());
        put(m, "to", entry.to());
        put(m, "text", entry.text());
        return AttributeValue.fromM(m);
    }

    static AttributeValue note(Note note) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("at", s(note.at().toString()));
        m.put("byId", s(note.by().id()));
        m.put("byName", s(note.by().name()));
        m.put("text", s(note.text()));
        return AttributeValue.fromM(m);
    }

    private static Person person(Map<String, AttributeValue> m, String prefix) {
        return new Person(text(m, prefix + "Id"), text(m, prefix + "Name"));
    }

    private static void put(Map<String, AttributeValue> m, String name, String value) {
        if (value != null) {
            m.put(name, s(value));
        }
    }

    private static String text(Map<String, AttributeValue> m, String name) {
        AttributeValue value = m.get(name);
        return value == null ? null : value.s();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
