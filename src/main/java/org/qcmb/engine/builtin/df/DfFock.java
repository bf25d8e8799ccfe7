package org.qcmb.engine.builtin.df;

import java.util.concurrent.ExecutorService;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.linalg.Gemm;
import org.qcmb.engine.builtin.scf.FockBuilder;
import org.qcmb.engine.builtin.scf.Matrices;

/**
 * Density-fitted J and K (Psi4's MemDFJK): d_Q = sum_mn B^Q_mn D_mn, J_mn = sum_Q B^Q_mn d_Q,
 * K_mn = sum_Q sum_i (B^Q C)_mi (B^Q C)_ni with D = C C^T. A guess density not given as orbitals is factorised
 * by its eigenvectors, D = sum_k lambda_k v_k v_k^T (signs kept).
 */
public final class DfFock implements FockBuilder {
    private final DfTensor t;
    private final int threads;
    private final ExecutorService pool;

    /** The JK-fitted builder of an orbital basis with its fitting basis (computes and fits the integrals). */
    public static DfFock of(BasisSet aux, BasisSet orb, int threads, ExecutorService pool) {
        return new DfFock(DfTensor.build(aux, orb, threads, pool), threads, pool);
    }

    DfFock(DfTensor t, int threads, ExecutorService pool) {
        this.t = t;
        this.threads = Math.max(1, threads);
        this.pool = pool;
    }

    DfTensor tensor() {
        return t;
    }

    @Override
    public double[] twoElectron(double[] d, double[] orbitals, int nmo, int nocc) {
        int n = t.n();
        double[] left, right;
        int k;
        if (orbitals != null) {
            k = nocc;
            left = new double[n * k];
            for (int m = 0; m < n; m++) {
                System.arraycopy(orbitals, m * nmo, left, m * k, k);
            }
            right = left;
        } else {
            Matrices.Eigen e = Matrices.symmetricEigen(d, n);
            double max = 0;
            for (double v : e.values()) {
                max = Math.max(max, Math.abs(v));
            }
            int cnt = 0;
            for (double v : e.values()) {
                if (Math.abs(v) > 1e-14 * max) {
                    cnt++;
                }
            }
            k = cnt;
            left = new double[n * k];
            right = new double[n * k];
            int c = 0;
            for (int col = 0; col < n; col++) {
                double v = e.values()[col];
                if (Math.abs(v) <= 1e-14 * max) {
                    continue;
                }
                double s = Math.sqrt(Math.abs(v));
                for (int m = 0; m < n; m++) {
                    left[m * k + c] = e.vectors()[m * n + col] * s;
                    right[m * k + c] = e.vectors()[m * n + col] * s * Math.signum(v);
                }
                c++;
            }
        }
        return build(left, right, k, false);
    }

    /**
     * G = 2J(X) - K(X) for X = L R^T + R L^T (n x k factors; X symmetric, not necessarily positive), as the
     * response equations need: K(X) = sum_Q (B^Q L)(B^Q R)^T + transpose.
     */
    public double[] twoElectronPair(double[] left, double[] right, int k) {
        return build(left, right, k, true);
    }

    /** Q functions per batch of the exchange product (the inner dimension of one K update is QBATCH * k). */
    private static final int QBATCH = 16;
    /** Row block of the triangular exchange update. */
    private static final int KBLOCK = 48;


    /**
     * J of X = left right^T (+ right left^T when {@code both}), d_Q = sum_mn B^Q_mn X_mn taken from the half
     * transforms; K = sum_Q (B^Q left)(B^Q right)^T, plus its transpose when {@code both}.
     */
    private double[] build(double[] left, double[] right, int k, boolean both) {
        int n = t.n(), naux = t.naux(), nn = n * n;
        double[] b = t.b();
        double[][] kparts = new double[threads][];
        double[][] jparts = new double[threads][];
        int nbatch = (naux + QBATCH - 1) / QBATCH;
        boolean same = left == right;
        // right^T and left^T (k x n) for the d_Q dot products
        double[] rt = transpose(right, n, k), lt = same ? rt : transpose(left, n, k);
        Parallel.run(threads, pool, th -> {
            JkWorker w = new JkWorker(left, right, k, both, rt, lt);
            for (int bt = th; bt < nbatch; bt += threads) {
                int q0 = bt * QBATCH;
                w.batch(q0, Math.min(QBATCH, naux - q0));
            }
            kparts[th] = w.kpart;
            jparts[th] = w.jpart;
        });
        double[] jm = jparts[0];
        for (int th = 1; th < threads; th++) {
            for (int x = 0; x < nn; x++) {
                jm[x] += jparts[th][x];
            }
        }
        double[] g = new double[nn];
        for (int m = 0; m < n; m++) {
            for (int l = 0; l <= m; l++) {
                double j2 = 2 * jm[m * n + l];
                g[m * n + l] = j2;
                g[l * n + m] = j2;
            }
        }
        for (double[] kp : kparts) {
            for (int m = 0; m < n; m++) {
                for (int l = 0; l < n; l++) {
                    // same: only the lower triangle was formed (K symmetric)
                    double v = same ? (l <= m ? kp[m * n + l] : kp[l * n + m])
                            : both ? kp[m * n + l] + kp[l * n + m] : kp[m * n + l];
                    g[m * n + l] -= v;
                }
            }
        }
        return g;
    }

    /**
     * One thread's share of the build: for each Q of a batch the half transform, d_Q, and J += d_Q B^Q while B^Q
     * is still in cache (one pass over the tensor per build: two threads share the memory bandwidth); then the K
     * update of the batch.
     */
    private final class JkWorker {
        private final double[] left;
        private final double[] right;
        private final int k;
        private final boolean both;
        private final boolean same;
        private final double[] rt;
        private final double[] lt;
        private final Gemm gemm = new Gemm();
        private final Gemm gemmR = new Gemm();
        private final Gemm gemmK = new Gemm();
        private final double[] zl;
        private final double[] zr;
        final double[] kpart;
        /** J (lower triangle) of this thread's Q. */
        final double[] jpart;

        JkWorker(double[] left, double[] right, int k, boolean both, double[] rt, double[] lt) {
            int n = t.n();
            this.left = left;
            this.right = right;
            this.k = k;
            this.both = both;
            this.same = left == right;
            this.rt = rt;
            this.lt = lt;
            zl = new double[QBATCH * k * n];
            zr = same ? zl : new double[QBATCH * k * n];
            kpart = new double[n * n];
            jpart = new double[n * n];
        }

        void batch(int q0, int nq) {
            int n = t.n(), nn = n * n;
            double[] b = t.b();
            for (int qq = 0; qq < nq; qq++) {
                int q = q0 + qq, zo = qq * k * n;
                // Z[(qq, i)][m] = sum_l C[l][i] B^Q[l][m]
                gemm.product(true, false, k, n, n, 1.0, left, 0, k, b, q * nn, n, 0.0, zl, zo, n, true);
                if (!same) {
                    gemmR.product(true, false, k, n, n, 1.0, right, 0, k, b, q * nn, n, 0.0, zr, zo, n, true);
                }
                double dq = dot(zl, zo, rt, k * n) + (both ? dot(zr, zo, lt, k * n) : 0);
                int o = q * nn;
                for (int m = 0; m < n; m++) {
                    int row = m * n;
                    for (int l = 0; l <= m; l++) {
                        jpart[row + l] += dq * b[o + row + l];
                    }
                }
            }
            // K += Z_L^T Z_R; with Z_L = Z_R only the lower triangle, in row blocks
            if (same) {
                for (int i0 = 0; i0 < n; i0 += KBLOCK) {
                    int h = Math.min(KBLOCK, n - i0);
                    gemmK.product(true, false, h, i0 + h, nq * k, 1.0, zl, i0, n, zl, 0, n, 1.0, kpart, i0 * n, n);
                }
            } else {
                gemmK.product(true, false, n, n, nq * k, 1.0, zl, 0, n, zr, 0, n, 1.0, kpart, 0, n);
            }
        }
    }

    /** d_Q = sum_mn B^Q_mn (L R^T)_mn = sum_i sum_m Z_L[i][m] R[m][i]. */
    private static double dot(double[] z, int zo, double[] r, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += z[zo + i] * r[i];
        }
        return s;
    }

    static double[] transpose(double[] a, int rows, int cols) {
        double[] o = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                o[c * rows + r] = a[r * cols + c];
            }
        }
        return o;
    }

    static void unpack(double[] b, int off, int n, double[] full) {
        unpack(b, off, n, full, 0);
    }

    /** A packed lower triangle at b[off..] to a full symmetric n x n matrix at full[fo..]. */
    static void unpack(double[] b, int off, int n, double[] full, int fo) {
        int x = off;
        for (int m = 0; m < n; m++) {
            for (int nn = 0; nn <= m; nn++) {
                double v = b[x++];
                full[fo + m * n + nn] = v;
                full[fo + nn * n + m] = v;
            }
        }
    }
}
