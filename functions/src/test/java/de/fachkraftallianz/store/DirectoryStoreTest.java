package de.fachkraftallianz.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.store.DirectoryStore.Publication;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The directory as the publisher reads it when the index lags behind the table: the submissions a run was started
 * for are read from the table itself, strongly consistent and only as far as the publisher may read them.
 */
class DirectoryStoreTest {

    /** A table whose directory index still shows an older state than its items (as DynamoDB's may, for a moment). */
    static final class LaggingTable implements DynamoDbClient {
        final List<Map<String, AttributeValue>> index = new ArrayList<>();
        final Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        final List<GetItemRequest> reads = new ArrayList<>();

        @Override
        public QueryResponse query(QueryRequest request) {
            assertThat(request.indexName()).isEqualTo(TableKeys.GSI_BY_DIRECTORY);
            return QueryResponse.builder().items(index).build();
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            reads.add(request);
            Map<String, AttributeValue> item = items.get(request.key().get(TableKeys.PK).s());
            return GetItemResponse.builder().item(item == null ? Map.of() : item).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    static Map<String, AttributeValue> item(String reference, String title, boolean listed) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(Directory.TITLE, List.of(title));
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.submissionKey(reference));
        item.put("reference", AttributeValue.fromS(reference));
        item.put("publication", DirectoryStore.PublicationMapper.toAttribute(new Publication(reference.toLowerCase(),
                fields, LocalDate.of(2026, 4, 20), Instant.parse("2026-04-20T08:00:00Z"), null, listed)));
        if (listed) {
            item.put(TableKeys.GSI6_PK, AttributeValue.fromS(TableKeys.DIRECTORY));
            item.put(TableKeys.GSI6_SK, AttributeValue.fromS(reference.toLowerCase()));
        }
        return item;
    }

    @Test
    void the_changed_submissions_are_read_from_the_table_and_win_over_the_lagging_index() {
        LaggingTable table = new LaggingTable();
        // The index: the erased K7QM-4XRT, the withdrawn M3NP-8WQZ and the untouched C4DE-7FGH; not yet the new one.
        table.index.add(item("K7QM-4XRT", "Gelöscht", true));
        table.index.add(item("M3NP-8WQZ", "Zurückgenommen", true));
        table.index.add(item("C4DE-7FGH", "Unverändert", true));
        // The table itself: K7QM-4XRT is gone, M3NP-8WQZ withdrawn, A2BC-3DEF just published, C4DE-7FGH as listed.
        table.items.put("SUB#M3NP-8WQZ", item("M3NP-8WQZ", "Zurückgenommen", false));
        table.items.put("SUB#A2BC-3DEF", item("A2BC-3DEF", "Neu veröffentlicht", true));
        table.items.put("SUB#C4DE-7FGH", item("C4DE-7FGH", "Unverändert", true));
        DirectoryStore store = new DirectoryStore(table, "t");

        assertThat(store.entries()).extracting(Entry::slug).as("the index alone")
                .containsExactly("c4de-7fgh", "k7qm-4xrt", "m3np-8wqz");
        assertThat(table.reads).isEmpty();

        List<Entry> entries = store.entries(List.of("K7QM-4XRT", "M3NP-8WQZ", "A2BC-3DEF"));
        assertThat(entries).extracting(Entry::slug).containsExactly("a2bc-3def", "c4de-7fgh");
        assertThat(entries.get(0).value(Directory.TITLE)).isEqualTo("Neu veröffentlicht");
        assertThat(table.reads).hasSize(3).allSatisfy(read -> {
            assertThat(read.consistentRead()).isTrue();
            assertThat(read.expressionAttributeNames().values()).as("only what the publisher's role may read")
                    .containsExactlyInAnyOrderElementsOf(DirectoryStore.PUBLISHER_ATTRIBUTES);
            assertThat(read.projectionExpression().split(", ")).hasSameSizeAs(DirectoryStore.PUBLISHER_ATTRIBUTES)
                    .allMatch(read.expressionAttributeNames()::containsKey);
        });
    }
}
