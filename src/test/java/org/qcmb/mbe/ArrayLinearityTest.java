package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.qcmb.common.Driver;

/**
 * Gradient and Hessian assembly is the energy assembly applied element by element: for one-atom fragments, each
 * element of the assembled gradient/Hessian must equal the energy assembly of that element's task values
 * (0 where the atom is not in the task). Checked for multilevel and supersystem plans, every treatment, rtd on/off.
 */
class ArrayLinearityTest {

    static void check(ExpansionSpec spec) {
        Plan plan = Planner.plan(spec);
        int n = spec.nFragments();
        Random rnd = new Random(7);
        Map<FragmentTask, ComponentResult> res = new HashMap<>();
        for (FragmentTask t : plan.tasks()) {
            int nb = t.basis().length;
            double[] g = new double[3 * nb];
            double[] h = new double[9 * nb * nb];
            for (int i = 0; i < g.length; i++) {
                g[i] = rnd.nextGaussian();
            }
            for (int i = 0; i < h.length; i++) {
                h[i] = rnd.nextGaussian();
            }
            res.put(t, new ComponentResult(-rnd.nextDouble(), g, h));
        }
        ManyBodyResult full = Assembler.assemble(plan, Driver.HESSIAN, res);
        int[] probes = {0, 4, 3 * n - 1};
        for (int idx : probes) {
            int atom = idx / 3;
            Map<FragmentTask, ComponentResult> e = new HashMap<>();
            res.forEach((t, r) -> {
                int pos = java.util.Arrays.binarySearch(t.basis(), atom + 1);
                e.put(t, ComponentResult.ofEnergy(pos < 0 ? 0.0 : r.gradient()[3 * pos + idx % 3]));
            });
            ManyBodyResult s = Assembler.assemble(plan, Driver.ENERGY, e);
            assertThat(full.ret().get(Property.GRADIENT)[idx]).isCloseTo(s.retEnergy(), within(1e-12));
            full.bodyDicts().get(Property.GRADIENT).forEach((bt, lv) -> lv.forEach((k, v) ->
                    assertThat(v[idx]).isCloseTo(s.bodyDicts().get(Property.ENERGY).get(bt).get(k)[0],
                            within(1e-12))));
        }
        int dn = 3 * n;
        int[][] hp = {{0, 0}, {1, dn - 2}, {dn - 1, 3}};
        for (int[] rc : hp) {
            int a = rc[0] / 3;
            int b = rc[1] / 3;
            Map<FragmentTask, ComponentResult> e = new HashMap<>();
            res.forEach((t, r) -> {
                int pa = java.util.Arrays.binarySearch(t.basis(), a + 1);
                int pb = java.util.Arrays.binarySearch(t.basis(), b + 1);
                int d = 3 * t.basis().length;
                e.put(t, ComponentResult.ofEnergy(pa < 0 || pb < 0 ? 0.0
                        : r.hessian()[(3 * pa + rc[0] % 3) * d + 3 * pb + rc[1] % 3]));
            });
            ManyBodyResult s = Assembler.assemble(plan, Driver.ENERGY, e);
            assertThat(full.ret().get(Property.HESSIAN)[rc[0] * dn + rc[1]]).isCloseTo(s.retEnergy(), within(1e-12));
        }
    }

    static int[] ones(int n) {
        int[] s = new int[n];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    @Test
    void multilevelAndSupersystem() {
        List<BsseType> all = List.of(BsseType.CP, BsseType.NOCP, BsseType.VMFC);
        for (boolean rtd : new boolean[] {true, false}) {
            check(new ExpansionSpec(ones(4), all, new TreeMap<>(Map.of(1, "a", 2, "b", 3, "b", 4, "c")), null, rtd,
                    false, false));
            check(new ExpansionSpec(ones(4), List.of(BsseType.VMFC, BsseType.CP),
                    new TreeMap<>(Map.of(1, "a", 2, "a", 3, "b")), null, rtd, false, false));
            check(new ExpansionSpec(ones(4), all, new TreeMap<>(Map.of(1, "a", 2, "b")), "s", rtd, false, false));
            check(new ExpansionSpec(ones(3), List.of(BsseType.NOCP, BsseType.CP),
                    new TreeMap<>(Map.of(1, "a", 2, "a", 3, "a")), null, rtd, true, false));
        }
    }
}
