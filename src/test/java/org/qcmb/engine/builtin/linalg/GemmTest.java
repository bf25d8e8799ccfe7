package org.qcmb.engine.builtin.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The micro-kernels (plain loops, fused multiply-add loops, the Vector API) against a naive product. */
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
                ? new Gemm.Kernel[] {new Gemm.ScalarKernel(), new FmaKernel(8), Gemm.chooseKernel()}
                : new Gemm.Kernel[] {new Gemm.ScalarKernel(), new FmaKernel(8)};
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

    /**
     * The launcher runs small calculations with the FMA loops and large ones with the vector kernel: a number must
     * not depend on that choice, so the two agree bit for bit (same fused multiply-adds in the same order), on
     * every path of the product (rows read in place or packed, transposes, ragged tiles, k beyond one panel).
     */
    @Test
    void fmaLoopsGiveTheVectorKernelsBitsExactly() {
        assertThat(Gemm.vectorApiPresent()).isTrue();
        Gemm.Kernel vector = Gemm.chooseKernel();
        Random rnd = new Random(7);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 16, 260}, {17, 33, 9}, {31, 40, 600}, {100, 37, 300},
                {130, 1030, 5}};
        for (int[] s : shapes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int m = s[0], n = s[1], k = s[2];
                    double[] a = random(m * k, rnd), b = random(k * n, rnd), c = random(m * n, rnd);
                    double[] cv = c.clone(), cf = c.clone();
                    Gemm.mult(vector, ta, tb, m, n, k, 0.7, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.3, cv, 0, n);
                    Gemm.mult(new FmaKernel(8), ta, tb, m, n, k, 0.7, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.3, cf,
                            0, n);
                    assertThat(cf).as(ta + " " + tb + " " + m + "x" + n + "x" + k).isEqualTo(cv);
                    assertThat(cf).isNotEqualTo(c);
                }
            }
        }
    }

    @Test
    void fmaTileWidthMustBeAMultipleOfFour() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FmaKernel(6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 4");
    }

    private static double[] random(int n, Random rnd) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() - 0.5;
        }
        return x;
    }

    @Test
    void surefireRunsTheVectorKernel() {
        // the test JVM has Spark's --add-modules=jdk.incubator.vector (pom.xml argLine)
        assertThat(Gemm.vectorApiPresent()).isTrue();
        assertThat(Gemm.kernelName()).isEqualTo("VectorKernel");
    }
}
