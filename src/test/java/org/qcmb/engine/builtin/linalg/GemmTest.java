package org.qcmb.engine.builtin.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both micro-kernels (plain loops and, when the module is present, the Vector API) against a naive product. */
class GemmTest {
    private static void check(Gemm.Kernel kernel, boolean ta, boolean tb, int m, int n, int k, double alpha,
                              double beta, Random rnd) {
        int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 2, ldc = n + 5;
        int ao = 7, bo = 11, co = 13;
        double[] a = new double[ao + lda * (ta ? k : m)];
        double[] b = new double[bo + ldb * (tb ? n : k)];
        double[] c = new double[co + ldc * m];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextDouble() - 0.5;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextDouble() - 0.5;
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = rnd.nextDouble() - 0.5;
        }
        double[] expected = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[ao + p * lda + i] : a[ao + i * lda + p];
                    double bv = tb ? b[bo + j * ldb + p] : b[bo + p * ldb + j];
                    s += av * bv;
                }
                expected[co + i * ldc + j] = alpha * s + beta * c[co + i * ldc + j];
            }
        }
        Gemm.mult(kernel, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
        for (int i = 0; i < c.length; i++) {
            assertThat(c[i]).as(kernel.getClass().getSimpleName() + " " + ta + tb + " " + m + "x" + n + "x" + k + " @"
                    + i).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void kernelsMatchNaiveProductForAllTransposesAndRaggedShapes() {
        Random rnd = new Random(42);
        Gemm.Kernel[] kernels = Gemm.vectorApiPresent()
                ? new Gemm.Kernel[] {new Gemm.ScalarKernel(), Gemm.chooseKernel()}
                : new Gemm.Kernel[] {new Gemm.ScalarKernel()};
        int[][] shapes = {{1, 1, 1}, {5, 3, 7}, {17, 33, 9}, {100, 37, 300}, {4, 16, 260}, {130, 1030, 5}};
        for (Gemm.Kernel kernel : kernels) {
            for (int[] s : shapes) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        check(kernel, ta, tb, s[0], s[1], s[2], 1.0, 0.0, rnd);
                        check(kernel, ta, tb, s[0], s[1], s[2], -0.5, 1.0, rnd);
                        check(kernel, ta, tb, s[0], s[1], s[2], 2.0, 0.25, rnd);
                    }
                }
            }
        }
    }

    @Test
    void surefireRunsTheVectorKernel() {
        // the test JVM has Spark's --add-modules=jdk.incubator.vector (pom.xml argLine)
        assertThat(Gemm.vectorApiPresent()).isTrue();
        assertThat(Gemm.kernelName()).isEqualTo("VectorKernel");
    }
}
