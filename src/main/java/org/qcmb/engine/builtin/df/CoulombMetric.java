package org.qcmb.engine.builtin.df;

import java.util.concurrent.ExecutorService;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.linalg.Gemm;
import org.qcmb.engine.builtin.scf.Matrices;

/**
 * The Coulomb metric J_PQ = (P|Q) of a fitting basis as a fitting operator S with S^T S = J^-1: fitted tensors are
 * B = S (P|..), and a quantity's derivative with respect to (P|..) is S^T times its derivative with respect to B.
 *
 * <p>Psi4 fits with J^-1/2 from an eigendecomposition, dropping eigenvalues below DF_FITTING_CONDITION (1e-10)
 * times the largest ({@code Matrix::power}). When no eigenvalue can fall below that cut the result equals the exact
 * inverse, and any factor with S^T S = J^-1 gives the same energies and gradients; so S = L^-1 from the Cholesky
 * factor J = L L^T (a tenth of the cost of the eigendecomposition), after a proof that the cut cannot apply:
 * lambda_min >= 1 / tr(J^-1) = 1 / |L^-1|_F^2 and lambda_max <= |J|_F. Otherwise S = J^-1/2 exactly as Psi4.
 */
final class CoulombMetric {
    /** Psi4's DF_FITTING_CONDITION default. */
    static final double CONDITION = 1e-10;

    private final int n;
    /** S (n x n, row-major); lower triangular when {@code triangular}. */
    private final double[] s;
    private final boolean triangular;

    private CoulombMetric(int n, double[] s, boolean triangular) {
        this.n = n;
        this.s = s;
        this.triangular = triangular;
    }

    static CoulombMetric of(BasisSet aux) {
        return of(ThreeCentre.metric(aux), aux.functionCount());
    }

    static CoulombMetric of(double[] j, int n) {
        double[] linv = choleskyInverse(j, n);
        if (linv != null) {
            double tr = 0, fro = 0;
            for (double v : linv) {
                tr += v * v;
            }
            for (double v : j) {
                fro += v * v;
            }
            if (tr * Math.sqrt(fro) * CONDITION < 1) {
                return new CoulombMetric(n, linv, true);
            }
        }
        return new CoulombMetric(n, power(j, n, -0.5), false);
    }

    int size() {
        return n;
    }

    /** Whether this is Psi4's eigenvalue route (J^-1/2 with eigenvalues cut), for tests. */
    boolean eigenRoute() {
        return !triangular;
    }

    /** a[P][col] <- sum_Q S[P][Q] a[Q][col] for ncol columns (row stride ncol), in place. */
    void fit(double[] a, int ncol, int threads, ExecutorService pool) {
        apply(a, ncol, false, threads, pool);
    }

    /** a[P][col] <- sum_Q S[Q][P] a[Q][col]: from fitted-space to raw (P|..) derivatives. */
    void unfit(double[] a, int ncol, int threads, ExecutorService pool) {
        apply(a, ncol, true, threads, pool);
    }

    /** S^T X S for a symmetric n x n X: a metric-derivative density from its fitted-space form. */
    double[] unfitBoth(double[] x) {
        double[] y = x.clone();
        unfit(y, n, 1, null);
        double[] yt = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                yt[k * n + i] = y[i * n + k];
            }
        }
        unfit(yt, n, 1, null);
        return yt;
    }

    private static final int BLOCK = 512;

    private void apply(double[] a, int ncol, boolean transpose, int threads, ExecutorService pool) {
        int nblocks = (ncol + BLOCK - 1) / BLOCK;
        int nth = Math.max(1, Math.min(threads, nblocks));
        Parallel.run(nth, pool, t -> {
            Gemm gemm = new Gemm();
            double[] in = new double[n * BLOCK];
            double[] out = new double[n * BLOCK];
            for (int bl = t; bl < nblocks; bl += nth) {
                int c0 = bl * BLOCK, w = Math.min(BLOCK, ncol - c0);
                for (int p = 0; p < n; p++) {
                    System.arraycopy(a, p * ncol + c0, in, p * w, w);
                }
                multiply(in, out, w, transpose, gemm);
                for (int p = 0; p < n; p++) {
                    System.arraycopy(out, p * w, a, p * ncol + c0, w);
                }
            }
        });
    }

    /** out (n x w) = S in or S^T in, using only the nonzero triangle of a triangular S (in row blocks). */
    private void multiply(double[] in, double[] out, int w, boolean transpose, Gemm gemm) {
        if (!triangular) {
            gemm.product(transpose, false, n, w, n, 1.0, s, 0, n, in, 0, w, 0.0, out, 0, w);
            return;
        }
        final int rb = 128;
        for (int i0 = 0; i0 < n; i0 += rb) {
            int h = Math.min(rb, n - i0);
            if (!transpose) {
                // rows i0..i0+h of L^-1 are zero beyond column i0+h-1
                gemm.product(false, false, h, w, i0 + h, 1.0, s, i0 * n, n, in, 0, w, 0.0, out, i0 * w, w);
            } else {
                // rows i0.. of (L^-1)^T: columns i0.. of L^-1, nonzero only in rows >= i0
                gemm.product(true, false, h, w, n - i0, 1.0, s, i0 * n + i0, n, in, i0 * w, w, 0.0, out, i0 * w, w);
            }
        }
    }

    /** L^-1 (lower triangular, dense n x n) of the Cholesky factor J = L L^T, or null if J is not positive. */
    static double[] choleskyInverse(double[] j, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= i; k++) {
                double sum = j[i * n + k];
                int ri = i * n, rk = k * n;
                for (int m = 0; m < k; m++) {
                    sum -= l[ri + m] * l[rk + m];
                }
                if (k == i) {
                    if (!(sum > 0)) {
                        return null;
                    }
                    l[ri + i] = Math.sqrt(sum);
                } else {
                    l[ri + k] = sum / l[rk + k];
                }
            }
        }
        // X = L^-1 row by row: X[i] = (e_i - sum_{k<i} L[i][k] X[k]) / L[i][i]
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            x[ri + i] = 1;
            for (int k = 0; k < i; k++) {
                double lik = l[ri + k];
                if (lik == 0) {
                    continue;
                }
                int rk = k * n;
                for (int c = 0; c <= k; c++) {
                    x[ri + c] -= lik * x[rk + c];
                }
            }
            double inv = 1 / l[ri + i];
            for (int c = 0; c <= i; c++) {
                x[ri + c] *= inv;
            }
        }
        return x;
    }

    /** Psi4's Matrix::power: eigenvalues below CONDITION times the largest dropped, the others to alpha. */
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
