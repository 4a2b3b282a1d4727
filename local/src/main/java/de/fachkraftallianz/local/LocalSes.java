package de.fachkraftallianz.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import de.fachkraftallianz.Json;

/**
 * aws-ses-v2-local (npm, MIT) as a child process on 127.0.0.1: it answers the SES v2 API (SendEmail) that the
 * notifier's real SesV2Client calls through an endpoint override, keeps the mails in memory, shows them at its
 * address in a browser and as JSON at {@code /store}. Installed with {@code npm ci} from package-lock.json like
 * dynalite. It can be stopped and started again on the same port, for tests of an SES outage.
 */
public final class LocalSes implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    /** What its cli.js prints once the server listens. */
    private static final String LISTENING = "aws-ses-v2-local: server running at";

    private final Path projectRoot;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Thread shutdownHook;

    private LocalSes(Path projectRoot, int port) {
        this.projectRoot = projectRoot;
        this.port = port;
    }

    /** @param port the port to listen on, 0 for a free one */
    public static LocalSes start(Path projectRoot, int port) {
        Dynalite.installIfMissing(projectRoot, cli(projectRoot));
        int attempts = port == 0 ? 3 : 1;
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            LocalSes ses = new LocalSes(projectRoot, port == 0 ? Dynalite.freePort() : port);
            try {
                ses.launch();
                return ses;
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static Path cli(Path projectRoot) {
        return projectRoot.resolve("node_modules/aws-ses-v2-local/dist/cli.js");
    }

    /** The SES API endpoint for the client's endpoint override, and the web view of the mails sent. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The running server's process (for tests that pause it); empty while stopped. */
    public synchronized Optional<ProcessHandle> process() {
        return process == null ? Optional.empty() : Optional.of(process.toHandle());
    }

    /** Every mail sent since the start (or the last {@link #clear()}), as aws-ses-v2-local's {@code /store} lists them. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> mails() {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/store"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                Map<String, Object> store = Json.readObject(body);
                return new ArrayList<>((List<Map<String, Object>>) store.get("emails"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("aws-ses-v2-local did not answer /store", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Forgets every mail. */
    public void clear() {
        try {
            http.send(HttpRequest.newBuilder(endpoint().resolve("/clear-store"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ends the server (an SES outage: connections are refused); {@link #startAgain()} brings it back, empty. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process = null;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownInProgress) {
                // The hook runs anyway.
            }
            shutdownHook = null;
        }
    }

    /** Starts the server again on the same port. */
    public synchronized void startAgain() {
        if (process == null) {
            launch();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void launch() {
        Process started;
        try {
            started = new ProcessBuilder("node", cli(projectRoot).toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(port))
                    .directory(projectRoot.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(Dynalite.INSTALL_HINT + " (cannot run node: " + e.getMessage() + ")", e);
        }
        CountDownLatch listening = new CountDownLatch(1);
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith(LISTENING)) {
                        listening.countDown();
                    } else if (!line.startsWith("aws-ses-v2-local: starting")) {
                        synchronized (output) {
                            output.add(line);
                        }
                        System.out.println("[ses] " + line);
                    }
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        }, "ses-output");
        reader.setDaemon(true);
        reader.start();
        process = started;
        shutdownHook = new Thread(this::stop, "ses-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!listening.await(20, TimeUnit.MILLISECONDS)) {
                if (!started.isAlive() || System.nanoTime() > deadline) {
                    stop();
                    synchronized (output) {
                        throw new IllegalStateException("aws-ses-v2-local did not listen on port " + port + ": "
                                + String.join("\n", output));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("Interrupted while starting aws-ses-v2-local", e);
        }
    }
}
