package de.fachkraftallianz.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * dynalite (npm, a DynamoDB-compatible server on LevelDB) as a child process on 127.0.0.1. Installs it with
 * {@code npm ci} on first use. Tables switch to ACTIVE at once ({@code --createTableMs 0}), so no SDK waiter is needed.
 */
public final class Dynalite implements AutoCloseable {

    static final String INSTALL_HINT = "Node.js/npm needed: apt-get install nodejs npm";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final int STDERR_LINES_KEPT = 50;
    private static final Object NPM_LOCK = new Object();
    /** What dynalite's cli.js prints once its server is bound. */
    private static final String LISTENING = "Dynalite listening at:";

    private final Process process;
    private final int port;
    private final Deque<String> stderr;
    private final CountDownLatch listening;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private Dynalite(Process process, int port, Deque<String> stderr, CountDownLatch listening) {
        this.process = process;
        this.port = port;
        this.stderr = stderr;
        this.listening = listening;
        this.shutdownHook = new Thread(this::stopProcess, "dynalite-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts dynalite from {@code projectRoot/node_modules}.
     *
     * @param port    the port to listen on, 0 for a free one
     * @param dataDir where to keep the data (LevelDB); empty for in memory
     */
    public static Dynalite start(Path projectRoot, int port, Optional<Path> dataDir) {
        Path cli = projectRoot.resolve("node_modules/dynalite/cli.js");
        installIfMissing(projectRoot, cli);
        dataDir.ifPresent(dir -> {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the DynamoDB data directory " + dir, e);
            }
        });
        // A free port can be taken by someone else between the probe and dynalite's bind: try again then.
        int attempts = port == 0 ? 3 : 1;
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int chosen = port == 0 ? freePort() : port;
            try {
                return launch(projectRoot, cli, chosen, dataDir);
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Stops dynalite and its descendants and waits for them. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook runs (or ran) anyway.
        }
    }

    private synchronized void stopProcess() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle descendant : descendants) {
                descendant.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static Dynalite launch(Path projectRoot, Path cli, int port, Optional<Path> dataDir) {
        List<String> command = new ArrayList<>(List.of("node", cli.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        dataDir.ifPresent(dir -> command.addAll(List.of("--path", dir.toAbsolutePath().toString())));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(projectRoot.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(INSTALL_HINT + " (cannot run node: " + e.getMessage() + ")", e);
        }
        Deque<String> stderr = collectStderr(process);
        CountDownLatch listening = watchStdout(process);
        Dynalite dynalite = new Dynalite(process, port, stderr, listening);
        try {
            dynalite.awaitPort();
            return dynalite;
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
    }

    /**
     * Waits for dynalite's "listening" line rather than probing the port: a probe could reach another process that
     * already holds the port while this one is failing with EADDRINUSE.
     */
    private void awaitPort() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (listening.await(20, TimeUnit.MILLISECONDS)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("dynalite exited with " + process.exitValue()
                            + " before listening on port " + port + ": " + stderrText());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for dynalite", e);
        }
        throw new IllegalStateException("dynalite did not listen on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s: " + stderrText());
    }

    private String stderrText() {
        sleep(50); // let the reader thread catch the last lines
        synchronized (stderr) {
            return stderr.isEmpty() ? "(no output on stderr)" : String.join("\n", stderr);
        }
    }

    private static CountDownLatch watchStdout(Process process) {
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith(LISTENING)) {
                        listening.countDown();
                    } else {
                        System.out.println("[dynalite] " + line);
                    }
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        }, "dynalite-stdout");
        reader.setDaemon(true);
        reader.start();
        return listening;
    }

    /** Keeps the last lines for error messages and passes them on, so later errors are visible too. */
    private static Deque<String> collectStderr(Process process) {
        Deque<String> lines = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        if (lines.size() == STDERR_LINES_KEPT) {
                            lines.removeFirst();
                        }
                        lines.addLast(line);
                    }
                    System.err.println("[dynalite] " + line);
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        }, "dynalite-stderr");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Runs {@code npm ci} once if {@code cli} (a tool of package.json) is missing; shared with {@link LocalSes}. */
    static void installIfMissing(Path projectRoot, Path cli) {
        synchronized (NPM_LOCK) {
            if (Files.isRegularFile(cli)) {
                return;
            }
            System.out.println("[local] dynalite is not installed yet: npm ci in " + projectRoot);
            List<String> command = List.of("npm", "ci", "--no-audit", "--no-fund");
            try {
                Process npm = new ProcessBuilder(command)
                        .directory(projectRoot.toFile())
                        .redirectErrorStream(true)
                        .start();
                // Through System.out, not the inherited native stream (test forks would see a corrupted channel).
                Thread output = new Thread(() -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(npm.getInputStream(), StandardCharsets.UTF_8))) {
                        in.lines().forEach(line -> System.out.println("[npm] " + line));
                    } catch (IOException | UncheckedIOException ignored) {
                        // npm ended.
                    }
                }, "npm-output");
                output.setDaemon(true);
                output.start();
                if (!npm.waitFor(NPM_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                    npm.destroyForcibly();
                    throw new IllegalStateException("npm ci did not finish within " + NPM_TIMEOUT.toMinutes() + " min");
                }
                output.join(TimeUnit.SECONDS.toMillis(5));
                if (npm.exitValue() != 0) {
                    throw new IllegalStateException("npm ci failed with exit code " + npm.exitValue() + " in "
                            + projectRoot + " (see its output above)");
                }
            } catch (IOException e) {
                throw new IllegalStateException(INSTALL_HINT + " (cannot run npm: " + e.getMessage() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while installing dynalite", e);
            }
            if (!Files.isRegularFile(cli)) {
                throw new IllegalStateException("npm ci succeeded but " + cli + " is missing: is dynalite in package.json?");
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for dynalite", e);
        }
    }
}
