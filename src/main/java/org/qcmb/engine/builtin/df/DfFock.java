package org.qcmb.engine.builtin.df;

import java.util.concurrent.ExecutorService;
import org.qcmb.engine.builtin.basis.BasisSet;
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
        return build(d, left, right, k);
    }

    /**
     * G = 2J(X) - K(X) for X = L R^T + R L^T (n x k factors; X symmetric, not necessarily positive), as the
     * response equations need: K(X) = sum_Q (B^Q L)(B^Q R)^T + transpose.
     */
    public double[] twoElectronPair(double[] left, double[] right, int k) {
        int n = t.n();
        double[] x = new double[n * n];
        Gemm.mult(false, true, n, n, k, 1.0, left, 0, k, right, 0, k, 0.0, x, 0, n);
        for (int m = 0; m < n; m++) {
            for (int l = 0; l < m; l++) {
                double v = x[m * n + l] + x[l * n + m];
                x[m * n + l] = v;
                x[l * n + m] = v;
            }
            x[m * n + m] *= 2;
        }
        return build(x, left, right, k, true);
    }

    /** Q functions per batch of the exchange product (the inner dimension of one K update is QBATCH * k). */
    private static final int QBATCH = 16;

    private double[] build(double[] d, double[] left, double[] right, int k) {
        return build(d, left, right, k, false);
    }

    /** J from d; K = sum_Q (B^Q left)(B^Q right)^T, plus its transpose when {@code both}. */
    private double[] build(double[] d, double[] left, double[] right, int k, boolean both) {
        int n = t.n(), naux = t.naux(), npair = t.npair();
        double[] b = t.b();
        double[] dq = new double[naux];
        double[] jp = new double[npair];
        double[][] kparts = new double[threads][];
        int nbatch = (naux + QBATCH - 1) / QBATCH;
        boolean same = left == right;
        Parallel.run(threads, pool, th -> {
            double[] full = new double[n * n];
            double[] zl = new double[QBATCH * k * n], zr = same ? zl : new double[QBATCH * k * n];
            double[] kpart = new double[n * n];
            for (int bt = th; bt < nbatch; bt += threads) {
                int q0 = bt * QBATCH, nq = Math.min(QBATCH, naux - q0);
                for (int qq = 0; qq < nq; qq++) {
                    int q = q0 + qq;
                    unpack(b, q * npair, n, full);
                    double s = 0;
                    for (int x = 0; x < n * n; x++) {
                        s += full[x] * d[x];
                    }
                    dq[q] = s;
                    // Z[(qq, i)][m] = sum_l C[l][i] B^Q[l][m]
                    Gemm.mult(true, false, k, n, n, 1.0, left, 0, k, full, 0, n, 0.0, zl, qq * k * n, n);
                    if (!same) {
                        Gemm.mult(true, false, k, n, n, 1.0, right, 0, k, full, 0, n, 0.0, zr, qq * k * n, n);
                    }
                }
                Gemm.mult(true, false, n, n, nq * k, 1.0, zl, 0, n, zr, 0, n, 1.0, kpart, 0, n);
            }
            kparts[th] = kpart;
        });
        Parallel.run(threads, pool, th -> {
            int chunk = (npair + threads - 1) / threads;
            int c0 = th * chunk, c1 = Math.min(npair, c0 + chunk);
            for (int q = 0; q < naux; q++) {
                double v = dq[q];
                int o = q * npair;
                for (int c = c0; c < c1; c++) {
                    jp[c] += v * b[o + c];
                }
            }
        });
        double[] g = new double[n * n];
        for (int m = 0; m < n; m++) {
            for (int nn = 0; nn <= m; nn++) {
                double j = jp[ThreeCentre.pair(m, nn)];
                g[m * n + nn] = 2 * j;
                g[nn * n + m] = 2 * j;
            }
        }
        for (double[] kp : kparts) {
            for (int m = 0; m < n; m++) {
                for (int nn = 0; nn < n; nn++) {
                    g[m * n + nn] -= both ? kp[m * n + nn] + kp[nn * n + m] : kp[m * n + nn];
                }
            }
        }
        return g;
    }

    static void unpack(double[] b, int off, int n, double[] full) {
        int x = off;
        for (int m = 0; m < n; m++) {
            for (int nn = 0; nn <= m; nn++) {
                double v = b[x++];
                full[m * n + nn] = v;
                full[nn * n + m] = v;
            }
        }
    }
}
