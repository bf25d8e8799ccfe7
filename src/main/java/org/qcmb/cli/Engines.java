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
        return new EngineRegistry()
                .register("builtin", () -> threads > 1
                        ? new WithDefaultKeywords(new BuiltinEngine(), Map.of("num_threads", threads))
                        : new BuiltinEngine())
                .register("psi4", () -> new Psi4Engine(Psi4Engine.Settings.defaults().withThreads(threads)))
                .register("synthetic", SyntheticEngine::new);
    }
}
