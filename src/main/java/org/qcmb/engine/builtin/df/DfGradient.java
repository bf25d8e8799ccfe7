package org.qcmb.engine.builtin.df;

import java.util.concurrent.ExecutorService;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.Charges;
import org.qcmb.engine.builtin.integrals.OneElectron;
import org.qcmb.engine.builtin.linalg.Gemm;
import org.qcmb.engine.builtin.scf.Matrices;
import org.qcmb.engine.builtin.scf.ScfResult;

/**
 * Analytic gradient of the density-fitted RHF energy (natom x 3, flat), and the density-fitted two-electron
 * derivative terms it shares with the DF-MP2 gradient. With D = C_occ C_occ^T (half the density) the RHF
 * two-electron energy is E(D, D), E(X, D) = sum X_mn D_ls [2 (mn|ls) - (ml|ns)] with fitted integrals
 * (mn|ls) = sum_PQ (mn|P) J^-1_PQ (Q|ls); the orbital response enters through -W S^x as for exact integrals.
 */
public final class DfGradient {
    private DfGradient() {
    }

    /** The DF-RHF gradient of a converged SCF whose Fock matrices {@code fock} built. */
    public static double[] rhf(ScfResult scf, DfFock fock, int natom, int threads, ExecutorService pool) {
        double[] grad = oneElectron(scf, scf.cartesianDensity(), scf.cartesianEnergyWeightedDensity(), natom);
        addSeparable(fock.tensor(), scf, scf.workingDensity(), grad, threads, pool);
        return grad;
    }

    /**
     * grad += d/dx E(X, D) at fixed X and D (D from the SCF's occupied orbitals): with the fitted tensor B = S (P|mn),
     * per fitting function Q: d_Q = B^Q.D, x_Q = B^Q.X, H^Q = B^Q C_occ, and
     * 3-index density  S^T [2 (d_Q X + x_Q D) - (X H^Q C_occ^T + C_occ H^Q^T X)],
     * metric density   S^T [-(x d^T + d x^T) + tr(H^P^T X H^Q)] S  (entering with (P|Q)^x).
     */
    static void addSeparable(DfTensor t, ScfResult scf, double[] x, double[] grad, int threads,
                             ExecutorService pool) {
        int nth = Math.max(1, threads);
        int n = t.n(), naux = t.naux(), npair = t.npair(), nmo = scf.nmo(), no = scf.occupied();
        double[] c = new double[n * no];
        for (int m = 0; m < n; m++) {
            System.arraycopy(scf.coefficients(), m * nmo, c, m * no, no);
        }
        double[] d = scf.workingDensity();
        double[] b = t.b();
        double[] dq = new double[naux], xq = new double[naux];
        double[] h = new double[naux * n * no], xh = new double[naux * n * no];
        double[] gamma3 = new double[naux * npair];
        Parallel.run(nth, pool, th -> {
            Gemm gemm = new Gemm();
            double[] y = new double[n * n];
            for (int q = th; q < naux; q += nth) {
                int fo = t.offset(q);
                double sd = 0, sx = 0;
                for (int k = 0; k < n * n; k++) {
                    sd += b[fo + k] * d[k];
                    sx += b[fo + k] * x[k];
                }
                dq[q] = sd;
                xq[q] = sx;
                int oh = q * n * no;
                gemm.product(false, false, n, no, n, 1.0, b, fo, n, c, 0, no, 0.0, h, oh, no);
                gemm.product(false, false, n, no, n, 1.0, x, 0, n, h, oh, no, 0.0, xh, oh, no);
                // y = X H C^T (n x n); gamma~ = 2 (d X + x D) - (y + y^T)
                gemm.product(false, true, n, n, no, 1.0, xh, oh, no, c, 0, no, 0.0, y, 0, n);
                int og = q * npair;
                for (int m = 0; m < n; m++) {
                    for (int l = 0; l <= m; l++) {
                        gamma3[og + ThreeCentre.pair(m, l)] = 2 * (sd * x[m * n + l] + sx * d[m * n + l])
                                - (y[m * n + l] + y[l * n + m]);
                    }
                }
            }
        });
        CoulombMetric metric = t.metric();
        metric.unfit(gamma3, npair, nth, pool);
        double[] g2 = new double[naux * naux];
        Gemm.mult(false, true, naux, naux, n * no, 1.0, h, 0, n * no, xh, 0, n * no, 0.0, g2, 0, naux);
        for (int p = 0; p < naux; p++) {
            for (int q = 0; q < naux; q++) {
                g2[p * naux + q] -= xq[p] * dq[q] + dq[p] * xq[q];
            }
        }
        double[] gamma2 = metric.unfitBoth(g2);
        symmetrise(gamma2, naux);
        BasisSet aux = t.aux();
        ThreeCentre.addDerivative(aux, scf.basis(), gamma3, grad, nth, pool);
        ThreeCentre.addMetricDerivative(aux, gamma2, grad);
    }

    static void symmetrise(double[] m, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (m[i * n + j] + m[j * n + i]);
                m[i * n + j] = v;
                m[j * n + i] = v;
            }
        }
    }

    /**
     * Nuclear repulsion (with external charges on nuclei), P dH/dx with P = 2 d and -2 w dS/dx, over Cartesian
     * functions: the one-electron part of an RHF-like gradient for a (relaxed) density d and energy-weighted w.
     */
    static double[] oneElectron(ScfResult scf, double[] dCart, double[] wCart, int natom) {
        BasisSet bs = scf.basis();
        Charges ch = scf.charges();
        int nc = bs.cartesianCount();
        double[] p = new double[nc * nc], w = new double[nc * nc];
        for (int i = 0; i < nc * nc; i++) {
            p[i] = 2 * dCart[i];
            w[i] = -2 * wCart[i];
        }
        double[] grad = new double[3 * natom];
        ch.addNuclearGradient(grad);
        OneElectron.overlapOrKineticGradient(bs, 1, p, grad);
        OneElectron.overlapOrKineticGradient(bs, 0, w, grad);
        OneElectron.potentialGradient(bs, ch.q(), ch.xyz(), ch.atom(), p, grad);
        return grad;
    }
}
