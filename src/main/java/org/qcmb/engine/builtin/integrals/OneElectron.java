package org.qcmb.engine.builtin.integrals;

import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.basis.Shell;

/**
 * One-electron integrals over Cartesian components (overlap, kinetic, nuclear attraction) and their
 * derivatives contracted with a density-like matrix, by McMurchie-Davidson Hermite expansions. Matrices are
 * ncart x ncart row-major. Point charges are given as (charge, x, y, z) arrays; an attraction centre with index
 * atom >= 0 receives its operator-derivative force, external charges (atom = -1) do not.
 */
public final class OneElectron {
    private static final int S = 0, T = 1;

    private OneElectron() {
    }

    /** Computes overlap (which == 0) or kinetic (which == 1) energy integrals. */
    public static double[] overlapOrKinetic(BasisSet bs, int which) {
        int n = bs.cartesianCount();
        double[] m = new double[n * n];
        for (int i = 0; i < bs.shellCount(); i++) {
            for (int j = 0; j <= i; j++) {
                Shell a = bs.shell(i), b = bs.shell(j);
                int[][] ca = Shell.cartesianComponents(a.l()), cb = Shell.cartesianComponents(b.l());
                double[] blk = new double[ca.length * cb.length];
                forPrimitives(a, b, (ea, eb, p, k, ex, ey, ez, jmax, nt) -> {
                    double pre = k * Math.pow(Math.PI / p, 1.5);
                    for (int x = 0; x < ca.length; x++) {
                        for (int y = 0; y < cb.length; y++) {
                            blk[x * cb.length + y] += pre * value(which, ca[x], cb[y], eb, ex, ey, ez, jmax, nt, -1, 0);
                        }
                    }
                });
                scatter(bs, i, j, blk, cb.length, m, n);
            }
        }
        return m;
    }

    /** {overlap, kinetic} from one pass over the primitive pairs (one set of Hermite tables for both). */
    public static double[][] overlapAndKinetic(BasisSet bs) {
        int n = bs.cartesianCount();
        double[] ms = new double[n * n], mt = new double[n * n];
        for (int i = 0; i < bs.shellCount(); i++) {
            for (int j = 0; j <= i; j++) {
                Shell a = bs.shell(i), b = bs.shell(j);
                int[][] ca = Shell.cartesianComponents(a.l()), cb = Shell.cartesianComponents(b.l());
                double[] bs0 = new double[ca.length * cb.length], bt = new double[ca.length * cb.length];
                forPrimitives(a, b, (ea, eb, p, k, ex, ey, ez, jmax, nt) -> {
                    double pre = k * Math.pow(Math.PI / p, 1.5);
                    for (int x = 0; x < ca.length; x++) {
                        for (int y = 0; y < cb.length; y++) {
                            bs0[x * cb.length + y] += pre * value(S, ca[x], cb[y], eb, ex, ey, ez, jmax, nt, -1, 0);
                            bt[x * cb.length + y] += pre * value(T, ca[x], cb[y], eb, ex, ey, ez, jmax, nt, -1, 0);
                        }
                    }
                });
                scatter(bs, i, j, bs0, cb.length, ms, n);
                scatter(bs, i, j, bt, cb.length, mt, n);
            }
        }
        return new double[][] {ms, mt};
    }

    public static double[] overlap(BasisSet bs) {
        return overlapOrKinetic(bs, S);
    }

    public static double[] kinetic(BasisSet bs) {
        return overlapOrKinetic(bs, T);
    }

    /** Adds d/dR sum_{ab} w_ab X_ab for X = overlap (which 0) or kinetic (1) to grad[3*atom+d]. */
    public static void overlapOrKineticGradient(BasisSet bs, int which, double[] w, double[] grad) {
        int n = bs.cartesianCount();
        for (int i = 0; i < bs.shellCount(); i++) {
            for (int j = 0; j < i; j++) {
                Shell a = bs.shell(i), b = bs.shell(j);
                if (a.atom() == b.atom()) {
                    continue;
                }
                int[][] ca = Shell.cartesianComponents(a.l()), cb = Shell.cartesianComponents(b.l());
                int oa = bs.cartesianOffset(i), ob = bs.cartesianOffset(j);
                double[] g = new double[3];
                forPrimitives(a, b, (ea, eb, p, k, ex, ey, ez, jmax, nt) -> {
                    double pre = k * Math.pow(Math.PI / p, 1.5);
                    for (int x = 0; x < ca.length; x++) {
                        for (int y = 0; y < cb.length; y++) {
                            // both triangles: w_ab + w_ba
                            double ww = w[(oa + x) * n + ob + y] + w[(ob + y) * n + oa + x];
                            if (ww == 0) {
                                continue;
                            }
                            for (int d = 0; d < 3; d++) {
                                g[d] += ww * pre * value(which, ca[x], cb[y], eb, ex, ey, ez, jmax, nt, d, ea);
                            }
                        }
                    }
                });
                for (int d = 0; d < 3; d++) {
                    grad[3 * a.atom() + d] += g[d];
                    grad[3 * b.atom() + d] -= g[d];
                }
            }
        }
    }

    /** 1D overlap factor S(i,j) / sqrt(pi/p) = E^{ij}_0. */
    private static double s1(double[] e, int i, int j, int jmax, int nt) {
        if (i < 0 || j < 0) {
            return 0;
        }
        return e[(i * (jmax + 1) + j) * nt];
    }

    /** 1D kinetic factor: -2b^2 S(i,j+2) + b(2j+1) S(i,j) - j(j-1)/2 S(i,j-2). */
    private static double t1(double[] e, int i, int j, double b, int jmax, int nt) {
        return -2 * b * b * s1(e, i, j + 2, jmax, nt) + b * (2 * j + 1) * s1(e, i, j, jmax, nt)
                - 0.5 * j * (j - 1) * s1(e, i, j - 2, jmax, nt);
    }

    private static double factor(int kind, double[] e, int i, int j, double b, int jmax, int nt, boolean deriv,
                                 double ea) {
        if (!deriv) {
            return kind == S ? s1(e, i, j, jmax, nt) : t1(e, i, j, b, jmax, nt);
        }
        return 2 * ea * factor(kind, e, i + 1, j, b, jmax, nt, false, 0)
                - (i > 0 ? i * factor(kind, e, i - 1, j, b, jmax, nt, false, 0) : 0);
    }

    /** 3D overlap or kinetic value (without (pi/p)^{3/2} k); dir >= 0 differentiates w.r.t. A in that direction. */
    private static double value(int which, int[] a, int[] b, double eb, double[] ex, double[] ey, double[] ez,
                                int jmax, int nt, int dir, double ea) {
        double sx = factor(S, ex, a[0], b[0], eb, jmax, nt, dir == 0, ea);
        double sy = factor(S, ey, a[1], b[1], eb, jmax, nt, dir == 1, ea);
        double sz = factor(S, ez, a[2], b[2], eb, jmax, nt, dir == 2, ea);
        if (which == S) {
            return sx * sy * sz;
        }
        return factor(T, ex, a[0], b[0], eb, jmax, nt, dir == 0, ea) * sy * sz
                + sx * factor(T, ey, a[1], b[1], eb, jmax, nt, dir == 1, ea) * sz
                + sx * sy * factor(T, ez, a[2], b[2], eb, jmax, nt, dir == 2, ea);
    }

    /** Nuclear attraction -sum_C q_C <a|1/|r-C||b> for charges q at xyz[3C..3C+2]. */
    public static double[] potential(BasisSet bs, double[] q, double[] xyz) {
        int n = bs.cartesianCount();
        double[] m = new double[n * n];
        HermiteCoulomb hc = new HermiteCoulomb();
        for (int i = 0; i < bs.shellCount(); i++) {
            for (int j = 0; j <= i; j++) {
                ShellPair sp = new ShellPair(bs.shell(i), bs.shell(j), false);
                int nab = sp.na * sp.nb;
                double[] blk = new double[nab];
                int lmax = sp.la + sp.lb;
                int s = lmax + 1;
                double[] r = new double[s * s * s];
                PairExpansion e = sp.e;
                for (int pr = 0; pr < sp.nprim; pr++) {
                    double p = sp.p[pr];
                    for (int c = 0; c < q.length; c++) {
                        if (q[c] == 0) {
                            continue;
                        }
                        hc.compute(lmax, p, sp.px[pr] - xyz[3 * c], sp.py[pr] - xyz[3 * c + 1],
                                sp.pz[pr] - xyz[3 * c + 2], -q[c] * 2 * Math.PI / p * sp.pref[pr], r);
                        int base = pr * e.size;
                        for (int ab = 0; ab < nab; ab++) {
                            double v = 0;
                            for (int k = e.start[ab]; k < e.start[ab + 1]; k++) {
                                v += e.values[base + k] * r[(e.t[k] * s + e.u[k]) * s + e.v[k]];
                            }
                            blk[ab] += v;
                        }
                    }
                }
                scatter(bs, i, j, blk, sp.nb, m, n);
            }
        }
        return m;
    }

    /**
     * Nuclear attraction like {@link #potential(BasisSet, double[], double[])}, over the pairs (shells or shell
     * groups) of quartets that an SCF has built anyway: no second set of shell pairs, and a group's shells share
     * their Hermite integrals.
     */
    public static double[] potential(ShellQuartets quartets, double[] q, double[] xyz) {
        int n = quartets.basis().cartesianCount();
        double[] m = new double[n * n];
        HermiteCoulomb hc = new HermiteCoulomb();
        double[] r = new double[0];
        for (int k = 0; k < quartets.pairCount(); k++) {
            ShellPair sp = quartets.pair(k);
            int nab = sp.na * sp.nb;
            double[] blk = new double[nab];
            int lmax = sp.la + sp.lb;
            int s = lmax + 1;
            if (r.length < s * s * s) {
                r = new double[s * s * s];
            }
            PairExpansion e = sp.e;
            for (int pr = 0; pr < sp.nprim; pr++) {
                double p = sp.p[pr];
                for (int c = 0; c < q.length; c++) {
                    if (q[c] == 0) {
                        continue;
                    }
                    hc.compute(lmax, p, sp.px[pr] - xyz[3 * c], sp.py[pr] - xyz[3 * c + 1],
                            sp.pz[pr] - xyz[3 * c + 2], -q[c] * 2 * Math.PI / p * sp.pref[pr], r);
                    int base = pr * e.size;
                    for (int ab = 0; ab < nab; ab++) {
                        double v = 0;
                        for (int x = e.start[ab]; x < e.start[ab + 1]; x++) {
                            v += e.values[base + x] * r[(e.t[x] * s + e.u[x]) * s + e.v[x]];
                        }
                        blk[ab] += v;
                    }
                }
            }
            int oa = quartets.groupOffset(quartets.firstShell(k)), ob = quartets.groupOffset(quartets.secondShell(k));
            for (int x = 0; x < sp.na; x++) {
                for (int y = 0; y < sp.nb; y++) {
                    m[(oa + x) * n + ob + y] = blk[x * sp.nb + y];
                    m[(ob + y) * n + oa + x] = blk[x * sp.nb + y];
                }
            }
        }
        return m;
    }

    /**
     * Adds the derivative of sum_ab w_ab V_ab to grad: basis-function centres (always) and, for charges with
     * chargeAtom[c] >= 0, the attraction centre itself.
     */
    public static void potentialGradient(BasisSet bs, double[] q, double[] xyz, int[] chargeAtom, double[] w,
                                         double[] grad) {
        int n = bs.cartesianCount();
        HermiteCoulomb hc = new HermiteCoulomb();
        for (int i = 0; i < bs.shellCount(); i++) {
            for (int j = 0; j <= i; j++) {
                ShellPair sp = new ShellPair(bs.shell(i), bs.shell(j), true);
                int oa = bs.cartesianOffset(i), ob = bs.cartesianOffset(j);
                int nab = sp.na * sp.nb;
                double[] ww = new double[nab];
                boolean any = false;
                for (int x = 0; x < sp.na; x++) {
                    for (int y = 0; y < sp.nb; y++) {
                        double v = w[(oa + x) * n + ob + y];
                        if (i != j) {
                            v += w[(ob + y) * n + oa + x];
                        }
                        ww[x * sp.nb + y] = v;
                        any |= v != 0;
                    }
                }
                if (!any) {
                    continue;
                }
                int lmax = sp.la + sp.lb + 1;
                int s = lmax + 1;
                double[] r = new double[s * s * s];
                for (int pr = 0; pr < sp.nprim; pr++) {
                    double p = sp.p[pr];
                    for (int c = 0; c < q.length; c++) {
                        if (q[c] == 0) {
                            continue;
                        }
                        hc.compute(lmax, p, sp.px[pr] - xyz[3 * c], sp.py[pr] - xyz[3 * c + 1],
                                sp.pz[pr] - xyz[3 * c + 2], -q[c] * 2 * Math.PI / p * sp.pref[pr], r);
                        double[] ga = new double[3], gb = new double[3];
                        for (int d = 0; d < 3; d++) {
                            ga[d] = contract(sp.dA[d], pr, ww, r, s);
                            gb[d] = contract(sp.dB[d], pr, ww, r, s);
                        }
                        for (int d = 0; d < 3; d++) {
                            grad[3 * sp.a.atom() + d] += ga[d];
                            grad[3 * sp.b.atom() + d] += gb[d];
                            if (chargeAtom[c] >= 0) {
                                grad[3 * chargeAtom[c] + d] -= ga[d] + gb[d];
                            }
                        }
                    }
                }
            }
        }
    }

    private static double contract(PairExpansion x, int pr, double[] ww, double[] r, int s) {
        int base = pr * x.size;
        double v = 0;
        for (int ab = 0; ab < ww.length; ab++) {
            if (ww[ab] == 0) {
                continue;
            }
            double t = 0;
            for (int k = x.start[ab]; k < x.start[ab + 1]; k++) {
                t += x.values[base + k] * r[(x.t[k] * s + x.u[k]) * s + x.v[k]];
            }
            v += ww[ab] * t;
        }
        return v;
    }

    private interface PrimitiveVisitor {
        void visit(double ea, double eb, double p, double k, double[] ex, double[] ey, double[] ez, int jmax, int nt);
    }

    /** Visits every primitive pair with 1D Hermite tables up to i = la+1, j = lb+2 (enough for kinetic derivatives). */
    private static void forPrimitives(Shell a, Shell b, PrimitiveVisitor v) {
        double abx = a.x() - b.x(), aby = a.y() - b.y(), abz = a.z() - b.z();
        double ab2 = abx * abx + aby * aby + abz * abz;
        int imax = a.l() + 1, jmax = b.l() + 2, nt = imax + jmax + 1;
        for (int i = 0; i < a.primitiveCount(); i++) {
            for (int j = 0; j < b.primitiveCount(); j++) {
                double ea = a.exponents()[i], eb = b.exponents()[j], p = ea + eb;
                double k = a.coefficients()[i] * b.coefficients()[j] * Math.exp(-ea * eb / p * ab2);
                double px = (ea * a.x() + eb * b.x()) / p, py = (ea * a.y() + eb * b.y()) / p,
                        pz = (ea * a.z() + eb * b.z()) / p;
                v.visit(ea, eb, p, k, Hermite.table(imax, jmax, p, px - a.x(), px - b.x()),
                        Hermite.table(imax, jmax, p, py - a.y(), py - b.y()),
                        Hermite.table(imax, jmax, p, pz - a.z(), pz - b.z()), jmax, nt);
            }
        }
    }

    private static void scatter(BasisSet bs, int i, int j, double[] blk, int nb, double[] m, int n) {
        int oa = bs.cartesianOffset(i), ob = bs.cartesianOffset(j);
        int na = blk.length / nb;
        for (int x = 0; x < na; x++) {
            for (int y = 0; y < nb; y++) {
                m[(oa + x) * n + ob + y] = blk[x * nb + y];
                m[(ob + y) * n + oa + x] = blk[x * nb + y];
            }
        }
    }
}
