package org.qcmb.engine.builtin.integrals;

import java.util.ArrayList;
import java.util.List;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.basis.Shell;

/**
 * The unique shell pairs (i >= j) of a basis with their Schwarz bounds Q_ij = sqrt(max |(ab|ab)|), and the
 * rule that decides which unique quartets (ij|kl), ij >= kl, are kept: Q_ij Q_kl >= threshold.
 */
public final class ShellQuartets {
    /** Quartets below this Schwarz bound are neglected (Psi4's default integral screening). */
    public static final double SCHWARZ_THRESHOLD = 1e-12;

    private final BasisSet basis;
    private final List<ShellPair> pairs;
    private final int[] first;
    private final int[] second;
    private final double[] bound;
    /** The shells of each group: groupStart[g] .. groupStart[g+1]-1 (one shell per group unless grouped). */
    private final int[] groupStart;

    public ShellQuartets(BasisSet basis, boolean derivatives) {
        this(basis, derivatives, singles(basis));
    }

    /**
     * Quartets over shell groups (see {@link ShellPair#ShellPair(Shell[], Shell[])}): consecutive shells of one
     * atom with the same exponents form a group, e.g. the s and p shells of 6-31G*'s SP shells. Pairs, quartets,
     * bounds and {@link #firstShell}/{@link #secondShell} are then over groups; {@link #groupOffset} and
     * {@link #groupSize} place them among the Cartesian functions. No derivatives.
     */
    public static ShellQuartets grouped(BasisSet basis) {
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s < basis.shellCount(); s++) {
            Shell sh = basis.shell(s);
            Shell prev = s == 0 ? null : basis.shell(s - 1);
            boolean join = prev != null && prev.atom() == sh.atom() && prev.x() == sh.x() && prev.y() == sh.y()
                    && prev.z() == sh.z() && java.util.Arrays.equals(prev.exponents(), sh.exponents());
            if (!join) {
                starts.add(s);
            }
        }
        starts.add(basis.shellCount());
        return new ShellQuartets(basis, false, starts.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int[] singles(BasisSet basis) {
        int[] g = new int[basis.shellCount() + 1];
        for (int s = 0; s < g.length; s++) {
            g[s] = s;
        }
        return g;
    }

    private ShellQuartets(BasisSet basis, boolean derivatives, int[] groupStart) {
        this.basis = basis;
        this.groupStart = groupStart;
        int ns = groupStart.length - 1;
        boolean grouped = ns != basis.shellCount();
        int np = ns * (ns + 1) / 2;
        pairs = new ArrayList<>(np);
        first = new int[np];
        second = new int[np];
        bound = new double[np];
        Eri eri = new Eri();
        int k = 0;
        for (int i = 0; i < ns; i++) {
            for (int j = 0; j <= i; j++) {
                ShellPair sp = grouped ? new ShellPair(group(i), group(j))
                        : new ShellPair(basis.shell(i), basis.shell(j), derivatives);
                pairs.add(sp);
                first[k] = i;
                second[k] = j;
                int n = sp.na * sp.nb;
                double[] blk = new double[n * n];
                eri.quartet(sp, sp, blk);
                double m = 0;
                for (int x = 0; x < n; x++) {
                    m = Math.max(m, Math.abs(blk[x * n + x]));
                }
                bound[k] = Math.sqrt(m);
                k++;
            }
        }
    }

    private Shell[] group(int g) {
        Shell[] out = new Shell[groupStart[g + 1] - groupStart[g]];
        for (int s = 0; s < out.length; s++) {
            out[s] = basis.shell(groupStart[g] + s);
        }
        return out;
    }

    public BasisSet basis() {
        return basis;
    }

    /** Number of shell groups (the shell count unless {@link #grouped}). */
    public int groupCount() {
        return groupStart.length - 1;
    }

    /** First Cartesian function of group g. */
    public int groupOffset(int g) {
        return basis.cartesianOffset(groupStart[g]);
    }

    /** Cartesian functions of group g. */
    public int groupSize(int g) {
        int n = 0;
        for (int s = groupStart[g]; s < groupStart[g + 1]; s++) {
            n += basis.shell(s).cartesianCount();
        }
        return n;
    }

    public int pairCount() {
        return pairs.size();
    }

    public ShellPair pair(int k) {
        return pairs.get(k);
    }

    /** The first shell (group, if grouped) of pair k. */
    public int firstShell(int k) {
        return first[k];
    }

    /** The second shell (group, if grouped) of pair k. */
    public int secondShell(int k) {
        return second[k];
    }

    public double bound(int k) {
        return bound[k];
    }

    public boolean significant(int ij, int kl) {
        return bound[ij] * bound[kl] >= SCHWARZ_THRESHOLD;
    }

    /** Number of doubles needed to hold every kept quartet block. */
    public long storedDoubles() {
        long total = 0;
        for (int ij = 0; ij < pairs.size(); ij++) {
            ShellPair a = pairs.get(ij);
            int nab = a.na * a.nb;
            for (int kl = 0; kl <= ij; kl++) {
                if (significant(ij, kl)) {
                    ShellPair b = pairs.get(kl);
                    total += (long) nab * b.na * b.nb;
                }
            }
        }
        return total;
    }
}
