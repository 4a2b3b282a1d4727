package de.fachkraftallianz.site;

import de.fachkraftallianz.directory.Directory;
import de.fachkraftallianz.directory.Entry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The incremental publish: renders the whole directory from the published entries, compares every page with what
 * the site's storage holds (by MD5, which is also S3's ETag of a single-part upload), writes what differs, deletes
 * what no longer exists, and asks the CDN to forget exactly those paths. Repeatable and idempotent: a second run
 * with the same entries writes, deletes and invalidates nothing; a run after a missed or failed one repairs
 * everything. It only ever touches keys below {@code virtuelle-angebote/}.
 *
 * <p>Entry pages are written before the listing pages that link them, and pages are deleted only after the listings
 * no longer link them, so a visitor never follows a link from the directory into a missing page.
 */
public final class DirectorySync {

    /** More changed paths than this are invalidated as one wildcard path for the directory (CloudFront counts it once). */
    public static final int MAX_INVALIDATION_PATHS = 10;
    public static final String WILDCARD = "/" + Directory.PREFIX + "*";
    /** Writes sent at once (S3 takes each in tens of milliseconds; a publish may change a few hundred pages). */
    static final int PARALLEL_WRITES = 8;

    /** Where the site's files live: the S3 bucket on AWS, a folder locally. */
    public interface SiteStorage {
        /** Every object below the prefix: key -> MD5 of its bytes (hex, lower case). */
        Map<String, String> list(String prefix);

        void put(String key, byte[] body, String contentType);

        void delete(Collection<String> keys);
    }

    /** Tells the CDN to forget paths ("/virtuelle-angebote/x/index.html", or the wildcard). */
    public interface Invalidation {
        void invalidate(List<String> paths);

        /** Locally there is no CDN: the local gateway serves every file as it is now. */
        Invalidation NONE = paths -> {
        };
    }

    /** What a run did. */
    public record Result(List<String> written, List<String> deleted, int unchanged, List<String> invalidated) {
        public boolean changed() {
            return !written.isEmpty() || !deleted.isEmpty();
        }
    }

    private final DirectoryRenderer renderer;
    private final SiteStorage storage;
    private final Invalidation invalidation;

    public DirectorySync(DirectoryRenderer renderer, SiteStorage storage, Invalidation invalidation) {
        this.renderer = renderer;
        this.storage = storage;
        this.invalidation = invalidation;
    }

    public Result sync(List<Entry> published) {
        SortedMap<String, byte[]> files = renderer.render(published);
        Map<String, String> existing = storage.list(Directory.PREFIX);
        List<String> entryPages = new ArrayList<>();
        List<String> otherPages = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String key = file.getKey();
            if (!key.startsWith(Directory.PREFIX) || key.contains("..")) {
                throw new IllegalStateException("the directory may only write below " + Directory.PREFIX + ": " + key);
            }
            if (md5(file.getValue()).equals(existing.get(key))) {
                unchanged++;
            } else if (isEntryPage(key)) {
                entryPages.add(key);
            } else {
                otherPages.add(key);
            }
        }
        List<String> written = new ArrayList<>(entryPages);
        written.addAll(otherPages);
        // A new entry changes the counts on every listing page: many small writes, sent a few at a time.
        putAll(entryPages, files);
        putAll(otherPages, files);
        List<String> deleted = new ArrayList<>();
        for (String key : existing.keySet()) {
            if (key.startsWith(Directory.PREFIX) && !files.containsKey(key)) {
                deleted.add(key);
            }
        }
        deleted.sort(null);
        if (!deleted.isEmpty()) {
            storage.delete(deleted);
        }
        List<String> paths = new ArrayList<>();
        written.forEach(key -> paths.add("/" + key));
        deleted.forEach(key -> paths.add("/" + key));
        List<String> invalidated = paths.size() > MAX_INVALIDATION_PATHS ? List.of(WILDCARD) : List.copyOf(paths);
        if (!invalidated.isEmpty()) {
            invalidation.invalidate(invalidated);
        }
        return new Result(List.copyOf(written), List.copyOf(deleted), unchanged, invalidated);
    }

    /** Writes the files, up to {@link #PARALLEL_WRITES} at once; returns when all are written (or throws). */
    private void putAll(List<String> keys, Map<String, byte[]> files) {
        if (keys.isEmpty()) {
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(PARALLEL_WRITES, keys.size()), r -> {
                    Thread thread = new Thread(r, "directory-writer");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
            for (String key : keys) {
                writes.add(pool.submit(() -> storage.put(key, files.get(key), contentType(key))));
            }
            for (java.util.concurrent.Future<?> write : writes) {
                try {
                    write.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing the directory", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** "virtuelle-angebote/<slug>/index.html" (one folder below the directory, not a filter or page folder). */
    private static boolean isEntryPage(String key) {
        String rest = key.substring(Directory.PREFIX.length());
        String[] parts = rest.split("/");
        return parts.length == 2 && parts[1].equals("index.html") && Directory.usableSlug(parts[0]);
    }

    public static String contentType(String key) {
        if (key.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (key.endsWith(".xml")) {
            return "application/xml";
        }
        return "application/octet-stream";
    }

    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
