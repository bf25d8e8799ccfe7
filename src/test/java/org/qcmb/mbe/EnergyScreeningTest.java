package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.qcmb.common.Driver;
import org.qcmb.molecule.MoleculeBuilder;

/**
 * Energy screening in the pure planner: an energy-screened plan stops below the first threshold, and each
 * {@link Planner#extend} decides the next order from the previous order's increments of the return treatment.
 * The component energies are made up here with chosen pair and triple terms, so the increments (and hence the
 * kept terms) are known by hand.
 */
class EnergyScreeningTest {
    static final int N = 5;

    static ManyBodyInput input(List<String> bsse, Map<String, Object> screening) {
        double[] geo = new double[3 * N];
        List<int[]> frags = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            geo[3 * i] = 5.0 * i;
            frags.add(new int[] {i});
        }
        var mol = new MoleculeBuilder().symbols(List.of("He", "He", "He", "He", "He")).geometryBohr(geo)
                .fragments(frags).build();
        return ManyBodyInput.create(mol, Driver.ENERGY, bsse, null, 4, true, null, null,
                Map.of(ManyBodyInput.AUTO, new AtomicSpecification("synthetic", "hf", "sto-3g", null, null, null)),
                screening, "");
    }

    /** Pair terms w(i, j): -0.01 for neighbours, -0.006 for next neighbours, -1e-5 otherwise. */
    static double pair(int i, int j) {
        int d = Math.abs(i - j);
        return d == 1 ? -0.01 : d == 2 ? -0.006 : -1e-5;
    }

    /** Triple terms t(i, j, k). */
    static double triple(int i, int j, int k) {
        return (i == 1 && j == 2 && k == 3) ? 2e-4 : 1e-7 * (i + j + k);
    }

    /**
     * A made-up energy for task x@B: monomer terms, pair and triple terms over x, and a ghost term over B \ x that
     * a cp or vmfc increment sees (scale = 1 for nocp-only use, other values to tell treatments apart).
     */
    static double energy(FragmentTask t, double pairScale, double ghost) {
        int[] x = t.real();
        double e = -2.86 * x.length;
        for (int a = 0; a < x.length; a++) {
            for (int b = a + 1; b < x.length; b++) {
                e += pairScale * pair(x[a], x[b]);
                for (int c = b + 1; c < x.length; c++) {
                    e += triple(x[a], x[b], x[c]);
                }
            }
        }
        return e + ghost * (t.basis().length - x.length) * x.length;
    }

    static Map<FragmentTask, Double> energies(Plan plan, ToDoubleFunction<FragmentTask> f) {
        Map<FragmentTask, Double> out = new HashMap<>();
        plan.tasks().forEach(t -> out.put(t, f.applyAsDouble(t)));
        return out;
    }

    static Set<List<Integer>> terms(List<int[]> ts) {
        Set<List<Integer>> out = new HashSet<>();
        ts.forEach(t -> out.add(java.util.Arrays.stream(t).boxed().toList()));
        return out;
    }

    /** The test's own increment of S: inclusion-exclusion over the subsets U of S of value(U). */
    static double increment(int[] s, java.util.function.Function<int[], Double> value) {
        double inc = 0;
        for (int[] u : AssemblerRulesTest.subsets(s)) {
            inc += ((s.length - u.length) % 2 == 0 ? 1 : -1) * value.apply(u);
        }
        return inc;
    }

    /** Candidates of order k (all k-subsets whose (k-1)-subsets are in prev) kept iff sum |inc(T)| >= tau. */
    static Set<List<Integer>> expected(Set<List<Integer>> prev, int k, double tau,
            java.util.function.Function<int[], Double> value) {
        Set<List<Integer>> out = new HashSet<>();
        for (List<Integer> s : DistanceScreeningTest.subsets(N, k)) {
            double sum = 0;
            boolean closed = true;
            for (int drop = 0; drop < k; drop++) {
                List<Integer> t = new ArrayList<>(s);
                t.remove(drop);
                closed &= prev.contains(t);
                sum += Math.abs(increment(t.stream().mapToInt(Integer::intValue).toArray(), value));
            }
            if (closed && sum >= tau) {
                out.add(s);
            }
        }
        return out;
    }

    static Map<String, Object> energyBlock(double tau3, double tau4) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("3", tau3);
        e.put("4", tau4);
        return Map.of("energy", e);
    }

    @Test
    void nocpPlansEachOrderFromThePreviousIncrements() {
        Plan plan = input(List.of("nocp"), energyBlock(0.015, 1e-4)).plan();
        assertThat(plan.complete()).isFalse();
        assertThat(plan.kept().through()).isEqualTo(2);
        assertThat(plan.tasksByLevel().keySet()).containsExactly(1, 2);
        assertThat(plan.taskCount()).isEqualTo(5 + 10);
        assertThatThrownBy(() -> Assembler.assemble(plan, Driver.ENERGY, Map.of()))
                .hasMessageContaining("decided only through order 2");

        java.util.function.Function<int[], Double> nocp = u -> energy(new FragmentTask("(auto)", u, u), 1, 0);
        Plan p3 = Planner.extend(plan, energies(plan, t -> energy(t, 1, 0)));
        // sums of |w|: 0.026 for 1-2-3, 0.016 for 1-2-4, 0.01002 for 1-2-5 against 0.015
        Set<List<Integer>> k3 = expected(terms(plan.kept().order(2)), 3, 0.015, nocp);
        assertThat(terms(p3.kept().order(3))).isEqualTo(k3).contains(List.of(1, 2, 3), List.of(1, 2, 4))
                .doesNotContain(List.of(1, 2, 5)).hasSize(7);
        assertThat(p3.energyScreened(3)).isEqualTo(10 - k3.size());
        assertThat(p3.complete()).isFalse();
        assertThat(p3.tasksByLevel().get(3)).hasSize(k3.size());
        assertThat(p3.tasksByLevel().get(1)).isEqualTo(plan.tasksByLevel().get(1));

        Plan p4 = Planner.extend(p3, energies(p3, t -> energy(t, 1, 0)));
        // closure leaves 1-2-3-4 and 2-3-4-5; only the first holds the large 1-2-3 triple term (2e-4 >= 1e-4)
        Set<List<Integer>> k4 = expected(k3, 4, 1e-4, nocp);
        assertThat(terms(p4.kept().order(4))).isEqualTo(k4).containsExactly(List.of(1, 2, 3, 4));
        assertThat(p4.energyScreened(4)).isEqualTo(1);
        assertThat(p4.complete()).isTrue();
        assertThat(Planner.extend(p4, Map.of())).isSameAs(p4);
        Map<String, Object> extras = p4.screeningExtras();
        assertThat(extras).containsKey("energy").doesNotContainKey("distance");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> orders = (Map<String, Map<String, Object>>) extras.get("orders");
        assertThat(orders.get("3")).containsEntry("kept", (long) k3.size())
                .containsEntry("screened_by_energy", (long) (10 - k3.size()));
        assertThat(orders.get("2")).doesNotContainKey("screened_by_energy");
    }

    @Test
    void cpUsesTheCounterpoiseIncrementsOfTheReturnTreatment() {
        // cp first: its x@F energies carry pair terms scaled by 0.25, nocp's x@x the full ones
        Plan plan = input(List.of("cp", "nocp"), energyBlock(0.015, 1.0)).plan();
        int[] f = {1, 2, 3, 4, 5};
        ToDoubleFunction<FragmentTask> e = t -> t.basis().length == N && t.real().length < N
                ? energy(t, 0.25, 3e-3) : energy(t, 1, 0);
        Plan p3 = Planner.extend(plan, energies(plan, e));
        Set<List<Integer>> k3 = expected(terms(plan.kept().order(2)), 3, 0.015,
                u -> e.applyAsDouble(new FragmentTask("(auto)", u, f)));
        Set<List<Integer>> nocpWould = expected(terms(plan.kept().order(2)), 3, 0.015,
                u -> energy(new FragmentTask("(auto)", u, u), 1, 0));
        assertThat(terms(p3.kept().order(3))).isEqualTo(k3);
        assertThat(k3).isNotEqualTo(nocpWould);
        // cp and nocp trimer tasks both come at order 3
        assertThat(p3.tasksByLevel().get(3)).hasSize(2 * k3.size());
    }

    @Test
    void vmfcBlocksRunAtTheirOrderAndUseTheirOwnBasis() {
        Plan plan = input(List.of("vmfc"), energyBlock(0.025, 1.0)).plan();
        ToDoubleFunction<FragmentTask> e = t -> energy(t, 1, 2e-3);
        Plan p3 = Planner.extend(plan, energies(plan, e));
        // vmfc increment of a dimer T: sum over x subset of T of (-1)^(|T|-|x|) E(x@T)
        Set<List<Integer>> k3v = new HashSet<>();
        for (List<Integer> s : DistanceScreeningTest.subsets(N, 3)) {
            double sum = 0;
            for (int drop = 0; drop < 3; drop++) {
                List<Integer> t = new ArrayList<>(s);
                t.remove(drop);
                int[] tb = t.stream().mapToInt(Integer::intValue).toArray();
                sum += Math.abs(increment(tb, u -> e.applyAsDouble(new FragmentTask("(auto)", u, tb))));
            }
            if (sum >= 0.025) {
                k3v.add(s);
            }
        }
        assertThat(terms(p3.kept().order(3))).isEqualTo(k3v).isNotEmpty().hasSizeLessThan(10);
        // every x@B of a kept trimer block B is planned at order 3, monomers in a trimer basis included
        assertThat(p3.tasksByLevel().get(3)).hasSize(7 * k3v.size())
                .allMatch(t -> t.basis().length == 3);
    }

    @Test
    void distanceAndEnergyTogetherAndMissingResults() {
        Map<String, Object> block = new LinkedHashMap<>(energyBlock(0.0, 0.0));
        block.put("distance", Map.of("2", 5.5)); // 5.5 A = 10.4 bohr: neighbours and next neighbours
        Plan plan = input(List.of("nocp"), block).plan();
        assertThat(plan.kept().kept(2)).isEqualTo(4 + 3);
        assertThatThrownBy(() -> Planner.extend(plan, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no energy for task");
        // threshold 0 keeps every candidate: closure over the distance-kept dimers only
        Plan p3 = Planner.extend(plan, energies(plan, t -> energy(t, 1, 0)));
        assertThat(terms(p3.kept().order(3))).isEqualTo(Set.of(List.of(1, 2, 3), List.of(2, 3, 4),
                List.of(3, 4, 5)));
    }
}
