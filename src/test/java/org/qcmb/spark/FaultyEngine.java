package org.qcmb.spark;

import java.util.Arrays;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.engine.synthetic.SyntheticEngine;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.EngineError;
import org.qcmb.qcschema.ErrorClass;

/**
 * Test-only engine: the synthetic engine, except that calculations whose real atoms number one of
 * {@code failAtoms} fail for good (SCF not converged), and those numbering one of {@code crashFirstAtoms} crash on
 * their first Spark attempt only (a transient failure Spark must retry).
 */
public final class FaultyEngine implements FragmentEngine {
    private final Set<Integer> failRealAtoms;
    private final Set<Integer> crashFirstRealAtoms;
    private final FragmentEngine inner = new SyntheticEngine();

    public FaultyEngine(Set<Integer> failRealAtoms, Set<Integer> crashFirstRealAtoms) {
        this.failRealAtoms = failRealAtoms;
        this.crashFirstRealAtoms = crashFirstRealAtoms;
    }

    @Override
    public String name() {
        return "faulty";
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public AtomicResult compute(AtomicInput input) {
        boolean[] real = input.molecule().real();
        int n = 0;
        for (boolean r : real) {
            n += r ? 1 : 0;
        }
        int realAtoms = n;
        if (failRealAtoms.contains(realAtoms) && !allReal(real)) {
            return AtomicResult.failure(input.driver(),
                    new EngineError(ErrorClass.CONVERGENCE_FAILURE, "SCF did not converge in 100 iterations"), null);
        }
        TaskContext tc = TaskContext.get();
        if (crashFirstRealAtoms.contains(realAtoms) && tc != null && tc.attemptNumber() == 0) {
            return AtomicResult.failure(input.driver(), new EngineError(ErrorClass.ENGINE_CRASH, "segfault"), null);
        }
        return inner.compute(input);
    }

    private static boolean allReal(boolean[] real) {
        for (boolean r : real) {
            if (!r) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "FaultyEngine" + Arrays.asList(failRealAtoms, crashFirstRealAtoms);
    }
}
