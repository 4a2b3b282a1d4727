package de.fachkraftallianz.local;

import de.fachkraftallianz.directory.Entry;
import de.fachkraftallianz.store.DirectoryStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The directory's publisher in the local stack: the template's PublisherFunction, loaded and invoked as Lambda runs it
 * ({@link LocalFunction}, one instance), writing into a folder that the local site serves below
 * {@code /virtuelle-angebote/} instead of the bake (there is no local S3 and no CDN).
 *
 * <p>On AWS the table's stream invokes it; dynalite has no streams, so here a thread asks the directory index every
 * {@link #POLL_INTERVAL} for the published entries and invokes the function when they differ from the last run's
 * (the function then reads and renders them itself, as on AWS). So a publish in the office shows on the local site
 * about a second later, without a restart.
 */
public final class LocalPublisher implements AutoCloseable {

    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** What the stream would send; the function never reads its records. */
    private static final byte[] EVENT = "{\"Records\":[{\"eventSource\":\"aws:dynamodb\",\"eventName\":\"MODIFY\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private final LocalFunction function;
    private final DirectoryStore store;
    private final PrintStream log;
    private final Thread poller;
    private volatile boolean running = true;
    private List<Entry> lastPublished;
    private String lastFailure;

    private LocalPublisher(LocalFunction function, DirectoryStore store, PrintStream log) {
        this.function = function;
        this.store = store;
        this.log = log;
        this.poller = new Thread(this::poll, "local-publisher");
        this.poller.setDaemon(true);
    }

    /**
     * Loads the function, renders the directory once (before the site is served), then follows the table. A failed
     * run (a stack started with a broken setting, say a table that does not exist) does not stop the stack, as a
     * failed Lambda run stops nothing: it is logged, and the next look tries again.
     */
    static LocalPublisher start(SamFunction definition, Map<String, String> environment, DirectoryStore store,
            PrintStream log) {
        LocalPublisher publisher = new LocalPublisher(LocalFunction.load(definition, environment), store, log);
        publisher.tryPublish();
        publisher.poller.start();
        return publisher;
    }

    /** One look; a failure is logged (once until it changes) and left to the next look. */
    private void tryPublish() {
        try {
            publishIfChanged();
            lastFailure = null;
        } catch (RuntimeException e) {
            if (!Objects.equals(e.getMessage(), lastFailure)) {
                log.println("[publisher] failed, trying again: " + e.getMessage());
            }
            lastFailure = e.getMessage();
        }
    }

    /** One look at the table: invokes the function when the published entries differ from the last run's. */
    synchronized boolean publishIfChanged() {
        List<Entry> now = store.entries().stream().sorted(Comparator.comparing(Entry::slug)).toList();
        if (Objects.equals(now, lastPublished)) {
            return false;
        }
        try {
            byte[] result = function.invoke(EVENT);
            log.println("[publisher] " + new String(result, StandardCharsets.UTF_8));
        } catch (IOException | LocalFunction.ThrottledException e) {
            throw new IllegalStateException("the directory's publisher failed: " + e.getMessage(), e);
        }
        lastPublished = now;
        return true;
    }

    private void poll() {
        while (running) {
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // Like a failed Lambda run: logged, and tried again with the next look (nothing was marked done).
            tryPublish();
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
