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
        return of(aux, 1, null);
    }

    static CoulombMetric of(BasisSet aux, int threads, ExecutorService pool) {
        return of(ThreeCentre.metric(aux, threads, pool), aux.functionCount(), threads, pool);
    }

    static CoulombMetric of(double[] j, int n) {
        return of(j, n, 1, null);
    }

    static CoulombMetric of(double[] j, int n, int threads, ExecutorService pool) {
        double[] linv = choleskyInverse(j, n, threads, pool);
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

    /** Block size of the Cholesky factorisation and inversion. */
    private static final int NB = 64;

    /**
     * L^-1 (lower triangular, dense n x n) of the Cholesky factor J = L L^T, or null if J is not positive definite.
     * Blocked: the trailing updates of the factorisation and the off-diagonal blocks of the inverse are matrix
     * products (split over threads by block rows / block columns).
     */
    static double[] choleskyInverse(double[] j, int n, int threads, ExecutorService pool) {
        double[] l = j.clone();
        int nth = Math.max(1, threads);
        for (int k0 = 0; k0 < n; k0 += NB) {
            int kb = Math.min(NB, n - k0);
            // diagonal block, unblocked (rows k0.., columns k0..)
            for (int i = k0; i < k0 + kb; i++) {
                for (int k = k0; k <= i; k++) {
                    double sum = l[i * n + k];
                    for (int m = k0; m < k; m++) {
                        sum -= l[i * n + m] * l[k * n + m];
                    }
                    if (k == i) {
                        if (!(sum > 0)) {
                            return null;
                        }
                        l[i * n + i] = Math.sqrt(sum);
                    } else {
                        l[i * n + k] = sum / l[k * n + k];
                    }
                }
            }
            int r0 = k0 + kb;
            if (r0 >= n) {
                break;
            }
            final int fk0 = k0, fkb = kb;
            // panel rows r >= r0: L[r][k0..k0+kb) by forward substitution with the diagonal block
            Parallel.run(nth, pool, t -> {
                for (int r = r0 + t; r < n; r += nth) {
                    int ro = r * n;
                    for (int c = fk0; c < fk0 + fkb; c++) {
                        double sum = l[ro + c];
                        int co = c * n;
                        for (int m = fk0; m < c; m++) {
                            sum -= l[ro + m] * l[co + m];
                        }
                        l[ro + c] = sum / l[co + c];
                    }
                }
            });
            // trailing update of the lower triangle: A[r][s] -= sum_c L[r][c] L[s][c], s <= r, in row blocks
            int nblk = (n - r0 + NB - 1) / NB;
            Parallel.run(nth, pool, t -> {
                Gemm gemm = new Gemm();
                for (int b = t; b < nblk; b += nth) {
                    int i0 = r0 + b * NB, h = Math.min(NB, n - i0);
                    gemm.product(false, true, h, i0 + h - r0, fkb, -1.0, l, i0 * n + fk0, n, l, r0 * n + fk0, n, 1.0,
                            l, i0 * n + r0, n);
                }
            });
        }
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(l, i * n + i + 1, (i + 1) * n, 0.0);
        }
        // X = L^-1 by block columns J (independent): X_JJ = L_JJ^-1, X_IJ = -L_II^-1 sum_{K=J}^{I-1} L_IK X_KJ
        double[] x = new double[n * n];
        int nbc = (n + NB - 1) / NB;
        Parallel.run(nth, pool, t -> {
            Gemm gemm = new Gemm();
            double[] rhs = new double[NB * NB];
            for (int bj = t; bj < nbc; bj += nth) {
                int j0 = bj * NB, jb = Math.min(NB, n - j0);
                for (int i0 = j0; i0 < n; i0 += NB) {
                    int ib = Math.min(NB, n - i0);
                    // rhs = (i0 == j0 ? I : -sum_{K} L[I][K] X[K][J]) for K = j0 .. i0-1
                    java.util.Arrays.fill(rhs, 0, ib * jb, 0.0);
                    if (i0 == j0) {
                        for (int d = 0; d < ib; d++) {
                            rhs[d * jb + d] = 1;
                        }
                    } else {
                        gemm.product(false, false, ib, jb, i0 - j0, -1.0, l, i0 * n + j0, n, x, j0 * n + j0, n, 0.0,
                                rhs, 0, jb);
                    }
                    // forward substitution with L_II
                    for (int r = 0; r < ib; r++) {
                        int lr = (i0 + r) * n + i0;
                        double inv = 1 / l[lr + r];
                        for (int c = 0; c < jb; c++) {
                            double sum = rhs[r * jb + c];
                            for (int m = 0; m < r; m++) {
                                sum -= l[lr + m] * x[(i0 + m) * n + j0 + c];
                            }
                            x[(i0 + r) * n + j0 + c] = sum * inv;
                        }
                    }
                }
            }
        });
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
