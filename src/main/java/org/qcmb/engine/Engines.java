package org.qcmb.engine;

import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.engine.psi4.Psi4Engine;
import org.qcmb.engine.synthetic.SyntheticEngine;

/** The engines a run can use, by the program name that inputs give. */
public final class Engines {
    private Engines() {
    }

    /**
     * @param threads threads one calculation may use (Spark then reserves as many cores per task)
     */
    public static EngineRegistry registry(int threads) {
        return new EngineRegistry()
                .register("builtin", () -> threads > 1
                        ? new WithDefaultKeywords(new BuiltinEngine(), java.util.Map.of("num_threads", threads))
                        : new BuiltinEngine())
                .register("psi4", () -> new Psi4Engine(Psi4Engine.Settings.defaults().withThreads(threads)))
                .register("synthetic", SyntheticEngine::new);
    }
}
