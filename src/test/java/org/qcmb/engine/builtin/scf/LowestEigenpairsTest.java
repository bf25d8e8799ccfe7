package org.qcmb.engine.builtin.scf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LowestEigenpairs} against EJML's full decomposition ({@link Matrices#symmetricEigen}): the same k lowest
 * eigenvalues, orthonormal vectors with A v = lambda v, and the same projector onto their span (what a density
 * matrix is), also when eigenvalues are degenerate or nearly so.
 */
class LowestEigenpairsTest {
    @Test
    void randomMatrixMatchesFullDecomposition() {
        check(random(164, 1, new double[0]), 164, 20);
        check(random(41, 2, new double[0]), 41, 5);
    }

    /** Exactly degenerate pairs and a near-degenerate triple below the cut, as in far-apart identical molecules. */
    @Test
    void degenerateAndNearlyDegenerateEigenvalues() {
        double[] spectrum = {-20.5, -20.5, -1.3, -1.3 + 1e-9, -1.3 + 2e-9, -0.7, -0.5, -0.5, 0.2, 0.2};
        check(random(60, 3, spectrum), 60, 8);
        // the cut between k-1 and k inside a degenerate pair leaves the projector undefined: only values checked
        double[] a = random(30, 4, spectrum);
        Matrices.Eigen low = LowestEigenpairs.of(a, 30, 7);
        Matrices.Eigen full = Matrices.symmetricEigen(a, 30);
        for (int j = 0; j < 7; j++) {
            assertThat(low.values()[j]).isCloseTo(full.values()[j], within(1e-12));
        }
    }

    @Test
    void diagonalAndTinyMatrices() {
        double[] diag = new double[16];
        double[] values = {3, -1, 2, -4};
        for (int i = 0; i < 4; i++) {
            diag[i * 4 + i] = values[i];
        }
        Matrices.Eigen e = LowestEigenpairs.of(diag, 4, 2);
        assertThat(e.values()[0]).isCloseTo(-4, within(1e-14));
        assertThat(e.values()[1]).isCloseTo(-1, within(1e-14));
        assertThat(Math.abs(e.vectors()[3 * 2])).isCloseTo(1, within(1e-15));
        assertThat(Math.abs(e.vectors()[1 * 2 + 1])).isCloseTo(1, within(1e-15));
        assertThat(LowestEigenpairs.of(new double[] {2.5}, 1, 1).values()[0]).isCloseTo(2.5, within(1e-15));
        Matrices.Eigen two = LowestEigenpairs.of(new double[] {1, 2, 2, 1}, 2, 2);
        assertThat(two.values()[0]).isCloseTo(-1, within(1e-15));
        assertThat(two.values()[1]).isCloseTo(3, within(1e-15));
        assertThat(LowestEigenpairs.of(new double[] {1, 2, 2, 1}, 2, 0).values()).isEmpty();
    }

    private static void check(double[] a, int n, int k) {
        Matrices.Eigen low = LowestEigenpairs.of(a, n, k);
        Matrices.Eigen full = Matrices.symmetricEigen(a, n);
        double scale = Math.max(Math.abs(full.values()[0]), Math.abs(full.values()[n - 1]));
        for (int j = 0; j < k; j++) {
            assertThat(low.values()[j]).isCloseTo(full.values()[j], within(1e-13 * scale));
        }
        double[] v = low.vectors();
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += v[i * k + p] * v[i * k + q];
                }
                assertThat(s).as("overlap of vectors %d and %d", p, q).isCloseTo(p == q ? 1 : 0, within(1e-13));
            }
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int c = 0; c < n; c++) {
                    av += a[i * n + c] * v[c * k + p];
                }
                assertThat(av).isCloseTo(low.values()[p] * v[i * k + p], within(1e-12 * scale));
            }
        }
        // the projector sum_j v_j v_j^T, against the full decomposition's first k columns
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < n; c++) {
                double pl = 0, pf = 0;
                for (int j = 0; j < k; j++) {
                    pl += v[i * k + j] * v[c * k + j];
                    pf += full.vectors()[i * n + j] * full.vectors()[c * n + j];
                }
                assertThat(pl).isCloseTo(pf, within(1e-12));
            }
        }
    }

    /** Q diag(spectrum, then random values above it) Q^T with a random orthogonal Q (QR of a random matrix). */
    private static double[] random(int n, long seed, double[] spectrum) {
        Random rnd = new Random(seed);
        double[] q = new double[n * n];
        for (int i = 0; i < q.length; i++) {
            q[i] = rnd.nextGaussian();
        }
        // Gram-Schmidt on the columns
        for (int c = 0; c < n; c++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += q[i * n + p] * q[i * n + c];
                    }
                    for (int i = 0; i < n; i++) {
                        q[i * n + c] -= s * q[i * n + p];
                    }
                }
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += q[i * n + c] * q[i * n + c];
            }
            for (int i = 0; i < n; i++) {
                q[i * n + c] /= Math.sqrt(s);
            }
        }
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = i < spectrum.length ? spectrum[i] : (spectrum.length > 0 ? 0.3 : -3) + 5 * rnd.nextDouble();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int p = 0; p < n; p++) {
                    s += q[i * n + p] * lambda[p] * q[j * n + p];
                }
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
        return a;
    }
}
