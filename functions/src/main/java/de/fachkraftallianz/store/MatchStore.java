package de.fachkraftallianz.store;

import static de.fachkraftallianz.store.CaseFileMapper.s;

import de.fachkraftallianz.matching.Facts;
import de.fachkraftallianz.matching.Listed;
import de.fachkraftallianz.matching.Match;
import de.fachkraftallianz.matching.MatchFile;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.submission.Status;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Matching in the table: the reads (one request or offer; the open ones of a form through the index by form and
 * status; contact details of the offers shown; the week's match log) and the steps of the match protocol, each ONE
 * conditional UpdateItem on ONE item. No transactions: MatchService chains the steps so that every state between two
 * of them is safe and can be finished by running the same match again or by the repair (see the README, "Matching").
 *
 * <p>Each step returns whether its condition held (false: the caller reads the item and decides); a failure to reach
 * the table is a {@link StoreUnavailableException}.
 */
public final class MatchStore {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** How long a week's match log is kept (then DynamoDB's TTL removes it). */
    private static final Duration LOG_KEPT = Duration.ofDays(400);
    private static final String HISTORY = "history = list_append(if_not_exists(history, :empty), :h)";
    private static final String VERSION = "version = version + :one";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public MatchStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** On the office's client and table. */
    public MatchStore(OfficeStore office) {
        this(office.dynamoDb, office.tableName);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading
    // ---------------------------------------------------------------------------------------------------------------

    /** A request or offer with its matching attributes, strongly consistent. */
    public Optional<MatchFile> find(String reference) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                    .key(TableKeys.submissionKey(reference)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(MatchMapper.fromItem(item));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * The open (new or in progress) submissions of a form, oldest first: a Query per status on the index by form and
     * status, every page. Bounded by the open backlog; closed submissions are never read.
     */
    public List<Listed> open(String formId) {
        List<Listed> rows = new ArrayList<>();
        for (Status status : List.of(Status.NEW, Status.IN_PROGRESS)) {
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder request = QueryRequest.builder().tableName(tableName)
                        .indexName(TableKeys.GSI_BY_FORM_STATUS).keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", TableKeys.GSI2_PK))
                        .expressionAttributeValues(Map.of(":pk", s(TableKeys.formStatusPartition(formId, status))));
                if (start != null) {
                    request.exclusiveStartKey(start);
                }
                QueryResponse response = query(request.build());
                for (Map<String, AttributeValue> item : response.items()) {
                    rows.add(MatchMapper.listed(item));
                }
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return rows;
    }

    /** What an offer's suggestion shows of it: organisation and contact, by reference (one BatchGetItem). */
    public record Contact(String organisation, String person, String phone, String email) {
    }

    public Map<String, Contact> contacts(List<String> references) {
        Map<String, Contact> contacts = new HashMap<>();
        if (references.isEmpty()) {
            return contacts;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String reference : references) {
            keys.add(TableKeys.submissionKey(reference));
        }
        Map<String, KeysAndAttributes> pending = Map.of(tableName, KeysAndAttributes.builder().keys(keys)
                .consistentRead(true)
                .projectionExpression("#r, #d.traeger, #d.ansprechperson, #d.telefon, #d.email")
                .expressionAttributeNames(Map.of("#r", "reference", "#d", "data")).build());
        try {
            for (int round = 0; !pending.isEmpty() && round < 10; round++) {
                Map<String, KeysAndAttributes> asked = pending;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(asked));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    Map<String, AttributeValue> data = item.containsKey("data") ? item.get("data").m() : Map.of();
                    contacts.put(item.get("reference").s(), new Contact(text(data, "traeger"),
                            text(data, "ansprechperson"), text(data, "telefon"), text(data, "email")));
                }
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
        return contacts;
    }

    /**
     * Which of the submissions still exist at {@code now}, with when each was received: in the table and not past
     * their expiry (the office treats an item past it as gone, whether or not it was deleted yet). One BatchGetItem
     * of keys, receipt and expiry only. The receipt tells a case from a later one under the same reference: a
     * reference is derived from the content and the day, so identical content sent again on the day an
     * administrator erased it gets the erased number back, and a match made before that receipt is not its match.
     */
    public Map<String, Instant> present(Collection<String> references, Instant now) {
        Map<String, Instant> present = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String reference : new LinkedHashSet<>(references)) {
            keys.add(TableKeys.submissionKey(reference));
        }
        try {
            for (int from = 0; from < keys.size(); from += 100) {
                Map<String, KeysAndAttributes> pending = Map.of(tableName, KeysAndAttributes.builder()
                        .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true)
                        .projectionExpression("#r, #c, #exp")
                        .expressionAttributeNames(Map.of("#r", "reference", "#c", "createdAt",
                                "#exp", TableKeys.TTL_ATTRIBUTE)).build());
                for (int round = 0; !pending.isEmpty() && round < 10; round++) {
                    Map<String, KeysAndAttributes> asked = pending;
                    BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(asked));
                    for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                        AttributeValue expires = item.get(TableKeys.TTL_ATTRIBUTE);
                        if (expires == null || expires.n() == null
                                || Long.parseLong(expires.n()) > now.getEpochSecond()) {
                            present.put(item.get("reference").s(), Instant.parse(item.get("createdAt").s()));
                        }
                    }
                    pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                }
                if (!pending.isEmpty()) {
                    throw new StoreUnavailableException(new IllegalStateException("keys left unprocessed"));
                }
            }
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
        return present;
    }

    /** How many matches were made in the week starting {@code monday} on requests of the form (one GetItem). */
    public int matchesInWeek(String requestForm, LocalDate monday) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                    .key(TableKeys.matchLogKey(requestForm, monday)).consistentRead(true)).item();
            AttributeValue ids = item == null ? null : item.get("ids");
            return ids == null || !ids.hasSs() ? 0 : ids.ss().size();
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** The Monday (Berlin time) of the week an instant falls in. */
    public static LocalDate monday(Instant at) {
        return LocalDate.ofInstant(at, ZONE).with(DayOfWeek.MONDAY);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The steps
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Gives an item stored before matching existed its facts, counter and empty map of entries, unless it has them
     * (any flow's first step on such an item; idempotent).
     */
    public boolean initialise(String reference, String formId, Facts facts) {
        boolean offer = Facts.isOffer(formId);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":facts", MatchMapper.facts(facts));
        values.put(":count", AttributeValue.fromN(Integer.toString(facts.count())));
        values.put(":none", AttributeValue.fromM(Map.of()));
        return update(reference, "SET facts = :facts, #counter = :count, #entries = :none",
                "attribute_exists(pk) AND attribute_not_exists(facts)",
                Map.of("#counter", offer ? TableKeys.FREE : TableKeys.OPEN,
                        "#entries", offer ? TableKeys.ALLOCATIONS : TableKeys.MATCHES), values);
    }

    /**
     * Step 1, on the offer: takes {@code persons} of its free professionals for the match (PENDING), if the offer is
     * open, has that many free and has no entry of this id; its version counts up and its history says so.
     */
    public boolean reserve(Match match, HistoryEntry entry) {
        Map<String, AttributeValue> values = common(entry);
        values.put(":n", number(match.persons()));
        values.put(":entry", MatchMapper.entry(match, true));
        values.put(":marker", AttributeValue.fromSs(List.of(match.settling())));
        values.put(":form", s(Facts.OFFER_FORM));
        values.put(":new", s(Status.NEW.name()));
        values.put(":progress", s(Status.IN_PROGRESS.name()));
        return update(match.offer(),
                "SET #free = #free - :n, #entries.#m = :entry, " + VERSION + ", " + HISTORY + " ADD unsettled :marker",
                "attribute_exists(pk) AND formId = :form AND #status IN (:new, :progress) AND #free >= :n"
                        + " AND attribute_not_exists(#entries.#m)",
                Map.of("#free", TableKeys.FREE, "#entries", TableKeys.ALLOCATIONS, "#m", match.id(), "#status", "status"),
                values);
    }

    /**
     * Step 2, on the request, the decision: the match exists (ACTIVE) and its professionals leave the open need, if
     * the request still has the status seen ({@code seen}, new or in progress), needs that many and has no entry of
     * this id. A new request moves to "in progress" in the same write ({@code entries} then holds both history
     * entries).
     */
    public boolean commit(Match match, Status seen, List<HistoryEntry> entries) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", number(1));
        values.put(":empty", AttributeValue.fromL(List.of()));
        List<AttributeValue> history = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            history.add(CaseFileMapper.entry(entry));
        }
        values.put(":h", AttributeValue.fromL(history));
        values.put(":n", number(match.persons()));
        values.put(":entry", MatchMapper.entry(match.with(Match.State.ACTIVE), false));
        values.put(":seen", s(seen.name()));
        String change = "SET #open = #open - :n, #entries.#m = :entry, " + VERSION + ", " + HISTORY;
        if (seen == Status.NEW) {
            values.put(":progress", s(Status.IN_PROGRESS.name()));
            values.put(":g1", s(TableKeys.formPartition(match.requestForm(), Status.IN_PROGRESS)));
            values.put(":g2", s(TableKeys.formStatusPartition(match.requestForm(), Status.IN_PROGRESS)));
            change += ", #status = :progress, gsi1pk = :g1, gsi2pk = :g2";
        }
        return update(match.request(), change,
                "attribute_exists(pk) AND #status = :seen AND #open >= :n AND attribute_not_exists(#entries.#m)",
                Map.of("#open", TableKeys.OPEN, "#entries", TableKeys.MATCHES, "#m", match.id(), "#status", "status"),
                values);
    }

    /**
     * On the request: records that the match never came about (ABORTED), unless the request has an entry of this id
     * already. After this no commit of the id can succeed, so the offer may give its reservation back.
     */
    public boolean abort(Match match) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":entry", MatchMapper.entry(match.with(Match.State.ABORTED), false));
        return update(match.request(), "SET #entries.#m = :entry",
                "attribute_exists(pk) AND attribute_not_exists(#entries.#m)",
                Map.of("#entries", TableKeys.MATCHES, "#m", match.id()), values);
    }

    /** The week's match log of the request's form, with the match (add) or without it: a set, so idempotent. */
    public void log(Match match, boolean add) {
        LocalDate monday = monday(match.at());
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":id", AttributeValue.fromSs(List.of(match.id())));
        String expression;
        if (add) {
            values.put(":ttl", number(monday.atStartOfDay(ZONE).toInstant().plus(LOG_KEPT).getEpochSecond()));
            expression = "ADD ids :id SET " + TableKeys.TTL_ATTRIBUTE + " = :ttl";
        } else {
            expression = "DELETE ids :id";
        }
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(tableName)
                    .key(TableKeys.matchLogKey(match.requestForm(), monday))
                    .updateExpression(expression).expressionAttributeValues(values).build());
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** Step 3, on the offer: the reservation becomes the match (PENDING to ACTIVE); the marker goes. */
    public boolean activate(Match match) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":active", s(Match.State.ACTIVE.name()));
        values.put(":pending", s(Match.State.PENDING.name()));
        values.put(":marker", AttributeValue.fromSs(List.of(match.settling())));
        return update(match.offer(), "SET #entries.#m.#state = :active REMOVE #entries.#m.settling DELETE unsettled :marker",
                "#entries.#m.#state = :pending",
                Map.of("#entries", TableKeys.ALLOCATIONS, "#m", match.id(), "#state", "state"), values);
    }

    /**
     * On the offer: gives a reservation back (PENDING to RELEASED), its professionals free again; only after the
     * request recorded that the match does not exist.
     */
    public boolean release(Match match, HistoryEntry entry) {
        Map<String, AttributeValue> values = common(entry);
        values.put(":n", number(match.persons()));
        values.put(":released", s(Match.State.RELEASED.name()));
        values.put(":pending", s(Match.State.PENDING.name()));
        values.put(":marker", AttributeValue.fromSs(List.of(match.settling())));
        return update(match.offer(), "SET #free = #free + :n, #entries.#m.#state = :released, " + VERSION + ", "
                        + HISTORY + " REMOVE #entries.#m.settling DELETE unsettled :marker",
                "#entries.#m.#state = :pending",
                Map.of("#free", TableKeys.FREE, "#entries", TableKeys.ALLOCATIONS, "#m", match.id(), "#state", "state"),
                values);
    }

    /**
     * Cancelling, step 1, on the offer: marks the match CANCELLING (its professionals stay taken until the request has
     * let it go), with who cancelled and why, so anyone can finish it.
     */
    public boolean beginCancel(Match cancelling) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":cancelling", s(Match.State.CANCELLING.name()));
        values.put(":active", s(Match.State.ACTIVE.name()));
        values.put(":marker", AttributeValue.fromSs(List.of(cancelling.settling())));
        values.put(":settling", s(cancelling.settling()));
        values.put(":at", s(cancelling.cancelled().toString()));
        values.put(":byId", s(cancelling.cancelledBy().id()));
        values.put(":byName", s(cancelling.cancelledBy().name()));
        String change = "SET #entries.#m.#state = :cancelling, #entries.#m.settling = :settling, "
                + "#entries.#m.cancelled = :at, #entries.#m.cancelledById = :byId, #entries.#m.cancelledByName = :byName";
        if (cancelling.reason() != null) {
            values.put(":reason", s(cancelling.reason()));
            change += ", #entries.#m.reason = :reason";
        }
        return update(cancelling.offer(), change + " ADD unsettled :marker", "#entries.#m.#state = :active",
                Map.of("#entries", TableKeys.ALLOCATIONS, "#m", cancelling.id(), "#state", "state"), values);
    }

    /** Cancelling, step 2, on the request, the decision: the match no longer exists, its professionals are needed again. */
    public boolean cancelOnRequest(Match cancelling, HistoryEntry entry) {
        Map<String, AttributeValue> values = common(entry);
        values.put(":n", number(cancelling.persons()));
        values.put(":cancelled", s(Match.State.CANCELLED.name()));
        values.put(":active", s(Match.State.ACTIVE.name()));
        values.put(":at", s(cancelling.cancelled().toString()));
        // Who cancelled and why, on the deciding record too: the matches export reads the requests only.
        values.put(":byId", s(cancelling.cancelledBy().id()));
        values.put(":byName", s(cancelling.cancelledBy().name()));
        String reason = "";
        if (cancelling.reason() != null) {
            values.put(":reason", s(cancelling.reason()));
            reason = "#entries.#m.reason = :reason, ";
        }
        return update(cancelling.request(), "SET #open = #open + :n, #entries.#m.#state = :cancelled, "
                        + "#entries.#m.cancelled = :at, #entries.#m.cancelledById = :byId, "
                        + "#entries.#m.cancelledByName = :byName, " + reason + VERSION + ", " + HISTORY,
                "#entries.#m.#state = :active",
                Map.of("#open", TableKeys.OPEN, "#entries", TableKeys.MATCHES, "#m", cancelling.id(), "#state", "state"),
                values);
    }

    /** Cancelling, step 3, on the offer: CANCELLING to CANCELLED, its professionals free again; the marker goes. */
    public boolean finishCancel(Match cancelling, HistoryEntry entry) {
        Map<String, AttributeValue> values = common(entry);
        values.put(":n", number(cancelling.persons()));
        values.put(":cancelled", s(Match.State.CANCELLED.name()));
        values.put(":cancelling", s(Match.State.CANCELLING.name()));
        values.put(":marker", AttributeValue.fromSs(List.of(cancelling.settling())));
        return update(cancelling.offer(), "SET #free = #free + :n, #entries.#m.#state = :cancelled, " + VERSION + ", "
                        + HISTORY + " REMOVE #entries.#m.settling DELETE unsettled :marker",
                "#entries.#m.#state = :cancelling",
                Map.of("#free", TableKeys.FREE, "#entries", TableKeys.ALLOCATIONS, "#m", cancelling.id(), "#state", "state"),
                values);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Map<String, AttributeValue> common(HistoryEntry entry) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", number(1));
        values.put(":empty", AttributeValue.fromL(List.of()));
        values.put(":h", AttributeValue.fromL(List.of(CaseFileMapper.entry(entry))));
        return values;
    }

    private boolean update(String reference, String change, String condition, Map<String, String> names,
            Map<String, AttributeValue> values) {
        try {
            UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(tableName)
                    .key(TableKeys.submissionKey(reference))
                    .updateExpression(change)
                    .conditionExpression(condition)
                    .expressionAttributeNames(new LinkedHashMap<>(names))
                    .expressionAttributeValues(values);
            dynamoDb.updateItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private QueryResponse query(QueryRequest request) {
        try {
            return dynamoDb.query(request);
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String text(Map<String, AttributeValue> m, String name) {
        AttributeValue value = m.get(name);
        return value == null ? null : value.s();
    }
}
