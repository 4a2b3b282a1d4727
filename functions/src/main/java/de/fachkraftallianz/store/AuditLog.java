package de.fachkraftallianz.store;

import static de.fachkraftallianz.store.CaseFileMapper.s;

import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import de.fachkraftallianz.submission.CaseFile.Person;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What the data-protection officer must be able to follow: every export (who, when, which filter, how many rows) and
 * every erasure (which reference, who, when, why), without the personal data they concerned. One partition per
 * month ({@code AUDIT#2026-11}), sorted by time, so a month is one Query. The entries have no expiry: how long the
 * county keeps them is the county's decision (README).
 */
public final class AuditLog {

    public static final String EXPORT = "EXPORT";
    public static final String ERASURE = "ERASURE";

    /** One entry: its key within the month, when, what kind, by whom, and its details (German labels → values). */
    public record Entry(String id, Instant at, String kind, Person by, Map<String, String> details) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public AuditLog(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** The office's months are the county's: an entry made at 00:30 on the 1st in Pirna belongs to the new month. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /** The month (in the county's time) an entry made at {@code at} is filed under. */
    static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(ZONE));
    }

    static String partition(YearMonth month) {
        return "AUDIT#" + month;
    }

    /** The labels of an entry's details in the order they were recorded. */
    static final String ORDER = "detailOrder";

    /** Records an entry; returns its id (for {@link #complete}). */
    public String record(String kind, Person by, Instant at, Map<String, String> details) {
        String id = at + "#" + kind + "#" + UUID.randomUUID();
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(partition(monthOf(at)), id));
        item.put("kind", s(kind));
        item.put("at", s(at.toString()));
        item.put("byId", s(by.id()));
        item.put("byName", s(by.name()));
        item.put("details", details(details));
        // A map keeps no order; the page shows the details in the order they were given.
        item.put(ORDER, AttributeValue.fromL(details.keySet().stream().map(AttributeValue::fromS).toList()));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
        return id;
    }

    /** Adds details to an entry (the number of rows, once an export is written). */
    public void complete(String id, Map<String, String> more) {
        Instant at = Instant.parse(id.substring(0, id.indexOf('#')));
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> detail : more.entrySet()) {
            names.put("#d" + i, detail.getKey());
            values.put(":d" + i, s(detail.getValue()));
            sets.add("details.#d" + i + " = :d" + i);
            i++;
        }
        names.put("#order", ORDER);
        values.put(":order", AttributeValue.fromL(more.keySet().stream().map(AttributeValue::fromS).toList()));
        values.put(":none", AttributeValue.fromL(List.of()));
        sets.add("#order = list_append(if_not_exists(#order, :none), :order)");
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(TableKeys.key(partition(monthOf(at)), id))
                    .updateExpression("SET " + String.join(", ", sets)).conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** A month's entries, newest first. */
    public List<Entry> month(YearMonth month) {
        List<Entry> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(tableName)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableKeys.PK))
                    .expressionAttributeValues(Map.of(":pk", s(partition(month)))).scanIndexForward(false);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response;
            try {
                response = dynamoDb.query(request.build());
            } catch (SdkException e) {
                throw new StoreUnavailableException(e);
            }
            for (Map<String, AttributeValue> item : response.items()) {
                Map<String, AttributeValue> stored = item.get("details").m();
                Map<String, String> details = new LinkedHashMap<>();
                if (item.containsKey(ORDER)) {
                    for (AttributeValue key : item.get(ORDER).l()) {
                        if (stored.containsKey(key.s())) {
                            details.put(key.s(), stored.get(key.s()).s());
                        }
                    }
                }
                stored.forEach((k, v) -> details.putIfAbsent(k, v.s()));
                entries.add(new Entry(item.get(TableKeys.SK).s(), Instant.parse(item.get("at").s()),
                        item.get("kind").s(), new Person(item.get("byId").s(), item.get("byName").s()), details));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    private static AttributeValue details(Map<String, String> details) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        details.forEach((k, v) -> map.put(k, s(v)));
        return AttributeValue.fromM(map);
    }
}
