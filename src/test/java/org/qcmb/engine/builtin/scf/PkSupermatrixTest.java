package org.qcmb.engine.builtin.scf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.ShellQuartets;
import org.qcmb.molecule.Molecule;

/**
 * The PK supermatrix's G = 2J - K, over shells and over shell groups, against the quartet digest of JKBuilder
 * (direct, no screening by density).
 */
class PkSupermatrixTest {
    @Test
    void twoElectronMatrixMatchesTheQuartetDigest() {
        // water dimer with cc-pVDZ (pure d shells, worked over Cartesian components) and a ghost-free geometry
        double[] g = {-2.76373224, -1.24377706, -0.15444566, -1.12357791, -2.0622797, -0.05243799, -3.80792362,
            -2.08705525, 1.06090407, 2.46924614, -1.75437739, -0.17092884, 3.7636826, -2.21425403, 1.00846104,
            2.3059833, 0.07098445, -0.03942473};
        Molecule m = Molecule.of(List.of("O", "H", "H", "O", "H", "H"), g, 0, 1);
        BasisSet bs = BasisSet.of(m, "cc-pvdz", null);
        int n = bs.cartesianCount();
        // a symmetric test density with entries of both signs
        Random rnd = new Random(3);
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                d[i * n + j] = d[j * n + i] = rnd.nextDouble() - 0.5;
            }
        }
        ShellQuartets q = new ShellQuartets(bs, false);
        double[][] jk = new JKBuilder(q, 0, 1, null).build(d);
        // over shells, and over shell groups (cc-pVDZ's generally contracted s shells share their exponents)
        ShellQuartets grouped = ShellQuartets.grouped(bs);
        assertThat(grouped.groupCount()).isLessThan(bs.shellCount());
        for (ShellQuartets quartets : List.of(q, grouped)) {
            double[] pk = new PkSupermatrix(quartets).twoElectron(d);
            for (int i = 0; i < n * n; i++) {
                assertThat(pk[i]).isCloseTo(2 * jk[0][i] - jk[1][i], within(1e-11));
            }
        }
        assertThat(PkSupermatrix.doubles(n)).isEqualTo((long) (n * (n + 1) / 2) * (n * (n + 1) / 2 + 1) / 2);
    }
}
