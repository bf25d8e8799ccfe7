package org.qcmb.engine.builtin.integrals;

import java.util.ArrayList;
import java.util.List;
import org.qcmb.engine.builtin.basis.BasisSet;

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

    public ShellQuartets(BasisSet basis, boolean derivatives) {
        this.basis = basis;
        int ns = basis.shellCount();
        int np = ns * (ns + 1) / 2;
        pairs = new ArrayList<>(np);
        first = new int[np];
        second = new int[np];
        bound = new double[np];
        Eri eri = new Eri();
        int k = 0;
        for (int i = 0; i < ns; i++) {
            for (int j = 0; j <= i; j++) {
                ShellPair sp = new ShellPair(basis.shell(i), basis.shell(j), derivatives);
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

    public BasisSet basis() {
        return basis;
    }

    public int pairCount() {
        return pairs.size();
    }

    public ShellPair pair(int k) {
        return pairs.get(k);
    }

    public int firstShell(int k) {
        return first[k];
    }

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
