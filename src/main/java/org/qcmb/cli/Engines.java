package org.qcmb.cli;

import java.util.Map;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.WithDefaultKeywords;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.engine.psi4.Psi4Engine;
import org.qcmb.engine.synthetic.SyntheticEngine;

/**
 * The engines a run can use, by the program name that inputs give: the composition root, the one place that
 * knows every engine (the engine package itself knows only the contract).
 */
public final class Engines {
    private Engines() {
    }

    /**
     * @param threads threads one calculation may use (Spark then reserves as many cores per task)
     */
    public static EngineRegistry registry(int threads) {
        return registry(threads, Psi4Engine.Mode.WORKER, 0);
    }

    /**
     * @param threads      threads one calculation may use (Spark then reserves as many cores per task)
     * @param psi4Mode     warm psi4 workers, or a psi4 process per calculation
     * @param psi4Prestart psi4 workers to start while Spark starts (see {@link #localSlots})
     */
    public static EngineRegistry registry(int threads, Psi4Engine.Mode psi4Mode, int psi4Prestart) {
        return new EngineRegistry()
                .register("builtin", () -> threads > 1
                        ? new WithDefaultKeywords(new BuiltinEngine(), Map.of("num_threads", threads))
                        : new BuiltinEngine())
                .register("psi4", () -> new Psi4Engine(Psi4Engine.Settings.defaults().withThreads(threads)
                        .withMode(psi4Mode).withPrestart(psi4Prestart)))
                .register("synthetic", SyntheticEngine::new);
    }

    /**
     * Calculations a local master runs at once ({@code local} 1, {@code local[N]} and {@code local[N,F]} N,
     * {@code local[*]} the JVM's processors), divided by the threads per calculation; 0 for any other master.
     * In local mode the driver JVM is the executor, so psi4 workers started on the driver serve the tasks.
     */
    static int localSlots(String master, int threads) {
        if (master == null) {
            return 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[\\s*(\\d+|\\*)\\s*(?:,\\s*\\d+\\s*)?])?")
                .matcher(master.trim());
        if (!m.matches()) {
            return 0;
        }
        int cores = m.group(1) == null ? 1
                : m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
        return Math.max(1, cores / Math.max(1, threads));
    }
}
