package org.qcmb.engine.psi4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.common.Driver;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Model;
import org.qcmb.qcschema.PointCharge;

/**
 * The warm worker against the real psi4: reuse without memory of the previous fragment, bitwise agreement with a
 * process per calculation, a killed or hung worker, and scratch directories. Skipped without psi4, except under
 * CI=true.
 */
class Psi4WorkerTest {
    /** The water of psi4-exact's h2o-sto-3g-hf (bohr), and a second water 5.2 bohr away. */
    private static final double[] WATER = {-2.76373224, -1.24377706, -0.15444566, -1.12357791, -2.0622797,
            -0.05243799, -3.80792362, -2.08705525, 1.06090407};
    private static final double[] SECOND_WATER = {2.46924614, -1.75437739, -0.17092884, 3.7636826, -2.21425403,
            1.00846104, 2.3059833, 0.07098445, -0.03942473};
    private static final Map<String, Object> PK = Map.of("scf_type", "pk", "e_convergence", 1e-10,
            "d_convergence", 1e-10);

    @TempDir
    Path scratchRoot;

    private Psi4Engine worker;
    private Psi4Engine process;

    @BeforeAll
    static void psi4Installed() {
        if (Psi4Engine.locate(new Psi4Engine().executable()) == null) {
            String why = "psi4 not installed: run scripts/install-test-deps.sh or set " + Psi4Engine.EXECUTABLE_ENV;
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " (CI=true: the psi4 tests must run in CI)");
            }
            Assumptions.assumeTrue(false, why);
        }
    }

    private Psi4Engine engine(Psi4Engine.Mode mode) {
        return new Psi4Engine(Psi4Engine.Settings.defaults().withScratchRoot(scratchRoot.toString()).withMode(mode));
    }

    @AfterEach
    void closeWorkers() {
        if (worker != null) {
            worker.closeWorkers();
        }
    }

    private static AtomicInput water(Driver driver) {
        return new AtomicInput(Molecule.of(List.of("O", "H", "H"), WATER, 0, 1), driver, new Model("hf", "sto-3g"),
                PK, null);
    }

    /** The water in the basis of both waters (ghosts), MP2/cc-pVDZ with density fitting: other options, more state. */
    private static AtomicInput ghostedMp2() {
        double[] xyz = new double[18];
        System.arraycopy(WATER, 0, xyz, 0, 9);
        System.arraycopy(SECOND_WATER, 0, xyz, 9, 9);
        Molecule m = new Molecule(List.of("O", "H", "H", "O", "H", "H"), xyz,
                new boolean[] {true, true, true, false, false, false}, List.of(new int[] {0, 1, 2, 3, 4, 5}),
                new int[] {0}, new int[] {1}, 0, 1);
        return new AtomicInput(m, Driver.GRADIENT, new Model("mp2", "cc-pvdz"),
                Map.of("scf_type", "df", "mp2_type", "df", "e_convergence", 1e-6, "maxiter", 60), null);
    }

    /** The water in the point charges of the second water (the external potential is Psi4 state of its own). */
    private static AtomicInput embeddedWater() {
        return new AtomicInput(Molecule.of(List.of("O", "H", "H"), WATER, 0, 1), Driver.GRADIENT,
                new Model("hf", "sto-3g"), PK, List.of(new PointCharge(-0.8, SECOND_WATER[0], SECOND_WATER[1],
                        SECOND_WATER[2]), new PointCharge(0.4, SECOND_WATER[3], SECOND_WATER[4], SECOND_WATER[5]),
                new PointCharge(0.4, SECOND_WATER[6], SECOND_WATER[7], SECOND_WATER[8])));
    }

    /** A water dimer HF/cc-pVTZ: seconds of SCF, long enough to be killed or timed out in the middle. */
    private static AtomicInput slowDimer() {
        double[] xyz = new double[18];
        System.arraycopy(WATER, 0, xyz, 0, 9);
        System.arraycopy(SECOND_WATER, 0, xyz, 9, 9);
        return new AtomicInput(Molecule.of(List.of("O", "H", "H", "O", "H", "H"), xyz, 0, 1), Driver.GRADIENT,
                new Model("hf", "cc-pvtz"), PK, null);
    }

    /** Bitwise: Double.equals and Arrays.equals compare the bits of every number. */
    private static void assertBitwiseEqual(AtomicResult actual, AtomicResult expected) {
        assertThat(actual.success()).as("%s", actual.error()).isTrue();
        assertThat(Double.doubleToRawLongBits(actual.energy())).isEqualTo(Double.doubleToRawLongBits(expected.energy()));
        assertThat(actual.gradient()).isEqualTo(expected.gradient());
        assertThat(actual.hessian()).isEqualTo(expected.hessian());
        assertThat(actual.properties()).isEqualTo(expected.properties());
    }

    @Test
    void aReusedWorkerGivesBitwiseTheResultsOfAProcessPerCalculation() {
        worker = engine(Psi4Engine.Mode.WORKER);
        process = engine(Psi4Engine.Mode.PROCESS);
        Psi4WorkerPool pool = worker.pool();

        AtomicResult first = worker.compute(water(Driver.GRADIENT));
        List<Long> pid = pool.idlePids();
        AtomicResult mp2 = worker.compute(ghostedMp2());
        AtomicResult embedded = worker.compute(embeddedWater());
        AtomicResult again = worker.compute(water(Driver.GRADIENT));

        assertThat(pid).hasSize(1);
        assertThat(pool.idlePids()).as("one worker served all four").isEqualTo(pid);
        // the same fragment after others: neither options, the DF/MP2 state nor the external potential remain
        assertBitwiseEqual(again, first);
        assertBitwiseEqual(first, process.compute(water(Driver.GRADIENT)));
        assertBitwiseEqual(mp2, process.compute(ghostedMp2()));
        assertBitwiseEqual(embedded, process.compute(embeddedWater()));
        assertThat(embedded.energy()).isNotEqualTo(first.energy());
    }

    @Test
    void scratchDirectoriesAreRemovedAndClosingEndsTheWorker() throws IOException {
        worker = engine(Psi4Engine.Mode.WORKER);
        assertThat(worker.compute(water(Driver.ENERGY)).success()).isTrue();
        assertThat(worker.compute(embeddedWater()).success()).isTrue();

        // only the worker's own directory is left while it idles, and nothing once it is closed
        assertThat(children(scratchRoot)).singleElement().satisfies(
                p -> assertThat(p.getFileName().toString()).startsWith(Psi4Worker.HOME_PREFIX));
        long pid = worker.pool().idlePids().get(0);
        worker.closeWorkers();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(scratchRoot).isEmptyDirectory();
    }

    @Test
    void aWorkerKilledInTheMiddleOfACalculationIsAnEngineCrashAndIsReplaced() throws Exception {
        worker = engine(Psi4Engine.Mode.WORKER);
        AtomicResult before = worker.compute(water(Driver.GRADIENT)); // the worker is warm
        Psi4WorkerPool pool = worker.pool();
        long warm = pool.idlePids().get(0);

        CompletableFuture<AtomicResult> slow = CompletableFuture.supplyAsync(() -> worker.compute(slowDimer()));
        awaitCalculationStarted();
        assertThat(pool.busyPids()).containsExactly(warm);
        ProcessHandle.of(warm).orElseThrow().destroyForcibly(); // SIGKILL, as a segfault or the OOM killer would
        AtomicResult crashed = slow.get();

        assertThat(crashed.success()).isFalse();
        assertThat(crashed.error().errorClass()).isEqualTo(ErrorClass.ENGINE_CRASH);
        assertThat(crashed.error().message()).contains("psi4 worker died during the calculation")
                .contains("signal 9");
        assertThat(children(scratchRoot)).as("the dead worker's and the task's directories are gone").isEmpty();

        AtomicResult after = worker.compute(water(Driver.GRADIENT));
        assertBitwiseEqual(after, before);
        assertThat(pool.idlePids()).singleElement().isNotEqualTo(warm);
    }

    @Test
    void aCalculationOverItsTimeoutKillsTheWorkerAndTheNextGetsAFreshOne() {
        worker = engine(Psi4Engine.Mode.WORKER);
        AtomicResult before = worker.compute(water(Driver.GRADIENT)); // a warm worker; start-up is not timed
        // the same pool (the timeout is per calculation, not part of a worker), a timeout the dimer cannot meet
        Psi4Engine impatient = new Psi4Engine(worker.settings().withTimeout(Duration.ofMillis(1500)));
        long start = System.nanoTime();
        AtomicResult hung = impatient.compute(slowDimer());

        assertThat(hung.success()).isFalse();
        assertThat(hung.error().errorClass()).isEqualTo(ErrorClass.ENGINE_CRASH);
        assertThat(hung.error().message()).contains("psi4 timed out after 1.5 s and was killed");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
        assertThat(children(scratchRoot)).isEmpty();
        assertBitwiseEqual(worker.compute(water(Driver.GRADIENT)), before);
    }

    /** checkAvailable on the driver starts the workers that local-mode tasks then find warm. */
    @Test
    void prestartedWorkersServeTheFirstCalculations() throws Exception {
        worker = new Psi4Engine(Psi4Engine.Settings.defaults().withScratchRoot(scratchRoot.toString())
                .withPrestart(2));
        Psi4WorkerPool pool = worker.pool();
        worker.checkAvailable();
        worker.checkAvailable(); // checked again (another model chemistry): no more workers than asked for
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (pool.idlePids().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Long> prestarted = pool.idlePids();
        assertThat(prestarted).hasSize(2);
        assertThat(pool.busyPids()).isEmpty();

        assertThat(worker.compute(water(Driver.ENERGY)).success()).isTrue();
        assertThat(pool.idlePids()).containsExactlyInAnyOrderElementsOf(prestarted);
    }

    /** Psi4 keeps some memory of each calculation: a worker is replaced after its quota, results unchanged. */
    @Test
    void aWorkerIsReplacedAfterItsQuotaOfCalculations() throws Exception {
        worker = new Psi4Engine(Psi4Engine.Settings.defaults().withScratchRoot(scratchRoot.toString())
                .withWorkerCalculations(2));
        Psi4WorkerPool pool = worker.pool();
        AtomicResult first = worker.compute(water(Driver.ENERGY));
        long pid = pool.idlePids().get(0);
        AtomicResult second = worker.compute(water(Driver.ENERGY)); // the second and last of this worker
        assertThat(pool.idlePids()).isEmpty();
        ProcessHandle old = ProcessHandle.of(pid).orElse(null);
        if (old != null) {
            old.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS); // it ends by itself, in the background
        }
        AtomicResult third = worker.compute(water(Driver.ENERGY));

        assertThat(pool.idlePids()).singleElement().isNotEqualTo(pid);
        assertBitwiseEqual(second, first);
        assertBitwiseEqual(third, first);
        long deadline = System.nanoTime() + 30_000_000_000L; // the retiring thread deletes it after the exit
        while (children(scratchRoot).size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(children(scratchRoot)).as("the old worker's directory is gone").hasSize(1);
    }

    @Test
    void aFailedCalculationRetiresItsWorker() {
        worker = engine(Psi4Engine.Mode.WORKER);
        Psi4WorkerPool pool = worker.pool();
        AtomicResult ok = worker.compute(water(Driver.ENERGY));
        long first = pool.idlePids().get(0);
        AtomicResult failed = worker.compute(new AtomicInput(Molecule.of(List.of("O", "H", "H"), WATER, 0, 1),
                Driver.ENERGY, new Model("hf", "sto-3g"), Map.of("scf_type", "pk", "maxiter", 2,
                "fail_on_maxiter", true), null));

        assertThat(failed.error().errorClass()).isEqualTo(ErrorClass.CONVERGENCE_FAILURE);
        assertThat(pool.idlePids()).isEmpty();
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertBitwiseEqual(worker.compute(water(Driver.ENERGY)), ok);
    }

    @Test
    void aUserBasisFileIsCopiedIntoTheScratchDirectoryAndUsedByName() throws IOException {
        Path file = scratchRoot.resolveSibling(scratchRoot.getFileName() + "-my-basis.gbs");
        try (var in = getClass().getResourceAsStream("/basis/sto-3g.gbs")) {
            Files.copy(in, file);
        }
        try {
            worker = engine(Psi4Engine.Mode.WORKER);
            Map<String, Object> keywords = new java.util.HashMap<>(PK);
            keywords.put("basis_file", file.toAbsolutePath().toString());
            AtomicResult mine = worker.compute(new AtomicInput(Molecule.of(List.of("O", "H", "H"), WATER, 0, 1),
                    Driver.GRADIENT, new Model("hf", "My-STO(3G)"), keywords,
                    null));
            AtomicResult library = worker.compute(water(Driver.GRADIENT));
            assertBitwiseEqual(mine, library);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Waits until a task directory holds run_json's output file: Psi4 is inside the calculation. */
    private void awaitCalculationStarted() throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Path dir : children(scratchRoot)) {
                if (!dir.getFileName().toString().startsWith(Psi4Worker.HOME_PREFIX)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        if (files.anyMatch(f -> f.getFileName().toString().endsWith(".json_out"))) {
                            return;
                        }
                    } catch (IOException e) {
                        // the directory went away: look again
                    }
                }
            }
            Thread.sleep(10);
        }
        fail("psi4 did not start the calculation within 120 s");
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
