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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.qcmb.common.Driver;
import org.qcmb.common.Method;
import org.qcmb.engine.CalculationSpec;
import org.qcmb.engine.EngineException;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.qcschema.AtomicCodec;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicProperties;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.EngineError;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Model;
import org.qcmb.qcschema.Provenance;
import org.qcmb.qcschema.QcJson;

/**
 * Psi4 as an external program, driven through its QCSchema JSON mode.
 *
 * <p>Each calculation gets a private scratch directory (Psi4's working directory and scratch path, since Psi4
 * writes {@code timer.dat} into its working directory and searches it for basis files). The engine writes
 * {@code in.json} there; Psi4 1.3.2's {@code run_json} overwrites it with its qcschema_output document and does not
 * fail even when the calculation failed, so the outcome is read from the document ({@code success},
 * {@code error.error_type}, {@code error.error_message}). Two ways to run Psi4 ({@link Mode}):
 * <ul>
 *   <li>{@link Mode#WORKER} (the default): a warm worker of {@link Psi4WorkerPool}, a psi4 process that has
 *       imported Psi4 once and computes one calculation after another, resetting Psi4 in between (worker.py);</li>
 *   <li>{@link Mode#PROCESS}: one {@code psi4 --json --nthread N in.json} process per calculation.</li>
 * </ul>
 * Both give bitwise the same documents. External point charges cannot be passed through {@code psi4 --json} in
 * 1.3.2: the worker builds them itself, and process mode runs the same worker.py for one calculation
 * ({@code psi4 --skip-preprocessor worker.py}, {@value #ONE_TASK_ENV} set).
 *
 * <p>Specifications are checked before Psi4 sees them ({@link Psi4Specification}): no path reaches Psi4 through a
 * basis, method or keyword; a user basis file is the {@code basis_file} keyword.
 *
 * <p>The object holds only its {@link Settings}, so it serializes to Spark executors; the executable and scratch
 * root are resolved on the machine that runs the calculation.
 */
public final class Psi4Engine implements FragmentEngine {
    private static final long serialVersionUID = 1L;

    /** Environment variable naming the psi4 executable (a path or a command on PATH). */
    public static final String EXECUTABLE_ENV = "QCMB_PSI4";

    /** Environment variable that makes worker.py run the one calculation in its working directory and exit. */
    static final String ONE_TASK_ENV = "QCMB_PSI4_ONE_TASK";

    private static final String INPUT_FILE = "in.json";
    private static final String LOG_FILE = "psi4.log";
    private static final int ERROR_TAIL_LINES = 12;
    /** psi4.set_memory refuses less than 250 MiB, and run_json calls it outside its error handling. */
    static final long MIN_MEMORY_BYTES = 250L * 1024 * 1024;

    /** Psi4 exception types that mean the input asked for something Psi4 cannot do. */
    private static final Set<String> INPUT_ERROR_TYPES = Set.of(
            "ValidationError", "KeyError", "BasisSetNotFound", "BasisSetFileNotFound", "BasisSetNotDefined",
            "ManagedMethodError", "UpgradeHelper", "ParsingError", "ParsingValidationError", "MoleculeFormatError",
            "IncompleteAtomError", "FragmentCountError", "FeatureNotImplemented", "PastureRequiredError");

    /** How calculations reach Psi4. */
    public enum Mode {
        /** A warm psi4 process per concurrent calculation, reused from one fragment to the next (the default). */
        WORKER,
        /** A new psi4 process per calculation (Python start and Psi4 import each time: about 1 s more). */
        PROCESS;

        /** "worker" or "process", as the {@code --psi4-mode} option spells it. */
        public static Mode parse(String s) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("psi4 mode must be worker or process, not '" + s + "'");
        }
    }

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
     * @param mode        a warm worker per concurrent calculation, or a process per calculation
     * @param prestart    warm workers to start in the background when the engine is checked ({@link
     *                    #checkAvailable}, on the driver before Spark starts): in local mode the driver JVM is the
     *                    executor, so Psi4's import then overlaps Spark's start-up; 0 on a cluster
     * @param workerCalculations calculations after which a worker is replaced by a new one: Psi4 1.3.2 keeps some
     *                    memory of every calculation (about 0.2 MB per HF/6-31G* water trimer, measured over 120
     *                    of them), and a new worker costs one Psi4 import (about 1 s)
     */
    public record Settings(String executable, String scratchRoot, int threads, long memoryBytes, Duration timeout,
                           boolean keepScratch, Mode mode, int prestart, int workerCalculations)
            implements Serializable {
        public Settings {
            if (workerCalculations < 1) {
                throw new IllegalArgumentException("psi4 calculations per worker must be at least 1, not "
                        + workerCalculations);
            }
            if (prestart < 0) {
                throw new IllegalArgumentException("psi4 workers to prestart must be 0 or more, not " + prestart);
            }
            if (mode == null) {
                throw new IllegalArgumentException("psi4 mode is missing");
            }
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

        /**
         * psi4 from $QCMB_PSI4 or PATH, scratch under java.io.tmpdir, 1 thread, 500 MiB, 1 hour, scratch deleted,
         * warm workers (none prestarted, each replaced after 200 calculations).
         */
        public static Settings defaults() {
            return new Settings(null, null, 1, 500L * 1024 * 1024, Duration.ofHours(1), false, Mode.WORKER, 0, 200);
        }

        public Settings withExecutable(String executable) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch, mode, prestart,
                    workerCalculations);
        }

        public Settings withScratchRoot(String scratchRoot) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch, mode, prestart,
                    workerCalculations);
        }

        public Settings withThreads(int threads) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch, mode, prestart,
                    workerCalculations);
        }

        public Settings withMemoryBytes(long memoryBytes) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch, mode, prestart,
                    workerCalculations);
        }

        public Settings withTimeout(Duration timeout) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch, mode, prestart,
                    workerCalculations);
        }

        public Settings withKeepScratch(boolean keepScratch) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch, mode, prestart,
                    workerCalculations);
        }

        public Settings withMode(Mode mode) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch, mode, prestart,
                    workerCalculations);
        }

        public Settings withWorkerCalculations(int workerCalculations) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch, mode, prestart,
                    workerCalculations);
        }

        public Settings withPrestart(int prestart) {
            return new Settings(executable, scratchRoot, threads, memoryBytes, timeout, keepScratch, mode, prestart,
                    workerCalculations);
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
        if (settings.mode() == Mode.WORKER && settings.prestart() > 0) {
            pool().prestart(settings.prestart());
        }
    }

    /** Names and keywords that Psi4 would misread or that would reach its file system (see {@link Psi4Specification}). */
    @Override
    public void validate(CalculationSpec spec) {
        Psi4Specification.check(spec.driver(), spec.model(), spec.keywords());
    }

    @Override
    public AtomicResult compute(AtomicInput input) {
        long start = System.nanoTime();
        Path scratch = null;
        try {
            Psi4Specification.check(input.driver(), input.model(), input.keywords());
            scratch = createScratch();
            writeInput(input, scratch);
            JsonNode output = settings.mode() == Mode.WORKER ? runInWorker(scratch) : runProcess(input, scratch);
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

    // ---- running psi4 ----

    /** in.json, and the user's basis file under the name Psi4 looks for in its working directory. */
    private void writeInput(AtomicInput input, Path scratch) {
        try {
            QcJson.mapper().writeValue(scratch.resolve(INPUT_FILE).toFile(),
                    Psi4Json.input(input, settings.memoryBytes()));
            Object basisFile = Psi4Json.basisFile(input.keywords());
            if (basisFile != null) {
                Files.copy(Psi4Specification.basisFile(basisFile),
                        scratch.resolve(Psi4Specification.fileName(input.model().basis())));
            }
        } catch (IOException e) {
            throw new EngineException(ErrorClass.ENGINE_CRASH, "cannot write psi4 input in " + scratch + ": " + e, e);
        }
    }

    /**
     * The calculation in a warm worker. A worker whose calculation failed is not reused: a failed calculation
     * may leave Psi4's state half-changed, and a new worker costs only Psi4's start-up.
     */
    private JsonNode runInWorker(Path scratch) {
        Psi4WorkerPool pool = pool();
        Psi4Worker worker = pool.borrow();
        boolean reusable = false;
        try {
            try {
                worker.run(scratch, settings.threads(), settings.timeout());
            } catch (EngineException e) {
                throw new EngineException(e.errorClass(), e.getMessage() + logTail(scratch), e);
            }
            JsonNode doc = readOutput(scratch.resolve(INPUT_FILE));
            if (doc == null || !Psi4Json.isOutput(doc)) {
                throw new EngineException(ErrorClass.ENGINE_CRASH,
                        "psi4 worker answered without writing its JSON result" + logTail(scratch));
            }
            reusable = doc.path("success").asBoolean(false);
            return doc;
        } finally {
            if (!reusable) {
                worker.kill();
            }
            pool.giveBack(worker);
        }
    }

    /** The warm workers of this engine's settings in this JVM. */
    Psi4WorkerPool pool() {
        return Psi4WorkerPool.of(poolKey());
    }

    private Psi4WorkerPool.Key poolKey() {
        return new Psi4WorkerPool.Key(executable(), settings.threads(), scratchRoot(), settings.keepScratch(),
                settings.workerCalculations());
    }

    /** Ends this engine's idle warm workers now (they end anyway when the JVM exits). */
    public void closeWorkers() {
        Psi4WorkerPool.close(poolKey());
    }

    /** The calculation in a psi4 process of its own. */
    private JsonNode runProcess(AtomicInput input, Path scratch) {
        Path inJson = scratch.resolve(INPUT_FILE);
        List<String> command = new ArrayList<>(List.of(executable(), "--nthread", Integer.toString(settings.threads())));
        if (input.externalCharges().isEmpty()) {
            command.addAll(List.of("--json", INPUT_FILE));
        } else {
            try {
                Psi4Worker.copyResource(Psi4Worker.SCRIPT, scratch.resolve(Psi4Worker.SCRIPT));
            } catch (IOException e) {
                throw new EngineException(ErrorClass.ENGINE_CRASH, "cannot write psi4 input in " + scratch + ": " + e,
                        e);
            }
            command.addAll(List.of("--skip-preprocessor", Psi4Worker.SCRIPT, "embed.out"));
        }

        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(scratch.toFile())
                .redirectErrorStream(true)
                .redirectOutput(scratch.resolve(LOG_FILE).toFile());
        pb.environment().put("PSI_SCRATCH", scratch.toString());
        if (!input.externalCharges().isEmpty()) {
            pb.environment().put(ONE_TASK_ENV, "1");
        }
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

    /** Psi4 1.3.2 has analytic Hessians for HF only; embedded Hessians (worker.py) are finite differences of gradients. */
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

    private Path scratchRoot() {
        return Path.of(settings.scratchRoot() != null ? settings.scratchRoot() : System.getProperty("java.io.tmpdir"))
                .toAbsolutePath();
    }

    private Path createScratch() {
        Path root = scratchRoot();
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "qcmb-psi4-");
        } catch (IOException e) {
            throw new EngineException(ErrorClass.ENGINE_CRASH, "cannot create psi4 scratch directory under " + root
                    + ": " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover scratch directory is not worth failing a finished calculation
        }
    }

    /** psi4's console log plus its text output files (when they still exist), last lines, for crash messages. */
    private static String logTail(Path scratch) {
        List<Path> logs = new ArrayList<>();
        for (String name : List.of(LOG_FILE, INPUT_FILE + ".dat", "embed.out")) {
            logs.add(scratch.resolve(name));
        }
        try (Stream<Path> files = Files.list(scratch)) {
            files.filter(p -> p.getFileName().toString().endsWith(".json_out")).sorted().forEach(logs::add);
        } catch (IOException | UncheckedIOException e) {
            // no listing: the fixed names above still serve
        }
        StringBuilder sb = new StringBuilder();
        for (Path p : logs) {
            String name = p.getFileName().toString();
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
