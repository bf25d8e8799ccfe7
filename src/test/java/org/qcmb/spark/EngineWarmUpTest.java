package org.qcmb.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.testing.Trimer;

/** The engine warm-up of local runs: only for the builtin engine, only locally, one smallest monomer per mc. */
class EngineWarmUpTest {
    /** The builtin engine, counting its calculations and the atoms of each. */
    static final class Counting implements FragmentEngine {
        private static final long serialVersionUID = 1L;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger atoms = new AtomicInteger();
        final BuiltinEngine real = new BuiltinEngine();

        @Override
        public String name() {
            return "builtin";
        }

        @Override
        public String version() {
            return real.version();
        }

        @Override
        public AtomicResult compute(AtomicInput input) {
            calls.incrementAndGet();
            atoms.set(input.molecule().atomCount());
            return real.compute(input);
        }
    }

    @Test
    void warmsTheBuiltinEngineUpOnceOnTheSmallestMonomerInLocalModeOnly() throws Exception {
        Counting engine = new Counting();
        EngineRegistry registry = new EngineRegistry().register("builtin", () -> engine);
        ManyBodyInput in = Trimer.input("energy", "[\"cp\"]", "builtin", "hf", "sto-3g", "{}");
        Thread t = EngineWarmUp.startIfLocal("local[2]", in, registry);
        assertThat(t).isNotNull();
        t.join(120_000);
        assertThat(engine.calls.get()).isEqualTo(1);
        assertThat(engine.atoms.get()).isEqualTo(3); // one water, no ghosts
        assertThat(EngineWarmUp.startIfLocal("spark://127.0.0.1:7077", in, registry)).isNull();
        ManyBodyInput psi4 = Trimer.input("energy", "[\"cp\"]", "psi4", "hf", "sto-3g", "{}");
        assertThat(EngineWarmUp.startIfLocal("local[2]", psi4, registry)).isNull();
        assertThat(engine.calls.get()).isEqualTo(1);
    }

    @Test
    void theSmallestFragmentIsTheFirstWithTheFewestAtoms() {
        assertThat(EngineWarmUp.smallestFragment(List.of(new int[] {0, 1, 2}, new int[] {3}, new int[] {4}))).isEqualTo(1);
        assertThat(EngineWarmUp.smallestFragment(List.of(new int[] {0}))).isZero();
    }
}
