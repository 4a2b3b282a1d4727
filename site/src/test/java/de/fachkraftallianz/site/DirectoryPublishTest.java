package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.directory.EntryJson;
import de.fachkraftallianz.forms.FormCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One source of truth, two ways to the pages: the full bake (JBake for the site, then the directory from the bake's
 * kit) and the incremental publish (the kit the bake left, the entries as the table gives them, a sync into the
 * site's storage) write byte-identical directory pages for the same entries.
 */
class DirectoryPublishTest {

    @TempDir
    static Path dir;

    static Path site;
    static List<Entry> entries;

    @BeforeAll
    static void bakeWithEntries() throws IOException {
        entries = DirectoryFixture.realistic(40);
        Path file = dir.resolve("entries.json");
        Files.writeString(file, EntryJson.write(entries), StandardCharsets.UTF_8);
        site = dir.resolve("site");
        new SiteBaker(SiteBakeTest.SOURCE, dir.resolve("work"), site, SiteBaker.Mode.LOCAL, file).bake();
    }

    @Test
    void the_full_bake_and_the_incremental_publish_write_the_same_directory_byte_for_byte() throws IOException {
        Path bucket = dir.resolve("bucket");
        DirectorySync sync = new DirectorySync(new DirectoryRenderer(DirectoryKit.fromDirectory(SiteBaker.kitOf(site)),
                FormCatalog.load()), new FileSiteStorage(bucket), DirectorySync.Invalidation.NONE);

        DirectorySync.Result result = sync.sync(entries);

        Map<String, String> baked = files(site.resolve(Directory.FOLDER));
        Map<String, String> published = files(bucket.resolve(Directory.FOLDER));
        assertThat(baked).hasSizeGreaterThan(40 + 36);
        assertThat(published).isEqualTo(baked);
        assertThat(result.written()).hasSize(baked.size());
    }

    @Test
    void a_publish_onto_the_baked_directory_changes_nothing() {
        DirectorySync sync = new DirectorySync(new DirectoryRenderer(DirectoryKit.fromDirectory(SiteBaker.kitOf(site)),
                FormCatalog.load()), new FileSiteStorage(site), DirectorySync.Invalidation.NONE);

        DirectorySync.Result result = sync.sync(entries);

        assertThat(result.changed()).isFalse();
        assertThat(result.unchanged()).isGreaterThan(40 + 36);
    }

    /** Relative path -> MD5 of every file below {@code root}. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), DirectorySync.md5(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
