package de.fachkraftallianz.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.forms.FormCatalog;
import de.fachkraftallianz.site.DirectoryFixture;
import de.fachkraftallianz.site.DirectoryKit;
import de.fachkraftallianz.site.DirectoryRenderer;
import de.fachkraftallianz.site.DirectorySync;
import de.fachkraftallianz.site.FileSiteStorage;
import de.fachkraftallianz.store.DirectoryStore;
import de.fachkraftallianz.store.TableKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What the publisher takes from a stream event (the changed submissions' keys, nothing else), and why: a run started
 * by the erasure of a listed channel removes its page even while the directory index still lists it.
 */
class PublisherFunctionTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    private static String record(String eventName, String pk, String sk) {
        return "{\"eventID\":\"1\",\"eventName\":\"" + eventName + "\",\"eventSource\":\"aws:dynamodb\","
                + "\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"S\":\"" + sk + "\"}},"
                + "\"OldImage\":{\"pk\":{\"S\":\"" + pk + "\"},\"gsi6pk\":{\"S\":\"DIRECTORY\"},"
                + "\"data\":{\"M\":{\"email\":{\"S\":\"erika.mustermann@example.org\"}}}},"
                + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}";
    }

    private static byte[] event(String... records) {
        return ("{\"Records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void only_the_keys_of_changed_submissions_are_taken_from_an_event() {
        assertThat(PublisherFunction.changedReferences(event(record("REMOVE", "SUB#K7QM-4XRT", "SUBMISSION"),
                record("MODIFY", "SUB#M3NP-8WQZ", "SUBMISSION"), record("INSERT", "SUB#M3NP-8WQZ", "SUBMISSION"))))
                .containsExactly("K7QM-4XRT", "M3NP-8WQZ");
        assertThat(PublisherFunction.changedReferences(event(record("MODIFY", "STAFF", "sub-1"),
                record("MODIFY", "SUB#K7QM-4XRT", "NOTE#1"), record("MODIFY", "SUB#nicht-gültig", "SUBMISSION"),
                "{\"eventName\":\"MODIFY\"}", "17"))).isEmpty();
        for (String notAStreamEvent : List.of("{}", "", "kein JSON", "[1,2]", "{\"Records\":{}}")) {
            assertThat(PublisherFunction.changedReferences(notAStreamEvent.getBytes(StandardCharsets.UTF_8)))
                    .as(notAStreamEvent).isEmpty();
        }
    }

    /** A table whose directory index has not yet caught up with an erasure. */
    static final class LaggingTable implements DynamoDbClient {
        final List<Map<String, AttributeValue>> index = new ArrayList<>();
        final Map<String, Map<String, AttributeValue>> items = new HashMap<>();

        @Override
        public QueryResponse query(QueryRequest request) {
            return QueryResponse.builder().items(index).build();
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
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

    /** A listed submission item as the table holds it (only what the publisher reads of it). */
    private static Map<String, AttributeValue> listed(String reference, Entry entry) {
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        entry.fields().forEach((name, values) -> fields.put(name,
                AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList())));
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.submissionKey(reference));
        item.put("reference", AttributeValue.fromS(reference));
        item.put("publication", AttributeValue.fromM(Map.of("slug", AttributeValue.fromS(reference.toLowerCase()),
                "fields", AttributeValue.fromM(fields), "checked", AttributeValue.fromS(entry.checked().toString()),
                "publishedAt", AttributeValue.fromS("2026-04-20T08:00:00Z"))));
        item.put(TableKeys.GSI6_PK, AttributeValue.fromS(TableKeys.DIRECTORY));
        item.put(TableKeys.GSI6_SK, AttributeValue.fromS(reference.toLowerCase()));
        return item;
    }

    @Test
    void an_erased_channel_leaves_the_site_even_while_the_index_still_lists_it(@TempDir Path site) throws IOException {
        List<Entry> fixture = DirectoryFixture.realistic(2);
        LaggingTable table = new LaggingTable();
        for (String reference : List.of("K7QM-4XRT", "C4DE-7FGH")) {
            Map<String, AttributeValue> item = listed(reference, fixture.get(table.index.size()));
            table.index.add(item);
            table.items.put(TableKeys.submissionPartition(reference), item);
        }
        DirectoryRenderer renderer = new DirectoryRenderer(DirectoryKit.fromDirectory(
                DirectoryKit.besideSite(ROOT.resolve("site/target/site"))), FormCatalog.load());
        PublisherFunction publisher = new PublisherFunction(new DirectoryStore(table, "t"), renderer,
                new DirectorySync(renderer, new FileSiteStorage(site), DirectorySync.Invalidation.NONE));
        Path erasedPage = site.resolve(Directory.PREFIX + "k7qm-4xrt/index.html");
        Path listing = site.resolve(Directory.PREFIX + "index.html");
        run(publisher, "{}");
        assertThat(erasedPage).isRegularFile();
        assertThat(Files.readString(listing)).contains("/virtuelle-angebote/k7qm-4xrt/");

        // Erased: the item is gone from the table, the index has not caught up yet.
        table.items.remove(TableKeys.submissionPartition("K7QM-4XRT"));
        run(publisher, "{}");
        assertThat(erasedPage).as("a run from the index alone still sees it").isRegularFile();

        String output = run(publisher, new String(event(record("REMOVE", "SUB#K7QM-4XRT", "SUBMISSION")),
                StandardCharsets.UTF_8));
        assertThat(erasedPage).doesNotExist();
        assertThat(Files.readString(listing)).doesNotContain("k7qm-4xrt").contains("/virtuelle-angebote/c4de-7fgh/");
        assertThat(site.resolve(Directory.PREFIX + "c4de-7fgh/index.html")).isRegularFile();
        assertThat(output).contains("\"outcome\":\"published\"").doesNotContain("K7QM", "example.org");
    }

    private static String run(PublisherFunction publisher, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        publisher.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
