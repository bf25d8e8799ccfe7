package org.qcmb.mbe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.Units;

/**
 * A {@link ScreeningSpec} applied to one molecule: the fragment-pair distances (bohr, by the spec's metric) and
 * the order-by-order decision of which n-mers to keep (docs/screening.md):
 * <ul>
 *   <li>distance rule: an n-mer (n >= 2) is a candidate iff every pair of its fragments is within the order-n
 *       cutoff (no cutoff for the order: every pair passes) and, for n >= 3, each of its (n-1)-subsets is kept;</li>
 *   <li>energy rule (orders with a threshold tau_n): a candidate is kept iff the sum over its (n-1)-subsets T of
 *       |Delta E(T)| is at least tau_n, Delta E being the (n-1)-body increments the run has computed.</li>
 * </ul>
 * The kept set is therefore closed under subsets.
 */
public final class Screening {
    private final ScreeningSpec spec;
    private final int n;
    private final double[] distance; // bohr, n*n, row-major by 0-based fragment

    private Screening(ScreeningSpec spec, int n, double[] distance) {
        this.spec = spec;
        this.n = n;
        this.distance = distance;
    }

    public static Screening of(ScreeningSpec spec, Molecule molecule) {
        int n = molecule.fragmentCount();
        double[] d = new double[n * n];
        double[][] com = spec.metric() == ScreeningSpec.Metric.CENTERS_OF_MASS ? centersOfMass(molecule) : null;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double r = com != null ? dist(com[i], com[j]) : closestAtoms(molecule, i, j);
                d[i * n + j] = r;
                d[j * n + i] = r;
            }
        }
        return new Screening(spec, n, d);
    }

    public ScreeningSpec spec() {
        return spec;
    }

    /** Distance between fragments i and j (1-based), bohr, by the spec's metric. */
    public double distance(int i, int j) {
        return distance[(i - 1) * n + (j - 1)];
    }

    /** The terms decided before anything runs: orders 1..M, or up to the order below the first energy threshold. */
    KeptTerms upfront(int maxNbody) {
        KeptTerms kept = KeptTerms.monomers(n);
        int last = Math.min(maxNbody, spec.firstEnergyOrder() - 1);
        while (kept.through() < last) {
            kept = kept.plus(candidates(kept));
        }
        return kept;
    }

    /**
     * The candidates of the next order (through + 1), lexicographic: every pair within the order's cutoff and
     * every (n-1)-subset kept.
     */
    List<int[]> candidates(KeptTerms kept) {
        int k = kept.through() + 1;
        Double cutoff = spec.distance().get(k);
        double limit = cutoff == null ? Double.POSITIVE_INFINITY : Units.angstromToBohr(cutoff);
        List<int[]> out = new ArrayList<>();
        int[] sub = new int[k - 1];
        for (int[] t : kept.order(k - 1)) {
            if (!pairsWithin(t, limit)) {
                continue;
            }
            for (int j = t[k - 2] + 1; j <= n; j++) {
                if (!within(t, j, limit)) {
                    continue;
                }
                int[] s = new int[k];
                System.arraycopy(t, 0, s, 0, k - 1);
                s[k - 1] = j;
                if (subsetsKept(s, sub, kept)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * The candidates of the next order that the energy rule keeps: sum over the (n-1)-subsets T of
     * |increment(T)| >= tau_n. Without a threshold for the order every candidate is kept.
     *
     * @param absIncrement |Delta E(T)| of each kept (n-1)-term T (hartree)
     */
    List<int[]> select(List<int[]> candidates, int order, ToDoubleFunction<int[]> absIncrement) {
        Double tau = spec.energy().get(order);
        if (tau == null) {
            return candidates;
        }
        List<int[]> out = new ArrayList<>();
        for (int[] s : candidates) {
            double sum = 0;
            for (int drop = 0; drop < s.length; drop++) {
                sum += absIncrement.applyAsDouble(without(s, drop));
            }
            if (sum >= tau) {
                out.add(s);
            }
        }
        return out;
    }

    private boolean pairsWithin(int[] t, double limit) {
        if (limit == Double.POSITIVE_INFINITY) {
            return true;
        }
        for (int a = 0; a < t.length; a++) {
            for (int b = a + 1; b < t.length; b++) {
                if (distance(t[a], t[b]) > limit) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean within(int[] t, int j, double limit) {
        if (limit == Double.POSITIVE_INFINITY) {
            return true;
        }
        for (int f : t) {
            if (distance(f, j) > limit) {
                return false;
            }
        }
        return true;
    }

    /** Whether every (k-1)-subset of s other than s minus its last element (kept by construction) is kept. */
    private static boolean subsetsKept(int[] s, int[] sub, KeptTerms kept) {
        int k = s.length;
        if (k < 3) {
            return true;
        }
        for (int drop = 0; drop < k - 1; drop++) {
            for (int i = 0, j = 0; i < k; i++) {
                if (i != drop) {
                    sub[j++] = s[i];
                }
            }
            if (!kept.contains(sub)) {
                return false;
            }
        }
        return true;
    }

    static int[] without(int[] s, int drop) {
        int[] out = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i != drop) {
                out[j++] = s[i];
            }
        }
        return out;
    }

    private static double closestAtoms(Molecule m, int fi, int fj) {
        double best = Double.POSITIVE_INFINITY;
        for (int a : m.fragments().get(fi)) {
            for (int b : m.fragments().get(fj)) {
                double dx = m.x(a) - m.x(b);
                double dy = m.y(a) - m.y(b);
                double dz = m.z(a) - m.z(b);
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
        }
        return Math.sqrt(best);
    }

    private static double[][] centersOfMass(Molecule m) {
        double[][] out = new double[m.fragmentCount()][3];
        for (int f = 0; f < m.fragmentCount(); f++) {
            double total = 0;
            for (int a : m.fragments().get(f)) {
                double w = m.element(a).mass();
                total += w;
                out[f][0] += w * m.x(a);
                out[f][1] += w * m.y(a);
                out[f][2] += w * m.z(a);
            }
            for (int c = 0; c < 3; c++) {
                out[f][c] /= total;
            }
        }
        return out;
    }

    private static double dist(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
