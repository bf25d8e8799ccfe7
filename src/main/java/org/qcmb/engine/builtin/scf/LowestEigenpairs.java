package org.qcmb.engine.builtin.scf;

/**
 * The k lowest eigenpairs of a real symmetric matrix, for SCF iterations, which need the occupied orbitals only:
 * Householder reduction to tridiagonal form, the eigenvalues by Sturm-sequence bisection, the eigenvectors by
 * inverse iteration (each orthogonalised against the ones before it), and the Householder reflections applied to
 * those k vectors only. A full decomposition spends most of its time accumulating the rotations of all n
 * eigenvectors (EJML: 4.6 ms for n = 164, against 1.7 ms for the eigenvalues alone).
 */
final class LowestEigenpairs {
    /** Inverse-iteration steps per eigenvector (each gains a factor gap / (eps ||T||) on the other directions). */
    private static final int STEPS = 3;

    private LowestEigenpairs() {
    }

    /**
     * Eigenvalues (ascending, k of them) and eigenvectors (n x k, row-major, orthonormal columns) of the
     * symmetric n x n row-major matrix m.
     */
    static Matrices.Eigen of(double[] m, int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k = " + k + " eigenpairs of an " + n + " x " + n + " matrix");
        }
        // the lower triangle of (m + m^T) / 2: m may be symmetric only to rounding (F' = X^T F X)
        double[] a = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c <= r; c++) {
                a[r * n + c] = 0.5 * (m[r * n + c] + m[c * n + r]);
            }
        }
        double[] d = new double[n];
        double[] e = new double[Math.max(n - 1, 0)];
        double[] tau = new double[Math.max(n - 2, 0)];
        tridiagonalise(a, n, d, e, tau);
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm = Math.max(norm, Math.abs(d[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0));
        }
        double[] values = new double[k];
        for (int j = 0; j < k; j++) {
            values[j] = bisect(d, e, n, j, norm);
        }
        double[] z = new double[n * k];
        inverseIteration(d, e, n, values, norm, z, k);
        backTransform(a, n, tau, z, k);
        return new Matrices.Eigen(values, z);
    }

    /**
     * A = Q T Q^T with T = tridiag(e, d, e): column i below the subdiagonal of a then holds the Householder vector
     * v_i (v_i[i+1] = 1 implied) of H_i = I - tau_i v v^T, Q = H_0 H_1 ... H_{n-3}.
     */
    private static void tridiagonalise(double[] a, int n, double[] d, double[] e, double[] tau) {
        double[] v = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n - 2; i++) {
            // the reflection that maps x = a[i+1.., i] to (alpha, 0, ..., 0)
            double x0 = a[(i + 1) * n + i];
            double sigma = 0;
            for (int r = i + 2; r < n; r++) {
                sigma += a[r * n + i] * a[r * n + i];
            }
            if (sigma == 0) {
                tau[i] = 0;
                e[i] = x0;
                continue;
            }
            double norm = Math.sqrt(x0 * x0 + sigma);
            double alpha = x0 >= 0 ? -norm : norm;
            double v0 = x0 - alpha;
            tau[i] = -v0 / alpha;
            e[i] = alpha;
            v[i + 1] = 1;
            for (int r = i + 2; r < n; r++) {
                v[r] = a[r * n + i] / v0;
                a[r * n + i] = v[r];
            }
            double t = tau[i];
            // p = tau A22 v over the lower triangle of A22 (rows i+1..n-1)
            for (int r = i + 1; r < n; r++) {
                p[r] = 0;
            }
            for (int r = i + 1; r < n; r++) {
                int row = r * n;
                double vr = v[r], acc = 0;
                for (int c = i + 1; c < r; c++) {
                    double arc = a[row + c];
                    acc += arc * v[c];
                    p[c] += arc * vr;
                }
                p[r] += acc + a[row + r] * vr;
            }
            double pv = 0;
            for (int r = i + 1; r < n; r++) {
                p[r] *= t;
                pv += p[r] * v[r];
            }
            // w = p - (tau/2)(p.v) v; A22 -= v w^T + w v^T (lower triangle)
            double h = 0.5 * t * pv;
            for (int r = i + 1; r < n; r++) {
                p[r] -= h * v[r];
            }
            for (int r = i + 1; r < n; r++) {
                int row = r * n;
                double vr = v[r], wr = p[r];
                for (int c = i + 1; c <= r; c++) {
                    a[row + c] -= vr * p[c] + wr * v[c];
                }
            }
        }
        if (n >= 2) {
            e[n - 2] = a[(n - 1) * n + n - 2];
        }
        for (int i = 0; i < n; i++) {
            d[i] = a[i * n + i];
        }
    }

    /**
     * The j-th smallest eigenvalue (0-based) of the tridiagonal matrix by bisection on Sturm counts, inside the
     * Gershgorin bound [-norm, norm].
     */
    private static double bisect(double[] d, double[] e, int n, int j, double norm) {
        double lo = -norm, hi = norm;
        double tol = 2 * Math.ulp(norm);
        while (hi - lo > tol) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (countBelow(d, e, n, mid, norm) > j) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The number of eigenvalues below x (the negative pivots of T - x I = L D L^T). */
    private static int countBelow(double[] d, double[] e, int n, double x, double norm) {
        double tiny = Double.MIN_NORMAL * Math.max(norm, 1);
        int count = 0;
        double q = d[0] - x;
        for (int i = 0; ; i++) {
            if (Math.abs(q) < tiny) {
                q = -tiny;
            }
            if (q < 0) {
                count++;
            }
            if (i == n - 1) {
                return count;
            }
            q = d[i + 1] - x - e[i] * e[i] / q;
        }
    }

    /**
     * Column j of z (n x k): the eigenvector of the tridiagonal matrix for values[j], by inverse iteration with
     * Gaussian elimination with partial pivoting, orthogonalised against the columns before it after every step.
     * The start vector is fixed, so the result is too.
     */
    private static void inverseIteration(double[] d, double[] e, int n, double[] values, double norm, double[] z,
                                         int k) {
        double[] y = new double[n];
        // LU of T - lambda I with row interchanges: row i holds u0 (diagonal), u1, u2 (two superdiagonals)
        double[] u0 = new double[n], u1 = new double[n], u2 = new double[n], l = new double[n];
        boolean[] swap = new boolean[n];
        double pivotFloor = Math.ulp(norm) * 4 + Double.MIN_NORMAL;
        for (int j = 0; j < k; j++) {
            double lambda = values[j];
            factor(d, e, n, lambda, pivotFloor, u0, u1, u2, l, swap);
            for (int i = 0; i < n; i++) {
                y[i] = 1.0 + 0.1 * ((i * 7 + j * 3) % 11) / 11.0;
            }
            for (int step = 0; step < STEPS; step++) {
                solve(n, u0, u1, u2, l, swap, y);
                orthonormalise(y, z, n, k, j);
            }
            for (int i = 0; i < n; i++) {
                z[i * k + j] = y[i];
            }
        }
    }

    /**
     * Gaussian elimination of T - lambda I with partial pivoting: per step i the pivot row goes to (u0, u1, u2)
     * (columns i, i+1, i+2), the multiplier to l, whether rows i and i+1 were exchanged to swap. Pivots smaller
     * than floor are raised to it (lambda is an eigenvalue: T - lambda I is singular to rounding).
     */
    private static void factor(double[] d, double[] e, int n, double lambda, double floor, double[] u0, double[] u1,
                               double[] u2, double[] l, boolean[] swap) {
        // row i as eliminated so far: (a0, a1, a2) in columns i, i+1, i+2
        double a0 = d[0] - lambda, a1 = n > 1 ? e[0] : 0, a2 = 0;
        for (int i = 0; i < n - 1; i++) {
            double b0 = e[i], b1 = d[i + 1] - lambda, b2 = i + 1 < n - 1 ? e[i + 1] : 0;
            boolean sw = Math.abs(b0) > Math.abs(a0);
            swap[i] = sw;
            double p0 = atLeast(sw ? b0 : a0, floor), p1 = sw ? b1 : a1, p2 = sw ? b2 : a2;
            double o0 = sw ? a0 : b0, o1 = sw ? a1 : b1, o2 = sw ? a2 : b2;
            u0[i] = p0;
            u1[i] = p1;
            u2[i] = p2;
            double m = o0 / p0;
            l[i] = m;
            a0 = o1 - m * p1;
            a1 = o2 - m * p2;
            a2 = 0;
        }
        u0[n - 1] = atLeast(a0, floor);
        u1[n - 1] = 0;
        u2[n - 1] = 0;
    }

    /** x, or +-floor (x's sign) when |x| is smaller. */
    private static double atLeast(double x, double floor) {
        return Math.abs(x) < floor ? (x < 0 ? -floor : floor) : x;
    }

    /** y := (T - lambda I)^{-1} y with the factors of {@link #factor}. */
    private static void solve(int n, double[] u0, double[] u1, double[] u2, double[] l, boolean[] swap, double[] y) {
        for (int i = 0; i < n - 1; i++) {
            if (swap[i]) {
                double t = y[i];
                y[i] = y[i + 1];
                y[i + 1] = t - l[i] * y[i];
            } else {
                y[i + 1] -= l[i] * y[i];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            if (i + 1 < n) {
                s -= u1[i] * y[i + 1];
            }
            if (i + 2 < n) {
                s -= u2[i] * y[i + 2];
            }
            y[i] = s / u0[i];
        }
    }

    /** y orthogonalised (twice, Gram-Schmidt) against columns 0..j-1 of z (n x k), then normalised. */
    private static void orthonormalise(double[] y, double[] z, int n, int k, int j) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(y[i]));
        }
        for (int i = 0; i < n; i++) {
            y[i] /= scale;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < j; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += z[i * k + c] * y[i];
                }
                for (int i = 0; i < n; i++) {
                    y[i] -= s * z[i * k + c];
                }
            }
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += y[i] * y[i];
        }
        double f = 1 / Math.sqrt(s);
        for (int i = 0; i < n; i++) {
            y[i] *= f;
        }
    }

    /** z := Q z (n x k): the reflections H_{n-3}, ..., H_0 applied in turn. */
    private static void backTransform(double[] a, int n, double[] tau, double[] z, int k) {
        double[] s = new double[k];
        for (int i = n - 3; i >= 0; i--) {
            double t = tau[i];
            if (t == 0) {
                continue;
            }
            java.util.Arrays.fill(s, 0);
            for (int r = i + 1; r < n; r++) {
                double vr = r == i + 1 ? 1 : a[r * n + i];
                int row = r * k;
                for (int c = 0; c < k; c++) {
                    s[c] += vr * z[row + c];
                }
            }
            for (int r = i + 1; r < n; r++) {
                double vr = (r == i + 1 ? 1 : a[r * n + i]) * t;
                int row = r * k;
                for (int c = 0; c < k; c++) {
                    z[row + c] -= vr * s[c];
                }
            }
        }
    }
}
