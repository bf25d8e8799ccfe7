package org.qcmb.engine.builtin.integrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.molecule.Molecule;

/**
 * The one-pass overlap and kinetic matrices, and the attraction matrix over (grouped) quartet pairs, against the
 * per-matrix and per-shell forms (which the Psi4 reference cases check).
 */
class OneElectronTest {
    private static final double[] WATER = {-2.76373224, -1.24377706, -0.15444566, -1.12357791, -2.0622797,
        -0.05243799, -3.80792362, -2.08705525, 1.06090407};

    @Test
    void fusedPassesAgreeWithTheSeparateOnes() {
        Molecule m = Molecule.of(List.of("O", "H", "H"), WATER, 0, 1);
        for (String basis : List.of("6-31g*", "cc-pvdz")) {
            BasisSet bs = BasisSet.of(m, basis, null);
            double[][] st = OneElectron.overlapAndKinetic(bs);
            assertClose(st[0], OneElectron.overlap(bs));
            assertClose(st[1], OneElectron.kinetic(bs));
            Charges ch = Charges.of(m, List.of());
            double[] v = OneElectron.potential(bs, ch.q(), ch.xyz());
            ShellQuartets grouped = ShellQuartets.grouped(bs);
            assertThat(grouped.groupCount()).isLessThan(bs.shellCount());
            assertClose(OneElectron.potential(grouped, ch.q(), ch.xyz()), v);
            assertClose(OneElectron.potential(new ShellQuartets(bs, false), ch.q(), ch.xyz()), v);
        }
    }

    private static void assertClose(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-13 + 1e-13 * Math.abs(b[i])));
        }
    }
}
