package org.qcmb.engine.builtin.scf;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.qcmb.engine.builtin.linalg.Gemm;

/** Small dense helpers over row-major flat arrays: products by {@link Gemm}, eigenvectors by EJML. */
public final class Matrices {
    private Matrices() {
    }

    public static DMatrixRMaj wrap(int rows, int cols, double[] data) {
        return DMatrixRMaj.wrap(rows, cols, data);
    }

    /** a (r x k) * b (k x c). */
    public static double[] mult(double[] a, int r, int k, double[] b, int c) {
        double[] out = new double[r * c];
        Gemm.mult(false, false, r, c, k, 1.0, a, 0, k, b, 0, c, 0.0, out, 0, c);
        return out;
    }

    /** a^T (a is r x k, result k x c) * b (r x c). */
    public static double[] multTransA(double[] a, int r, int k, double[] b, int c) {
        double[] out = new double[k * c];
        Gemm.mult(true, false, k, c, r, 1.0, a, 0, k, b, 0, c, 0.0, out, 0, c);
        return out;
    }

    /** a (r x k) * b^T (b is c x k). */
    public static double[] multTransB(double[] a, int r, int k, double[] b, int c) {
        double[] out = new double[r * c];
        Gemm.mult(false, true, r, c, k, 1.0, a, 0, k, b, 0, k, 0.0, out, 0, c);
        return out;
    }

    /** t m t^T for t (r x c), m (c x c). */
    public static double[] sandwich(double[] t, int r, int c, double[] m) {
        return multTransB(mult(t, r, c, m, c), r, c, t, r);
    }

    /** t^T m t for t (r x c), m (r x r). */
    public static double[] sandwichT(double[] t, int r, int c, double[] m) {
        return mult(multTransA(t, r, c, m, r), c, r, t, c);
    }

    /** Eigenvalues (ascending) and eigenvectors (columns of an n x n row-major matrix) of a symmetric matrix. */
    public record Eigen(double[] values, double[] vectors) {
    }

    public static Eigen symmetricEigen(double[] m, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.data[i * n + j] = 0.5 * (m[i * n + j] + m[j * n + i]);
            }
        }
        if (!eig.decompose(a)) {
            throw new IllegalStateException("symmetric eigen-decomposition failed");
        }
        Integer[] order = new Integer[n];
        double[] vals = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            vals[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(vals[x], vals[y]));
        double[] sortedVals = new double[n];
        double[] vecs = new double[n * n];
        for (int c = 0; c < n; c++) {
            sortedVals[c] = vals[order[c]];
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            for (int r = 0; r < n; r++) {
                vecs[r * n + c] = v.data[r];
            }
        }
        return new Eigen(sortedVals, vecs);
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
