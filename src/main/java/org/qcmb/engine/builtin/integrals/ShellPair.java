package org.qcmb.engine.builtin.integrals;

import org.qcmb.engine.builtin.basis.Shell;

/**
 * Precomputed data of a pair of shells for McMurchie-Davidson integrals: the significant primitive pairs
 * (exponent sum p, centre P, prefactor c_a c_b exp(-mu AB^2)), ordered by descending p, and the Hermite
 * expansion of every Cartesian component pair. With {@code derivatives}, also the expansions of d/dA and d/dB
 * (x, y, z), built from d/dA_x [x_A^i e^{-a x_A^2}] = 2a x_A^{i+1} e^{..} - i x_A^{i-1} e^{..}.
 */
public final class ShellPair {
    /** Primitive pairs whose |prefactor| falls below this are dropped (they change nothing at 1e-14). */
    static final double PRIMITIVE_CUTOFF = 1e-15;

    public final Shell a;
    public final Shell b;
    public final int la;
    public final int lb;
    public final int na;
    public final int nb;
    final int nprim;
    final double[] p;
    final double[] px;
    final double[] py;
    final double[] pz;
    final double[] pref;
    final PairExpansion e;
    /** derivative expansions: dA[dir], dB[dir] share structure dStruct[dir]. */
    final PairExpansion[] dA;
    final PairExpansion[] dB;
    /** pref / p per primitive pair: the pair's share of the ERI prefactor 2 pi^{5/2} / (p q sqrt(p+q)). */
    final double[] prefOverP;
    /** Both shells on one point: every primitive pair has P = A, so far-away Coulomb sums collapse (below). */
    final boolean oneCentre;
    /**
     * One-centre pairs only (else null): prefix sums over the primitive pairs (ordered by descending p) of their
     * Hermite coefficients times their charge pref (pi/p)^{3/2}: entry k of prefix j (pairs 0..j) at
     * {@code multipoles[j * e.size + k]}. Where the Boys function is asymptotic for all of a prefix, the pair
     * interacts as the point multipoles of these sums.
     */
    final double[] multipoles;

    public ShellPair(Shell a, Shell b, boolean derivatives) {
        this(new Shell[] {a}, new Shell[] {b}, derivatives, false);
    }

    /**
     * A pair of shell groups: consecutive shells of one atom with the same exponents (the s and p halves of a
     * Pople SP shell, generally contracted shells), whose Cartesian components follow each other shell by shell.
     * All shells of a group share the primitive pairs, Boys values and Hermite integrals; here pref is
     * exp(-mu AB^2) alone and each Hermite coefficient carries the contraction coefficients of its two
     * components' shells. No derivatives.
     */
    ShellPair(Shell[] groupA, Shell[] groupB) {
        this(groupA, groupB, false, true);
    }

    private ShellPair(Shell[] ga, Shell[] gb, boolean derivatives, boolean grouped) {
        this.a = ga[0];
        this.b = gb[0];
        int[] shellA = componentShells(ga), shellB = componentShells(gb);
        int[][] ca = components(ga), cb = components(gb);
        la = maxL(ga);
        lb = maxL(gb);
        na = ca.length;
        nb = cb.length;
        double abx = a.x() - b.x(), aby = a.y() - b.y(), abz = a.z() - b.z();
        double ab2 = abx * abx + aby * aby + abz * abz;
        int maxPairs = a.primitiveCount() * b.primitiveCount();
        int[] ia = new int[maxPairs], ib = new int[maxPairs];
        double[] pp = new double[maxPairs], kk = new double[maxPairs];
        int n = 0;
        for (int i = 0; i < a.primitiveCount(); i++) {
            for (int j = 0; j < b.primitiveCount(); j++) {
                double ea = a.exponents()[i], eb = b.exponents()[j];
                double sum = ea + eb;
                double g = Math.exp(-ea * eb / sum * ab2);
                double k = grouped ? g : a.coefficients()[i] * b.coefficients()[j] * g;
                double c = grouped ? maxAbs(ga, i) * maxAbs(gb, j) * g : k;
                // the overlap-like magnitude (pi/p)^{3/2} k decides significance
                if (Math.abs(c) * Math.pow(Math.PI / sum, 1.5) < PRIMITIVE_CUTOFF) {
                    continue;
                }
                ia[n] = i;
                ib[n] = j;
                pp[n] = sum;
                kk[n] = k;
                n++;
            }
        }
        sortByExponent(n, ia, ib, pp, kk);
        nprim = n;
        p = java.util.Arrays.copyOf(pp, n);
        pref = java.util.Arrays.copyOf(kk, n);
        px = new double[n];
        py = new double[n];
        pz = new double[n];
        e = PairExpansion.structure(ca, cb, -1, n);
        dA = derivatives ? new PairExpansion[3] : null;
        dB = derivatives ? new PairExpansion[3] : null;
        prefOverP = new double[n];
        for (int k = 0; k < n; k++) {
            prefOverP[k] = pref[k] / p[k];
        }
        oneCentre = a.x() == b.x() && a.y() == b.y() && a.z() == b.z();
        multipoles = oneCentre ? new double[n * e.size] : null;
        if (derivatives) {
            for (int d = 0; d < 3; d++) {
                dA[d] = PairExpansion.structure(ca, cb, d, n);
                dB[d] = PairExpansion.structure(ca, cb, d, n);
            }
        }
        int extra = derivatives ? 1 : 0;
        int imax = la + extra, jmax = lb + extra, nt = imax + jmax + 1;
        for (int k = 0; k < n; k++) {
            double ea = a.exponents()[ia[k]], eb = b.exponents()[ib[k]];
            double sum = p[k];
            double cx = (ea * a.x() + eb * b.x()) / sum;
            double cy = (ea * a.y() + eb * b.y()) / sum;
            double cz = (ea * a.z() + eb * b.z()) / sum;
            px[k] = cx;
            py[k] = cy;
            pz[k] = cz;
            double[][] tab = {
                Hermite.table(imax, jmax, sum, cx - a.x(), cx - b.x()),
                Hermite.table(imax, jmax, sum, cy - a.y(), cy - b.y()),
                Hermite.table(imax, jmax, sum, cz - a.z(), cz - b.z())};
            fill(e, k, ca, cb, tab, jmax, nt, -1, 0, 0);
            if (grouped) {
                // the contraction coefficients of each component pair's two shells
                for (int x = 0; x < na; x++) {
                    for (int y = 0; y < nb; y++) {
                        double c = ga[shellA[x]].coefficients()[ia[k]] * gb[shellB[y]].coefficients()[ib[k]];
                        int ab = x * nb + y;
                        for (int q = e.start[ab]; q < e.start[ab + 1]; q++) {
                            e.values[k * e.size + q] *= c;
                        }
                    }
                }
            }
            if (derivatives) {
                for (int d = 0; d < 3; d++) {
                    fill(dA[d], k, ca, cb, tab, jmax, nt, d, 2 * ea, 0);
                    fill(dB[d], k, ca, cb, tab, jmax, nt, d, 2 * eb, 1);
                }
            }
        }
        if (oneCentre) {
            for (int k = 0; k < n; k++) {
                double charge = pref[k] * Math.pow(Math.PI / p[k], 1.5);
                for (int x = 0; x < e.size; x++) {
                    double prev = k == 0 ? 0 : multipoles[(k - 1) * e.size + x];
                    multipoles[k * e.size + x] = prev + charge * e.values[k * e.size + x];
                }
            }
        }
    }

    private static int[][] components(Shell[] group) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (Shell sh : group) {
            out.addAll(java.util.List.of(Shell.cartesianComponents(sh.l())));
        }
        return out.toArray(int[][]::new);
    }

    /** The shell (index in the group) of each Cartesian component. */
    private static int[] componentShells(Shell[] group) {
        int total = 0;
        for (Shell sh : group) {
            total += sh.cartesianCount();
        }
        int[] out = new int[total];
        int k = 0;
        for (int s = 0; s < group.length; s++) {
            for (int c = 0; c < group[s].cartesianCount(); c++) {
                out[k++] = s;
            }
        }
        return out;
    }

    private static int maxL(Shell[] group) {
        int l = 0;
        for (Shell sh : group) {
            l = Math.max(l, sh.l());
        }
        return l;
    }

    private static double maxAbs(Shell[] group, int prim) {
        double m = 0;
        for (Shell sh : group) {
            m = Math.max(m, Math.abs(sh.coefficients()[prim]));
        }
        return m;
    }

    /** Stable sort of the kept primitive pairs by descending exponent sum (an order the collapse above needs). */
    private static void sortByExponent(int n, int[] ia, int[] ib, double[] pp, double[] kk) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (x, y) -> Double.compare(pp[y], pp[x]));
        int[] a0 = ia.clone(), b0 = ib.clone();
        double[] p0 = pp.clone(), k0 = kk.clone();
        for (int i = 0; i < n; i++) {
            ia[i] = a0[idx[i]];
            ib[i] = b0[idx[i]];
            pp[i] = p0[idx[i]];
            kk[i] = k0[idx[i]];
        }
    }

    /** 1D coefficient E^{ij}_t, 0 outside the valid range. */
    private static double e1(double[] tab, int i, int j, int t, int jmax, int nt) {
        if (i < 0 || j < 0 || t > i + j) {
            return 0;
        }
        return tab[(i * (jmax + 1) + j) * nt + t];
    }

    /**
     * Fills the values of one primitive pair. dir < 0: plain product. Otherwise the derivative in direction
     * dir with respect to centre A (which == 0) or B (which == 1): twoExp * E(i+1) - i * E(i-1).
     */
    private static void fill(PairExpansion x, int prim, int[][] ca, int[][] cb, double[][] tab, int jmax, int nt,
                             int dir, double twoExp, int which) {
        int base = prim * x.size;
        for (int a = 0; a < ca.length; a++) {
            for (int b = 0; b < cb.length; b++) {
                int ab = a * cb.length + b;
                for (int k = x.start[ab]; k < x.start[ab + 1]; k++) {
                    int[] h = {x.t[k], x.u[k], x.v[k]};
                    double val = 1;
                    for (int d = 0; d < 3; d++) {
                        int i = ca[a][d], j = cb[b][d];
                        double f;
                        if (d != dir) {
                            f = e1(tab[d], i, j, h[d], jmax, nt);
                        } else if (which == 0) {
                            f = twoExp * e1(tab[d], i + 1, j, h[d], jmax, nt) - i * e1(tab[d], i - 1, j, h[d], jmax, nt);
                        } else {
                            f = twoExp * e1(tab[d], i, j + 1, h[d], jmax, nt) - j * e1(tab[d], i, j - 1, h[d], jmax, nt);
                        }
                        val *= f;
                    }
                    x.values[base + k] = val;
                }
            }
        }
    }

    public int primitivePairs() {
        return nprim;
    }

    public int componentPairs() {
        return na * nb;
    }
}
