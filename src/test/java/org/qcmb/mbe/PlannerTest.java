package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qcmb.common.Driver;

/** Task counts of semantics §3.3 (single level, sio, multilevel He4) and the per-level grouping. */
class PlannerTest {

    static int[] sizes(int n) {
        int[] s = new int[n];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    static Plan plan(int n, int m, boolean rtd, boolean sio, BsseType... bsse) {
        TreeMap<Integer, String> levels = new TreeMap<>();
        for (int i = 1; i <= m; i++) {
            levels.put(i, "(auto)");
        }
        return Planner.plan(new ExpansionSpec(sizes(n), List.of(bsse), levels, null, rtd, sio, false));
    }

    @ParameterizedTest(name = "N={0} M={1}")
    @CsvSource({
        "3,1,3,0,3,3,3,3", "3,2,6,6,9,12,12,18", "3,3,7,7,10,19,13,19",
        "4,1,4,0,4,4,4,4", "4,2,10,10,14,22,20,32", "4,3,14,14,18,50,28,64", "4,4,15,15,19,65,29,65",
        "16,1,16,0,16,16,16,16", "16,2,136,136,152,376,272,512", "16,3,696,696,712,4296,1392,4992",
        "16,4,2516,2516,2532,31596,5032,34112"})
    void singleLevelCounts(int n, int m, int nocp, int cpNoRtd, int cpRtd, int vmfc, int nocpCp, int all) {
        BsseType nc = BsseType.NOCP;
        BsseType cp = BsseType.CP;
        BsseType vm = BsseType.VMFC;
        assertThat(plan(n, m, false, false, nc).taskCount()).isEqualTo(nocp);
        assertThat(plan(n, m, true, false, nc).taskCount()).isEqualTo(nocp);
        assertThat(plan(n, m, false, false, cp).taskCount()).isEqualTo(cpNoRtd);
        assertThat(plan(n, m, true, false, cp).taskCount()).isEqualTo(cpRtd);
        assertThat(plan(n, m, false, false, vm).taskCount()).isEqualTo(vmfc);
        assertThat(plan(n, m, true, false, vm).taskCount()).isEqualTo(vmfc);
        assertThat(plan(n, m, false, false, nc, cp).taskCount()).isEqualTo(nocpCp);
        assertThat(plan(n, m, true, false, cp, nc).taskCount()).isEqualTo(nocpCp);
        assertThat(plan(n, m, false, false, cp, vm).taskCount()).isEqualTo(all);
        assertThat(plan(n, m, true, false, cp, nc, vm).taskCount()).isEqualTo(all);
    }

    @ParameterizedTest(name = "sio N={0}")
    @CsvSource({"3,4,4,7,7", "4,5,5,9,9", "16,17,17,33,33"})
    void sioCounts(int n, int nocp, int cpNoRtd, int cpRtd, int nocpCp) {
        assertThat(plan(n, n, false, true, BsseType.NOCP).taskCount()).isEqualTo(nocp);
        assertThat(plan(n, n, false, true, BsseType.CP).taskCount()).isEqualTo(cpNoRtd);
        assertThat(plan(n, n, true, true, BsseType.CP).taskCount()).isEqualTo(cpRtd);
        assertThat(plan(n, n, true, true, BsseType.NOCP, BsseType.CP).taskCount()).isEqualTo(nocpCp);
    }

    static ManyBodyInput he4(Map<String, String> levels, Boolean rtd, String... bsse) {
        org.qcmb.molecule.Molecule mol = new org.qcmb.molecule.MoleculeBuilder()
                .symbols(List.of("He", "He", "He", "He"))
                .geometryBohr(new double[] {0, 0, 0, 0, 0, 3.78, 0, 3.78, 0, 0, 3.78, 3.78})
                .fragments(List.of(new int[] {0}, new int[] {1}, new int[] {2}, new int[] {3})).build();
        Map<String, AtomicSpecification> specs = new LinkedHashMap<>();
        for (String mc : levels.values()) {
            specs.put(mc, new AtomicSpecification("builtin", mc, "6-31g", null, null, null));
        }
        return ManyBodyInput.create(mol, Driver.ENERGY, List.of(bsse), levels, null, rtd, null, null, specs, "");
    }

    @Test
    void multilevelHe4Counts() {
        Map<String, String> l121 = new LinkedHashMap<>();
        l121.put("1", "ccsd");
        l121.put("3", "mp2");
        l121.put("4", "hf");
        assertThat(Planner.plan(he4(l121, true, "nocp").expansionSpec()).taskCount()).isEqualTo(33);
        assertThat(Planner.plan(he4(l121, false, "cp").expansionSpec()).taskCount()).isEqualTo(29);
        assertThat(Planner.plan(he4(l121, true, "cp").expansionSpec()).taskCount()).isEqualTo(33);
        assertThat(Planner.plan(he4(l121, null, "vmfc").expansionSpec()).taskCount()).isEqualTo(65);
        assertThat(Planner.plan(he4(l121, null, "nocp", "cp").expansionSpec()).taskCount()).isEqualTo(61);
        Map<String, String> l22 = new LinkedHashMap<>();
        l22.put("2", "ccsd");
        l22.put("4", "mp2");
        assertThat(Planner.plan(he4(l22, true, "nocp").expansionSpec()).taskCount()).isEqualTo(25);
        assertThat(Planner.plan(he4(l22, false, "cp").expansionSpec()).taskCount()).isEqualTo(25);
        assertThat(Planner.plan(he4(l22, true, "cp").expansionSpec()).taskCount()).isEqualTo(29);
        assertThat(Planner.plan(he4(l22, null, "vmfc").expansionSpec()).taskCount()).isEqualTo(65);
        assertThat(Planner.plan(he4(l22, null, "nocp", "cp").expansionSpec()).taskCount()).isEqualTo(49);
        Map<String, String> ss22 = new LinkedHashMap<>();
        ss22.put("2", "ccsd");
        ss22.put("supersystem", "mp2");
        ManyBodyInput in = he4(ss22, true, "cp");
        assertThat(in.levels()).isEqualTo(Map.of(1, "ccsd", 2, "ccsd"));
        assertThat(in.supersystemMc()).isEqualTo("mp2");
        Plan p = Planner.plan(in.expansionSpec());
        assertThat(p.taskCount()).isEqualTo(25);
        assertThat(p.effectiveBsse()).containsExactly(BsseType.CP);
        assertThat(in.expansionSpec().modelChemistryCount()).isEqualTo(2);
    }

    @Test
    void waterTrimerMultilevelComponentFileCounts() {
        // semantics §6.2: multi_1, multi_2, multi_ss_1, multi_ss_2 have 34, 21, 28, 7 tasks (bsse cp, nocp, vmfc; rtd)
        BsseType[] all = {BsseType.CP, BsseType.NOCP, BsseType.VMFC};
        int[] s = sizes(3);
        assertThat(Planner.plan(new ExpansionSpec(s, List.of(all), new TreeMap<>(Map.of(1, "mp2", 2, "b3lyp", 3,
                "scf")), null, true, false, false)).taskCount()).isEqualTo(34);
        assertThat(Planner.plan(new ExpansionSpec(s, List.of(all), new TreeMap<>(Map.of(1, "mp2", 2, "b3lyp")),
                null, true, false, false)).taskCount()).isEqualTo(21);
        assertThat(Planner.plan(new ExpansionSpec(s, List.of(all), new TreeMap<>(Map.of(1, "mp2", 2, "b3lyp")),
                "scf", true, false, false)).taskCount()).isEqualTo(28);
        assertThat(Planner.plan(new ExpansionSpec(s, List.of(all), new TreeMap<>(Map.of(1, "mp2")),
                "scf", true, false, false)).taskCount()).isEqualTo(7);
    }

    @Test
    void groupsByNumberOfRealFragments() {
        Plan p = plan(4, 4, true, false, BsseType.CP, BsseType.NOCP, BsseType.VMFC);
        Map<Integer, Integer> sizes = new TreeMap<>();
        p.tasksByLevel().forEach((k, v) -> sizes.put(k, v.size()));
        assertThat(sizes).isEqualTo(Map.of(1, 32, 2, 24, 3, 8, 4, 1));
        p.tasksByLevel().forEach((k, v) -> v.forEach(t -> assertThat(t.level()).isEqualTo(k)));
        assertThat(p.effectiveBsse()).containsExactly(BsseType.CP, BsseType.NOCP, BsseType.VMFC);
    }

    @Test
    void effectiveBsseAddsFreeTreatmentsOnlyForSingleLevelVmfc() {
        assertThat(plan(3, 3, true, false, BsseType.VMFC).effectiveBsse())
                .containsExactly(BsseType.VMFC, BsseType.NOCP, BsseType.CP);
        assertThat(plan(3, 2, true, false, BsseType.VMFC).effectiveBsse())
                .containsExactly(BsseType.VMFC, BsseType.NOCP);
        TreeMap<Integer, String> ml = new TreeMap<>(Map.of(1, "a", 2, "b"));
        assertThat(Planner.plan(new ExpansionSpec(sizes(3), List.of(BsseType.VMFC), ml, null, true, false, false))
                .effectiveBsse()).containsExactly(BsseType.VMFC);
    }

    @Test
    void planIsDeterministicAndDeduplicatedWithinMc() {
        Plan a = plan(5, 3, true, false, BsseType.CP, BsseType.NOCP, BsseType.VMFC);
        Plan b = plan(5, 3, true, false, BsseType.CP, BsseType.NOCP, BsseType.VMFC);
        List<String> la = new ArrayList<>();
        a.tasks().forEach(t -> la.add(t.label()));
        List<String> lb = new ArrayList<>();
        b.tasks().forEach(t -> lb.add(t.label()));
        assertThat(la).isEqualTo(lb).doesNotHaveDuplicates();
        // the same x@B under two model chemistries is two tasks
        TreeMap<Integer, String> ml = new TreeMap<>(Map.of(1, "a", 2, "b"));
        Plan m = Planner.plan(new ExpansionSpec(sizes(3), List.of(BsseType.NOCP), ml, null, false, false, false));
        assertThat(m.taskCount()).isEqualTo(3 + 6);
        assertThat(m.tasks().get(0).label()).isEqualTo("[\"a\", [1], [1]]");
    }
}
