package org.qcmb.engine.builtin.df;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.molecule.Molecule;

/**
 * The MP2 fitting integrals begun on a spare thread and finished by two: the very tensor of one thread computing
 * it alone, however the pairs were split and wherever the work was paused.
 */
class SpareIntegralsTest {
    private static final Molecule DIMER = Molecule.of(List.of("O", "H", "H", "O", "H", "H"),
            new double[] {-2.76373224, -1.24377706, -0.15444566, -1.12357791, -2.0622797, -0.05243799, -3.80792362,
                -2.08705525, 1.06090407, 2.46924614, -1.75437739, -0.17092884, 3.7636826, -2.21425403, 1.00846104,
                2.3059833, 0.07098445, -0.03942473}, 0, 1);

    @Test
    void pausedAndFinishedByTwoThreadsGivesTheOneThreadTensorExactly() throws Exception {
        BasisSet orb = BasisSet.of(DIMER, "aug-cc-pvdz", null);
        BasisSet ri = FittingBasis.choose(DIMER, "aug-cc-pvdz", FittingBasis.Role.RIFIT, null, null, true).basis();
        double[] alone = ThreeCentre.integrals(ri, orb, 1, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            SpareIntegrals spare = new SpareIntegrals(ri, orb, pool);
            for (int i = 0; i < 5; i++) {
                spare.resume();
                Thread.sleep(2);
                spare.pause();
            }
            double[] split = spare.finish(ri, orb, 2);
            assertThat(split).hasSize(alone.length);
            assertThat(split).containsExactly(alone);
            long nonzero = java.util.Arrays.stream(alone).filter(v -> v != 0).count();
            assertThat(nonzero).isGreaterThan(alone.length / 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesOtherBasisSets() {
        BasisSet orb = BasisSet.of(DIMER, "cc-pvdz", null);
        BasisSet ri = FittingBasis.choose(DIMER, "cc-pvdz", FittingBasis.Role.RIFIT, null, null, true).basis();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            SpareIntegrals spare = new SpareIntegrals(ri, orb, pool);
            assertThatThrownBy(() -> spare.finish(ri, BasisSet.of(DIMER, "cc-pvdz", null), 2))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            pool.shutdownNow();
        }
    }
}
