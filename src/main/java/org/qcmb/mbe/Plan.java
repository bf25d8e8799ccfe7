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
 * stage per level, ascending; there are no data dependencies between tasks, levels only organise the work.
 */
public final class Plan {
    private final ExpansionSpec spec;
    private final List<BsseType> effectiveBsse;
    private final List<FragmentTask> tasks;
    private final SortedMap<Integer, List<FragmentTask>> byLevel;
    private final Map<String, Map<TaskFamily, long[]>> familyCounts;

    Plan(ExpansionSpec spec, List<BsseType> effectiveBsse, SortedMap<Integer, List<FragmentTask>> byLevel,
            Map<String, Map<TaskFamily, long[]>> familyCounts) {
        this.spec = spec;
        this.effectiveBsse = effectiveBsse;
        this.byLevel = byLevel;
        List<FragmentTask> all = new ArrayList<>();
        byLevel.values().forEach(all::addAll);
        this.tasks = Collections.unmodifiableList(all);
        this.familyCounts = familyCounts;
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

    /** Tasks grouped by level |x| (1..N), ascending; levels without tasks are absent. */
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
