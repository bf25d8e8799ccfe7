package org.qcmb.mbe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * QCManyBody's compute map (semantics §3.1, appendix A): for each model chemistry m with levels L_m and top T,
 * <ul>
 *   <li>NOCP: x@x for |x| in 1..T (sio: {1, N}) if nocp is effective;</li>
 *   <li>MONO: i@i if rtd and 1 in L_m;</li>
 *   <li>CP: x@F for |x| in 1..T if T >= 2 (sio: {1, N}) if cp is effective;</li>
 *   <li>VMFC: x@B for every |B| in L_m and non-empty x subset of B if vmfc is effective;</li>
 *   <li>supersystem mc: x@x for |x| in 1..M plus F@F.</li>
 * </ul>
 * Tasks are de-duplicated within one model chemistry.
 */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(ExpansionSpec spec) {
        int n = spec.nFragments();
        int mMax = spec.maxNbody();
        List<BsseType> eff = spec.effectiveBsse();
        boolean sio = spec.supersystemIeOnly();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i + 1;
        }
        List<FragmentTask> ordered = new ArrayList<>();
        Map<String, Map<TaskFamily, long[]>> counts = Plan.newCounts();
        for (ExpansionSpec.McLevels m : spec.modelChemistries()) {
            String mc = m.mc();
            int top = m.top();
            Set<FragmentTask> seen = new HashSet<>();
            if (eff.contains(BsseType.NOCP)) {
                long[] c = Plan.counter(counts, mc, TaskFamily.NOCP, n);
                for (int k : sizes(sio, top, n)) {
                    Combinations.forEach(n, k, x -> add(new FragmentTask(mc, x, x), c, seen, ordered));
                }
            }
            if (spec.returnTotalData() && m.owns(1)) {
                long[] c = Plan.counter(counts, mc, TaskFamily.MONO, n);
                Combinations.forEach(n, 1, x -> add(new FragmentTask(mc, x, x), c, seen, ordered));
            }
            if (eff.contains(BsseType.CP) && (sio || top >= 2)) {
                long[] c = Plan.counter(counts, mc, TaskFamily.CP, n);
                for (int k : sizes(sio, top, n)) {
                    Combinations.forEach(n, k, x -> add(new FragmentTask(mc, x, k == n ? x : all), c, seen,
                            ordered));
                }
            }
            if (eff.contains(BsseType.VMFC)) {
                long[] c = Plan.counter(counts, mc, TaskFamily.VMFC, n);
                for (int k : m.levels()) {
                    Combinations.forEach(n, k, b -> Combinations.forEachSubset(b,
                            x -> add(new FragmentTask(mc, x.length == b.length ? b : x, b), c, seen, ordered)));
                }
            }
        }
        if (spec.supersystemMc() != null) {
            String mc = spec.supersystemMc();
            Set<FragmentTask> seen = new HashSet<>();
            long[] c = Plan.counter(counts, mc, TaskFamily.SUPERSYSTEM, n);
            for (int k = 1; k <= mMax; k++) {
                Combinations.forEach(n, k, x -> add(new FragmentTask(mc, x, x), c, seen, ordered));
            }
            add(new FragmentTask(mc, all, all), c, seen, ordered);
        }
        return new Plan(spec, eff, Plan.group(ordered), counts);
    }

    /**
     * Plans a screened expansion (docs/screening.md): the same families over the kept terms only. With distance
     * screening alone every order 1..M is planned; with energy thresholds, the orders below the first threshold,
     * and {@link #extend} plans each further order from the results of the one before.
     */
    public static Plan plan(ExpansionSpec spec, Screening screening) {
        if (spec.supersystemIeOnly()) {
            throw new IllegalArgumentException("screening cannot be combined with supersystem_ie_only");
        }
        KeptTerms kept = screening.upfront(spec.maxNbody());
        return screened(spec, screening, kept, new long[spec.maxNbody() + 1]);
    }

    /**
     * Plans the next order of an energy-screened plan from the results so far: order n's candidates (distance
     * rule, every (n-1)-subset kept) are kept iff the sum of |Delta E| of their (n-1)-subsets reaches the order's
     * threshold, Delta E being the (n-1)-body increment of the return treatment (first bsse type) at the model
     * chemistry that owns level n-1. Returns the plan unchanged when it is complete.
     *
     * @param energies the energy of every task of {@code plan} (more entries are ignored)
     * @throws IllegalArgumentException if an energy the increments need is missing
     */
    public static Plan extend(Plan plan, Map<FragmentTask, Double> energies) {
        if (plan.complete()) {
            return plan;
        }
        KeptTerms kept = plan.kept();
        Screening screening = plan.screening();
        int order = kept.through() + 1;
        List<int[]> candidates = screening.candidates(kept);
        List<int[]> next = screening.spec().energy().containsKey(order)
                ? screening.select(candidates, order, new Increments(plan, order - 1, energies)::absolute)
                : candidates;
        long[] byEnergy = plan.energyScreenedCounts().clone();
        byEnergy[order] = candidates.size() - next.size();
        return screened(plan.spec(), screening, kept.plus(next), byEnergy);
    }

    /**
     * The screened compute map over the kept terms K (orders 1..through): per model chemistry m with top T,
     * nocp x@x and cp x@F for x in K with |x| <= T, monomers i@i (rtd), vmfc x@B for B in K with |B| in L_m and
     * non-empty x subset of B; the supersystem mc x@x for x in K, plus F@F once order M is decided.
     */
    private static Plan screened(ExpansionSpec spec, Screening screening, KeptTerms kept, long[] energyScreened) {
        int n = spec.nFragments();
        int mMax = spec.maxNbody();
        int through = kept.through();
        boolean byOrder = screening.spec().energyScreened();
        List<BsseType> eff = spec.effectiveBsse();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i + 1;
        }
        SortedMap<Integer, List<FragmentTask>> byLevel = new TreeMap<>();
        Map<String, Map<TaskFamily, long[]>> counts = Plan.newCounts();
        for (ExpansionSpec.McLevels m : spec.modelChemistries()) {
            String mc = m.mc();
            int top = Math.min(m.top(), through);
            Set<FragmentTask> seen = new HashSet<>();
            if (eff.contains(BsseType.NOCP)) {
                long[] c = Plan.counter(counts, mc, TaskFamily.NOCP, n);
                for (int k = 1; k <= top; k++) {
                    for (int[] x : kept.order(k)) {
                        add(new FragmentTask(mc, x, x), k, byOrder, c, seen, byLevel);
                    }
                }
            }
            if (spec.returnTotalData() && m.owns(1)) {
                long[] c = Plan.counter(counts, mc, TaskFamily.MONO, n);
                for (int[] x : kept.order(1)) {
                    add(new FragmentTask(mc, x, x), 1, byOrder, c, seen, byLevel);
                }
            }
            if (eff.contains(BsseType.CP) && m.top() >= 2) {
                long[] c = Plan.counter(counts, mc, TaskFamily.CP, n);
                for (int k = 1; k <= top; k++) {
                    for (int[] x : kept.order(k)) {
                        add(new FragmentTask(mc, x, k == n ? x : all), k, byOrder, c, seen, byLevel);
                    }
                }
            }
            if (eff.contains(BsseType.VMFC)) {
                long[] c = Plan.counter(counts, mc, TaskFamily.VMFC, n);
                for (int k : m.levels()) {
                    final int order = k;
                    for (int[] b : kept.order(k)) {
                        Combinations.forEachSubset(b, x -> add(new FragmentTask(mc, x.length == b.length ? b : x, b),
                                order, byOrder, c, seen, byLevel));
                    }
                }
            }
        }
        if (spec.supersystemMc() != null) {
            String mc = spec.supersystemMc();
            Set<FragmentTask> seen = new HashSet<>();
            long[] c = Plan.counter(counts, mc, TaskFamily.SUPERSYSTEM, n);
            for (int k = 1; k <= Math.min(mMax, through); k++) {
                for (int[] x : kept.order(k)) {
                    add(new FragmentTask(mc, x, x), k, byOrder, c, seen, byLevel);
                }
            }
            if (through >= mMax) {
                add(new FragmentTask(mc, all, all), n, byOrder, c, seen, byLevel);
            }
        }
        byLevel.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new Plan(spec, eff, Collections.unmodifiableSortedMap(byLevel), counts, screening, kept,
                energyScreened);
    }

    /** Adds a task to the level of its order (energy screening) or of |x|, unless this mc already has it. */
    private static void add(FragmentTask t, int order, boolean byOrder, long[] counter, Set<FragmentTask> seen,
            SortedMap<Integer, List<FragmentTask>> byLevel) {
        counter[t.level()]++;
        if (seen.add(t)) {
            byLevel.computeIfAbsent(byOrder ? order : t.level(), k -> new ArrayList<>()).add(t);
        }
    }

    static int[] sizes(boolean sio, int top, int n) {
        if (sio) {
            return n == 1 ? new int[] {1} : new int[] {1, n};
        }
        int[] s = new int[top];
        for (int k = 1; k <= top; k++) {
            s[k - 1] = k;
        }
        return s;
    }

    private static void add(FragmentTask t, long[] counter, Set<FragmentTask> seen, List<FragmentTask> ordered) {
        counter[t.level()]++;
        if (seen.add(t)) {
            ordered.add(t);
        }
    }
}
