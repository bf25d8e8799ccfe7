package org.qcmb.engine.builtin.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Gemm} micro-kernel on the Java Vector API (incubator module jdk.incubator.vector): a 4 x 2L tile of
 * accumulators (L doubles per vector), one broadcast of A and two vector loads of B per step. Loaded by
 * reflection only when the module is present.
 */
final class VectorKernel implements Gemm.Kernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void run(int kc, double[] a, int ao, double[] b, int bo, int ldb, double alpha, double[] c, int co,
                    int ldc, int mr, int nr) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        int ap = ao, bp = bo;
        for (int p = 0; p < kc; p++, ap += Gemm.MR, bp += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        if (nr == NR) {
            store(c00, c01, alpha, c, co, mr > 0);
            store(c10, c11, alpha, c, co + ldc, mr > 1);
            store(c20, c21, alpha, c, co + 2 * ldc, mr > 2);
            store(c30, c31, alpha, c, co + 3 * ldc, mr > 3);
        } else {
            double[] t = new double[4 * NR];
            c00.intoArray(t, 0);
            c01.intoArray(t, L);
            c10.intoArray(t, NR);
            c11.intoArray(t, NR + L);
            c20.intoArray(t, 2 * NR);
            c21.intoArray(t, 2 * NR + L);
            c30.intoArray(t, 3 * NR);
            c31.intoArray(t, 3 * NR + L);
            for (int i = 0; i < mr; i++) {
                int r = co + i * ldc;
                for (int j = 0; j < nr; j++) {
                    c[r + j] += alpha * t[i * NR + j];
                }
            }
        }
    }

    private static void store(DoubleVector v0, DoubleVector v1, double alpha, double[] c, int off, boolean row) {
        if (!row) {
            return;
        }
        DoubleVector.fromArray(S, c, off).add(v0.mul(alpha)).intoArray(c, off);
        DoubleVector.fromArray(S, c, off + L).add(v1.mul(alpha)).intoArray(c, off + L);
    }
}
