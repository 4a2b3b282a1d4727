package de.fachkraftallianz.site;

import static org.assertj.core.api.Assertions.assertThat;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.forms.FormCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full site deploy as the README's "Deploy to AWS" runs it ({@code aws s3 sync <fresh release bake> s3://… --delete}
 * with its excludes) never drops or reverts a published entry: the directory's prefix belongs to the publisher. The
 * sync is emulated here with the AWS CLI's rules (an excluded key is neither uploaded nor deleted); on AWS the bucket
 * policy enforces the same (TemplateTest). A release bake also carries no made-up example, in its pages or its kit.
 */
class SiteDeployTest {

    private static final Path README = SiteBakeTest.SOURCE.resolve("../../../README.md").normalize();

    @TempDir
    static Path dir;

    static Path release;

    @BeforeAll
    static void releaseBake() throws IOException {
        Path source = dir.resolve("src");
        try (Stream<Path> paths = Files.walk(SiteBakeTest.SOURCE)) {
            for (Path p : paths.toList()) {
                Path target = source.resolve(SiteBakeTest.SOURCE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        try (InputStream in = SiteDeployTest.class.getResourceAsStream("/county-filled.yaml")) {
            Files.write(source.resolve(CountyConfig.FILE), in.readAllBytes());
        }
        release = dir.resolve("release/site");
        new SiteBaker(source, dir.resolve("release/work"), release, SiteBaker.Mode.RELEASE).bake();
    }

    @Test
    void a_release_carries_no_example_into_its_pages_or_the_publishers_kit() throws IOException {
        DirectoryKit kit = DirectoryKit.fromDirectory(SiteBaker.kitOf(release));
        assertThat(kit.release()).isTrue();
        assertThat(kit.examples()).isEmpty();
        String listing = Files.readString(release.resolve("virtuelle-angebote/index.html"));
        assertThat(listing).doesNotContain("Beispiel").contains("Noch ist hier kein Angebot eingetragen");
    }

    @Test
    void the_readmes_full_deploy_keeps_every_published_page_byte_for_byte_and_replaces_the_rest() throws IOException {
        List<String> excludes = readmeSyncExcludes();
        assertThat(excludes).as("the README's aws s3 sync of the site excludes the directory")
                .contains(Directory.PREFIX + "*");

        Path bucket = dir.resolve("bucket");
        copyTree(release, bucket);
        Files.createDirectories(bucket.resolve("alte-seite"));
        Files.writeString(bucket.resolve("alte-seite/index.html"), "a page the new bake no longer has");
        new DirectorySync(new DirectoryRenderer(DirectoryKit.fromDirectory(SiteBaker.kitOf(release)),
                FormCatalog.load()), new FileSiteStorage(bucket), DirectorySync.Invalidation.NONE)
                .sync(DirectoryFixture.realistic(25));
        Map<String, String> published = files(bucket, Directory.PREFIX);
        assertThat(published).containsKey(Directory.PREFIX + DirectoryFixture.realistic(1).get(0).slug()
                + "/index.html");

        sync(release, bucket, excludes);

        assertThat(files(bucket, Directory.PREFIX)).as("the directory, as the publisher wrote it").isEqualTo(published);
        assertThat(bucket.resolve("alte-seite/index.html")).doesNotExist();
        Map<String, String> rest = files(bucket, "");
        rest.keySet().removeIf(k -> k.startsWith(Directory.PREFIX));
        Map<String, String> baked = files(release, "");
        baked.keySet().removeIf(k -> k.startsWith(Directory.PREFIX));
        assertThat(rest).isEqualTo(baked);

        // What the exclude prevents: the same sync without it reverts the directory to the bake's empty one.
        sync(release, bucket, List.of());
        assertThat(files(bucket, Directory.PREFIX)).isNotEqualTo(published)
                .isEqualTo(files(release, Directory.PREFIX));
    }

    /** The {@code --exclude} patterns of the README's {@code aws s3 sync site/target/site …} command. */
    static List<String> readmeSyncExcludes() throws IOException {
        String readme = Files.readString(README);
        Matcher command = Pattern.compile("aws s3 sync site/target/site s3://\\S+ --delete([^`\\n]*)").matcher(readme);
        assertThat(command.find()).as("README: aws s3 sync site/target/site s3://<bucket> --delete …").isTrue();
        List<String> excludes = new ArrayList<>();
        Matcher exclude = Pattern.compile("--exclude \"([^\"]+)\"").matcher(command.group(1));
        while (exclude.find()) {
            excludes.add(exclude.group(1));
        }
        return excludes;
    }

    /**
     * {@code aws s3 sync from to --delete --exclude …}: every file of {@code from} not excluded is copied when it
     * differs; every file of {@code to} not in {@code from} is deleted unless excluded. (The CLI's {@code *} matches
     * across "/", as a regular expression's {@code .*}.)
     */
    static void sync(Path from, Path to, List<String> excludes) throws IOException {
        List<Pattern> excluded = excludes.stream()
                .map(e -> Pattern.compile(Arrays.stream(e.split("\\*", -1)).map(Pattern::quote)
                        .reduce((a, b) -> a + ".*" + b).orElse(""))).toList();
        java.util.function.Predicate<String> isExcluded = key -> excluded.stream().anyMatch(p -> p.matcher(key).matches());
        Map<String, String> source = files(from, "");
        Map<String, String> target = files(to, "");
        for (String key : source.keySet()) {
            if (!isExcluded.test(key) && !source.get(key).equals(target.get(key))) {
                Path t = to.resolve(key);
                Files.createDirectories(t.getParent());
                Files.copy(from.resolve(key), t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String key : target.keySet()) {
            if (!isExcluded.test(key) && !source.containsKey(key)) {
                Files.delete(to.resolve(key));
            }
        }
    }

    /** Key (relative path) -> MD5 of every file below {@code root} whose key starts with {@code prefix}. */
    static Map<String, String> files(Path root, String prefix) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                String key = root.relativize(p).toString().replace('\\', '/');
                if (key.startsWith(prefix)) {
                    files.put(key, DirectorySync.md5(Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
