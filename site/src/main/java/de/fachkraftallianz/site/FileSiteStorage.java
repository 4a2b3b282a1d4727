package de.fachkraftallianz.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The site's storage as a folder, object key = relative path: what the local stack serves the directory from (there
 * is no local S3; on AWS {@code S3SiteStorage} stands behind the same interface). A file is written next to its
 * place and then moved there, so a reader never sees half a page.
 */
public final class FileSiteStorage implements DirectorySync.SiteStorage {

    private final Path root;

    public FileSiteStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public Map<String, String> list(String prefix) {
        Map<String, String> objects = new TreeMap<>();
        Path folder = resolve(prefix);
        if (!Files.isDirectory(folder)) {
            return objects;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = root.relativize(file).toString().replace('\\', '/');
                if (!key.endsWith(".tmp")) {
                    objects.put(key, DirectorySync.md5(Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    @Override
    public void put(String key, byte[] body, String contentType) {
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(temp, body);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(Collection<String> keys) {
        try {
            for (String key : keys) {
                Path file = resolve(key);
                Files.deleteIfExists(file);
                // Folders left empty go too, as S3 has no folders.
                for (Path dir = file.getParent(); dir != null && !dir.equals(root) && isEmpty(dir);
                        dir = dir.getParent()) {
                    Files.delete(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("outside the storage: " + key);
        }
        return path;
    }

    /** Removes the whole folder (a local stack's, when it stops). */
    public void deleteAll() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
