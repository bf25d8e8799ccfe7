package org.qcmb.engine.builtin.df;

import java.util.concurrent.ExecutorService;
import org.qcmb.engine.builtin.basis.BasisSet;

/**
 * The fitted three-index tensor B^Q_mn = sum_P (J^-1/2)_QP (P|mn) over working functions, m >= n packed:
 * b[Q * npair + pair(m, n)]. (mn|ls) ~ sum_Q B^Q_mn B^Q_ls. Keeps J^-1/2 (naux x naux) for gradients.
 */
record DfTensor(BasisSet aux, int n, int naux, double[] b, double[] metricInvSqrt) {

    int npair() {
        return n * (n + 1) / 2;
    }

    static DfTensor build(BasisSet aux, BasisSet orb, int threads, ExecutorService pool) {
        int n = orb.functionCount(), naux = aux.functionCount();
        double[] a = ThreeCentre.integrals(aux, orb, threads, pool);
        double[] m = CoulombMetric.inverseSqrt(aux);
        fit(m, a, naux, n * (n + 1) / 2, threads, pool);
        return new DfTensor(aux, n, naux, a, m);
    }

    /** a[Q][col] <- sum_P m[Q][P] a[P][col], in place, in column blocks. */
    static void fit(double[] m, double[] a, int naux, int ncol, int threads, ExecutorService pool) {
        final int block = 256;
        int nblocks = (ncol + block - 1) / block;
        Parallel.run(threads, pool, t -> {
            double[] in = new double[naux * block];
            double[] out = new double[naux * block];
            for (int bl = t; bl < nblocks; bl += threads) {
                int c0 = bl * block, w = Math.min(block, ncol - c0);
                for (int p = 0; p < naux; p++) {
                    System.arraycopy(a, p * ncol + c0, in, p * w, w);
                }
                java.util.Arrays.fill(out, 0, naux * w, 0.0);
                for (int q = 0; q < naux; q++) {
                    int oq = q * w;
                    for (int p = 0; p < naux; p++) {
                        double mq = m[q * naux + p];
                        int ip = p * w;
                        for (int c = 0; c < w; c++) {
                            out[oq + c] += mq * in[ip + c];
                        }
                    }
                }
                for (int q = 0; q < naux; q++) {
                    System.arraycopy(out, q * w, a, q * ncol + c0, w);
                }
            }
        });
    }
}
