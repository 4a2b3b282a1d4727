package de.fachkraftallianz.store;

import static de.fachkraftallianz.store.CaseFileMapper.s;

import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.submission.CaseFile.Note;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The submissions as the office reads and changes them. Every change (status, assignment, note) and its history
 * entry are one conditional UpdateItem on the submission item, made on the version the person saw: there is never a
 * change without its history entry, never a silent overwrite of someone else's change, and the local server (which
 * has no transactions) runs exactly what DynamoDB runs. Lists and counts are Queries on the indexes, never a Scan.
 */
public final class OfficeStore {

    /** Query pages read before a filtered sub-list gives up filling the page (bounds one inbox request). */
    static final int MAX_PAGES_PER_LIST = 10;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public OfficeStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** The same table's directory of virtual channels (published entries live on the submission items). */
    public DirectoryStore directory() {
        return new DirectoryStore(dynamoDb, tableName);
    }

    /** The submission, strongly consistent (it may have been changed a moment ago). */
    public Optional<CaseFile> find(String reference) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                    .key(TableKeys.submissionKey(reference)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CaseFileMapper.fromItem(item));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** Records the first opening (the inbox's "unread" mark goes); later openings change nothing. */
    public void markOpened(String reference, Person by, Instant at) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(TableKeys.submissionKey(reference))
                    .updateExpression("SET openedAt = :at, openedBy = :by")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(openedAt)")
                    .expressionAttributeValues(Map.of(":at", s(at.toString()), ":by", s(by.name()))));
        } catch (ConditionalCheckFailedException alreadyOpened) {
            // Someone opened it before.
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** What a change did. */
    public sealed interface Result permits Changed, Conflict, Missing {
    }

    /** Stored; {@code now} is the submission after the change. */
    public record Changed(CaseFile now) implements Result {
    }

    /** Someone else changed it since the version the person saw; {@code now} is how it stands. */
    public record Conflict(CaseFile now) implements Result {
    }

    public record Missing() implements Result {
    }

    /** Moves the submission to {@code to} (from the status the person saw), with the history entry. */
    public Result changeStatus(String reference, long seenVersion, Status from, Status to, Person by, Instant at,
            String reason, String formId) {
        HistoryEntry entry = new HistoryEntry(at, by, "STATUS", from.name(), to.name(), reason);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", s(to.name()));
        values.put(":from", s(from.name()));
        values.put(":g1", s(TableKeys.formPartition(formId, to)));
        values.put(":g2", s(TableKeys.formStatusPartition(formId, to)));
        return update(reference, seenVersion, entry,
                "SET #status = :to, gsi1pk = :g1, gsi2pk = :g2", " AND #status = :from", values);
    }

    /** Assigns the submission to {@code assignee}, or to nobody (null). */
    public Result assign(String reference, long seenVersion, Person assignee, Person by, Instant at,
            Person previous, String sortKey) {
        HistoryEntry entry = new HistoryEntry(at, by, "ASSIGN", previous == null ? null : previous.name(),
                assignee == null ? null : assignee.name(), null);
        Map<String, AttributeValue> values = new HashMap<>();
        if (assignee == null) {
            return update(reference, seenVersion, entry, "REMOVE assigneeId, assigneeName, gsi3pk, gsi3sk SET ",
                    "", values);
        }
        values.put(":id", s(assignee.id()));
        values.put(":name", s(assignee.name()));
        values.put(":g3", s(TableKeys.assigneePartition(assignee.id())));
        values.put(":s3", s(sortKey));
        return update(reference, seenVersion, entry,
                "SET assigneeId = :id, assigneeName = :name, gsi3pk = :g3, gsi3sk = :s3", "", values);
    }

    /** Adds a note (and its history entry). */
    public Result addNote(String reference, long seenVersion, String text, Person by, Instant at) {
        HistoryEntry entry = new HistoryEntry(at, by, "NOTE", null, null, text);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":note", AttributeValue.fromL(List.of(CaseFileMapper.note(new Note(at, by, text)))));
        return update(reference, seenVersion, entry,
                "SET notes = list_append(if_not_exists(notes, :empty), :note)", "", values);
    }

    /**
     * The one write of every change: the change itself ({@code change}, an UpdateExpression's SET/REMOVE part), the
     * version counted up and the history entry appended, on condition that the version is still the one seen.
     */
    Result update(String reference, long seenVersion, HistoryEntry entry, String change, String condition,
            Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":seen", AttributeValue.fromN(Long.toString(seenVersion)));
        all.put(":one", AttributeValue.fromN("1"));
        all.put(":entry", AttributeValue.fromL(List.of(CaseFileMapper.entry(entry))));
        all.put(":empty", AttributeValue.fromL(List.of()));
        String common = "version = version + :one, history = list_append(if_not_exists(history, :empty), :entry)";
        String expression = change.endsWith("SET ") ? change + common : change + ", " + common;
        Map<String, String> names = new HashMap<>();
        if (expression.contains("#status") || condition.contains("#status")) {
            names.put("#status", "status");
        }
        try {
            UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(tableName)
                    .key(TableKeys.submissionKey(reference))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(pk) AND version = :seen" + condition)
                    .expressionAttributeValues(all)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            if (!names.isEmpty()) {
                request.expressionAttributeNames(names);
            }
            UpdateItemResponse response = dynamoDb.updateItem(request.build());
            return new Changed(CaseFileMapper.fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            // DynamoDB returns the item as it stands; the local server does not, so read it then.
            Optional<CaseFile> now = e.hasItem() && !e.item().isEmpty()
                    ? Optional.of(CaseFileMapper.fromItem(e.item())) : find(reference);
            return now.<Result>map(Conflict::new).orElseGet(Missing::new);
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * A page of the inbox: one Query per form (or one on the person's assignments), each on the index that holds
     * exactly what is asked, merged newest first. Stable under new arrivals: the cursor is the sort key of the last
     * row shown, and anything newer never reaches a later page.
     */
    public Inbox.Page inbox(Inbox.Query query) {
        List<Inbox.Row> rows = new ArrayList<>();
        if (query.assignee().isPresent()) {
            rows.addAll(list(TableKeys.GSI_BY_ASSIGNEE, TableKeys.GSI3_PK, TableKeys.GSI3_SK,
                    TableKeys.assigneePartition(query.assignee().get()), query, true));
        } else {
            for (String formId : query.formIds()) {
                if (query.status().isPresent()) {
                    rows.addAll(list(TableKeys.GSI_BY_FORM_STATUS, TableKeys.GSI2_PK, TableKeys.GSI2_SK,
                            TableKeys.formStatusPartition(formId, query.status().get()), query, false));
                } else {
                    rows.addAll(list(TableKeys.GSI_BY_FORM, TableKeys.GSI1_PK, TableKeys.GSI1_SK,
                            TableKeys.formPartition(formId, false), query, false));
                    if (query.withSpam()) {
                        rows.addAll(list(TableKeys.GSI_BY_FORM, TableKeys.GSI1_PK, TableKeys.GSI1_SK,
                                TableKeys.formPartition(formId, true), query, false));
                    }
                }
            }
        }
        rows.sort(Comparator.comparing(Inbox.Row::sortKey).reversed());
        boolean more = rows.size() > query.pageSize();
        List<Inbox.Row> page = List.copyOf(rows.subList(0, Math.min(rows.size(), query.pageSize())));
        return new Inbox.Page(page, more ? Optional.of(page.get(page.size() - 1).sortKey()) : Optional.empty());
    }

    /** Up to pageSize + 1 rows of one index partition that pass the query's filters, newest first. */
    private List<Inbox.Row> list(String index, String pkName, String skName, String partition, Inbox.Query query,
            boolean byAssignee) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#pk", pkName);
        values.put(":pk", s(partition));
        String key = "#pk = :pk";
        String lower = query.from().map(Instant::toString).orElse(null);
        String upper = query.before().or(() -> query.until().map(Instant::toString)).orElse(null);
        if (query.before().isPresent() && query.until().isPresent()
                && query.until().get().toString().compareTo(query.before().get()) < 0) {
            upper = query.until().get().toString();
        }
        if (lower != null || upper != null) {
            // DynamoDB refuses a name the expressions do not use.
            names.put("#sk", skName);
        }
        if (lower != null && upper != null) {
            key += " AND #sk BETWEEN :lo AND :hi";
            values.put(":lo", s(lower));
            values.put(":hi", s(upper));
        } else if (lower != null) {
            key += " AND #sk >= :lo";
            values.put(":lo", s(lower));
        } else if (upper != null) {
            key += " AND #sk < :hi";
            values.put(":hi", s(upper));
        }
        List<String> filters = new ArrayList<>();
        if (query.unassigned()) {
            filters.add("attribute_not_exists(assigneeId)");
        }
        if (byAssignee) {
            names.put("#form", "formId");
            List<String> forms = new ArrayList<>();
            for (int i = 0; i < query.formIds().size(); i++) {
                forms.add(":f" + i);
                values.put(":f" + i, s(query.formIds().get(i)));
            }
            filters.add("#form IN (" + String.join(", ", forms) + ")");
            if (query.status().isPresent()) {
                names.put("#status", "status");
                filters.add("#status = :status");
                values.put(":status", s(query.status().get().name()));
            } else if (!query.withSpam()) {
                names.put("#status", "status");
                filters.add("NOT #status IN (:spam1, :spam2)");
                values.put(":spam1", s(Status.SUSPECTED_SPAM.name()));
                values.put(":spam2", s(Status.SPAM.name()));
            }
        }
        String filter = filters.isEmpty() ? null : String.join(" AND ", filters);
        String until = query.until().map(Instant::toString).orElse(null);
        String before = query.before().orElse(null);

        List<Inbox.Row> rows = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        for (int pages = 0; pages < MAX_PAGES_PER_LIST && rows.size() <= query.pageSize(); pages++) {
            QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).indexName(index)
                    .keyConditionExpression(key).expressionAttributeNames(names).expressionAttributeValues(values)
                    .scanIndexForward(false).limit(query.pageSize() + 1);
            if (filter != null) {
                request.filterExpression(filter);
            }
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = query(request.build());
            for (Map<String, AttributeValue> item : response.items()) {
                String sortKey = item.get(skName).s();
                // BETWEEN includes its upper end: the cursor's own row and rows at "until" belong elsewhere.
                if ((before != null && sortKey.compareTo(before) >= 0) || (until != null && sortKey.compareTo(until) >= 0)) {
                    continue;
                }
                rows.add(row(item, sortKey));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            if (start == null) {
                break;
            }
        }
        return rows.size() > query.pageSize() + 1 ? rows.subList(0, query.pageSize() + 1) : rows;
    }

    private static Inbox.Row row(Map<String, AttributeValue> item, String sortKey) {
        return new Inbox.Row(item.get("reference").s(), item.get("formId").s(), Status.valueOf(item.get("status").s()),
                Instant.parse(item.get("createdAt").s()), text(item, "assigneeId"), text(item, "assigneeName"),
                text(item, "urgency"), !item.containsKey("openedAt"), sortKey);
    }

    /**
     * How many submissions of the forms are in each of the given statuses: a COUNT Query per form and status on the
     * index by form and status. Asked for the open statuses only (new, in progress, suspected spam), a count reads
     * the index entries of the work that waits, never the closed submissions that pile up over the retention period;
     * nothing is maintained beside the submissions, so nothing can drift from them.
     */
    public Map<Status, Integer> counts(List<String> formIds, List<Status> statuses) {
        Map<Status, Integer> counts = new LinkedHashMap<>();
        for (Status status : statuses) {
            int count = 0;
            for (String formId : formIds) {
                count += count(TableKeys.formStatusPartition(formId, status));
            }
            counts.put(status, count);
        }
        return counts;
    }

    private int count(String partition) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(tableName)
                    .indexName(TableKeys.GSI_BY_FORM_STATUS).select(Select.COUNT)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.GSI2_PK))
                    .expressionAttributeValues(Map.of(":pk", s(partition)));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = query(request.build());
            count += response.count();
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** Remembers who signed in, with their groups, so colleagues can assign to them. */
    public void saveStaff(Person person, List<String> groups, Instant at) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(Map.of(
                    TableKeys.PK, s(TableKeys.STAFF), TableKeys.SK, s(person.id()),
                    "name", s(person.name()), "groups", AttributeValue.fromL(groups.stream().map(CaseFileMapper::s).toList()),
                    "lastLogin", s(at.toString()))));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** A member of staff who has signed in at least once. */
    public record StaffMember(Person person, List<String> groups) {
    }

    public List<StaffMember> staff() {
        List<StaffMember> staff = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(tableName)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.PK))
                    .expressionAttributeValues(Map.of(":pk", s(TableKeys.STAFF)));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = query(request.build());
            for (Map<String, AttributeValue> item : response.items()) {
                staff.add(new StaffMember(new Person(item.get(TableKeys.SK).s(), item.get("name").s()),
                        item.get("groups").l().stream().map(AttributeValue::s).toList()));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        staff.sort(Comparator.comparing(m -> m.person().name()));
        return staff;
    }

    private QueryResponse query(QueryRequest request) {
        try {
            return dynamoDb.query(request);
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
