package org.qcmb.engine.psi4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.qcmb.engine.EngineException;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.QcJson;

/**
 * One long-lived psi4 process running the bundled {@code worker.py}: it imports Psi4 once and then computes one
 * calculation at a time. A calculation is a scratch directory holding {@code in.json}; the worker replaces it with
 * Psi4's qcschema_output document, as {@code psi4 --json} does, and answers on its stdout (see worker.py for the
 * protocol). The worker lives in a home directory of its own (its script, its logs, Psi4's timer.dat), deleted
 * when it is closed.
 *
 * <p>A calculation that crashes the process or outlives its timeout leaves the worker closed (the process tree
 * killed, its home deleted) and is an {@link ErrorClass#ENGINE_CRASH}; the pool then starts a new one. Not
 * thread-safe: the pool lends a worker to one calculation at a time.
 */
final class Psi4Worker implements AutoCloseable {
    static final String HOME_PREFIX = "qcmb-psi4-worker-";
    static final String SCRIPT = "worker.py";
    private static final String LOG_FILE = "worker.log";
    /** Importing Psi4 takes 1-3 s; a loaded machine may need much more, a broken installation fails at once. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    private static final String END_OF_OUTPUT = "\u0000eof";

    private final Process process;
    private final Path home;
    private final boolean keepHome;
    private final Writer requests;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private int calculations;

    private Psi4Worker(Process process, Path home, boolean keepHome) {
        this.process = process;
        this.home = home;
        this.keepHome = keepHome;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> readAnswers(process.getInputStream()), "psi4-worker-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code psi4 --nthread N --skip-preprocessor worker.py worker.out} in a new home directory under
     * {@code root} and waits until Psi4 is imported. {@code launched} learns of the worker as soon as its process
     * exists (so that it can be killed while it starts).
     */
    static Psi4Worker start(String executable, int threads, Path root, boolean keepHome,
            Consumer<Psi4Worker> launched) {
        Path home = createHome(root);
        Process process;
        try {
            copyResource(SCRIPT, home.resolve(SCRIPT));
            ProcessBuilder pb = new ProcessBuilder(command(executable, threads))
                    .directory(home.toFile())
                    .redirectError(home.resolve(LOG_FILE).toFile());
            pb.environment().put("PSI_SCRATCH", home.toString());
            pb.environment().remove(Psi4Engine.ONE_TASK_ENV);
            process = pb.start();
        } catch (IOException e) {
            Psi4Engine.deleteRecursively(home);
            throw new EngineException(ErrorClass.ENGINE_CRASH, "cannot start psi4 ('" + executable + "'): "
                    + e.getMessage() + "; install it (apt-get install psi4) or set " + Psi4Engine.EXECUTABLE_ENV, e);
        }
        Psi4Worker worker = new Psi4Worker(process, home, keepHome);
        launched.accept(worker);
        String first = worker.next(STARTUP_TIMEOUT);
        if (first == null || first.equals(END_OF_OUTPUT) || !readJson(first).has("ready")) {
            String why = first == null ? "did not start within " + STARTUP_TIMEOUT.toSeconds() + " s"
                    : "exited at start-up" + worker.exitCode();
            String log = worker.logTail();
            worker.kill();
            throw new EngineException(ErrorClass.ENGINE_CRASH, "psi4 worker " + why + log);
        }
        return worker;
    }

    /** Calculations this worker was given, finished or not. */
    int calculations() {
        return calculations;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return !closed && process.isAlive();
    }

    /**
     * Runs the calculation whose {@code in.json} is in {@code scratch}; on return in.json holds Psi4's answer. A
     * crash, a timeout or a failure of the worker itself closes this worker and throws an ENGINE_CRASH.
     */
    void run(Path scratch, int threads, Duration timeout) {
        calculations++;
        ObjectNode request = QcJson.mapper().createObjectNode()
                .put("scratch", scratch.toAbsolutePath().toString())
                .put("threads", threads);
        try {
            requests.write(QcJson.mapper().writeValueAsString(request) + "\n");
            requests.flush();
        } catch (IOException e) {
            throw crash("psi4 worker died before the calculation" + exitCode() + logTail());
        }
        String answer = next(timeout);
        if (answer == null) {
            kill();
            throw new EngineException(ErrorClass.ENGINE_CRASH, "psi4 timed out after " + timeout.toMillis() / 1000.0
                    + " s and was killed");
        }
        if (answer.equals(END_OF_OUTPUT)) {
            throw crash("psi4 worker died during the calculation" + exitCode() + logTail());
        }
        JsonNode reply = readJson(answer);
        if (!reply.path("done").asBoolean(false)) {
            throw crash("psi4 worker failed: " + Psi4Engine.tail(reply.path("message").asText(answer), 12));
        }
    }

    /** Ends the worker: end of input lets it exit by itself (Psi4 writes its timer.dat); then its home goes. */
    @Override
    public void close() {
        endInput();
        awaitEnd();
    }

    /** The first half of {@link #close}: many workers can be told to end at once, then awaited. */
    void endInput() {
        closed = true;
        try {
            requests.close();
        } catch (IOException e) {
            // the pipe is gone with the process: awaitEnd finds it ended
        }
    }

    /** The second half of {@link #close}: waits up to 10 s for the exit, then kills; removes the home. */
    void awaitEnd() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                killTree();
            }
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
        }
        removeHome();
    }

    /** Kills the process tree at once and removes the home. */
    void kill() {
        closed = true;
        killTree();
        try {
            requests.close();
        } catch (IOException e) {
            // the pipe is gone with the process
        }
        removeHome();
    }

    private EngineException crash(String message) {
        kill();
        return new EngineException(ErrorClass.ENGINE_CRASH, message);
    }

    private void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeHome() {
        if (!keepHome) {
            Psi4Engine.deleteRecursively(home);
        }
    }

    /** The next line from the worker, END_OF_OUTPUT when it closed its stdout, or null after the timeout. */
    private String next(Duration timeout) {
        try {
            return answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new EngineException(ErrorClass.ENGINE_CRASH, "interrupted while waiting for psi4; psi4 was killed",
                    e);
        }
    }

    private void readAnswers(InputStream out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            // the process died; END_OF_OUTPUT below says so
        }
        answers.add(END_OF_OUTPUT);
    }

    private String exitCode() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                int code = process.exitValue();
                return " (exit code " + code + (code > 128 ? ", signal " + (code - 128) : "") + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** The worker's stderr (Python tracebacks, Psi4's own messages), last lines, for crash messages. */
    private String logTail() {
        Path log = home.resolve(LOG_FILE);
        try {
            if (Files.isRegularFile(log) && Files.size(log) > 0) {
                return "\n--- " + LOG_FILE + " (last lines) ---\n" + Psi4Engine.tail(Files.readString(log), 12);
            }
        } catch (IOException | UncheckedIOException e) {
            // unreadable log: the message without it is still useful
        }
        return "";
    }

    private static JsonNode readJson(String line) {
        try {
            return QcJson.mapper().readTree(line);
        } catch (IOException e) {
            return QcJson.mapper().createObjectNode().put("message", "unreadable answer: " + line);
        }
    }

    private static Path createHome(Path root) {
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, HOME_PREFIX);
        } catch (IOException e) {
            throw new EngineException(ErrorClass.ENGINE_CRASH, "cannot create a psi4 worker directory under " + root
                    + ": " + e.getMessage(), e);
        }
    }

    static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = Psi4Worker.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the classpath");
            }
            Files.copy(in, target);
        }
    }

    /** For messages: which process, where. */
    @Override
    public String toString() {
        return "psi4 worker " + process.pid() + " in " + home;
    }

    /** psithon mode runs the script with the psi4 module imported; worker.out takes Psi4's start-up text. */
    static List<String> command(String executable, int threads) {
        return List.of(executable, "--nthread", Integer.toString(threads), "--skip-preprocessor", SCRIPT,
                "worker.out");
    }
}
