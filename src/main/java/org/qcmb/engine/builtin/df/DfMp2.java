package org.qcmb.engine.builtin.df;

import java.util.concurrent.ExecutorService;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.linalg.Gemm;
import org.qcmb.engine.builtin.scf.ScfResult;

/**
 * Density-fitted closed-shell MP2 (Psi4's dfmp2): B^Q_ia = sum_P S_QP (P|ia) over the RI fitting basis (S^T S = J^-1),
 * (ia|jb) ~ sum_Q B^Q_ia B^Q_jb, E2 = sum_ij sum_ab (ia|jb) [2 (ia|jb) - (ib|ja)] / (e_i + e_j - e_a - e_b),
 * i, j over the active (not frozen) occupied orbitals.
 */
public final class DfMp2 {
    private final ScfResult scf;
    private final BasisSet aux;
    private final int frozen;
    private final int threads;
    private final ExecutorService pool;
    private SpareIntegrals prepared;

    public DfMp2(ScfResult scf, BasisSet aux, int frozenCore, int threads, ExecutorService pool) {
        this.scf = scf;
        this.aux = aux;
        this.frozen = frozenCore;
        this.threads = Math.max(1, threads);
        this.pool = pool;
    }

    /** Uses these (P|mn) of the fitting basis, perhaps partly computed during the SCF, instead of computing them. */
    public DfMp2 integrals(SpareIntegrals integrals) {
        this.prepared = integrals;
        return this;
    }

    public double correlationEnergy() {
        int n = scf.nbasis(), nmo = scf.nmo(), nocc = scf.occupied();
        int no = nocc - frozen, nv = nmo - nocc;
        if (no <= 0 || nv <= 0) {
            return 0;
        }
        double[] b = fittedOv(no, nv);
        double[] eps = scf.orbitalEnergies();
        int naux = aux.functionCount();
        double[][] parts = new double[threads][1];
        Parallel.run(threads, pool, th -> {
            Gemm gemm = new Gemm();
            double[] iab = new double[nv * nv];
            double e = 0;
            int pairIndex = 0;
            for (int i = 0; i < no; i++) {
                for (int j = 0; j <= i; j++, pairIndex++) {
                    if (pairIndex % threads != th) {
                        continue;
                    }
                    // (ia|jb) = sum_Q B_i[Q][a] B_j[Q][b]
                    gemm.product(true, false, nv, nv, naux, 1.0, b, i * naux * nv, nv, b, j * naux * nv, nv, 0.0, iab, 0,
                            nv);
                    double eij = eps[frozen + i] + eps[frozen + j];
                    double s = 0;
                    for (int a = 0; a < nv; a++) {
                        double ea = eij - eps[nocc + a];
                        for (int bb = 0; bb < nv; bb++) {
                            double x = iab[a * nv + bb];
                            s += x * (2 * x - iab[bb * nv + a]) / (ea - eps[nocc + bb]);
                        }
                    }
                    e += (i == j ? 1 : 2) * s;
                }
            }
            parts[th][0] = e;
        });
        double e2 = 0;
        for (double[] p : parts) {
            e2 += p[0];
        }
        return e2;
    }

    /** B[i][Q][a] for active occupied i and virtual a: half transforms of (P|mn), then the J^-1/2 fit. */
    double[] fittedOv(int no, int nv) {
        BasisSet orb = scf.basis();
        int n = orb.functionCount(), nmo = scf.nmo(), nocc = scf.occupied();
        int naux = aux.functionCount(), npair = n * (n + 1) / 2;
        double[] c = scf.coefficients();
        double[] co = new double[n * no], cv = new double[n * nv];
        for (int m = 0; m < n; m++) {
            System.arraycopy(c, m * nmo + frozen, co, m * no, no);
            System.arraycopy(c, m * nmo + nocc, cv, m * nv, nv);
        }
        final double[] raw = SpareIntegrals.finishOrCompute(prepared, aux, orb, threads, pool);
        // ov[P][i][a] = sum_mn C_mi (P|mn) C_na
        double[] ov = new double[naux * no * nv];
        Parallel.run(threads, pool, th -> {
            Gemm gemm = new Gemm();
            double[] full = new double[n * n];
            double[] z = new double[no * n];
            for (int p = th; p < naux; p += threads) {
                DfFock.unpack(raw, p * npair, n, full);
                gemm.product(true, false, no, n, n, 1.0, co, 0, no, full, 0, n, 0.0, z, 0, n);
                gemm.product(false, false, no, nv, n, 1.0, z, 0, n, cv, 0, nv, 0.0, ov, p * no * nv, nv);
            }
        });
        CoulombMetric.of(aux, threads, pool).fit(ov, no * nv, threads, pool);
        // reorder to [i][Q][a] (threads write disjoint i)
        double[] out = new double[no * naux * nv];
        Parallel.run(threads, pool, th -> {
            for (int i = th; i < no; i += threads) {
                for (int q = 0; q < naux; q++) {
                    System.arraycopy(ov, (q * no + i) * nv, out, (i * naux + q) * nv, nv);
                }
            }
        });
        return out;
    }
}
