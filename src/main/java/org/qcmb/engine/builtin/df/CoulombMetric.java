package org.qcmb.engine.builtin.df;

import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.scf.Matrices;

/**
 * The Coulomb metric J_PQ = (P|Q) of an auxiliary basis and its inverse square root as Psi4 forms it
 * ({@code Matrix::power(-0.5, DF_FITTING_CONDITION)}): eigenvalues below {@link #CONDITION} times the largest
 * are dropped, the others raised to -1/2.
 */
final class CoulombMetric {
    /** Psi4's DF_FITTING_CONDITION default. */
    static final double CONDITION = 1e-10;

    private CoulombMetric() {
    }

    /** J^-1/2 (naux x naux, symmetric). */
    static double[] inverseSqrt(BasisSet aux) {
        return power(ThreeCentre.metric(aux), aux.functionCount(), -0.5);
    }

    /** J^-1 with the same conditioning (for gradients). */
    static double[] inverse(BasisSet aux) {
        return power(ThreeCentre.metric(aux), aux.functionCount(), -1.0);
    }

    static double[] power(double[] j, int n, double alpha) {
        Matrices.Eigen e = Matrices.symmetricEigen(j, n);
        double[] lam = e.values();
        double max = Math.max(Math.abs(lam[0]), Math.abs(lam[n - 1]));
        double[] f = new double[n];
        for (int k = 0; k < n; k++) {
            f[k] = Math.abs(lam[k]) < CONDITION * max ? 0 : Math.pow(lam[k], alpha);
            if (!Double.isFinite(f[k])) {
                f[k] = 0;
            }
        }
        double[] v = e.vectors();
        double[] vf = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                vf[r * n + k] = v[r * n + k] * f[k];
            }
        }
        return Matrices.multTransB(vf, n, n, v, n);
    }
}
