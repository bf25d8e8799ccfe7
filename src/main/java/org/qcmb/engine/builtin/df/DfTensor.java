package org.qcmb.engine.builtin.df;

import java.util.concurrent.ExecutorService;
import org.qcmb.engine.builtin.basis.BasisSet;

/**
 * The fitted three-index tensor B^Q_mn = sum_P S_QP (P|mn) (S^T S = J^-1, {@link CoulombMetric}) over working
 * functions, each B^Q a full symmetric n x n matrix: b[Q n^2 + m n + l] (fitted in packed form, half the work,
 * then expanded so that products with it are plain matrix products). (mn|ls) ~ sum_Q B^Q_mn B^Q_ls. Keeps the
 * metric for gradients.
 */
record DfTensor(BasisSet aux, int n, int naux, double[] b, CoulombMetric metric) {

    int npair() {
        return n * (n + 1) / 2;
    }

    /** Offset of B^Q (n x n, row-major) in {@link #b()}. */
    int offset(int q) {
        return q * n * n;
    }

    static DfTensor build(BasisSet aux, BasisSet orb, int threads, ExecutorService pool) {
        int n = orb.functionCount(), naux = aux.functionCount(), npair = n * (n + 1) / 2;
        double[] a = ThreeCentre.integrals(aux, orb, threads, pool);
        CoulombMetric m = CoulombMetric.of(aux, threads, pool);
        m.fit(a, npair, threads, pool);
        return expand(aux, n, a, m, threads, pool);
    }

    /** The tensor from fitted packed integrals a[Q][pair(m, n)]. */
    static DfTensor expand(BasisSet aux, int n, double[] a, CoulombMetric m, int threads, ExecutorService pool) {
        int naux = aux.functionCount(), npair = n * (n + 1) / 2;
        double[] full = new double[naux * n * n];
        Parallel.run(threads, pool, t -> {
            for (int q = t; q < naux; q += Math.max(1, threads)) {
                DfFock.unpack(a, q * npair, n, full, q * n * n);
            }
        });
        return new DfTensor(aux, n, naux, full, m);
    }
}
