package org.qcmb.engine.builtin.linalg;

/**
 * Plain-loop micro-kernel with the arithmetic of {@link VectorKernel}: each element of the tile accumulates
 * Math.fma(a, b, acc) over p in the same order from zero, and C receives c + alpha * acc. So its results equal the
 * vector kernel's bit for bit, whatever the tile width. The launcher uses it for small calculations run with C1
 * alone, where Vector API code would stay uncompiled: 4 x 4 accumulators in local variables, which C1 keeps in
 * registers (an accumulator array cost three memory accesses per multiply-add).
 */
final class FmaKernel implements Gemm.Kernel {
    private final int nr;

    /** nr: the tile width, a multiple of 4 (packed panels are zero-padded to it, so 4 columns can always be read). */
    FmaKernel(int nr) {
        if (nr % 4 != 0) {
            throw new IllegalArgumentException("tile width " + nr + " is not a multiple of 4");
        }
        this.nr = nr;
    }

    @Override
    public int nr() {
        return nr;
    }

    @Override
    public void run(int kc, double[] a, int ao, double[] b, int bo, int ldb, double alpha, double[] c, int co,
                    int ldc, int mr, int nc) {
        for (int j0 = 0; j0 < nc; j0 += 4) {
            double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
            double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
            for (int p = 0, ap = ao, bp = bo + j0; p < kc; p++, ap += Gemm.MR, bp += ldb) {
                double b0 = b[bp], b1 = b[bp + 1], b2 = b[bp + 2], b3 = b[bp + 3];
                double a0 = a[ap];
                c00 = Math.fma(a0, b0, c00);
                c01 = Math.fma(a0, b1, c01);
                c02 = Math.fma(a0, b2, c02);
                c03 = Math.fma(a0, b3, c03);
                double a1 = a[ap + 1];
                c10 = Math.fma(a1, b0, c10);
                c11 = Math.fma(a1, b1, c11);
                c12 = Math.fma(a1, b2, c12);
                c13 = Math.fma(a1, b3, c13);
                double a2 = a[ap + 2];
                c20 = Math.fma(a2, b0, c20);
                c21 = Math.fma(a2, b1, c21);
                c22 = Math.fma(a2, b2, c22);
                c23 = Math.fma(a2, b3, c23);
                double a3 = a[ap + 3];
                c30 = Math.fma(a3, b0, c30);
                c31 = Math.fma(a3, b1, c31);
                c32 = Math.fma(a3, b2, c32);
                c33 = Math.fma(a3, b3, c33);
            }
            int w = Math.min(4, nc - j0), r = co + j0;
            store(c, r, w, alpha, c00, c01, c02, c03);
            if (mr > 1) {
                store(c, r + ldc, w, alpha, c10, c11, c12, c13);
            }
            if (mr > 2) {
                store(c, r + 2 * ldc, w, alpha, c20, c21, c22, c23);
            }
            if (mr > 3) {
                store(c, r + 3 * ldc, w, alpha, c30, c31, c32, c33);
            }
        }
    }

    /** c[r + j] += alpha * x_j for the first w of the four columns. */
    private static void store(double[] c, int r, int w, double alpha, double x0, double x1, double x2, double x3) {
        c[r] += alpha * x0;
        if (w > 1) {
            c[r + 1] += alpha * x1;
        }
        if (w > 2) {
            c[r + 2] += alpha * x2;
        }
        if (w > 3) {
            c[r + 3] += alpha * x3;
        }
    }
}
