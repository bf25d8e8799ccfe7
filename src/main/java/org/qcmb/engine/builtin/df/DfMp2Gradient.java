package org.qcmb.engine.builtin.df;

import java.util.concurrent.ExecutorService;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.OneElectron;
import org.qcmb.engine.builtin.linalg.Gemm;
import org.qcmb.engine.builtin.scf.Matrices;
import org.qcmb.engine.builtin.scf.ScfResult;

/**
 * Relaxed analytic gradient of the DF-MP2 energy on a DF-RHF reference, as Psi4's dfmp2 module computes it: the
 * MP2 three-index terms over the RI fitting basis, everything that involves the reference's Fock matrix (the
 * separable two-electron terms, the orbital-response equations) over the reference's JK fitting basis.
 *
 * <p>Notation: i, j active occupied; f frozen; a, b virtual; p, q any orbital; B^Q_ia the fitted RI integrals,
 * t_ij^ab = (ia|jb)/D_ijab, T_ij^ab = 2 t_ij^ab - t_ij^ba, Gamma^Q_ia = sum_jb T_ij^ab B^Q_jb. Unrelaxed density
 * P_ij = -2 sum_kab t_ik^ab T_jk^ab, P_ab = 2 sum_ijc t_ij^ac T_ij^bc. The orbital gradient of E2 through the
 * RI integrals is Y^B_pi = 4 sum_Qa B^Q_pa Gamma^Q_ia, Y^B_pa = 4 sum_Qi B^Q_pi Gamma^Q_ia. The Lagrangian
 * conditions give z_fi = Y^B_fi / (e_i - e_f) and, for all occupied i,
 * (e_a - e_i) z_ai + G_ai(z + z^T) = -(Y^B_ai - Y^B_ia + G_ai(2P + z_fo + z_of)), G(X) = 2J(X) - K(X), solved
 * by preconditioned conjugate gradients exactly as Psi4's CGRSolver (Jacobi, relative residual 1e-6). With
 * the relaxed P' = P + (z + z^T)/2 and Y_pq = Y^B_pq + 2 e_p P'_pq + [q occupied] 2 G_pq(P'), the gradient adds
 * to the DF-RHF one: P' h^x, the separable term d/dx E(D + P', D) (see {@link DfGradient}), -W S^x with
 * W = C (Y + Y^T)/4 C^T, and the RI terms 4 sum (ia|P)^x Gamma'^P_ia - 2 sum (P|Q)^x c^ia_P Gamma'^Q_ia
 * (Gamma' = S^T Gamma, c = S^T B = J^-1 (P|ia), with the fitting factor S^T S = J^-1 of {@link CoulombMetric}).
 */
public final class DfMp2Gradient {
    /** Psi4's SOLVER_CONVERGENCE default: CG stops when |r| / |b| falls below it. */
    static final double CPHF_CONVERGENCE = 1e-6;
    static final int CPHF_MAXITER = 100;

    /** The correlation energy and the total (reference + MP2) gradient. */
    public record Result(double correlationEnergy, double[] gradient) {
    }

    private final ScfResult scf;
    private final DfFock jk;
    private final BasisSet ri;
    private final int nf;
    private final int natom;
    private final int threads;
    private final ExecutorService pool;
    private double cphfConvergence = CPHF_CONVERGENCE;
    private SpareIntegrals prepared;

    public DfMp2Gradient(ScfResult scf, DfFock jk, BasisSet ri, int frozenCore, int natom, int threads,
                         ExecutorService pool) {
        this.scf = scf;
        this.jk = jk;
        this.ri = ri;
        this.nf = frozenCore;
        this.natom = natom;
        this.threads = Math.max(1, threads);
        this.pool = pool;
    }

    /** Tighter response convergence than Psi4's, for derivative checks. */
    DfMp2Gradient cphfConvergence(double c) {
        this.cphfConvergence = c;
        return this;
    }

    /** Uses these (P|mn) of the fitting basis, perhaps partly computed during the SCF, instead of computing them. */
    public DfMp2Gradient integrals(SpareIntegrals integrals) {
        this.prepared = integrals;
        return this;
    }

    public Result compute() {
        BasisSet orb = scf.basis();
        int n = orb.functionCount(), nmo = scf.nmo(), nocc = scf.occupied();
        int no = nocc - nf, nv = nmo - nocc;
        int naux = ri.functionCount(), npair = n * (n + 1) / 2;
        double[] c = scf.coefficients();
        double[] eps = scf.orbitalEnergies();
        double[] cao = columns(c, n, nmo, nf, no), cv = columns(c, n, nmo, nocc, nv), co = columns(c, n, nmo, 0, nocc);
        double[] grad = DfGradient.oneElectron(scf, scf.cartesianDensity(), scf.cartesianEnergyWeightedDensity(),
                natom);
        if (no <= 0 || nv <= 0) {
            DfGradient.addSeparable(jk.tensor(), scf, scf.workingDensity(), grad, threads, pool);
            return new Result(0, grad);
        }

        // (P|mn), its active-occupied half transform H[P][i][m] and (P|ia); fitted B[Q][ia]
        double[] raw = SpareIntegrals.finishOrCompute(prepared, ri, orb, threads, pool);
        double[] h = new double[naux * no * n];
        double[] b = new double[naux * no * nv];
        Parallel.run(threads, pool, th -> {
            Gemm gemm = new Gemm();
            double[] full = new double[n * n];
            for (int p = th; p < naux; p += threads) {
                DfFock.unpack(raw, p * npair, n, full);
                gemm.product(true, false, no, n, n, 1.0, cao, 0, no, full, 0, n, 0.0, h, p * no * n, n);
                gemm.product(false, false, no, nv, n, 1.0, h, p * no * n, n, cv, 0, nv, 0.0, b, p * no * nv, nv);
            }
        });
        CoulombMetric metric = CoulombMetric.of(ri, threads, pool);
        metric.fit(b, no * nv, threads, pool);
        double[] bi = reorder(b, naux, no, nv); // [i][Q][a]

        // pair loop: energy, amplitudes, Gamma, P_ab
        double[] t = new double[no * no * nv * nv];
        double[][] gParts = new double[threads][];
        double[][] pvParts = new double[threads][];
        double[] ePart = new double[threads];
        Parallel.run(threads, pool, th -> {
            Gemm gemm = new Gemm();
            double[] gam = new double[no * naux * nv];
            double[] pv = new double[nv * nv];
            double[] iab = new double[nv * nv], tt = new double[nv * nv], tl = new double[nv * nv];
            double e = 0;
            int pairIndex = 0;
            for (int i = 0; i < no; i++) {
                for (int j = 0; j <= i; j++, pairIndex++) {
                    if (pairIndex % threads != th) {
                        continue;
                    }
                    gemm.product(true, false, nv, nv, naux, 1.0, bi, i * naux * nv, nv, bi, j * naux * nv, nv, 0.0, iab, 0,
                            nv);
                    double eij = eps[nf + i] + eps[nf + j];
                    for (int a = 0; a < nv; a++) {
                        for (int bb = 0; bb < nv; bb++) {
                            tt[a * nv + bb] = iab[a * nv + bb] / (eij - eps[nocc + a] - eps[nocc + bb]);
                        }
                    }
                    double s = 0;
                    for (int a = 0; a < nv; a++) {
                        for (int bb = 0; bb < nv; bb++) {
                            double tld = 2 * tt[a * nv + bb] - tt[bb * nv + a];
                            tl[a * nv + bb] = tld;
                            s += iab[a * nv + bb] * tld;
                        }
                    }
                    e += (i == j ? 1 : 2) * s;
                    int oij = (i * no + j) * nv * nv, oji = (j * no + i) * nv * nv;
                    System.arraycopy(tt, 0, t, oij, nv * nv);
                    if (i != j) {
                        for (int a = 0; a < nv; a++) {
                            for (int bb = 0; bb < nv; bb++) {
                                t[oji + bb * nv + a] = tt[a * nv + bb];
                            }
                        }
                    }
                    // Gamma_i[Q][a] += sum_b B_j[Q][b] T_ab ; Gamma_j[Q][b] += sum_a B_i[Q][a] T_ab
                    gemm.product(false, true, naux, nv, nv, 1.0, bi, j * naux * nv, nv, tl, 0, nv, 1.0, gam,
                            i * naux * nv, nv);
                    // P_ab += 2 t T^T (+ 2 t^T T for the (j, i) pair)
                    gemm.product(false, true, nv, nv, nv, 2.0, tt, 0, nv, tl, 0, nv, 1.0, pv, 0, nv);
                    if (i != j) {
                        gemm.product(false, false, naux, nv, nv, 1.0, bi, i * naux * nv, nv, tl, 0, nv, 1.0, gam,
                                j * naux * nv, nv);
                        gemm.product(true, false, nv, nv, nv, 2.0, tt, 0, nv, tl, 0, nv, 1.0, pv, 0, nv);
                    }
                }
            }
            gParts[th] = gam;
            pvParts[th] = pv;
            ePart[th] = e;
        });
        double e2 = 0;
        double[] gamma = gParts[0];
        double[] pvv = pvParts[0];
        for (int th = 0; th < threads; th++) {
            e2 += ePart[th];
            if (th > 0) {
                add(gamma, gParts[th]);
                add(pvv, pvParts[th]);
            }
        }

        // P_ij = -2 sum_k <t_ik, 2 t_jk - t_kj>
        double[] poo = new double[no * no];
        int nvv = nv * nv;
        for (int i = 0; i < no; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < no; k++) {
                    int ik = (i * no + k) * nvv, jk = (j * no + k) * nvv, kj = (k * no + j) * nvv;
                    for (int x = 0; x < nvv; x++) {
                        s += t[ik + x] * (2 * t[jk + x] - t[kj + x]);
                    }
                }
                poo[i * no + j] = -2 * s;
                poo[j * no + i] = -2 * s;
            }
        }

        // Gamma' = S^T Gamma and c = S^T B = J^-1 (P|ia), as [P][i][a]
        double[] gp = reorderBack(gamma, naux, no, nv);
        metric.unfit(gp, no * nv, threads, pool);
        double[] cb = b.clone();
        metric.unfit(cb, no * nv, threads, pool);

        // RI non-separable terms: 3-index 2 (X + X^T), X = C_ao Gamma'^P C_v^T; metric -(c Gamma'^T + Gamma' c^T)
        double[] gamma3 = new double[naux * npair];
        double[] a1Parts = new double[threads * n * no], a2Parts = new double[threads * n * nv];
        Parallel.run(threads, pool, th -> {
            Gemm gemm = new Gemm();
            double[] cg = new double[n * nv], x = new double[n * n], full = new double[n * n], u = new double[n * no];
            for (int p = th; p < naux; p += threads) {
                int og = p * no * nv;
                gemm.product(false, false, n, nv, no, 1.0, cao, 0, no, gp, og, nv, 0.0, cg, 0, nv);
                gemm.product(false, true, n, n, nv, 1.0, cg, 0, nv, cv, 0, nv, 0.0, x, 0, n);
                int o3 = p * npair;
                for (int m = 0; m < n; m++) {
                    for (int l = 0; l <= m; l++) {
                        gamma3[o3 + ThreeCentre.pair(m, l)] = 2 * (x[m * n + l] + x[l * n + m]);
                    }
                }
                // A1 += (P|mn) U^P, U^P = C_v Gamma'^P^T (n x no); A2 += H_P^T Gamma'^P (n x nv)
                DfFock.unpack(raw, p * npair, n, full);
                gemm.product(false, true, n, no, nv, 1.0, cv, 0, nv, gp, og, nv, 0.0, u, 0, no);
                gemm.product(false, false, n, no, n, 1.0, full, 0, n, u, 0, no, 1.0, a1Parts, th * n * no, no);
                gemm.product(true, false, n, nv, no, 1.0, h, p * no * n, n, gp, og, nv, 1.0, a2Parts, th * n * nv, nv);
            }
        });
        double[] xm = new double[naux * naux];
        Gemm.mult(false, true, naux, naux, no * nv, 1.0, cb, 0, no * nv, gp, 0, no * nv, 0.0, xm, 0, naux);
        double[] gamma2 = new double[naux * naux];
        for (int p = 0; p < naux; p++) {
            for (int q = 0; q < naux; q++) {
                gamma2[p * naux + q] = -(xm[p * naux + q] + xm[q * naux + p]);
            }
        }
        ThreeCentre.addDerivative(ri, orb, gamma3, grad, threads, pool);
        ThreeCentre.addMetricDerivative(ri, gamma2, grad);

        double[] a1 = new double[n * no], a2 = new double[n * nv];
        for (int th = 0; th < threads; th++) {
            for (int k = 0; k < n * no; k++) {
                a1[k] += a1Parts[th * n * no + k];
            }
            for (int k = 0; k < n * nv; k++) {
                a2[k] += a2Parts[th * n * nv + k];
            }
        }
        // Y^B (nmo x nmo): column i (active) 4 C^T A1, column a 4 C^T A2, frozen columns 0
        double[] yb = new double[nmo * nmo];
        double[] ya1 = Matrices.multTransA(c, n, nmo, a1, no), ya2 = Matrices.multTransA(c, n, nmo, a2, nv);
        for (int p = 0; p < nmo; p++) {
            for (int i = 0; i < no; i++) {
                yb[p * nmo + nf + i] = 4 * ya1[p * no + i];
            }
            for (int a = 0; a < nv; a++) {
                yb[p * nmo + nocc + a] = 4 * ya2[p * nv + a];
            }
        }

        // unrelaxed P (MO) and the frozen-active multipliers
        double[] pmo = new double[nmo * nmo];
        for (int i = 0; i < no; i++) {
            for (int j = 0; j < no; j++) {
                pmo[(nf + i) * nmo + nf + j] = poo[i * no + j];
            }
        }
        for (int a = 0; a < nv; a++) {
            for (int bb = 0; bb < nv; bb++) {
                pmo[(nocc + a) * nmo + nocc + bb] = 0.5 * (pvv[a * nv + bb] + pvv[bb * nv + a]);
            }
        }
        double[] zbar = new double[nmo * nmo];
        for (int f = 0; f < nf; f++) {
            for (int i = 0; i < no; i++) {
                double z = yb[f * nmo + nf + i] / (eps[nf + i] - eps[f]);
                zbar[f * nmo + nf + i] = z;
                zbar[(nf + i) * nmo + f] = z;
            }
        }
        // right-hand side of the response equations
        double[] x1 = new double[nmo * nmo];
        for (int k = 0; k < x1.length; k++) {
            x1[k] = 2 * pmo[k] + zbar[k];
        }
        double[] g1 = moBlock(jk.twoElectron(ao(c, n, nmo, x1), null, 0, 0), c, n, nmo);
        double[] rhs = new double[nv * nocc];
        for (int a = 0; a < nv; a++) {
            for (int i = 0; i < nocc; i++) {
                int pa = nocc + a;
                rhs[a * nocc + i] = -(yb[pa * nmo + i] - yb[i * nmo + pa] + g1[pa * nmo + i]);
            }
        }
        double[] z = solveResponse(rhs, c, cv, co, eps, n, nmo, nocc, nv);
        for (int a = 0; a < nv; a++) {
            for (int i = 0; i < nocc; i++) {
                zbar[(nocc + a) * nmo + i] = z[a * nocc + i];
                zbar[i * nmo + nocc + a] = z[a * nocc + i];
            }
        }
        // relaxed density, Lagrangian Y and W
        double[] prel = new double[nmo * nmo];
        for (int k = 0; k < prel.length; k++) {
            prel[k] = pmo[k] + 0.5 * zbar[k];
        }
        double[] prelAo = ao(c, n, nmo, prel);
        double[] g2 = moBlock(jk.twoElectron(prelAo, null, 0, 0), c, n, nmo);
        double[] y = new double[nmo * nmo];
        for (int p = 0; p < nmo; p++) {
            for (int q = 0; q < nmo; q++) {
                y[p * nmo + q] = yb[p * nmo + q] + 2 * eps[p] * prel[p * nmo + q] + (q < nocc ? 2 * g2[p * nmo + q] : 0);
            }
        }
        double[] wmo = new double[nmo * nmo];
        for (int p = 0; p < nmo; p++) {
            for (int q = 0; q < nmo; q++) {
                wmo[p * nmo + q] = 0.25 * (y[p * nmo + q] + y[q * nmo + p]);
            }
        }
        double[] wAo = ao(c, n, nmo, wmo);

        // one-electron terms of the MP2 part: P' h^x and -W S^x (Cartesian functions)
        int nc = orb.cartesianCount();
        double[] tr = orb.toWorking();
        double[] pCart = Matrices.sandwichT(tr, n, nc, prelAo);
        double[] wCart = Matrices.sandwichT(tr, n, nc, wAo);
        for (int k = 0; k < wCart.length; k++) {
            wCart[k] = -wCart[k];
        }
        OneElectron.overlapOrKineticGradient(orb, 1, pCart, grad);
        OneElectron.overlapOrKineticGradient(orb, 0, wCart, grad);
        OneElectron.potentialGradient(orb, scf.charges().q(), scf.charges().xyz(), scf.charges().atom(), pCart, grad);
        // separable two-electron terms of reference and MP2 together: E(D + P', D)
        double[] xsep = scf.workingDensity();
        for (int k = 0; k < xsep.length; k++) {
            xsep[k] += prelAo[k];
        }
        DfGradient.addSeparable(jk.tensor(), scf, xsep, grad, threads, pool);
        return new Result(e2, grad);
    }

    /**
     * Solves (e_a - e_i) z_ai + [C_v^T G(C_v z C_o^T + C_o z^T C_v^T) C_o]_ai = rhs_ai by Psi4's CGRSolver
     * recipe: Jacobi preconditioner e_a - e_i, guess rhs / diag, stop when |r| / |rhs| < convergence.
     */
    private double[] solveResponse(double[] rhs, double[] c, double[] cv, double[] co, double[] eps, int n, int nmo,
                                   int nocc, int nv) {
        int dim = nv * nocc;
        double[] diag = new double[dim];
        for (int a = 0; a < nv; a++) {
            for (int i = 0; i < nocc; i++) {
                diag[a * nocc + i] = eps[nocc + a] - eps[i];
            }
        }
        double bnorm = Math.sqrt(Matrices.dot(rhs, rhs));
        double[] x = new double[dim];
        if (bnorm == 0) {
            return x;
        }
        for (int k = 0; k < dim; k++) {
            x[k] = rhs[k] / diag[k];
        }
        double[] ax = apply(x, diag, cv, co, n, nocc, nv);
        double[] r = new double[dim], zz = new double[dim], p = new double[dim];
        for (int k = 0; k < dim; k++) {
            r[k] = rhs[k] - ax[k];
            zz[k] = r[k] / diag[k];
            p[k] = zz[k];
        }
        for (int iter = 1; iter <= CPHF_MAXITER; iter++) {
            double[] ap = apply(p, diag, cv, co, n, nocc, nv);
            double zr = Matrices.dot(r, zz), pap = Matrices.dot(p, ap);
            double alpha = zr / pap;
            for (int k = 0; k < dim; k++) {
                x[k] += alpha * p[k];
                r[k] -= alpha * ap[k];
            }
            if (Math.sqrt(Matrices.dot(r, r)) / bnorm < cphfConvergence) {
                return x;
            }
            for (int k = 0; k < dim; k++) {
                zz[k] = r[k] / diag[k];
            }
            double beta = Matrices.dot(r, zz) / zr;
            for (int k = 0; k < dim; k++) {
                p[k] = zz[k] + beta * p[k];
            }
        }
        throw new org.qcmb.engine.EngineException(org.qcmb.qcschema.ErrorClass.CONVERGENCE_FAILURE,
                "DF-MP2 gradient: the orbital response equations did not converge in " + CPHF_MAXITER + " iterations");
    }

    /** The response operator on z (nv x nocc). */
    private double[] apply(double[] z, double[] diag, double[] cv, double[] co, int n, int nocc, int nv) {
        double[] l = new double[n * nocc];
        Gemm.mult(false, false, n, nocc, nv, 1.0, cv, 0, nv, z, 0, nocc, 0.0, l, 0, nocc);
        double[] g = jk.twoElectronPair(l, co, nocc);
        double[] gv = new double[nv * n];
        Gemm.mult(true, false, nv, n, n, 1.0, cv, 0, nv, g, 0, n, 0.0, gv, 0, n);
        double[] out = new double[nv * nocc];
        Gemm.mult(false, false, nv, nocc, n, 1.0, gv, 0, n, co, 0, nocc, 0.0, out, 0, nocc);
        for (int k = 0; k < out.length; k++) {
            out[k] += diag[k] * z[k];
        }
        return out;
    }

    /** Columns c0..c0+w-1 of an n x nmo matrix. */
    static double[] columns(double[] c, int n, int nmo, int c0, int w) {
        double[] out = new double[n * w];
        for (int m = 0; m < n; m++) {
            System.arraycopy(c, m * nmo + c0, out, m * w, w);
        }
        return out;
    }

    /** C X C^T: an MO matrix (nmo x nmo) in the working AO basis. */
    static double[] ao(double[] c, int n, int nmo, double[] x) {
        return Matrices.multTransB(Matrices.mult(c, n, nmo, x, nmo), n, nmo, c, n);
    }

    /** C^T G C: an AO matrix in the MO basis. */
    static double[] moBlock(double[] g, double[] c, int n, int nmo) {
        return Matrices.sandwichT(c, n, nmo, g);
    }

    /** [Q][i][a] -> [i][Q][a]. */
    static double[] reorder(double[] b, int naux, int no, int nv) {
        double[] out = new double[b.length];
        for (int q = 0; q < naux; q++) {
            for (int i = 0; i < no; i++) {
                System.arraycopy(b, (q * no + i) * nv, out, (i * naux + q) * nv, nv);
            }
        }
        return out;
    }

    /** [i][Q][a] -> [Q][i][a]. */
    static double[] reorderBack(double[] b, int naux, int no, int nv) {
        double[] out = new double[b.length];
        for (int q = 0; q < naux; q++) {
            for (int i = 0; i < no; i++) {
                System.arraycopy(b, (i * naux + q) * nv, out, (q * no + i) * nv, nv);
            }
        }
        return out;
    }

    private static void add(double[] a, double[] b) {
        for (int k = 0; k < a.length; k++) {
            a[k] += b[k];
        }
    }
}
