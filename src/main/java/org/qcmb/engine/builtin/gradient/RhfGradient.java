package org.qcmb.engine.builtin.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.Charges;
import org.qcmb.engine.builtin.integrals.Eri;
import org.qcmb.engine.builtin.integrals.OneElectron;
import org.qcmb.engine.builtin.integrals.ShellPair;
import org.qcmb.engine.builtin.integrals.ShellQuartets;
import org.qcmb.engine.builtin.scf.ScfResult;

/**
 * Analytic RHF nuclear gradient (natom x 3, flat): nuclear repulsion (incl. external charges acting on nuclei),
 * P dH/dx (basis-function centres of real and ghost atoms, and the nuclei as attraction centres),
 * -W dS/dx, and the two-electron term sum Gamma d(ij|kl)/dx with Gamma formed on the fly from the density
 * (derivative integrals are never stored). P = 2D is the total density, W the energy-weighted one.
 */
public final class RhfGradient {
    /**
     * Quartets whose Schwarz bound times the largest two-particle density element is below this are skipped:
     * far below the 1e-7 Eh/bohr gradient accuracy even with the larger derivative integrals of tight shells.
     */
    static final double GAMMA_THRESHOLD = 1e-13;
    private final ScfResult scf;
    private final int natom;
    private final int threads;
    private final ExecutorService pool;

    public RhfGradient(ScfResult scf, int natom, int threads, ExecutorService pool) {
        this.scf = scf;
        this.natom = natom;
        this.threads = Math.max(1, threads);
        this.pool = pool;
    }

    public double[] compute() {
        BasisSet bs = scf.basis();
        Charges ch = scf.charges();
        int n = bs.cartesianCount();
        double[] d = scf.cartesianDensity();
        double[] p = new double[n * n];
        double[] w = scf.cartesianEnergyWeightedDensity();
        for (int i = 0; i < n * n; i++) {
            p[i] = 2 * d[i];
            w[i] = -2 * w[i];
        }
        double[] grad = new double[3 * natom];
        ch.addNuclearGradient(grad);
        OneElectron.overlapOrKineticGradient(bs, 1, p, grad);
        OneElectron.overlapOrKineticGradient(bs, 0, w, grad);
        OneElectron.potentialGradient(bs, ch.q(), ch.xyz(), ch.atom(), p, grad);
        double[] two = twoElectron(bs, d);
        for (int i = 0; i < grad.length; i++) {
            grad[i] += two[i];
        }
        return grad;
    }

    private double[] twoElectron(BasisSet bs, double[] d) {
        ShellQuartets quartets = new ShellQuartets(bs, true);
        double[][] parts = new double[threads][];
        if (threads == 1 || pool == null) {
            for (int t = 0; t < threads; t++) {
                parts[t] = twoElectronPart(quartets, d, t);
            }
        } else {
            List<Future<double[]>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int tt = t;
                fs.add(pool.submit(() -> twoElectronPart(quartets, d, tt)));
            }
            for (int t = 0; t < threads; t++) {
                try {
                    parts[t] = fs.get(t).get();
                } catch (Exception e) {
                    throw new IllegalStateException("gradient failed: " + e.getMessage(), e);
                }
            }
        }
        double[] g = new double[3 * natom];
        for (double[] part : parts) {
            for (int i = 0; i < g.length; i++) {
                g[i] += part[i];
            }
        }
        return g;
    }


    private double[] twoElectronPart(ShellQuartets quartets, double[] d, int thread) {
        BasisSet bs = quartets.basis();
        int n = bs.cartesianCount();
        double[] g = new double[3 * natom];
        Eri eri = new Eri();
        double[] gamma = new double[0], gammaT = new double[0];
        int ns = bs.shellCount();
        double[] dmax = bs.shellBlockMaxima(d, n);
        double[] bra6 = new double[6], ket6 = new double[6], all9 = new double[9];
        for (int ij = thread; ij < quartets.pairCount(); ij += threads) {
            ShellPair bra = quartets.pair(ij);
            int si = quartets.firstShell(ij), sj = quartets.secondShell(ij);
            int ai = bra.a.atom(), aj = bra.b.atom();
            int oi = bs.cartesianOffset(si), oj = bs.cartesianOffset(sj);
            for (int kl = 0; kl <= ij; kl++) {
                if (!quartets.significant(ij, kl)) {
                    continue;
                }
                ShellPair ket = quartets.pair(kl);
                int ak = ket.a.atom(), al = ket.b.atom();
                if (ai == aj && ak == al && ai == ak) {
                    continue;
                }
                int sk = quartets.firstShell(kl), sl = quartets.secondShell(kl);
                double gmax = 16 * dmax[si * ns + sj] * dmax[sk * ns + sl]
                        + 4 * dmax[si * ns + sk] * dmax[sj * ns + sl] + 4 * dmax[si * ns + sl] * dmax[sj * ns + sk];
                if (gmax * quartets.bound(ij) * quartets.bound(kl) < GAMMA_THRESHOLD) {
                    continue;
                }
                int ok = bs.cartesianOffset(sk), ol = bs.cartesianOffset(sl);
                double f = (si == sj ? 0.5 : 1) * (sk == sl ? 0.5 : 1) * (ij == kl ? 0.5 : 1);
                int nab = bra.na * bra.nb, ncd = ket.na * ket.nb;
                if (gamma.length < nab * ncd) {
                    gamma = new double[nab * ncd];
                    gammaT = new double[nab * ncd];
                }
                for (int a = 0; a < bra.na; a++) {
                    int i = oi + a;
                    for (int b = 0; b < bra.nb; b++) {
                        int j = oj + b;
                        double dij = d[i * n + j];
                        int ab = a * bra.nb + b;
                        for (int c = 0; c < ket.na; c++) {
                            int k = ok + c;
                            double dik = d[i * n + k], djk = d[j * n + k];
                            for (int e = 0; e < ket.nb; e++) {
                                int l = ol + e;
                                gamma[ab * ncd + c * ket.nb + e] =
                                        f * (16 * dij * d[k * n + l] - 4 * dik * d[j * n + l] - 4 * d[i * n + l] * djk);
                            }
                        }
                    }
                }
                boolean braSplit = ai != aj, ketSplit = ak != al;
                java.util.Arrays.fill(bra6, 0);
                java.util.Arrays.fill(ket6, 0);
                if (braSplit && ketSplit) {
                    java.util.Arrays.fill(all9, 0);
                    if (Eri.derivativeCost(ket, bra) < Eri.derivativeCost(bra, ket)) {
                        // (cd|ab) orientation is cheaper: gives C, D, A; B by translational invariance
                        for (int ab = 0; ab < nab; ab++) {
                            for (int cd = 0; cd < ncd; cd++) {
                                gammaT[cd * nab + ab] = gamma[ab * ncd + cd];
                            }
                        }
                        eri.quartetDerivative(ket, bra, gammaT, all9);
                        for (int x = 0; x < 3; x++) {
                            g[3 * ak + x] += all9[x];
                            g[3 * al + x] += all9[3 + x];
                            g[3 * ai + x] += all9[6 + x];
                            g[3 * aj + x] -= all9[x] + all9[3 + x] + all9[6 + x];
                        }
                        continue;
                    }
                    eri.quartetDerivative(bra, ket, gamma, all9);
                    for (int x = 0; x < 3; x++) {
                        g[3 * ai + x] += all9[x];
                        g[3 * aj + x] += all9[3 + x];
                        g[3 * ak + x] += all9[6 + x];
                        g[3 * al + x] -= all9[x] + all9[3 + x] + all9[6 + x];
                    }
                    continue;
                }
                if (braSplit || !ketSplit) {
                    eri.braDerivative(bra, ket, gamma, bra6);
                }
                if (ketSplit) {
                    for (int ab = 0; ab < nab; ab++) {
                        for (int cd = 0; cd < ncd; cd++) {
                            gammaT[cd * nab + ab] = gamma[ab * ncd + cd];
                        }
                    }
                    eri.braDerivative(ket, bra, gammaT, ket6);
                }
                for (int x = 0; x < 3; x++) {
                    if (ketSplit && braSplit) {
                        g[3 * ai + x] += bra6[x];
                        g[3 * aj + x] += bra6[3 + x];
                        g[3 * ak + x] += ket6[x];
                        g[3 * al + x] += ket6[3 + x];
                    } else if (ketSplit) {
                        // bra on one atom: translational invariance
                        g[3 * ak + x] += ket6[x];
                        g[3 * al + x] += ket6[3 + x];
                        g[3 * ai + x] -= ket6[x] + ket6[3 + x];
                    } else {
                        g[3 * ai + x] += bra6[x];
                        g[3 * aj + x] += bra6[3 + x];
                        g[3 * ak + x] -= bra6[x] + bra6[3 + x];
                    }
                }
            }
        }
        return g;
    }
}
