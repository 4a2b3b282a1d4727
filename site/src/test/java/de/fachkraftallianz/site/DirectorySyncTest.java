package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.forms.FormCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental publish against a folder as the site's storage: repeatable, exact, and only below its prefix. */
class DirectorySyncTest {

    private static final DirectoryRenderer RENDERER =
            new DirectoryRenderer(DirectoryKit.fromDirectory(SiteBaker.kitOf(SiteBakeTest.SITE)), FormCatalog.load());

    @TempDir
    Path bucket;

    /** The storage, recording the order of writes and deletes. */
    private final List<String> operations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> invalidations = new ArrayList<>();

    private DirectorySync sync() {
        FileSiteStorage files = new FileSiteStorage(bucket);
        DirectorySync.SiteStorage recording = new DirectorySync.SiteStorage() {
            @Override
            public Map<String, String> list(String prefix) {
                return files.list(prefix);
            }

            @Override
            public void put(String key, byte[] body, String contentType) {
                operations.add("put " + key);
                files.put(key, body, contentType);
            }

            @Override
            public void delete(Collection<String> keys) {
                keys.forEach(k -> operations.add("delete " + k));
                files.delete(keys);
            }
        };
        return new DirectorySync(RENDERER, recording, invalidations::add);
    }

    @Test
    void a_second_run_with_the_same_entries_writes_deletes_and_invalidates_nothing() {
        List<Entry> entries = DirectoryFixture.realistic(30);
        DirectorySync.Result first = sync().sync(entries);
        assertThat(first.written()).isNotEmpty();
        assertThat(first.invalidated()).containsExactly(DirectorySync.WILDCARD);
        operations.clear();
        invalidations.clear();

        DirectorySync.Result second = sync().sync(entries);

        assertThat(second.changed()).isFalse();
        assertThat(second.unchanged()).isEqualTo(first.written().size());
        assertThat(operations).isEmpty();
        assertThat(invalidations).isEmpty();
    }

    @Test
    void a_changed_entry_rewrites_its_page_and_the_pages_that_show_it_and_invalidates_just_those() {
        List<Entry> entries = new ArrayList<>(DirectoryFixture.realistic(30));
        sync().sync(entries);
        operations.clear();
        invalidations.clear();
        Entry entry = entries.get(7);
        Map<String, List<String>> fields = new LinkedHashMap<>(entry.fields());
        fields.put(Directory.DESCRIPTION, List.of("Eine neue Beschreibung."));
        entries.set(7, new Entry(entry.slug(), fields, entry.checked(), false));

        DirectorySync.Result result = sync().sync(entries);

        // The description is on the entry's page only, not on the cards of the listings.
        assertThat(result.written()).containsExactly(Directory.PREFIX + entry.slug() + "/index.html");
        assertThat(result.deleted()).isEmpty();
        assertThat(invalidations).containsExactly(List.of("/" + Directory.PREFIX + entry.slug() + "/index.html"));
    }

    @Test
    void a_new_entry_is_written_before_the_listings_that_link_it_and_a_withdrawn_one_deleted_after() throws IOException {
        List<Entry> entries = new ArrayList<>(DirectoryFixture.realistic(5));
        sync().sync(entries);
        Entry added = DirectoryFixture.realistic(6).get(5);
        entries.add(added);
        operations.clear();

        sync().sync(entries);
        String entryPage = "put " + Directory.PREFIX + added.slug() + "/index.html";
        assertThat(operations).contains(entryPage, "put " + Directory.PREFIX + "index.html");
        assertThat(operations.indexOf(entryPage)).isLessThan(operations.indexOf("put " + Directory.PREFIX
                + "index.html"));

        entries.remove(added);
        operations.clear();
        DirectorySync.Result result = sync().sync(entries);
        assertThat(result.deleted()).containsExactly(Directory.PREFIX + added.slug() + "/index.html");
        assertThat(operations.get(operations.size() - 1)).isEqualTo("delete " + Directory.PREFIX + added.slug()
                + "/index.html");
        assertThat(bucket.resolve(Directory.PREFIX + added.slug())).doesNotExist();
    }

    @Test
    void nothing_outside_the_directory_is_touched() throws IOException {
        Files.writeString(bucket.resolve("index.html"), "the start page");
        Files.createDirectories(bucket.resolve("virtuelle-angebote-alt"));
        Files.writeString(bucket.resolve("virtuelle-angebote-alt/index.html"), "a neighbour");

        sync().sync(DirectoryFixture.realistic(3));
        sync().sync(List.of());

        assertThat(bucket.resolve("index.html")).hasContent("the start page");
        assertThat(bucket.resolve("virtuelle-angebote-alt/index.html")).hasContent("a neighbour");
        assertThat(operations).allMatch(op -> op.substring(op.indexOf(' ') + 1).startsWith(Directory.PREFIX));
    }
}
