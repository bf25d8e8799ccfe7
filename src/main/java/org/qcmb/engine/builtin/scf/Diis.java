package org.qcmb.engine.builtin.scf;

import java.util.ArrayDeque;
import java.util.Deque;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Pulay's DIIS: extrapolates Fock matrices from the last few with the smallest combined error vector. */
final class Diis {
    private final int maxVectors;
    private final Deque<double[]> focks = new ArrayDeque<>();
    private final Deque<double[]> errors = new ArrayDeque<>();

    Diis(int maxVectors) {
        this.maxVectors = maxVectors;
    }

    double[] extrapolate(double[] fock, double[] error) {
        focks.addLast(fock.clone());
        errors.addLast(error.clone());
        if (focks.size() > maxVectors) {
            focks.removeFirst();
            errors.removeFirst();
        }
        while (focks.size() > 1) {
            double[] c = coefficients();
            if (c != null) {
                double[] out = new double[fock.length];
                int i = 0;
                for (double[] f : focks) {
                    for (int k = 0; k < out.length; k++) {
                        out[k] += c[i] * f[k];
                    }
                    i++;
                }
                return out;
            }
            focks.removeFirst();
            errors.removeFirst();
        }
        return fock;
    }

    private double[] coefficients() {
        int m = errors.size();
        double[][] e = errors.toArray(new double[0][]);
        DMatrixRMaj b = new DMatrixRMaj(m + 1, m + 1);
        DMatrixRMaj rhs = new DMatrixRMaj(m + 1, 1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double v = Matrices.dot(e[i], e[j]);
                b.set(i, j, v);
                b.set(j, i, v);
            }
            b.set(i, m, -1);
            b.set(m, i, -1);
        }
        rhs.set(m, 0, -1);
        // scale the error block to avoid an ill-conditioned solve near convergence
        double scale = 0;
        for (int i = 0; i < m; i++) {
            scale = Math.max(scale, b.get(i, i));
        }
        if (scale > 0) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    b.set(i, j, b.get(i, j) / scale);
                }
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(m + 1, 1);
        if (!CommonOps_DDRM.solve(b, rhs, x)) {
            return null;
        }
        double[] c = new double[m];
        for (int i = 0; i < m; i++) {
            c[i] = x.get(i, 0);
            if (!Double.isFinite(c[i])) {
                return null;
            }
        }
        return c;
    }
}
