package org.qcmb.mbe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tasks of one many-body expansion, de-duplicated within each model chemistry, in a deterministic order:
 * ascending level (number of real fragments |x|), then model chemistry order, then family order (nocp, monomers,
 * cp, vmfc, supersystem), then lexicographic fragment order. The Spark driver runs {@link #tasksByLevel()} as one
 * stage per level, ascending. Without energy screening there are no data dependencies between tasks, levels only
 * organise the work. A screened plan ({@link #kept()} not null) computes only the kept terms; an energy-screened
 * plan is built order by order ({@link Planner#extend}) and is {@link #complete()} once order M is decided.
 */
public final class Plan {
    private final ExpansionSpec spec;
    private final List<BsseType> effectiveBsse;
    private final List<FragmentTask> tasks;
    private final SortedMap<Integer, List<FragmentTask>> byLevel;
    private final Map<String, Map<TaskFamily, long[]>> familyCounts;
    private final Screening screening;
    private final KeptTerms kept;
    private final long[] energyScreened;

    Plan(ExpansionSpec spec, List<BsseType> effectiveBsse, SortedMap<Integer, List<FragmentTask>> byLevel,
            Map<String, Map<TaskFamily, long[]>> familyCounts) {
        this(spec, effectiveBsse, byLevel, familyCounts, null, null, null);
    }

    Plan(ExpansionSpec spec, List<BsseType> effectiveBsse, SortedMap<Integer, List<FragmentTask>> byLevel,
            Map<String, Map<TaskFamily, long[]>> familyCounts, Screening screening, KeptTerms kept,
            long[] energyScreened) {
        this.spec = spec;
        this.effectiveBsse = effectiveBsse;
        this.byLevel = byLevel;
        List<FragmentTask> all = new ArrayList<>();
        byLevel.values().forEach(all::addAll);
        this.tasks = Collections.unmodifiableList(all);
        this.familyCounts = familyCounts;
        this.screening = screening;
        this.kept = kept;
        this.energyScreened = energyScreened;
    }

    /** The screening rule applied to the molecule, or null for an unscreened expansion. */
    public Screening screening() {
        return screening;
    }

    /** The kept terms through the highest order decided so far, or null for an unscreened expansion. */
    public KeptTerms kept() {
        return kept;
    }

    /** Whether every order 1..M is planned (false only for an energy-screened plan still waiting for results). */
    public boolean complete() {
        return kept == null || kept.through() >= spec.maxNbody();
    }

    /** Candidates (closure and distance passed) that the energy rule dropped at order k; 0 for other orders. */
    public long energyScreened(int k) {
        return energyScreened == null || k >= energyScreened.length ? 0 : energyScreened[k];
    }

    long[] energyScreenedCounts() {
        return energyScreened;
    }

    /**
     * The terms of one order of a screened expansion: the candidates C(N, k), the kept and the screened terms, and
     * how many of the screened ones the energy rule dropped (null for an order without an energy threshold).
     */
    public record OrderCount(int order, long candidates, long kept, Long screenedByEnergy) {
        public long screened() {
            return candidates - kept;
        }
    }

    /** Per decided order 1..{@link KeptTerms#through()}, the terms kept and screened; empty when unscreened. */
    public List<OrderCount> orderCounts() {
        if (kept == null) {
            return List.of();
        }
        List<OrderCount> out = new ArrayList<>();
        for (int k = 1; k <= kept.through(); k++) {
            out.add(new OrderCount(k, kept.candidates(k), kept.kept(k),
                    screening.spec().energy().containsKey(k) ? energyScreened(k) : null));
        }
        return out;
    }

    /**
     * The result document's {@code extras.screening}: the rule, and per decided order the candidates C(N, k), the
     * kept and the screened terms (and, for orders with an energy threshold, how many the energy rule dropped).
     * Null for an unscreened plan.
     */
    public Map<String, Object> screeningExtras() {
        if (kept == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(screening.spec().describe());
        Map<String, Object> orders = new LinkedHashMap<>();
        for (OrderCount c : orderCounts()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("candidates", c.candidates());
            o.put("kept", c.kept());
            o.put("screened", c.screened());
            if (c.screenedByEnergy() != null) {
                o.put("screened_by_energy", c.screenedByEnergy());
            }
            orders.put(String.valueOf(c.order()), o);
        }
        out.put("orders", orders);
        return out;
    }

    public ExpansionSpec spec() {
        return spec;
    }

    /** The treatments whose results are reported (requested ones plus free nocp/cp with single-level vmfc). */
    public List<BsseType> effectiveBsse() {
        return effectiveBsse;
    }

    /** Every distinct task, in the order described above. */
    public List<FragmentTask> tasks() {
        return tasks;
    }

    /** Atoms of a task's sub-molecule (ghosts included): a simple cost proxy for partitioning. */
    public int atomCount(FragmentTask task) {
        int[] sizes = spec.fragmentSizes();
        int n = 0;
        for (int f : task.basis()) {
            n += sizes[f - 1];
        }
        return n;
    }

    /** Number of distinct tasks (QCManyBody's calcinfo_nmbe). */
    public int taskCount() {
        return tasks.size();
    }

    /**
     * Tasks grouped by level, ascending; levels without tasks are absent. The level is |x| (1..N), except in an
     * energy-screened plan, where it is the order that introduces the task: a vmfc task x@B runs at order |B|,
     * because the block B is only known once order |B|-1 has been computed.
     */
    public SortedMap<Integer, List<FragmentTask>> tasksByLevel() {
        return byLevel;
    }

    /**
     * For the plan report: per model chemistry (supersystem last), per family, the number of tasks of each level
     * |x| (index = level) that the family asks for, before de-duplication across families.
     */
    public Map<String, Map<TaskFamily, long[]>> familyCounts() {
        return familyCounts;
    }

    static Map<String, Map<TaskFamily, long[]>> newCounts() {
        return new LinkedHashMap<>();
    }

    static long[] counter(Map<String, Map<TaskFamily, long[]>> counts, String mc, TaskFamily f, int n) {
        return counts.computeIfAbsent(mc, k -> new EnumMap<>(TaskFamily.class))
                .computeIfAbsent(f, k -> new long[n + 1]);
    }

    static SortedMap<Integer, List<FragmentTask>> group(List<FragmentTask> ordered) {
        SortedMap<Integer, List<FragmentTask>> out = new TreeMap<>();
        for (FragmentTask t : ordered) {
            out.computeIfAbsent(t.level(), k -> new ArrayList<>()).add(t);
        }
        out.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableSortedMap(out);
    }
}
