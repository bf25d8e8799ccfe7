package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.qcmb.common.Driver;

/**
 * Assembly rules on synthetic component energies, checked against formulas written independently of the
 * implementation (Möbius increments per subset instead of binomial coefficients): multilevel, supersystem, sio,
 * rtd=false, cp without monomers, free treatments, zero monomer gradients (P5), gradient expansion.
 */
class AssemblerRulesTest {

    /** Deterministic pseudo-random energy for a task, different per mc, x and B. */
    static double energy(FragmentTask t) {
        long seed = t.label().hashCode();
        Random r = new Random(seed);
        return -76.0 * t.real().length - 0.01 * (t.basis().length - t.real().length) + 0.01 * r.nextDouble();
    }

    static Map<FragmentTask, ComponentResult> energies(Plan p) {
        Map<FragmentTask, ComponentResult> m = new HashMap<>();
        for (FragmentTask t : p.tasks()) {
            m.put(t, ComponentResult.ofEnergy(energy(t)));
        }
        return m;
    }

    static double e(String mc, int[] x, int[] b) {
        return energy(new FragmentTask(mc, x, b));
    }

    static List<int[]> subsets(int[] set) {
        List<int[]> out = new ArrayList<>();
        int n = set.length;
        for (int mask = 1; mask < (1 << n); mask++) {
            int[] s = new int[Integer.bitCount(mask)];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    s[k++] = set[i];
                }
            }
            out.add(s);
        }
        return out;
    }

    static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        return a;
    }

    /** Möbius increment of subset x for nocp (basis = subset) or cp (basis = F). */
    static double increment(String mc, int[] x, boolean cp, int n) {
        double d = 0;
        for (int[] y : subsets(x)) {
            d += ((x.length - y.length) % 2 == 0 ? 1 : -1) * e(mc, y, cp ? all(n) : y);
        }
        return d;
    }

    static double vmfcV(String mc, int k, int n) {
        double v = 0;
        for (int[] b : subsets(all(n))) {
            if (b.length != k) {
                continue;
            }
            for (int[] x : subsets(b)) {
                v += ((k - x.length) % 2 == 0 ? 1 : -1) * e(mc, x, b);
            }
        }
        return v;
    }

    static double sumMono(String mc, int n) {
        double s = 0;
        for (int i = 1; i <= n; i++) {
            s += e(mc, new int[] {i}, new int[] {i});
        }
        return s;
    }

    static ExpansionSpec spec(int n, Map<Integer, String> levels, String ss, boolean rtd, boolean sio,
            BsseType... bsse) {
        int[] sizes = new int[n];
        java.util.Arrays.fill(sizes, 1);
        return new ExpansionSpec(sizes, List.of(bsse), new TreeMap<>(levels), ss, rtd, sio, false);
    }

    static ManyBodyResult run(ExpansionSpec s) {
        Plan p = Planner.plan(s);
        return Assembler.assemble(p, Driver.ENERGY, energies(p));
    }

    static double body(ManyBodyResult r, BsseType bt, int n) {
        return r.bodyDicts().get(Property.ENERGY).get(bt).get(n)[0];
    }

    static double prop(ManyBodyResult r, String name) {
        assertThat(r.results()).containsKey(name);
        return r.results().get(name)[0];
    }

    @Test
    void multilevelFourFragmentsAllTreatments() {
        int n = 4;
        Map<Integer, String> lv = Map.of(1, "a", 2, "b", 3, "b", 4, "c");
        for (BsseType first : BsseType.values()) {
            List<BsseType> order = new ArrayList<>(List.of(first));
            for (BsseType b : BsseType.values()) {
                if (b != first) {
                    order.add(b);
                }
            }
            ManyBodyResult r = run(spec(n, lv, null, true, false, order.toArray(new BsseType[0])));
            assertThat(r.effectiveBsse()).isEqualTo(order);
            // nocp: mono(a) + increments of sizes 2,3 at b + size 4 at c
            double nocp1 = sumMono("a", n);
            double nocp2 = nocp1;
            double cp2 = nocp1;
            for (int[] x : subsets(all(n))) {
                if (x.length == 2) {
                    nocp2 += increment("b", x, false, n);
                    cp2 += increment("b", x, true, n);
                }
            }
            double nocp3 = nocp2;
            double cp3 = cp2;
            for (int[] x : subsets(all(n))) {
                if (x.length == 3) {
                    nocp3 += increment("b", x, false, n);
                    cp3 += increment("b", x, true, n);
                }
            }
            double nocp4 = nocp3 + increment("c", all(n), false, n);
            double cp4 = cp3 + increment("c", all(n), true, n);
            double v2 = nocp1 + vmfcV("b", 2, n);
            double v3 = v2 + vmfcV("b", 3, n);
            double v4 = v3 + vmfcV("c", 4, n);
            double tol = 1e-9;
            assertThat(body(r, BsseType.NOCP, 1)).isCloseTo(nocp1, within(tol));
            assertThat(body(r, BsseType.NOCP, 2)).isCloseTo(nocp2, within(tol));
            assertThat(body(r, BsseType.NOCP, 3)).isCloseTo(nocp3, within(tol));
            assertThat(body(r, BsseType.NOCP, 4)).isCloseTo(nocp4, within(tol));
            assertThat(body(r, BsseType.CP, 1)).isCloseTo(nocp1, within(tol));
            assertThat(body(r, BsseType.CP, 2)).isCloseTo(cp2, within(tol));
            assertThat(body(r, BsseType.CP, 3)).isCloseTo(cp3, within(tol));
            assertThat(body(r, BsseType.CP, 4)).isCloseTo(cp4, within(tol));
            assertThat(body(r, BsseType.VMFC, 2)).isCloseTo(v2, within(tol));
            assertThat(body(r, BsseType.VMFC, 3)).isCloseTo(v3, within(tol));
            assertThat(body(r, BsseType.VMFC, 4)).isCloseTo(v4, within(tol));
            double expectRet = switch (first) {
                case NOCP -> nocp4;
                case CP -> cp4;
                case VMFC -> v4;
            };
            assertThat(r.retEnergy()).isCloseTo(expectRet, within(tol));
            assertThat(prop(r, "cp_corrected_3_body_contribution_to_energy")).isCloseTo(cp3 - cp2, within(tol));
            assertThat(prop(r, "vmfc_corrected_interaction_energy")).isCloseTo(v4 - nocp1, within(tol));
            assertThat(prop(r, "nocp_corrected_total_energy_through_2_body")).isCloseTo(nocp2, within(tol));
            assertThat(r.modelChemistryCount()).isEqualTo(3);
        }
    }

    @Test
    void multilevelRtdFalseReturnsInteraction() {
        ManyBodyResult r = run(spec(3, Map.of(1, "a", 2, "b", 3, "b"), null, false, false, BsseType.NOCP));
        double total = body(r, BsseType.NOCP, 3);
        assertThat(r.retEnergy()).isCloseTo(total - body(r, BsseType.NOCP, 1), within(1e-12));
        // nocp totals are reported even with rtd=false (P2)
        assertThat(r.results()).containsKey("nocp_corrected_total_energy");
    }

    @Test
    void supersystemCorrection() {
        // levels {1: a, supersystem: s} on a trimer (semantics §4.9c)
        int n = 3;
        ManyBodyResult r = run(spec(n, Map.of(1, "a"), "s", true, false, BsseType.CP, BsseType.NOCP,
                BsseType.VMFC));
        assertThat(r.taskCount()).isEqualTo(7);
        assertThat(r.effectiveBsse()).containsExactly(BsseType.CP, BsseType.NOCP, BsseType.VMFC);
        double mono = sumMono("a", n);
        double corr = e("s", all(n), all(n)) - sumMono("s", n);
        assertThat(r.retEnergy()).isCloseTo(mono + corr, within(1e-10));
        for (BsseType bt : BsseType.values()) {
            assertThat(r.bodyDicts().get(Property.ENERGY).get(bt).keySet()).containsExactly(1, 3);
            assertThat(body(r, bt, 1)).isCloseTo(mono, within(1e-10));
            assertThat(body(r, bt, 3)).isCloseTo(mono + corr, within(1e-10));
            String b = bt.label() + "_corrected_";
            assertThat(prop(r, b + "total_energy")).isCloseTo(mono + corr, within(1e-10));
            assertThat(prop(r, b + "interaction_energy")).isCloseTo(corr, within(1e-10));
            assertThat(prop(r, b + "3_body_contribution_to_energy")).isCloseTo(corr, within(1e-10));
            assertThat(prop(r, b + "interaction_energy_through_3_body")).isCloseTo(corr, within(1e-10));
            assertThat(prop(r, b + "total_energy_through_1_body")).isCloseTo(mono, within(1e-10));
            assertThat(prop(r, b + "total_energy_through_3_body")).isCloseTo(mono + corr, within(1e-10));
            assertThat(r.results()).doesNotContainKey(b + "2_body_contribution_to_energy");
        }
        assertThat(r.modelChemistryCount()).isEqualTo(2);
    }

    @Test
    void supersystemAfterTwoBodyOnFourFragments() {
        int n = 4;
        ManyBodyResult r = run(spec(n, Map.of(1, "a", 2, "a"), "s", true, false, BsseType.NOCP));
        double two = sumMono("a", n);
        double twoS = sumMono("s", n);
        for (int[] x : subsets(all(n))) {
            if (x.length == 2) {
                two += increment("a", x, false, n);
                twoS += increment("s", x, false, n);
            }
        }
        double corr = e("s", all(n), all(n)) - twoS;
        assertThat(r.retEnergy()).isCloseTo(two + corr, within(1e-9));
        assertThat(r.bodyDicts().get(Property.ENERGY).get(BsseType.NOCP).keySet()).containsExactly(1, 2, 4);
        assertThat(prop(r, "nocp_corrected_4_body_contribution_to_energy")).isCloseTo(corr, within(1e-9));
        assertThat(prop(r, "nocp_corrected_2_body_contribution_to_energy"))
                .isCloseTo(two - sumMono("a", n), within(1e-9));
        assertThat(r.results()).doesNotContainKey("nocp_corrected_3_body_contribution_to_energy");
        assertThat(r.taskCount()).isEqualTo(10 + 11);
    }

    @Test
    void sioNocpReportsOnlyOneAndNBody() {
        int n = 3;
        ManyBodyResult r = run(spec(n, Map.of(1, "m", 2, "m", 3, "m"), null, true, true, BsseType.NOCP));
        assertThat(r.taskCount()).isEqualTo(4);
        double full = e("m", all(n), all(n));
        assertThat(r.retEnergy()).isCloseTo(full, within(1e-10));
        assertThat(r.results()).containsOnlyKeys("nocp_corrected_interaction_energy",
                "nocp_corrected_interaction_energy_through_1_body", "nocp_corrected_interaction_energy_through_3_body",
                "nocp_corrected_total_energy", "nocp_corrected_total_energy_through_1_body",
                "nocp_corrected_total_energy_through_3_body");
        assertThat(prop(r, "nocp_corrected_interaction_energy")).isCloseTo(full - sumMono("m", n), within(1e-10));
    }

    @Test
    void sioCpWithoutRtdHasNoTotals() {
        int n = 3;
        ManyBodyResult r = run(spec(n, Map.of(1, "m", 2, "m", 3, "m"), null, false, true, BsseType.CP));
        assertThat(r.taskCount()).isEqualTo(4);
        double cpMono = 0;
        for (int i = 1; i <= n; i++) {
            cpMono += e("m", new int[] {i}, all(n));
        }
        double ie = e("m", all(n), all(n)) - cpMono;
        assertThat(r.retEnergy()).isCloseTo(ie, within(1e-10));
        assertThat(body(r, BsseType.CP, 1)).isEqualTo(0.0);
        assertThat(r.results().keySet()).noneMatch(k -> k.contains("total"));
        assertThat(prop(r, "cp_corrected_interaction_energy_through_3_body")).isCloseTo(ie, within(1e-10));
    }

    @Test
    void sioCpWithRtdAddsOwnBasisMonomers() {
        int n = 2;
        ManyBodyResult r = run(spec(n, Map.of(1, "m", 2, "m"), null, true, true, BsseType.CP));
        assertThat(r.taskCount()).isEqualTo(5);
        double cpMono = e("m", new int[] {1}, all(n)) + e("m", new int[] {2}, all(n));
        double mono = sumMono("m", n);
        double total = e("m", all(n), all(n)) - (cpMono - mono);
        assertThat(r.retEnergy()).isCloseTo(total, within(1e-10));
        assertThat(prop(r, "cp_corrected_total_energy_through_1_body")).isCloseTo(mono, within(1e-10));
        assertThat(prop(r, "cp_corrected_2_body_contribution_to_energy")).isCloseTo(total - mono, within(1e-10));
    }

    @Test
    void cpOneBodyWithoutRtdRunsNothingAndReturnsZero() {
        ExpansionSpec s = spec(3, Map.of(1, "m"), null, false, false, BsseType.CP);
        Plan p = Planner.plan(s);
        assertThat(p.taskCount()).isZero();
        ManyBodyResult r = Assembler.assemble(p, Driver.ENERGY, Map.of());
        assertThat(r.retEnergy()).isEqualTo(0.0);
        assertThat(r.results()).containsOnlyKeys("cp_corrected_interaction_energy",
                "cp_corrected_interaction_energy_through_1_body");
    }

    @Test
    void cpWithoutMonomersIsInteractionOnly() {
        int n = 3;
        ManyBodyResult r = run(spec(n, Map.of(1, "m", 2, "m"), null, false, false, BsseType.CP));
        assertThat(r.taskCount()).isEqualTo(6);
        double ie2 = 0;
        for (int[] x : subsets(all(n))) {
            if (x.length == 2) {
                ie2 += increment("m", x, true, n);
            }
        }
        assertThat(r.retEnergy()).isCloseTo(ie2, within(1e-10));
        assertThat(r.results().keySet()).noneMatch(k -> k.contains("total"));
    }

    @Test
    void embeddingDropsInteractionKeys() {
        int[] sizes = {1, 1, 1};
        ExpansionSpec s = new ExpansionSpec(sizes, List.of(BsseType.NOCP), new TreeMap<>(Map.of(1, "m", 2, "m")), null,
                true, false, true);
        Plan p = Planner.plan(s);
        ManyBodyResult r = Assembler.assemble(p, Driver.ENERGY, energies(p));
        assertThat(r.results().keySet()).isNotEmpty().noneMatch(k -> k.contains("interaction"));
    }

    @Test
    void missingTaskIsNamed() {
        Plan p = Planner.plan(spec(3, Map.of(1, "m", 2, "m"), null, true, false, BsseType.NOCP));
        Map<FragmentTask, ComponentResult> res = energies(p);
        res.remove(new FragmentTask("m", new int[] {1, 3}, new int[] {1, 3}));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Assembler.assemble(p, Driver.ENERGY, res))
                .hasMessageContaining("[\"m\", [1, 3], [1, 3]]");
    }

    @Test
    void resultsDoNotDependOnMapOrder() {
        Plan p = Planner.plan(spec(5, Map.of(1, "m", 2, "m", 3, "m"), null, true, false, BsseType.CP,
                BsseType.VMFC));
        Map<FragmentTask, ComponentResult> a = energies(p);
        Map<FragmentTask, ComponentResult> b = new java.util.LinkedHashMap<>();
        List<FragmentTask> rev = new ArrayList<>(p.tasks());
        java.util.Collections.reverse(rev);
        rev.forEach(t -> b.put(t, a.get(t)));
        ManyBodyResult ra = Assembler.assemble(p, Driver.ENERGY, a);
        ManyBodyResult rb = Assembler.assemble(p, Driver.ENERGY, b);
        assertThat(rb.results().keySet()).containsExactlyElementsOf(ra.results().keySet());
        ra.results().forEach((k, v) -> assertThat(rb.results().get(k)).as(k).containsExactly(v)); // bit for bit
        assertThat(rb.retEnergy()).isEqualTo(ra.retEnergy());
    }

    @Test
    void gradientExpansionAndZeroMonomerGradientsHideTotals() {
        // fragments He (1 atom), Ne (1 atom), H2 (2 atoms); nocp through 2-body, gradient driver
        int[] sizes = {1, 1, 2};
        ExpansionSpec s = new ExpansionSpec(sizes, List.of(BsseType.NOCP), new TreeMap<>(Map.of(1, "m", 2, "m")),
                null, true, false, false);
        Plan p = Planner.plan(s);
        Map<FragmentTask, ComponentResult> res = new HashMap<>();
        for (FragmentTask t : p.tasks()) {
            int nb = 0;
            for (int f : t.basis()) {
                nb += sizes[f - 1];
            }
            double[] g = new double[3 * nb];
            if (t.real().length == 2) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = 100 * t.basis()[0] + 10 * t.basis()[1] + i; // recognisable numbers
                }
            }
            res.put(t, new ComponentResult(energy(t), g, null));
        }
        ManyBodyResult r = Assembler.assemble(p, Driver.GRADIENT, res);
        double[] g = r.ret().get(Property.GRADIENT);
        assertThat(g).hasSize(12);
        // task {1,3}: 3 atoms; its rows 0 -> atom 0, rows 1-2 -> atoms 2-3; nothing on atom 1 (Ne)
        // ret = sum of dimer gradients - (N-2) * monomers(=0)
        double[] expect = new double[12];
        int[][] pairs = {{1, 2}, {1, 3}, {2, 3}};
        for (int[] pr : pairs) {
            int row = 0;
            for (int f : pr) {
                int off = f == 1 ? 0 : f == 2 ? 1 : 2;
                for (int a = 0; a < sizes[f - 1]; a++) {
                    for (int c = 0; c < 3; c++) {
                        expect[3 * (off + a) + c] += 100 * pr[0] + 10 * pr[1] + 3 * row + c;
                    }
                    row++;
                }
            }
        }
        assertThat(g).containsExactly(expect, within(1e-12));
        assertThat(r.results().keySet()).noneMatch(k -> k.contains("total_gradient"));
        assertThat(r.results()).containsKey("nocp_corrected_total_energy");
        assertThat(r.results()).containsKey("nocp_corrected_2_body_contribution_to_gradient");
    }
}
