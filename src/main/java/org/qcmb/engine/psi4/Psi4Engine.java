package org.qcmb.engine.psi4;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.qcmb.common.Driver;
import org.qcmb.common.Method;
import org.qcmb.engine.EngineException;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.qcschema.AtomicCodec;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicProperties;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.EngineError;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Provenance;
import org.qcmb.qcschema.QcJson;

/**
 * Psi4 as an external program, driven through its QCSchema JSON mode.
 *
 * <p>Each calculation gets a private scratch directory (the process's working directory and PSI_SCRATCH, since
 * Psi4 writes {@code timer.dat} into its working directory and searches it for basis files). The engine writes
 * {@code in.json} there and runs {@code psi4 --json --nthread N in.json}; Psi4 1.3.2 overwrites {@code in.json} with
 * its qcschema_output document and exits 0 even when the calculation failed, so the outcome is read from the
 * document ({@code success}, {@code error.error_type}, {@code error.error_message}), not from the exit code.
 *
 * <p>External point charges cannot be passed through {@code psi4 --json} in 1.3.2; for inputs that have them the
 * engine runs the bundled {@code embed.py} in Psi4's psithon mode instead, which builds the external potential and
 * then calls the same {@code run_json}. See {@code embed.py}.
 *
 * <p>The object holds only its {@link Settings}, so it serializes to Spark executors; the executable and scratch
 * root are resolved on the machine that runs the calculation.
 */
public final class Psi4Engine implements FragmentEngine {
    private static final long serialVersionUID = 1L;

    /** Environment variable naming the psi4 executable (a path or a command on PATH). */
    public static final String EXECUTABLE_ENV = "QCMB_PSI4";

    private static final String INPUT_FILE = "in.json";
    private static final String LOG_FILE = "psi4.log";
    private static final String EMBED_SCRIPT = "embed.py";
    private static final int ERROR_TAIL_LINES = 12;
    /** psi4.set_memory refuses less than 250 MiB, and run_json calls it outside its error handling. */
    static final long MIN_MEMORY_BYTES = 250L * 1024 * 1024;

    /** Psi4 exception types that mean the input asked for something Psi4 cannot do. */
    private static final Set<String> INPUT_ERROR_TYPES = Set.of(
            "ValidationError", "KeyError", "BasisSetNotFound", "BasisSetFileNotFound", "BasisSetNotDefined",
            "ManagedMethodError", "UpgradeHelper", "ParsingError", "ParsingValidationError", "MoleculeFormatError",
            "IncompleteAtomError", "FragmentCountError", "FeatureNotImplemented", "PastureRequiredError");

    /**
     * How to run Psi4.
     *
     * @param executable  psi4 path or command; null means {@code $QCMB_PSI4}, else {@code psi4} on PATH
     * @param scratchRoot directory under which each calculation gets its own scratch directory; null means
     *                    {@code java.io.tmpdir} of the JVM that runs the calculation
     * @param threads     Psi4 threads per calculation ({@code --nthread})
     * @param memoryBytes Psi4 memory per calculation (QCSchema {@code memory})
     * @param timeout     wall-clock limit per calculation; the process tree is killed after it
     * @param keepScratch keep each scratch directory (with in.json, the output JSON and psi4.log) for inspection
     */
    public record Settings(String executable, String scratchRoot, int threads, long memoryBytes, Duration timeout,
                           boolean keepScratch) implements Serializable {
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("psi4 threads must be at least 1, not " + threads);
            }
            if (memoryBytes < MIN_MEMORY_BYTES) {
                throw new IllegalArgumentException("psi4 memory must be at least 250 MiB (" + MIN_MEMORY_BYTES
                        + " bytes, psi4's own minimum), not " + memoryBytes + " bytes");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("psi4 timeout must be positive, not " + timeout);
            }
        }

        /** psi4 from $QCMB_PSI4 or PATH, scratch under java.io.tmpdir, 1 thread, 500 MiB, 1 hour, scratch deleted. */
        public static Settings defaults() {
            return new Settings(null, null, 1, 500L * 1024 * 1024, Duration.ofHours(1), false);
        }

        public Settings withExecutable(String executable) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch);
        }

        public Settings withScratchRoot(String scratchRoot) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch);
        }

        public Settings withThreads(int threads) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch);
        }

        public Settings withMemoryBytes(long memoryBytes) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch);
        }

        public Settings withTimeout(Duration timeout) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch);
        }

        public Settings withKeepScratch(boolean keepScratch) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch);
        }
    }

    private final Settings settings;
    private transient volatile String version;

    public Psi4Engine() {
        this(Settings.defaults());
    }

    public Psi4Engine(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "psi4";
    }

    /** The version that {@code psi4 --version} prints, asked once per JVM; "unknown" if psi4 cannot be run. */
    @Override
    public String version() {
        String v = version;
        if (v == null) {
            v = askVersion();
            version = v;
        }
        return v;
    }

    @Override
    public void checkAvailable() {
        if (locate(executable()) == null) {
            throw new EngineException(ErrorClass.INPUT_ERROR,
                    "psi4 not found on PATH: install it (apt-get install psi4) or use program builtin"
                            + (settings.executable() != null || System.getenv(EXECUTABLE_ENV) != null
                                    ? " (looked for '" + executable() + "')" : ""));
        }
    }

    @Override
    public AtomicResult compute(AtomicInput input) {
        long start = System.nanoTime();
        Path scratch = null;
        try {
            scratch = createScratch();
            JsonNode output = run(input, scratch);
            return toResult(input, output, seconds(start));
        } catch (EngineException e) {
            return AtomicResult.failure(input.driver(), new EngineError(e.errorClass(), e.getMessage()),
                    new Provenance(name(), versionOrUnknown(null), seconds(start)));
        } finally {
            if (scratch != null && !settings.keepScratch()) {
                deleteRecursively(scratch);
            }
        }
    }

    // ---- running the process ----

    private JsonNode run(AtomicInput input, Path scratch) {
        Path inJson = scratch.resolve(INPUT_FILE);
        List<String> command = new ArrayList<>(List.of(executable(), "--nthread", Integer.toString(settings.threads())));
        try {
            QcJson.mapper().writeValue(inJson.toFile(), Psi4Json.input(input, settings.memoryBytes()));
            if (input.externalCharges().isEmpty()) {
                command.addAll(List.of("--json", INPUT_FILE));
            } else {
                copyEmbedScript(scratch.resolve(EMBED_SCRIPT));
                command.addAll(List.of("--skip-preprocessor", EMBED_SCRIPT, "embed.out"));
            }
        } catch (IOException e) {
            throw new EngineException(ErrorClass.ENGINE_CRASH, "cannot write psi4 input in " + scratch + ": " + e, e);
        }

        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(scratch.toFile())
                .redirectErrorStream(true)
                .redirectOutput(scratch.resolve(LOG_FILE).toFile());
        pb.environment().put("PSI_SCRATCH", scratch.toString());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new EngineException(ErrorClass.ENGINE_CRASH, "cannot start psi4 ('" + executable() + "'): "
                    + e.getMessage() + "; install it (apt-get install psi4) or set " + EXECUTABLE_ENV, e);
        }
        int exit;
        try {
            if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new EngineException(ErrorClass.ENGINE_CRASH, "psi4 timed out after "
                        + settings.timeout().toMillis() / 1000.0 + " s and was killed" + logTail(scratch));
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new EngineException(ErrorClass.ENGINE_CRASH, "interrupted while waiting for psi4; psi4 was killed", e);
        }

        JsonNode doc = readOutput(inJson);
        if (doc == null || !Psi4Json.isOutput(doc)) {
            throw new EngineException(ErrorClass.ENGINE_CRASH,
                    "psi4 exited with code " + exit + " without writing its JSON result" + logTail(scratch));
        }
        return doc;
    }

    private static JsonNode readOutput(Path inJson) {
        try {
            return Files.isRegularFile(inJson) ? QcJson.mapper().readTree(inJson.toFile()) : null;
        } catch (IOException e) {
            return null; // truncated or garbled: psi4 died while writing
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- mapping the answer ----

    private AtomicResult toResult(AtomicInput input, JsonNode doc, double wallTime) {
        Provenance provenance = new Provenance(name(), versionOrUnknown(doc), wallTime);
        if (!doc.path("success").asBoolean(false)) {
            Psi4Json.Failure f = Psi4Json.failure(doc);
            return AtomicResult.failure(input.driver(), new EngineError(classify(f),
                    "psi4 " + f.type() + ": " + tail(f.message(), ERROR_TAIL_LINES)), provenance);
        }
        Driver driver = input.driver();
        int n3 = 3 * input.molecule().atomCount();
        AtomicResult read = AtomicCodec.readResult(doc);
        double energy = read.energy();
        // the Hessian driver leaves the gradient in Psi4's qcvars, not in the QCSchema properties
        double[] gradient = driver == Driver.HESSIAN ? Psi4Json.currentGradient(doc) : read.gradient();
        double[] hessian = read.hessian();
        if (Double.isNaN(energy) || (gradient != null && gradient.length != n3)
                || (driver != Driver.ENERGY && gradient == null)
                || (driver == Driver.HESSIAN && (hessian == null || hessian.length != n3 * n3))) {
            return AtomicResult.failure(driver, new EngineError(ErrorClass.ENGINE_CRASH,
                    "psi4 reported success but its result is incomplete for " + n3 / 3 + " atoms and driver "
                            + driver.schemaName()), provenance);
        }
        AtomicProperties p = read.properties();
        AtomicProperties properties = new AtomicProperties(p.returnEnergy(), p.scfTotalEnergy(), p.mp2TotalEnergy(),
                p.nuclearRepulsionEnergy(), p.scfIterations(), p.nbasis(), p.natom(),
                driver == Driver.HESSIAN && hessianByFiniteDifference(input));
        return new AtomicResult(true, driver, energy, gradient, hessian, properties, provenance, null);
    }

    /** Psi4 1.3.2 has analytic Hessians for HF only; embed.py Hessians are finite differences of gradients. */
    private static boolean hessianByFiniteDifference(AtomicInput input) {
        return !input.externalCharges().isEmpty() || !Method.of(input.model().method()).meanField();
    }

    static ErrorClass classify(Psi4Json.Failure failure) {
        if (failure.type().endsWith("ConvergenceError") || failure.message().contains("Could not converge")) {
            return ErrorClass.CONVERGENCE_FAILURE;
        }
        if (INPUT_ERROR_TYPES.contains(failure.type()) || failure.message().contains("is not a valid option")) {
            return ErrorClass.INPUT_ERROR;
        }
        return ErrorClass.ENGINE_CRASH;
    }

    // ---- executable, version, scratch ----

    /** The command that runs psi4: the setting, else $QCMB_PSI4, else "psi4". */
    String executable() {
        if (settings.executable() != null) {
            return settings.executable();
        }
        String env = System.getenv(EXECUTABLE_ENV);
        return env != null && !env.isBlank() ? env : "psi4";
    }

    /** The executable file for a command: a path as given, or the first match on PATH; null if none. */
    static Path locate(String command) {
        if (command.contains(File.separator)) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private String versionOrUnknown(JsonNode doc) {
        String v = doc == null ? null : Psi4Json.version(doc);
        return v != null ? v : version();
    }

    private String askVersion() {
        Path dir = null;
        try {
            dir = createScratch(); // psi4 writes timer.dat into its working directory, even for --version
            Process p = new ProcessBuilder(executable(), "--version").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            return p.exitValue() == 0 && !out.isEmpty() ? out.lines().reduce((a, b) -> b).orElse(out) : "unknown";
        } catch (IOException | EngineException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        } finally {
            if (dir != null) {
                deleteRecursively(dir);
            }
        }
    }

    private Path createScratch() {
        Path root = Path.of(settings.scratchRoot() != null ? settings.scratchRoot() : System.getProperty("java.io.tmpdir"));
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "qcmb-psi4-");
        } catch (IOException e) {
            throw new EngineException(ErrorClass.ENGINE_CRASH, "cannot create psi4 scratch directory under " + root
                    + ": " + e.getMessage(), e);
        }
    }

    private static void copyEmbedScript(Path target) throws IOException {
        try (InputStream in = Psi4Engine.class.getResourceAsStream(EMBED_SCRIPT)) {
            if (in == null) {
                throw new IOException(EMBED_SCRIPT + " is missing from the classpath");
            }
            Files.copy(in, target);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover scratch directory is not worth failing a finished calculation
        }
    }

    /** psi4's console log plus its text output file (when it still exists), last lines, for crash messages. */
    private static String logTail(Path scratch) {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of(LOG_FILE, INPUT_FILE + ".dat", "embed.out")) {
            Path p = scratch.resolve(name);
            try {
                if (Files.isRegularFile(p) && Files.size(p) > 0) {
                    String t = tail(Files.readString(p, StandardCharsets.UTF_8), ERROR_TAIL_LINES);
                    if (!t.isBlank()) {
                        sb.append("\n--- ").append(name).append(" (last lines) ---\n").append(t);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // unreadable log: the message without it is still useful
            }
        }
        return sb.toString();
    }

    static String tail(String text, int lines) {
        List<String> all = text.strip().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
