package de.fachkraftallianz.store;

import static de.fachkraftallianz.store.CaseFileMapper.s;

import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.store.SubmissionStore.StoreUnavailableException;
import de.fachkraftallianz.submission.CaseFile;
import de.fachkraftallianz.submission.CaseFile.HistoryEntry;
import de.fachkraftallianz.submission.Retention;
import de.fachkraftallianz.submission.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The directory of virtual channels in the table: the one source of truth for what the site shows.
 *
 * <p>A published entry lives on its submission item ({@code publication}: the public fields as the office published
 * them, the address, the day it was last checked), and while it is published the item carries the keys of the sparse
 * index {@code byDirectory}, which holds nothing but the published entries. Publishing, changing, confirming and
 * withdrawing are each one conditional UpdateItem on the submission item, made on the version the person saw, with
 * the history entry appended in the same write ({@link OfficeStore}'s one write of every change): the site's pages
 * are derived from this state, never the other way round. Reading the whole directory is one Query on the index,
 * never a Scan.
 */
public final class DirectoryStore {

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final OfficeStore office;
    private final Clock clock;

    public DirectoryStore(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, Clock.systemUTC());
    }

    /** @param clock decides what is past its expiry */
    public DirectoryStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.office = new OfficeStore(dynamoDb, tableName, clock);
        this.clock = clock;
    }

    /**
     * A submission's entry in the directory: the public fields as last published, its address segment, when it was
     * last checked and published, and whether it is in the directory now (a withdrawn entry keeps its last state).
     */
    public record Publication(String slug, Map<String, List<String>> fields, LocalDate checked, Instant publishedAt,
                              Instant unpublishedAt, boolean published) {
    }

    /** A submission with its entry in the directory, if it ever had one. */
    public record Held(CaseFile file, Optional<Publication> publication) {
    }

    /** A published entry with the submission it belongs to. */
    public record Listed(String reference, Entry entry, Instant publishedAt) {
    }

    /**
     * The submission and its entry, strongly consistent (it may have been changed a moment ago); empty if there is
     * none or it is past its expiry (as {@link OfficeStore#find}).
     */
    public Optional<Held> find(String reference) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                    .key(TableKeys.submissionKey(reference)).consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                return Optional.empty();
            }
            CaseFile file = CaseFileMapper.fromItem(item);
            if (Retention.expired(file.expiresAt(), clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Held(file, PublicationMapper.fromItem(item)));
        } catch (SdkException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * Puts the entry into the directory, or replaces the published one, with its history entry. While published, the
     * submission carries no expiry (neither DynamoDB's time to live nor the sweeper's index key): the entry must not
     * vanish from the table, and so from the site, while it is listed. Closing a published submission sets none
     * either ({@link OfficeStore#changeStatus}); withdrawing it starts its retention period ({@link #unpublish}).
     */
    public OfficeStore.Result publish(String reference, long seenVersion, String formId, Publication publication,
            HistoryEntry entry) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pub", PublicationMapper.toAttribute(publication));
        values.put(":dir", s(TableKeys.DIRECTORY));
        values.put(":slug", s(publication.slug()));
        values.put(":form", s(formId));
        values.put(":spam1", s(Status.SUSPECTED_SPAM.name()));
        values.put(":spam2", s(Status.SPAM.name()));
        // Past its expiry it is gone, even if not yet deleted: publishing must not bring it back.
        values.put(":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())));
        return office.update(reference, seenVersion, entry,
                "REMOVE " + TableKeys.TTL_ATTRIBUTE + ", " + TableKeys.GSI5_PK + ", " + TableKeys.GSI5_SK
                        + " SET publication = :pub, " + TableKeys.GSI6_PK + " = :dir, " + TableKeys.GSI6_SK + " = :slug",
                " AND formId = :form AND NOT (#status IN (:spam1, :spam2)) AND (attribute_not_exists("
                        + TableKeys.TTL_ATTRIBUTE + ") OR " + TableKeys.TTL_ATTRIBUTE + " > :now)", values);
    }

    /**
     * Takes the entry out of the directory (it keeps its last published state for the office), with its history
     * entry. Only an entry that is published. {@code expiresAt}: the submission's expiry from now on, as
     * {@link Retention#onMove} gives it for its status (a closed submission's retention period starts with the
     * withdrawal), or null while it is open.
     */
    public OfficeStore.Result unpublish(String reference, long seenVersion, HistoryEntry entry, Instant expiresAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", s(entry.at().toString()));
        String expiry = "";
        if (expiresAt != null) {
            Map<String, AttributeValue> attributes = SubmissionMapper.expiry(expiresAt);
            values.put(":exp", attributes.get(TableKeys.TTL_ATTRIBUTE));
            values.put(":g5", attributes.get(TableKeys.GSI5_PK));
            values.put(":s5", attributes.get(TableKeys.GSI5_SK));
            expiry = ", " + TableKeys.TTL_ATTRIBUTE + " = :exp, " + TableKeys.GSI5_PK + " = :g5, " + TableKeys.GSI5_SK
                    + " = :s5";
        }
        return office.update(reference, seenVersion, entry,
                "REMOVE " + TableKeys.GSI6_PK + ", " + TableKeys.GSI6_SK + " SET publication.unpublishedAt = :at"
                        + expiry,
                " AND attribute_exists(" + TableKeys.GSI6_PK + ")", values);
    }

    /** Every published entry: one Query on the directory index (paged), in the order of their addresses. */
    public List<Listed> published() {
        List<Listed> listed = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(tableName)
                    .indexName(TableKeys.GSI_BY_DIRECTORY)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.GSI6_PK))
                    .expressionAttributeValues(Map.of(":pk", s(TableKeys.DIRECTORY)));
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
                Optional<Publication> publication = PublicationMapper.fromItem(item);
                if (publication.isPresent()) {
                    Publication p = publication.get();
                    listed.add(new Listed(item.get("reference").s(),
                            new Entry(p.slug(), p.fields(), p.checked(), false), p.publishedAt()));
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return listed;
    }

    /** Every published entry (for the site). */
    public List<Entry> entries() {
        return entries(List.of());
    }

    /** What the publisher may read of a submission item: its keys, the reference and the published entry. */
    public static final List<String> PUBLISHER_ATTRIBUTES = List.of(TableKeys.PK, TableKeys.SK, "reference",
            "publication", TableKeys.GSI6_PK);

    /**
     * Every published entry (for the site), with the submissions {@code changed} read from the table itself,
     * strongly consistent, instead of from the index. The index follows the table asynchronously (usually within a
     * second, with no bound), and so does the table's stream: a run started by a change could read the index before
     * the change has reached it, and then put back the page of an entry that was just withdrawn or erased, or miss
     * one just published, until the next change. Reading the changed items themselves makes the run show their state
     * as it is now. Only {@link #PUBLISHER_ATTRIBUTES} are read (the publisher's role may read nothing else).
     */
    public List<Entry> entries(Collection<String> changed) {
        Map<String, Entry> byReference = new LinkedHashMap<>();
        for (Listed listed : published()) {
            byReference.put(listed.reference(), listed.entry());
        }
        Map<String, String> names = new LinkedHashMap<>();
        StringBuilder projection = new StringBuilder();
        for (String attribute : PUBLISHER_ATTRIBUTES) {
            String name = "#a" + names.size();
            names.put(name, attribute);
            projection.append(projection.isEmpty() ? "" : ", ").append(name);
        }
        for (String reference : new java.util.TreeSet<>(changed)) {
            Map<String, AttributeValue> item;
            try {
                item = dynamoDb.getItem(b -> b.tableName(tableName).key(TableKeys.submissionKey(reference))
                        .consistentRead(true).projectionExpression(projection.toString())
                        .expressionAttributeNames(names)).item();
            } catch (SdkException e) {
                throw new StoreUnavailableException(e);
            }
            Optional<Publication> publication = item == null || item.isEmpty() ? Optional.empty()
                    : PublicationMapper.fromItem(item).filter(Publication::published);
            if (publication.isPresent()) {
                Publication p = publication.get();
                byReference.put(reference, new Entry(p.slug(), p.fields(), p.checked(), false));
            } else {
                byReference.remove(reference);
            }
        }
        List<Entry> entries = new ArrayList<>(byReference.values());
        entries.sort(Comparator.comparing(Entry::slug));
        return entries;
    }

    /** A submission item's {@code publication} attribute and back. */
    static final class PublicationMapper {

        private PublicationMapper() {
        }

        static AttributeValue toAttribute(Publication publication) {
            Map<String, AttributeValue> fields = new LinkedHashMap<>();
            publication.fields().forEach((name, values) -> fields.put(name,
                    AttributeValue.fromL(values.stream().map(CaseFileMapper::s).toList())));
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            m.put("slug", s(publication.slug()));
            m.put("fields", AttributeValue.fromM(fields));
            m.put("checked", s(publication.checked().toString()));
            m.put("publishedAt", s(publication.publishedAt().toString()));
            return AttributeValue.fromM(m);
        }

        /** The entry of an item (a submission, or a row of the directory index), if it ever had one. */
        static Optional<Publication> fromItem(Map<String, AttributeValue> item) {
            AttributeValue attribute = item.get("publication");
            if (attribute == null || !attribute.hasM()) {
                return Optional.empty();
            }
            Map<String, AttributeValue> m = attribute.m();
            Map<String, List<String>> fields = new LinkedHashMap<>();
            m.get("fields").m().forEach((name, value) -> {
                List<String> values = new ArrayList<>();
                if (value.hasL()) {
                    value.l().forEach(v -> values.add(v.s()));
                } else if (value.s() != null) {
                    values.add(value.s());
                }
                fields.put(name, List.copyOf(values));
            });
            return Optional.of(new Publication(m.get("slug").s(), fields, LocalDate.parse(m.get("checked").s()),
                    Instant.parse(m.get("publishedAt").s()),
                    m.containsKey("unpublishedAt") ? Instant.parse(m.get("unpublishedAt").s()) : null,
                    item.containsKey(TableKeys.GSI6_PK)));
        }
    }
}
