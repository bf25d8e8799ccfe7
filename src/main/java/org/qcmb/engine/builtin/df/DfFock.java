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

    private double[] build(double[] d, double[] left, double[] right, int k) {
        int n = t.n(), naux = t.naux(), npair = t.npair();
        double[] b = t.b();
        double[] dq = new double[naux];
        double[] jp = new double[npair];
        double[][] kparts = new double[threads][];
        final int kk = k;
        Parallel.run(threads, pool, th -> {
            double[] full = new double[n * n];
            double[] zl = new double[kk * n], zr = left == right ? zl : new double[kk * n];
            double[] kpart = new double[n * n];
            for (int q = th; q < naux; q += threads) {
                unpack(b, q * npair, n, full);
                double s = 0;
                for (int x = 0; x < n * n; x++) {
                    s += full[x] * d[x];
                }
                dq[q] = s;
                // Z[i][m] = sum_n C[n][i] B[m][n]
                java.util.Arrays.fill(zl, 0);
                if (zr != zl) {
                    java.util.Arrays.fill(zr, 0);
                }
                for (int m = 0; m < n; m++) {
                    for (int nn = 0; nn < n; nn++) {
                        double bv = full[m * n + nn];
                        for (int i = 0; i < kk; i++) {
                            zl[i * n + m] += bv * left[nn * kk + i];
                            if (zr != zl) {
                                zr[i * n + m] += bv * right[nn * kk + i];
                            }
                        }
                    }
                }
                for (int i = 0; i < kk; i++) {
                    for (int m = 0; m < n; m++) {
                        double zm = zl[i * n + m];
                        for (int nn = 0; nn < n; nn++) {
                            kpart[m * n + nn] += zm * zr[i * n + nn];
                        }
                    }
                }
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
            for (int x = 0; x < n * n; x++) {
                g[x] -= kp[x];
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
