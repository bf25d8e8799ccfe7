package org.qcmb.engine.builtin.df;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.qcmb.engine.builtin.scf.Matrices;
import org.qcmb.molecule.Molecule;

/** The fitting factor S (S^T S = J^-1): Cholesky route, Psi4's eigenvalue route and when each applies. */
class CoulombMetricTest {
    private static final Molecule DIMER = Molecule.of(List.of("O", "H", "H", "O", "H", "H"),
            new double[] {-2.76373224, -1.24377706, -0.15444566, -1.12357791, -2.0622797, -0.05243799, -3.80792362,
                -2.08705525, 1.06090407, 2.46924614, -1.75437739, -0.17092884, 3.7636826, -2.21425403, 1.00846104,
                2.3059833, 0.07098445, -0.03942473}, 0, 1);

    /** S^T S from the fit/unfit operations applied to the identity. */
    private static double[] stS(CoulombMetric m, int n) {
        double[] s = identity(n);
        m.fit(s, n, 1, null);
        double[] st = s.clone();
        // S^T S = unfit(S)
        m.unfit(st, n, 1, null);
        return st;
    }

    private static double[] identity(int n) {
        double[] e = new double[n * n];
        for (int i = 0; i < n; i++) {
            e[i * n + i] = 1;
        }
        return e;
    }

    @Test
    void choleskyRouteInvertsTheMetricOfAFittingBasisOnAnyThreadCount() throws Exception {
        FittingBasis jk = FittingBasis.choose(DIMER, "aug-cc-pvdz", FittingBasis.Role.JKFIT, null, null, true);
        int n = jk.size();
        double[] j = ThreeCentre.metric(jk.basis());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CoulombMetric one = CoulombMetric.of(j, n), two = CoulombMetric.of(j, n, 2, pool);
            assertThat(one.eigenRoute()).isFalse();
            double[] prod = Matrices.mult(stS(one, n), n, n, j, n);
            double[] prod2 = Matrices.mult(stS(two, n), n, n, j, n);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    assertThat(prod[i * n + k]).isCloseTo(i == k ? 1 : 0, within(1e-7));
                    assertThat(prod2[i * n + k]).isCloseTo(prod[i * n + k], within(1e-9));
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void nearSingularMetricTakesPsi4sEigenvalueCut() {
        // eigenvalues 1 .. 1e-12 in a random basis: the smallest lies below Psi4's 1e-10 cut
        int n = 6;
        double[] lam = {1, 0.5, 1e-3, 1e-6, 1e-9, 1e-12};
        Random rnd = new Random(3);
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        Matrices.Eigen q = Matrices.symmetricEigen(Matrices.multTransB(a, n, n, a, n), n);
        double[] v = q.vectors(), j = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += v[r * n + k] * lam[k] * v[c * n + k];
                }
                j[r * n + c] = s;
            }
        }
        CoulombMetric m = CoulombMetric.of(j, n);
        assertThat(m.eigenRoute()).isTrue();
        // S^T S = sum over the kept eigenvalues of v v^T / lambda: the cut one contributes nothing
        double[] st = stS(m, n);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int k = 0; k < n - 1; k++) {
                    s += v[r * n + k] * v[c * n + k] / lam[k];
                }
                assertThat(st[r * n + c]).isCloseTo(s, within(1e-6 * Math.abs(s) + 1e-3));
            }
        }
    }
}
