package org.qcmb.spark;

import java.util.List;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.Planner;
import org.qcmb.molecule.Molecule;

/** The water trimer gradient input (cp, nocp, vmfc through 3 bodies, synthetic engine) of the driver's tests. */
public final class ManyBodyJobTestData {
    private ManyBodyJobTestData() {
    }

    /** The QCManyBody water trimer (bohr). */
    public static final Molecule TRIMER = new Molecule(
            List.of("O", "H", "H", "O", "H", "H", "O", "H", "H"),
            new double[] {-2.76373224, -1.24377706, -0.15444566, -1.12357791, -2.0622797, -0.05243799, -3.80792362,
                    -2.08705525, 1.06090407, 2.46924614, -1.75437739, -0.17092884, 3.7636826, -2.21425403,
                    1.00846104, 2.3059833, 0.07098445, -0.03942473, 0.2912793, 3.00875625, 0.20308515,
                    -1.21253048, 1.958209, 0.10303324, 0.10002049, 4.24958115, -1.10222079},
            new boolean[] {true, true, true, true, true, true, true, true, true},
            List.of(new int[] {0, 1, 2}, new int[] {3, 4, 5}, new int[] {6, 7, 8}),
            new int[] {0, 0, 0}, new int[] {1, 1, 1}, 0, 1);

    public static final ManyBodyInput INPUT = ManyBodyInput.create(TRIMER, Driver.GRADIENT,
            List.of("cp", "nocp", "vmfc"), Map.of("3", "(auto)"), null, true, false, null,
            Map.of("(auto)", new AtomicSpecification("synthetic", "hf", "sto-3g", Map.of(), null, null)), "");

    public static Plan plan() {
        return Planner.plan(INPUT.expansionSpec());
    }

    public static FragmentContext context(FragmentEngine engine) {
        return new FragmentContext(INPUT, Map.of("(auto)", engine));
    }
}
