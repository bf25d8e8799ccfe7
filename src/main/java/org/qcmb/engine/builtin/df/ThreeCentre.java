package org.qcmb.engine.builtin.df;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.basis.Shell;
import org.qcmb.engine.builtin.basis.SphericalTransform;
import org.qcmb.engine.builtin.integrals.Eri;
import org.qcmb.engine.builtin.integrals.ShellPair;

/**
 * Three-centre Coulomb integrals (P|mn) and the two-centre metric (P|Q), over the working (pure or Cartesian)
 * functions of an auxiliary and an orbital basis. A one-centre function P is the pair (P s0) with s0 the unit
 * s function of exponent 0 on P's centre, so the four-centre McMurchie-Davidson code ({@link Eri}) serves as is.
 */
final class ThreeCentre {
    private ThreeCentre() {
    }

    /** The pair index of m >= n in a packed lower triangle. */
    static int pair(int m, int n) {
        return m * (m + 1) / 2 + n;
    }

    /** The unit s function on a shell's centre: (P s0) is P. */
    static Shell unit(Shell s) {
        return new Shell(s.atom(), 0, s.x(), s.y(), s.z(), new double[] {0}, new double[] {1}, false);
    }

    static List<ShellPair> auxPairs(BasisSet aux, boolean derivatives) {
        List<ShellPair> out = new ArrayList<>(aux.shellCount());
        for (Shell s : aux.shells()) {
            out.add(new ShellPair(s, unit(s), derivatives));
        }
        return out;
    }

    /** Working-function coefficients of a shell's Cartesian components (nf x nc); identity for Cartesian shells. */
    static double[] toWorking(Shell s) {
        int nc = s.cartesianCount();
        if (!s.pure()) {
            double[] t = new double[nc * nc];
            for (int i = 0; i < nc; i++) {
                t[i * nc + i] = 1;
            }
            return t;
        }
        double[][] m = SphericalTransform.matrix(s.l());
        double[] t = new double[m.length * nc];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, t, i * nc, nc);
        }
        return t;
    }

    /**
     * (P|mn) for all aux functions P and orbital pairs m >= n (working functions): out[P * npair + pair(m, n)].
     * Threads take orbital shell-family pairs from a shared counter; each pair writes its own columns.
     */
    static double[] integrals(BasisSet aux, BasisSet orb, int threads, ExecutorService pool) {
        return new Job(aux, orb).finish(threads, pool);
    }

    /**
     * The (P|mn) tensor as a queue of orbital shell-family pairs that any number of threads, at any time, take one
     * at a time from a shared counter. A pair's integrals go to its own columns of the output, so the tensor is the
     * same to the last bit whichever thread computed which pair, and whenever.
     */
    static final class Job {
        private final BasisSet aux;
        private final BasisSet orb;
        private final ThreeCentreEri.Aux[] ax;
        private final double[][] tw;
        private final List<int[]> fam;
        private final int[][] pairs;
        private final double[] out;
        private final AtomicInteger next = new AtomicInteger();

        Job(BasisSet aux, BasisSet orb) {
            this.aux = aux;
            this.orb = orb;
            int n = orb.functionCount();
            out = new double[aux.functionCount() * (n * (n + 1) / 2)];
            ax = new ThreeCentreEri.Aux[aux.shellCount()];
            for (int p = 0; p < ax.length; p++) {
                ax[p] = new ThreeCentreEri.Aux(aux.shell(p));
            }
            tw = new double[orb.shellCount()][];
            for (int i = 0; i < tw.length; i++) {
                tw[i] = toWorking(orb.shell(i));
            }
            fam = families(orb);
            pairs = new int[fam.size() * (fam.size() + 1) / 2][];
            int k = 0;
            for (int i = 0; i < fam.size(); i++) {
                for (int j = 0; j <= i; j++) {
                    pairs[k++] = new int[] {i, j};
                }
            }
        }

        BasisSet aux() {
            return aux;
        }

        BasisSet orb() {
            return orb;
        }

        boolean allTaken() {
            return next.get() >= pairs.length;
        }

        /** Computes pairs until none is left or {@code stop} says so (asked before each pair). */
        void work(BooleanSupplier stop) {
            FamilyWorker w = null;
            while (!stop.getAsBoolean()) {
                int k = next.getAndIncrement();
                if (k >= pairs.length) {
                    return;
                }
                if (w == null) {
                    w = new FamilyWorker(aux, orb, ax, tw, out);
                }
                w.compute(fam.get(pairs[k][0]), fam.get(pairs[k][1]));
            }
        }

        /** Computes what is left with the given threads and returns the tensor. */
        double[] finish(int threads, ExecutorService pool) {
            Parallel.run(threads, pool, t -> work(() -> false));
            return out;
        }
    }

    /** One thread's three-centre work on pairs of shell families, with its scratch buffers. */
    private static final class FamilyWorker {
        private final BasisSet aux;
        private final BasisSet orb;
        private final ThreeCentreEri.Aux[] ax;
        private final double[][] tw;
        private final double[] out;
        private final int npair;
        private final ThreeCentreEri eri = new ThreeCentreEri();
        private double[][] blks = new double[0][];
        private double[] tmp = new double[0];

        FamilyWorker(BasisSet aux, BasisSet orb, ThreeCentreEri.Aux[] ax, double[][] tw, double[] out) {
            this.aux = aux;
            this.orb = orb;
            this.ax = ax;
            this.tw = tw;
            this.out = out;
            int n = orb.functionCount();
            npair = n * (n + 1) / 2;
        }

        void compute(int[] fi, int[] fj) {
            Shell[] as = new Shell[fi.length], bs = new Shell[fj.length];
            for (int x = 0; x < fi.length; x++) {
                as[x] = orb.shell(fi[x]);
            }
            for (int y = 0; y < fj.length; y++) {
                bs[y] = orb.shell(fj[y]);
            }
            ThreeCentreEri.Pair mn = new ThreeCentreEri.Pair(as, bs, fi == fj);
            if (mn.nprim == 0) {
                return;
            }
            int nm = mn.memberA.length;
            Shell a = as[0], b = bs[0];
            int na = a.functionCount(), nb = b.functionCount(), ca = a.cartesianCount(), cb = b.cartesianCount();
            for (int p = 0; p < ax.length; p++) {
                int size = ax[p].nf * Math.max(ca * cb, na * nb);
                if (blks.length < nm || blks[0].length < size) {
                    int len = Math.max(size, blks.length > 0 ? blks[0].length : 0);
                    blks = new double[Math.max(nm, blks.length)][len];
                    tmp = new double[len];
                }
                eri.compute(mn, ax[p], blks);
                for (int m = 0; m < nm; m++) {
                    scatter(p, fi[mn.memberA[m]], fj[mn.memberB[m]], blks[m]);
                }
            }
        }

        /** Writes one (P shell | m shell, n shell) block, Cartesian ab, to the packed working-function tensor. */
        private void scatter(int p, int si, int sj, double[] blk) {
            Shell a = orb.shell(si), b = orb.shell(sj);
            int np = ax[p].nf;
            int na = a.functionCount(), nb = b.functionCount(), ca = a.cartesianCount(), cb = b.cartesianCount();
            double[] w = !a.pure() && !b.pure() ? blk
                    : transform(blk, tmp, null, np, np, tw[si], na, ca, tw[sj], nb, cb);
            int oa = orb.functionOffset(si), ob = orb.functionOffset(sj), op = aux.functionOffset(p);
            for (int x = 0; x < np; x++) {
                int row = (op + x) * npair;
                for (int y = 0; y < na; y++) {
                    int mm = oa + y;
                    int o = row + mm * (mm + 1) / 2 + ob;
                    int src = (x * na + y) * nb;
                    int zmax = Math.min(nb, mm - ob + 1);
                    for (int z = 0; z < zmax; z++) {
                        out[o + z] = w[src + z];
                    }
                }
            }
        }
    }

    /**
     * Shell families: runs of consecutive shells on one atom with the same l, purity and exponents (general
     * contractions written as segmented ones, e.g. the 1s and 2s of oxygen in the Dunning sets).
     */
    static List<int[]> families(BasisSet orb) {
        List<int[]> out = new ArrayList<>();
        int s = 0;
        while (s < orb.shellCount()) {
            Shell first = orb.shell(s);
            int e = s + 1;
            while (e < orb.shellCount()) {
                Shell next = orb.shell(e);
                if (next.atom() != first.atom() || next.l() != first.l() || next.pure() != first.pure()
                        || !java.util.Arrays.equals(next.exponents(), first.exponents())) {
                    break;
                }
                e++;
            }
            int[] f = new int[e - s];
            for (int x = 0; x < f.length; x++) {
                f[x] = s + x;
            }
            out.add(f);
            s = e;
        }
        return out;
    }

    /** The metric (P|Q) over working aux functions (naux x naux, row-major). */
    static double[] metric(BasisSet aux) {
        return metric(aux, 1, null);
    }

    /**
     * The metric, shell rows split over threads (each (P, Q <= P) block written by one thread): (P|Q) is the
     * three-centre integral of P with the pair (Q s0), s0 the unit s function on Q's centre.
     */
    static double[] metric(BasisSet aux, int threads, ExecutorService pool) {
        int naux = aux.functionCount();
        double[] out = new double[naux * naux];
        ThreeCentreEri.Aux[] ax = new ThreeCentreEri.Aux[aux.shellCount()];
        ThreeCentreEri.Pair[] qp = new ThreeCentreEri.Pair[aux.shellCount()];
        for (int p = 0; p < ax.length; p++) {
            ax[p] = new ThreeCentreEri.Aux(aux.shell(p));
            qp[p] = new ThreeCentreEri.Pair(aux.shell(p), unit(aux.shell(p)));
        }
        int nth = Math.max(1, threads);
        Parallel.run(nth, pool, t -> {
            ThreeCentreEri eri = new ThreeCentreEri();
            double[] blk = new double[0], tmp = new double[0];
            for (int p = t; p < aux.shellCount(); p += nth) {
                Shell ps = aux.shell(p);
                int np = ps.functionCount(), op = aux.functionOffset(p);
                for (int q = 0; q <= p; q++) {
                    Shell qs = aux.shell(q);
                    int size = np * Math.max(qs.cartesianCount(), qs.functionCount());
                    if (blk.length < size) {
                        blk = new double[size];
                        tmp = new double[size];
                    }
                    eri.compute(qp[q], ax[p], blk);
                    double[] w = qs.pure() ? transform(blk, tmp, null, np, np, toWorking(qs), qs.functionCount(),
                            qs.cartesianCount(), null, 1, 1) : blk;
                    int nq = qs.functionCount(), oq = aux.functionOffset(q);
                    for (int x = 0; x < np; x++) {
                        for (int y = 0; y < nq; y++) {
                            double v = w[x * nq + y];
                            out[(op + x) * naux + oq + y] = v;
                            out[(oq + y) * naux + op + x] = v;
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * grad[3 atom + x] += sum_{P,m,n} d(P|mn)/dx gamma[P][pair(m, n)], gamma symmetric in m, n (packed, working
     * functions; the sum runs over all m, n). Per-thread partial gradients are added in thread order.
     */
    static void addDerivative(BasisSet aux, BasisSet orb, double[] gamma, double[] grad, int threads,
                              ExecutorService pool) {
        int n = orb.functionCount();
        int npair = n * (n + 1) / 2;
        ThreeCentreEri.Aux[] ax = new ThreeCentreEri.Aux[aux.shellCount()];
        for (int p = 0; p < ax.length; p++) {
            ax[p] = new ThreeCentreEri.Aux(aux.shell(p));
        }
        int ns = orb.shellCount();
        double[][] twT = new double[ns][];
        for (int i = 0; i < ns; i++) {
            Shell sh = orb.shell(i);
            twT[i] = transpose(toWorking(sh), sh.functionCount(), sh.cartesianCount());
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < ns; i++) {
            for (int j = 0; j <= i; j++) {
                pairs.add(new int[] {i, j});
            }
        }
        double[][] parts = new double[threads][];
        Parallel.run(threads, pool, t -> {
            double[] g = new double[grad.length];
            ThreeCentreEri eri = new ThreeCentreEri();
            double[] blk = new double[0], tmp = new double[0];
            double[] g9 = new double[9];
            for (int k = t; k < pairs.size(); k += threads) {
                int si = pairs.get(k)[0], sj = pairs.get(k)[1];
                Shell a = orb.shell(si), b = orb.shell(sj);
                ThreeCentreEri.DerivativePair mn = null;
                int na = a.functionCount(), nb = b.functionCount(), ca = a.cartesianCount(), cb = b.cartesianCount();
                int oa = orb.functionOffset(si), ob = orb.functionOffset(sj);
                double f = si == sj ? 1 : 2;
                for (int p = 0; p < ax.length; p++) {
                    Shell ps = aux.shell(p);
                    if (ps.atom() == a.atom() && ps.atom() == b.atom()) {
                        continue;
                    }
                    if (mn == null) {
                        mn = new ThreeCentreEri.DerivativePair(a, b);
                        if (mn.base.nprim == 0) {
                            break;
                        }
                    }
                    int np = ax[p].nf;
                    int size = np * Math.max(ca * cb, na * nb);
                    if (blk.length < size) {
                        blk = new double[size];
                        tmp = new double[size];
                    }
                    int op = aux.functionOffset(p);
                    for (int x = 0; x < np; x++) {
                        int row = (op + x) * npair;
                        for (int y = 0; y < na; y++) {
                            int m = oa + y;
                            for (int z = 0; z < nb; z++) {
                                int nn = ob + z;
                                blk[(x * na + y) * nb + z] = f * gamma[row + (m >= nn ? pair(m, nn) : pair(nn, m))];
                            }
                        }
                    }
                    double[] gc = transform(blk, tmp, null, np, np, twT[si], ca, na, twT[sj], cb, nb);
                    java.util.Arrays.fill(g9, 0);
                    eri.derivative(mn, ax[p], gc, g9);
                    for (int d = 0; d < 3; d++) {
                        g[3 * a.atom() + d] += g9[d];
                        g[3 * b.atom() + d] += g9[3 + d];
                        g[3 * ps.atom() + d] += g9[6 + d];
                    }
                }
            }
            parts[t] = g;
        });
        for (double[] part : parts) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] += part[i];
            }
        }
    }

    /** grad[3 atom + x] += sum_{P,Q} d(P|Q)/dx gamma[P][Q] (naux x naux working functions, symmetric). */
    static void addMetricDerivative(BasisSet aux, double[] gamma, double[] grad) {
        int naux = aux.functionCount();
        List<ShellPair> ap = auxPairs(aux, true);
        Eri eri = new Eri();
        double[] one = {1};
        double[] g9 = new double[9];
        for (int p = 0; p < aux.shellCount(); p++) {
            Shell ps = aux.shell(p);
            int np = ps.functionCount(), cp = ps.cartesianCount(), op = aux.functionOffset(p);
            double[] tp = transpose(toWorking(ps), np, cp);
            for (int q = 0; q < p; q++) {
                Shell qs = aux.shell(q);
                if (qs.atom() == ps.atom()) {
                    continue;
                }
                int nq = qs.functionCount(), cq = qs.cartesianCount(), oq = aux.functionOffset(q);
                int size = Math.max(np * nq, cp * cq);
                double[] blk = new double[size], tmp = new double[size];
                for (int x = 0; x < np; x++) {
                    for (int y = 0; y < nq; y++) {
                        blk[x * nq + y] = 2 * gamma[(op + x) * naux + oq + y];
                    }
                }
                double[] gc = transform(blk, tmp, tp, cp, np, transpose(toWorking(qs), nq, cq), cq, nq, one, 1, 1);
                java.util.Arrays.fill(g9, 0);
                eri.quartetDerivative(ap.get(p), ap.get(q), gc, g9);
                accumulate(grad, g9, ps.atom(), ps.atom(), qs.atom(), qs.atom());
            }
        }
    }

    /** Adds d/dA, d/dB, d/dC of a quartet derivative and d/dD = -(A + B + C) (translational invariance). */
    private static void accumulate(double[] g, double[] g9, int a, int b, int c, int d) {
        for (int x = 0; x < 3; x++) {
            g[3 * a + x] += g9[x];
            g[3 * b + x] += g9[3 + x];
            g[3 * c + x] += g9[6 + x];
            g[3 * d + x] -= g9[x] + g9[3 + x] + g9[6 + x];
        }
    }

    static double[] transpose(double[] t, int rows, int cols) {
        double[] o = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                o[c * rows + r] = t[r * cols + c];
            }
        }
        return o;
    }

    /**
     * Transforms a Cartesian block [c1][c2][c3] to working functions [f1][f2][f3] with t1 (f1 x c1) etc.; uses
     * a and b as scratch (both at least c1*c2*c3 and f1*f2*f3 long); a null t means identity. Returns the array
     * holding the result.
     */
    static double[] transform(double[] a, double[] b, double[] t1, int f1, int c1, double[] t2, int f2, int c2,
                              double[] t3, int f3, int c3) {
        // index 3: [c1][c2][c3] -> [c1][c2][f3]
        double[] src = a, dst = b;
        if (t3 != null && !(f3 == c3 && isIdentity(t3, c3))) {
            for (int r = 0; r < c1 * c2; r++) {
                for (int f = 0; f < f3; f++) {
                    double s = 0;
                    for (int c = 0; c < c3; c++) {
                        s += t3[f * c3 + c] * src[r * c3 + c];
                    }
                    dst[r * f3 + f] = s;
                }
            }
            double[] x = src;
            src = dst;
            dst = x;
        }
        // index 2: [c1][c2][f3] -> [c1][f2][f3]
        if (t2 != null && !(f2 == c2 && isIdentity(t2, c2))) {
            for (int i = 0; i < c1; i++) {
                for (int f = 0; f < f2; f++) {
                    for (int z = 0; z < f3; z++) {
                        double s = 0;
                        for (int c = 0; c < c2; c++) {
                            s += t2[f * c2 + c] * src[(i * c2 + c) * f3 + z];
                        }
                        dst[(i * f2 + f) * f3 + z] = s;
                    }
                }
            }
            double[] x = src;
            src = dst;
            dst = x;
        }
        // index 1: [c1][f2][f3] -> [f1][f2][f3]
        if (t1 != null && !(f1 == c1 && isIdentity(t1, c1))) {
            int inner = f2 * f3;
            for (int f = 0; f < f1; f++) {
                for (int z = 0; z < inner; z++) {
                    double s = 0;
                    for (int c = 0; c < c1; c++) {
                        s += t1[f * c1 + c] * src[c * inner + z];
                    }
                    dst[f * inner + z] = s;
                }
            }
            src = dst;
        }
        return src;
    }

    private static boolean isIdentity(double[] t, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (t[i * n + j] != (i == j ? 1 : 0)) {
                    return false;
                }
            }
        }
        return true;
    }
}
