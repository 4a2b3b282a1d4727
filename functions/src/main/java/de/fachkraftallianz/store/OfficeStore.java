package de.fachkraftallianz.store;

import static de.fachkraftallianz.store.CaseFileMapper.s;

import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.Notification;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.submission.CaseFile.Note;
import de.fachkraftallianz.submission.CaseFile.Person;
import de.fachkraftallianz.submission.Retention;
import de.fachkraftallianz.submission.Status;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import java.time.Clock;
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

    final DynamoDbClient dynamoDb;
    final String tableName;
    final Clock clock;

    public OfficeStore(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, Clock.systemUTC());
    }

    /** @param clock decides what is past its expiry */
    public OfficeStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
    }

    /** The same table's directory of virtual channels (published entries live on the submission items). */
    public DirectoryStore directory() {
        return new DirectoryStore(dynamoDb, tableName, clock);
    }

    /**
     * The submission, strongly consistent (it may have been changed a moment ago); empty if there is none, or if it
     * is past its expiry (DynamoDB may not have deleted it yet: it is gone all the same).
     */
    public Optional<CaseFile> find(String reference) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                    .key(TableKeys.submissionKey(reference)).consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                return Optional.empty();
            }
            CaseFile file = CaseFileMapper.fromItem(item);
            return Retention.expired(file.expiresAt(), clock.instant()) ? Optional.empty() : Optional.of(file);
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * Records that the submission was opened in {@code groups} (the inbox's "unread" mark goes for them, not for
     * another department that sees it too); the first opening's time and person stay. The caller asks only when one
     * of the groups had not opened it yet, so reading a case already read writes nothing.
     */
    public void markOpened(String reference, java.util.Collection<String> groups, Person by, Instant at) {
        if (groups.isEmpty()) {
            return;
        }
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(TableKeys.submissionKey(reference))
                    .updateExpression("ADD openedIn :groups SET openedAt = if_not_exists(openedAt, :at), "
                            + "openedBy = if_not_exists(openedBy, :by)")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":at", s(at.toString()), ":by", s(by.name()),
                            ":groups", AttributeValue.fromSs(List.copyOf(new java.util.LinkedHashSet<>(groups))))));
        } catch (ConditionalCheckFailedException gone) {
            // Erased or swept meanwhile: nothing to mark.
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

    /**
     * Moves the submission to {@code to} (from the status the person saw), with the history entry, and sets or
     * clears its expiry in the same write ({@link Retention#onMove}: closing starts the form's retention period).
     * A submission whose entry is in the directory of virtual channels gets no expiry on closing: retention must not
     * delete a channel the site still lists. Its retention period starts when the entry is withdrawn
     * ({@link DirectoryStore#unpublish}).
     */
    public Result changeStatus(String reference, long seenVersion, Status from, Status to, Person by, Instant at,
            String reason, String formId, int retentionDays) {
        HistoryEntry entry = new HistoryEntry(at, by, "STATUS", from.name(), to.name(), reason);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", s(to.name()));
        values.put(":from", s(from.name()));
        values.put(":g1", s(TableKeys.formPartition(formId, to)));
        values.put(":g2", s(TableKeys.formStatusPartition(formId, to)));
        String move = "#status = :to, gsi1pk = :g1, gsi2pk = :g2";
        Instant expiresAt = Retention.onMove(to, at, retentionDays);
        if (expiresAt == null) {
            return update(reference, seenVersion, entry, "REMOVE " + TableKeys.TTL_ATTRIBUTE + ", " + TableKeys.GSI5_PK
                    + ", " + TableKeys.GSI5_SK + " SET " + move, " AND #status = :from", values);
        }
        Map<String, AttributeValue> expiring = new HashMap<>(values);
        Map<String, AttributeValue> expiry = SubmissionMapper.expiry(expiresAt);
        expiring.put(":exp", expiry.get(TableKeys.TTL_ATTRIBUTE));
        expiring.put(":g5", expiry.get(TableKeys.GSI5_PK));
        expiring.put(":s5", expiry.get(TableKeys.GSI5_SK));
        Result result = update(reference, seenVersion, entry, "SET " + move + ", " + TableKeys.TTL_ATTRIBUTE
                + " = :exp, " + TableKeys.GSI5_PK + " = :g5, " + TableKeys.GSI5_SK + " = :s5",
                " AND #status = :from AND attribute_not_exists(" + TableKeys.GSI6_PK + ")", expiring);
        if (result instanceof Conflict conflict && conflict.now().version() == seenVersion
                && conflict.now().status() == from) {
            // Still as the person saw it: refused only because its entry is listed in the directory. It closes
            // without an expiry (nothing is written by the refused attempt, so this is still the one write).
            return update(reference, seenVersion, entry, "SET " + move,
                    " AND #status = :from AND attribute_exists(" + TableKeys.GSI6_PK + ")", values);
        }
        return result;
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
     * Sends the notifications the notifier gave up on again: they go back into the outbox, due now, never tried, and
     * the item back into the outbox index's work partition; with the history entry. {@code which} is what the person
     * saw ({@link CaseFile#undelivered()} of {@code seenVersion}); the version condition makes sure it still is.
     */
    public Result resendNotifications(String reference, long seenVersion, List<Notification> which, Person by,
            Instant at) {
        Map<String, AttributeValue> outbox = new HashMap<>();
        Map<String, String> names = new HashMap<>(Map.of("#failed", OutboxMapper.FAILED, "#outbox", OutboxMapper.OUTBOX,
                "#gp", TableKeys.GSI4_PK));
        List<String> removes = new ArrayList<>();
        for (int i = 0; i < which.size(); i++) {
            outbox.put(which.get(i).key(), AttributeValue.fromM(Map.of(
                    OutboxMapper.ATTEMPTS, AttributeValue.fromN("0"),
                    OutboxMapper.NEXT_ATTEMPT_AT, AttributeValue.fromS(at.toString()))));
            names.put("#n" + i, which.get(i).key());
            removes.add("#failed.#n" + i);
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":outbox", AttributeValue.fromM(outbox),
                ":work", AttributeValue.fromS(TableKeys.OUTBOX_PARTITION),
                ":undelivered", AttributeValue.fromS(TableKeys.UNDELIVERED_PARTITION)));
        HistoryEntry entry = new HistoryEntry(at, by, NOTIFY, null, RESENT, keys(which));
        return update(reference, seenVersion, entry,
                "REMOVE " + String.join(", ", removes) + " SET #outbox = :outbox, #gp = :work",
                " AND #gp = :undelivered AND attribute_not_exists(#outbox)", values, names);
    }

    /** Decides not to send the given-up notifications again: the item leaves the office's list; with the history entry. */
    public Result dismissNotifications(String reference, long seenVersion, List<Notification> which, Person by,
            Instant at) {
        HistoryEntry entry = new HistoryEntry(at, by, NOTIFY, null, DISMISSED, keys(which));
        return update(reference, seenVersion, entry, "REMOVE #gp, #gs SET ", " AND #gp = :undelivered",
                Map.of(":undelivered", AttributeValue.fromS(TableKeys.UNDELIVERED_PARTITION)),
                Map.of("#gp", TableKeys.GSI4_PK, "#gs", TableKeys.GSI4_SK));
    }

    /** History action of a decision about undelivered notifications, and its two outcomes. */
    public static final String NOTIFY = "NOTIFY";
    public static final String RESENT = "RESENT";
    public static final String DISMISSED = "DISMISSED";

    private static String keys(List<Notification> which) {
        List<String> keys = new ArrayList<>();
        which.forEach(n -> keys.add(n.key()));
        return String.join(",", keys);
    }

    /** A submission whose given-up notifications wait for an administrator, as the office's list shows it. */
    public record UndeliveredEntry(String reference, String formId, List<CaseFile.Undelivered> undelivered) {
    }

    /**
     * The submissions whose notifications were given up and wait for a decision, newest first, at most {@code limit}
     * (one Query on the outbox index's second partition; nothing past its expiry).
     */
    public List<UndeliveredEntry> undelivered(int limit) {
        List<UndeliveredEntry> entries = new ArrayList<>();
        try {
            QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(tableName)
                    .indexName(TableKeys.GSI_BY_OUTBOX)
                    .keyConditionExpression("#gp = :undelivered")
                    .expressionAttributeNames(Map.of("#gp", TableKeys.GSI4_PK))
                    .expressionAttributeValues(Map.of(":undelivered",
                            AttributeValue.fromS(TableKeys.UNDELIVERED_PARTITION)))
                    .scanIndexForward(false)
                    .limit(limit)
                    .build());
            for (Map<String, AttributeValue> item : response.items()) {
                AttributeValue expires = item.get(TableKeys.TTL_ATTRIBUTE);
                if (expires != null && Retention.expired(Instant.ofEpochSecond(Long.parseLong(expires.n())),
                        clock.instant())) {
                    continue;
                }
                entries.add(new UndeliveredEntry(item.get(TableKeys.PK).s().substring("SUB#".length()),
                        item.get("formId").s(), List.copyOf(OutboxMapper.failedOf(item))));
            }
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
        return entries;
    }

    /**
     * The one write of every change: the change itself ({@code change}, an UpdateExpression's SET/REMOVE part), the
     * version counted up and the history entry appended, on condition that the version is still the one seen.
     */
    Result update(String reference, long seenVersion, HistoryEntry entry, String change, String condition,
            Map<String, AttributeValue> values) {
        return update(reference, seenVersion, entry, change, condition, values, Map.of());
    }

    private Result update(String reference, long seenVersion, HistoryEntry entry, String change, String condition,
            Map<String, AttributeValue> values, Map<String, String> extraNames) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":seen", AttributeValue.fromN(Long.toString(seenVersion)));
        all.put(":one", AttributeValue.fromN("1"));
        all.put(":entry", AttributeValue.fromL(List.of(CaseFileMapper.entry(entry))));
        all.put(":empty", AttributeValue.fromL(List.of()));
        String common = "version = version + :one, history = list_append(if_not_exists(history, :empty), :entry)";
        String expression = change.endsWith("SET ") ? change + common : change + ", " + common;
        Map<String, String> names = new HashMap<>(extraNames);
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
        // Past its expiry is gone, even before DynamoDB's time to live has removed it.
        names.put("#exp", TableKeys.TTL_ATTRIBUTE);
        values.put(":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())));
        filters.add("(attribute_not_exists(#exp) OR #exp > :now)");
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
        // The inbox's columns only: the form index holds whole items (the export reads them), a list needs no answers.
        List<String> columns = new ArrayList<>(TableKeys.INBOX_ATTRIBUTES);
        columns.add(skName);
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            names.put("#c" + i, columns.get(i));
            placeholders.add("#c" + i);
        }
        String projection = String.join(", ", placeholders);
        String until = query.until().map(Instant::toString).orElse(null);
        String before = query.before().orElse(null);

        List<Inbox.Row> rows = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        for (int pages = 0; pages < MAX_PAGES_PER_LIST && rows.size() <= query.pageSize(); pages++) {
            QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).indexName(index)
                    .keyConditionExpression(key).expressionAttributeNames(names).expressionAttributeValues(values)
                    .projectionExpression(projection)
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
                text(item, "urgency"), CaseFileMapper.openedIn(item), sortKey);
    }

    /**
     * Every submission of one form that the query's filters select (status, assigned to, unassigned, received
     * from/until; never past its expiry), newest first, handed to {@code rows} one by one as the pages of the form
     * index arrive: nothing is collected, so an export of any length needs the memory of one page. Suspected spam
     * and spam (their own partition) only if {@code withSpam} or asked for by status. Returns the number of rows.
     */
    public int export(String formId, Inbox.Query query, java.util.function.Consumer<CaseFile> rows) {
        return exportItems(formId, query, item -> rows.accept(CaseFileMapper.fromItem(item)));
    }

    /** The same as {@link #export}, the whole items (the matches export reads what matching keeps on them). */
    public int exportItems(String formId, Inbox.Query query,
            java.util.function.Consumer<Map<String, AttributeValue>> rows) {
        List<Boolean> kinds = query.status().map(status -> List.of(status.isSpam()))
                .orElse(query.withSpam() ? List.of(false, true) : List.of(false));
        int count = 0;
        for (boolean spam : kinds) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            names.put("#pk", TableKeys.GSI1_PK);
            values.put(":pk", s(TableKeys.formPartition(formId, spam)));
            String key = "#pk = :pk";
            if (query.from().isPresent() || query.until().isPresent()) {
                names.put("#sk", TableKeys.GSI1_SK);
                values.put(":lo", s(query.from().map(Instant::toString).orElse("0")));
                // The sort key is <createdAt>#<reference>: "until" (exclusive) as a bare instant sorts below its own
                // rows, so everything before it is below it.
                values.put(":hi", s(query.until().map(Instant::toString).orElse("9")));
                key += " AND #sk BETWEEN :lo AND :hi";
            }
            List<String> filters = new ArrayList<>();
            names.put("#exp", TableKeys.TTL_ATTRIBUTE);
            values.put(":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())));
            filters.add("(attribute_not_exists(#exp) OR #exp > :now)");
            if (query.status().isPresent()) {
                names.put("#status", "status");
                values.put(":status", s(query.status().get().name()));
                filters.add("#status = :status");
            }
            if (query.assignee().isPresent()) {
                values.put(":me", s(query.assignee().get()));
                filters.add("assigneeId = :me");
            }
            if (query.unassigned()) {
                filters.add("attribute_not_exists(assigneeId)");
            }
            String until = query.until().map(Instant::toString).orElse(null);
            String filter = String.join(" AND ", filters);
            String keyCondition = key;
            java.util.function.Function<Map<String, AttributeValue>, QueryRequest> page = start -> {
                QueryRequest.Builder request = QueryRequest.builder().tableName(tableName)
                        .indexName(TableKeys.GSI_BY_FORM).keyConditionExpression(keyCondition).filterExpression(filter)
                        .expressionAttributeNames(names).expressionAttributeValues(values)
                        .scanIndexForward(false).limit(EXPORT_PAGE);
                if (start != null) {
                    request.exclusiveStartKey(start);
                }
                return request.build();
            };
            // The next page is fetched while this one is written: at most two pages in memory, and the export takes
            // about as long as reading the rows, not reading plus writing.
            java.util.concurrent.ExecutorService fetcher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "export-fetch");
                thread.setDaemon(true);
                return thread;
            });
            try {
                java.util.concurrent.Future<QueryResponse> next = fetcher.submit(() -> query(page.apply(null)));
                while (next != null) {
                    QueryResponse response = await(next);
                    Map<String, AttributeValue> start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
                    next = start == null ? null : fetcher.submit(() -> query(page.apply(start)));
                    for (Map<String, AttributeValue> item : response.items()) {
                        if (until != null && item.get(TableKeys.GSI1_SK).s().compareTo(until) >= 0) {
                            continue;
                        }
                        rows.accept(item);
                        count++;
                    }
                }
            } finally {
                fetcher.shutdownNow();
            }
        }
        return count;
    }

    private static QueryResponse await(java.util.concurrent.Future<QueryResponse> page) {
        try {
            return page.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof StoreUnavailableException unavailable) {
                throw unavailable;
            }
            throw new StoreUnavailableException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * Deletes the submission and every item of its partition (whatever else belongs to it lives there), now. The
     * submission item goes last, so an erasure cut short is found again and finished by the next attempt. Returns
     * false if there was no submission.
     */
    public boolean erase(String reference) {
        return erase(reference, null) != Erased.NONE;
    }

    /** What a conditional erasure came to. */
    public enum Erased { ERASED, NONE, CHANGED }

    /**
     * As {@link #erase(String)}, the submission item on condition that its version is still {@code version} (null:
     * whatever it is): CHANGED if someone changed it meanwhile (it is kept; what else its partition held is gone).
     * Erasing a request or offer is conditional on the version its matches were ended at, so a match made meanwhile
     * keeps it until its matches are ended again.
     */
    public Erased erase(String reference, Long version) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).consistentRead(true)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#sk", TableKeys.SK))
                    .expressionAttributeValues(Map.of(":pk", s(TableKeys.submissionPartition(reference))))
                    .projectionExpression("#pk, #sk");
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = query(request.build());
            keys.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        boolean found = keys.stream().anyMatch(k -> TableKeys.SUBMISSION.equals(k.get(TableKeys.SK).s()));
        keys.sort(Comparator.comparing(k -> TableKeys.SUBMISSION.equals(k.get(TableKeys.SK).s())));
        try {
            for (Map<String, AttributeValue> key : keys) {
                if (version != null && TableKeys.SUBMISSION.equals(key.get(TableKeys.SK).s())) {
                    dynamoDb.deleteItem(b -> b.tableName(tableName).key(key).conditionExpression("version = :v")
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version)))));
                } else {
                    dynamoDb.deleteItem(b -> b.tableName(tableName).key(key));
                }
            }
        } catch (ConditionalCheckFailedException e) {
            return Erased.CHANGED;
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
        return found ? Erased.ERASED : Erased.NONE;
    }

    /** Items per page of an export: a few hundred kilobytes, whatever the export's length. */
    static final int EXPORT_PAGE = 250;

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
                    .keyConditionExpression("#pk = :pk")
                    .filterExpression("attribute_not_exists(#exp) OR #exp > :now")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.GSI2_PK, "#exp", TableKeys.TTL_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":pk", s(partition),
                            ":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond()))));
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
