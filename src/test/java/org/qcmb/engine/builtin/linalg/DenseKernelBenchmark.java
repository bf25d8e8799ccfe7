package org.qcmb.engine.builtin.linalg;

import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * GFLOP/s of the dense-product choices for the DF engine, on the shapes its kernels see (water tetramer,
 * aug-cc-pVDZ: n = 164 functions, 20 occupied, 144 virtual, 600 JK-fit / 472 RI-fit functions): plain i-k-j
 * loops on flat arrays, {@link Gemm} with its plain-loop and Vector API micro-kernels, and EJML's
 * CommonOps_DDRM.mult. One thread; best of a few repetitions. Run with submit-scripts/bench-engine --kernels.
 */
public final class DenseKernelBenchmark {
    private DenseKernelBenchmark() {
    }

    public static void main(String[] args) {
        int[][] shapes = {{20, 164 * 600, 164}, {164, 164, 12000}, {144, 144, 472}, {600, 2048, 600},
            {164, 164, 164}};
        String[] what = {"K build: C_occ^T B (20 x 98400 x 164)", "K build: Z^T Z (164 x 164 x 12000)",
            "MP2 pair: (ia|jb) (144 x 144 x 472)", "fitting: J^-1/2 B block (600 x 2048 x 600)",
            "square 164"};
        Gemm.Kernel scalar = new Gemm.ScalarKernel();
        Gemm.Kernel best = Gemm.KERNEL;
        System.out.printf(Locale.ROOT, "kernel in use: %s (Vector API module present: %s)%n", Gemm.kernelName(),
                Gemm.vectorApiPresent());
        System.out.printf(Locale.ROOT, "%-45s %10s %10s %10s %10s%n", "shape (m x n x k), GFLOP/s", "ikj-loops",
                "Gemm-plain", "Gemm-" + (best == scalar ? "plain" : "vector"), "EJML");
        for (int s = 0; s < shapes.length; s++) {
            int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
            Random rnd = new Random(1);
            double[] a = new double[m * k], b = new double[k * n], c = new double[m * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextDouble();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextDouble();
            }
            double flops = 2.0 * m * n * k;
            double tl = time(() -> loops(a, b, c, m, n, k), flops);
            double tp = time(() -> Gemm.mult(scalar, false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c, 0, n), flops);
            double tv = time(() -> Gemm.mult(best, false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c, 0, n), flops);
            DMatrixRMaj ma = DMatrixRMaj.wrap(m, k, a), mb = DMatrixRMaj.wrap(k, n, b), mc = DMatrixRMaj.wrap(m, n, c);
            double te = time(() -> CommonOps_DDRM.mult(ma, mb, mc), flops);
            System.out.printf(Locale.ROOT, "%-45s %10.1f %10.1f %10.1f %10.1f%n", what[s], flops / tl * 1e-9,
                    flops / tp * 1e-9, flops / tv * 1e-9, flops / te * 1e-9);
        }
    }

    private static void loops(double[] a, double[] b, double[] c, int m, int n, int k) {
        java.util.Arrays.fill(c, 0);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double av = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bp + j];
                }
            }
        }
    }

    /** Best wall time of repeated runs (at least 3, about 1.5 s in total). */
    private static double time(Runnable r, double flops) {
        r.run();
        int reps = (int) Math.max(3, Math.min(50, 3e9 / flops));
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
        }
        return best;
    }
}
