package org.qcmb.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;

/**
 * Warms the JVM engine up while Spark starts, in local mode, where the executor is this JVM: on a background
 * thread, each builtin model chemistry computes its smallest fragment alone (results discarded). The engine's
 * classes are then loaded and its hot code compiled when the first level starts, instead of inside the first
 * tasks, and the core that SparkContext's start-up leaves idle does the work. External engines (Psi4) and the
 * synthetic one gain nothing from it and are left out. Bounded work: one small calculation per model chemistry.
 */
public final class EngineWarmUp {
    /** The program whose engine runs on this JVM's JIT. */
    static final String JVM_ENGINE = "builtin";

    private EngineWarmUp() {
    }

    /**
     * Starts the warm-up on a daemon thread if the run will be local ({@link SparkSessions#runsLocally}) and
     * uses the builtin engine; returns the thread, or null when there is nothing to warm. Never fails: an input
     * the engine rejects is the run's to report.
     */
    public static Thread startIfLocal(String master, ManyBodyInput input, EngineRegistry registry) {
        if (!SparkSessions.runsLocally(master)) {
            return null;
        }
        Map<String, FragmentEngine> engines = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, AtomicSpecification> e : input.specifications().entrySet()) {
                if (JVM_ENGINE.equals(e.getValue().program())) {
                    engines.put(e.getKey(), registry.engine(JVM_ENGINE));
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        if (engines.isEmpty()) {
            return null;
        }
        Thread t = new Thread(() -> warm(input, engines), "qcmb-engine-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void warm(ManyBodyInput input, Map<String, FragmentEngine> engines) {
        try {
            FragmentContext context = new FragmentContext(input, engines);
            int smallest = smallestFragment(input.molecule().fragments());
            for (String mc : engines.keySet()) {
                int[] one = {smallest + 1};
                context.compute(new FragmentTask(mc, one, one));
            }
        } catch (RuntimeException | LinkageError e) {
            // nothing to report: the run validates the input and reports its own failures
        }
    }

    /** The index (0-based) of the fragment with the fewest atoms (the first of them). */
    static int smallestFragment(List<int[]> fragments) {
        int best = 0;
        for (int i = 1; i < fragments.size(); i++) {
            if (fragments.get(i).length < fragments.get(best).length) {
                best = i;
            }
        }
        return best;
    }
}
