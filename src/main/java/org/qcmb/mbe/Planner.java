package org.qcmb.mbe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
