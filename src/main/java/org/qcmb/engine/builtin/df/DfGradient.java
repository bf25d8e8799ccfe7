package org.qcmb.engine.builtin.df;

import java.util.concurrent.ExecutorService;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.Charges;
import org.qcmb.engine.builtin.integrals.OneElectron;
import org.qcmb.engine.builtin.scf.ScfResult;

/**
 * Analytic gradient of the density-fitted RHF energy (natom x 3, flat). With the fitted coefficients
 * c = J^-1 (P|D) and c^ij = J^-1 (P|ij) (D = C_occ C_occ^T, half the density), the two-electron energy is
 * E2 = 2 (P|D) c - sum_ij (P|ij) c^ij and its derivative
 * sum_{P,mn} (P|mn)^x [4 c_P D_mn - 2 sum_ij c^ij_P C_mi C_nj] - sum_PQ (P|Q)^x [2 c_P c_Q - sum_ij c^ij_P c^ij_Q];
 * the orbital response enters through -W S^x as for exact integrals.
 */
public final class DfGradient {
    private DfGradient() {
    }

    /** The DF-RHF gradient of a converged SCF whose Fock matrices {@code fock} built. */
    public static double[] rhf(ScfResult scf, DfFock fock, int natom, int threads, ExecutorService pool) {
        int nth = Math.max(1, threads);
        double[] grad = oneElectron(scf, scf.cartesianDensity(), scf.cartesianEnergyWeightedDensity(), natom);
        DfTensor t = fock.tensor();
        int n = t.n(), naux = t.naux(), npair = t.npair(), nmo = scf.nmo(), no = scf.occupied();
        double[] c = new double[n * no];
        for (int m = 0; m < n; m++) {
            System.arraycopy(scf.coefficients(), m * nmo, c, m * no, no);
        }
        double[] d = scf.workingDensity();
        double[] b = t.b();
        double[] dq = new double[naux];
        double[] bij = new double[naux * no * no];
        double[] gamma3 = new double[naux * npair];
        Parallel.run(nth, pool, th -> {
            double[] full = new double[n * n], x = new double[n * no], y = new double[n * n];
            for (int q = th; q < naux; q += nth) {
                DfFock.unpack(b, q * npair, n, full);
                double s = 0;
                for (int k = 0; k < n * n; k++) {
                    s += full[k] * d[k];
                }
                dq[q] = s;
                // x = B^Q C (n x no); bij = C^T x
                java.util.Arrays.fill(x, 0);
                for (int m = 0; m < n; m++) {
                    for (int l = 0; l < n; l++) {
                        double v = full[m * n + l];
                        for (int i = 0; i < no; i++) {
                            x[m * no + i] += v * c[l * no + i];
                        }
                    }
                }
                int ob = q * no * no;
                for (int m = 0; m < n; m++) {
                    for (int i = 0; i < no; i++) {
                        double cm = c[m * no + i];
                        for (int j = 0; j < no; j++) {
                            bij[ob + i * no + j] += cm * x[m * no + j];
                        }
                    }
                }
                // gamma~[Q][mn] = 4 d_Q D_mn - 2 (C bij C^T)_mn
                double[] cb = new double[n * no];
                for (int m = 0; m < n; m++) {
                    for (int i = 0; i < no; i++) {
                        double cm = c[m * no + i];
                        for (int j = 0; j < no; j++) {
                            cb[m * no + j] += cm * bij[ob + i * no + j];
                        }
                    }
                }
                int og = q * npair;
                for (int m = 0; m < n; m++) {
                    for (int l = 0; l <= m; l++) {
                        double v = 0;
                        for (int j = 0; j < no; j++) {
                            v += cb[m * no + j] * c[l * no + j];
                        }
                        gamma3[og + ThreeCentre.pair(m, l)] = 4 * s * d[m * n + l] - 2 * v;
                    }
                }
            }
        });
        double[] minv = t.metricInvSqrt();
        DfTensor.fit(minv, gamma3, naux, npair, nth, pool);
        DfTensor.fit(minv, bij, naux, no * no, nth, pool);
        double[] cq = new double[naux];
        for (int p = 0; p < naux; p++) {
            double s = 0;
            for (int q = 0; q < naux; q++) {
                s += minv[p * naux + q] * dq[q];
            }
            cq[p] = s;
        }
        double[] gamma2 = new double[naux * naux];
        for (int p = 0; p < naux; p++) {
            for (int q = 0; q < naux; q++) {
                double s = -2 * cq[p] * cq[q];
                for (int k = 0; k < no * no; k++) {
                    s += bij[p * no * no + k] * bij[q * no * no + k];
                }
                gamma2[p * naux + q] = s;
            }
        }
        BasisSet aux = t.aux();
        ThreeCentre.addDerivative(aux, scf.basis(), gamma3, grad, nth, pool);
        ThreeCentre.addMetricDerivative(aux, gamma2, grad);
        return grad;
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
