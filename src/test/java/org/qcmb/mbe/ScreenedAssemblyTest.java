package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.qcmb.common.Driver;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.MoleculeBuilder;

/**
 * Screened assembly against a hand-written inclusion-exclusion over the kept terms, for nocp, cp and vmfc, energy
 * and gradient. The expected values are built here term by term (each kept S contributes its increment, a signed
 * sum over the subsets of S), with the test's own expansion of gradients to full size; the production code works
 * per task with superset counts instead.
 */
class ScreenedAssemblyTest {
    /** Fragment sizes 1, 2, 1, 1, 2, 1 (He, H2, He, He, H2, He) strung along x (bohr). */
    static final int[] SIZES = {1, 2, 1, 1, 2, 1};
    static final double[] X = {0.0, 3.0, 7.0, 9.5, 13.0, 14.3};

    static Molecule molecule() {
        List<String> symbols = new ArrayList<>();
        List<Double> geo = new ArrayList<>();
        List<int[]> frags = new ArrayList<>();
        int atom = 0;
        for (int f = 0; f < SIZES.length; f++) {
            int[] fr = new int[SIZES[f]];
            for (int a = 0; a < SIZES[f]; a++) {
                symbols.add(SIZES[f] == 1 ? "He" : "H");
                geo.add(X[f]);
                geo.add(0.3 * f);
                geo.add(1.4 * a);
                fr[a] = atom++;
            }
            frags.add(fr);
        }
        return new MoleculeBuilder().symbols(symbols).geometryBohr(geo.stream().mapToDouble(d -> d).toArray())
                .fragments(frags).build();
    }

    static ManyBodyInput input(List<String> bsse, Map<String, String> levels, Map<String, Object> screening,
            Driver driver) {
        Map<String, AtomicSpecification> specs = new LinkedHashMap<>();
        for (String mc : levels.values()) {
            specs.put(mc, new AtomicSpecification("synthetic", "hf", "sto-3g", null, null, null));
        }
        return ManyBodyInput.create(molecule(), driver, bsse, levels, null, true, null, null, specs, screening, "");
    }

    /** The distance block: cutoffs in angstrom for orders 2, 3 and 4. */
    static Map<String, Object> cutoffs(double d2, double d3, double d4) {
        return Map.of("distance", Map.of("2", d2, "3", d3, "4", d4));
    }

    /** Made-up component values: a deterministic energy and gradient per task, different for every mc, x and B. */
    static Map<FragmentTask, ComponentResult> components(Plan plan, boolean hessian) {
        Map<FragmentTask, ComponentResult> out = new HashMap<>();
        for (FragmentTask t : plan.tasks()) {
            Random r = new Random(t.label().hashCode());
            int atoms = 0;
            for (int f : t.basis()) {
                atoms += SIZES[f - 1];
            }
            double e = -2.9 * t.real().length - 0.003 * t.basis().length + 0.01 * r.nextDouble();
            double[] g = new double[3 * atoms];
            for (int i = 0; i < g.length; i++) {
                g[i] = 0.02 * (r.nextDouble() - 0.5);
            }
            double[] h = null;
            if (hessian) {
                h = new double[9 * atoms * atoms];
                for (int i = 0; i < h.length; i++) {
                    h[i] = 0.05 * (r.nextDouble() - 0.5);
                }
            }
            out.put(t, new ComponentResult(e, g, h));
        }
        return out;
    }

    /** Energy followed by the full-size gradient of one task (the test's own expansion: rows follow B's fragments). */
    static double[] value(Map<FragmentTask, ComponentResult> c, String mc, int[] x, int[] b) {
        ComponentResult r = c.get(new FragmentTask(mc, x, b));
        assertThat(r).as("task " + new FragmentTask(mc, x, b)).isNotNull();
        int nat = 0;
        int[] offset = new int[SIZES.length];
        for (int f = 0; f < SIZES.length; f++) {
            offset[f] = nat;
            nat += SIZES[f];
        }
        double[] v = new double[1 + 3 * nat];
        v[0] = r.energy();
        int row = 0;
        for (int f : b) {
            for (int a = 0; a < SIZES[f - 1]; a++, row++) {
                for (int k = 0; k < 3; k++) {
                    v[1 + 3 * (offset[f - 1] + a) + k] = r.gradient()[3 * row + k];
                }
            }
        }
        return v;
    }

    static void addTo(double[] acc, double sign, double[] v) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += sign * v[i];
        }
    }

    static int[] all() {
        int[] a = new int[SIZES.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = i + 1;
        }
        return a;
    }

    /**
     * The increment of one kept term S for a treatment, inclusion-exclusion over the non-empty subsets U of S:
     * nocp E(U@U), cp E(U@F), vmfc E(U@S), with sign (-1)^(|S|-|U|).
     */
    static double[] increment(Map<FragmentTask, ComponentResult> c, String mc, String bt, int[] s, int dim) {
        double[] inc = new double[dim];
        for (int[] u : AssemblerRulesTest.subsets(s)) {
            double sign = (s.length - u.length) % 2 == 0 ? 1 : -1;
            int[] basis = switch (bt) {
                case "nocp" -> u;
                case "cp" -> u.length == SIZES.length ? u : all();
                default -> s;
            };
            addTo(inc, sign, value(c, mc, u, basis));
        }
        return inc;
    }

    /** Hand-written body values: body(n) = sum of the increments of the kept terms with |S| <= n (cp: n >= 2 on top of the own-basis monomers). */
    static double[] body(Map<FragmentTask, ComponentResult> c, KeptTerms kept, String bt, int n, int dim) {
        double[] total = new double[dim];
        for (int k = 1; k <= n; k++) {
            for (int[] s : kept.order(k)) {
                if (bt.equals("cp") && k == 1) {
                    addTo(total, 1, value(c, "(auto)", s, s)); // monomers in their own basis
                } else {
                    addTo(total, 1, increment(c, "(auto)", bt, s, dim));
                }
            }
        }
        return total;
    }

    static void assertClose(double[] actual, double[] expected, int from, String what) {
        assertThat(actual).as(what).hasSize(expected.length - from);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as(what + "[" + i + "]").isCloseTo(expected[from + i], within(1e-12));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nocp", "cp", "vmfc"})
    void equalsInclusionExclusionOverKeptTerms(String first) {
        List<String> bsse = new ArrayList<>(List.of(first));
        for (String b : List.of("nocp", "cp", "vmfc")) {
            if (!bsse.contains(b)) {
                bsse.add(b);
            }
        }
        ManyBodyInput in = input(bsse, Map.of("4", "(auto)"), cutoffs(4.5, 4.0, 4.0), Driver.GRADIENT);
        Plan plan = in.plan();
        KeptTerms kept = plan.kept();
        // a genuinely screened expansion: some dimers, trimers and tetramers dropped, some kept
        for (int k = 2; k <= 4; k++) {
            assertThat(kept.kept(k)).as("order " + k).isPositive().isLessThan(kept.candidates(k));
        }
        Map<FragmentTask, ComponentResult> c = components(plan, false);
        ManyBodyResult r = Assembler.assemble(plan, Driver.GRADIENT, c);
        int nat = 8;
        int dim = 1 + 3 * nat;
        for (String bt : List.of("nocp", "cp", "vmfc")) {
            BsseType type = BsseType.valueOf(bt.toUpperCase(java.util.Locale.ROOT));
            double[] b1 = body(c, kept, bt, 1, dim);
            for (int n = 1; n <= 4; n++) {
                double[] expected = body(c, kept, bt, n, dim);
                double[] prev = body(c, kept, bt, n - 1 < 1 ? 1 : n - 1, dim);
                assertClose(r.bodyDicts().get(Property.ENERGY).get(type).get(n), new double[] {expected[0]}, 0,
                        bt + " energy body " + n);
                double[] grad = r.bodyDicts().get(Property.GRADIENT).get(type).get(n);
                assertClose(grad, expected, 1, bt + " gradient body " + n);
                assertClose(r.results().get(bt + "_corrected_total_energy_through_" + n + "_body"),
                        new double[] {expected[0]}, 0, bt + " total through " + n);
                if (n >= 2) {
                    double[] contribution = new double[dim];
                    addTo(contribution, 1, expected);
                    addTo(contribution, -1, prev);
                    assertClose(r.results().get(bt + "_corrected_" + n + "_body_contribution_to_gradient"),
                            contribution, 1, bt + " " + n + "-body gradient contribution");
                    double[] interaction = new double[dim];
                    addTo(interaction, 1, expected);
                    addTo(interaction, -1, b1);
                    assertClose(r.results().get(bt + "_corrected_interaction_energy_through_" + n + "_body"),
                            new double[] {interaction[0]}, 0, bt + " interaction through " + n);
                }
            }
        }
        double[] ret = body(c, kept, first, 4, dim);
        assertThat(r.retEnergy()).isCloseTo(ret[0], within(1e-12));
        assertClose(r.returnResult(), ret, 1, "return_gradient (" + first + ")");
    }

    /** The full-size Hessian of one task (the test's own expansion: 3x3 blocks follow B's atoms). */
    static double[] hessian(Map<FragmentTask, ComponentResult> c, int[] x, int[] b) {
        double[] h = c.get(new FragmentTask("(auto)", x, b)).hessian();
        List<Integer> atoms = new ArrayList<>();
        int offset = 0;
        for (int f = 1; f <= SIZES.length; f++) {
            for (int a = 0; a < SIZES[f - 1]; a++) {
                if (java.util.Arrays.binarySearch(b, f) >= 0) {
                    atoms.add(offset + a);
                }
            }
            offset += SIZES[f - 1];
        }
        int d = 3 * atoms.size();
        int dn = 3 * offset;
        double[] full = new double[dn * dn];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                full[(3 * atoms.get(i / 3) + i % 3) * dn + 3 * atoms.get(j / 3) + j % 3] = h[i * d + j];
            }
        }
        return full;
    }

    @Test
    void vmfcHessianEqualsInclusionExclusionOverKeptTerms() {
        ManyBodyInput in = input(List.of("vmfc"), Map.of("4", "(auto)"), cutoffs(4.5, 4.0, 4.0), Driver.HESSIAN);
        Plan plan = in.plan();
        Map<FragmentTask, ComponentResult> c = components(plan, true);
        ManyBodyResult r = Assembler.assemble(plan, Driver.HESSIAN, c);
        double[] total = new double[24 * 24];
        for (int k = 1; k <= 4; k++) {
            for (int[] s : plan.kept().order(k)) {
                for (int[] u : AssemblerRulesTest.subsets(s)) {
                    addTo(total, (s.length - u.length) % 2 == 0 ? 1 : -1, hessian(c, u.length == s.length ? s : u, s));
                }
            }
            assertClose(r.bodyDicts().get(Property.HESSIAN).get(BsseType.VMFC).get(k), total, 0, "vmfc Hessian " + k);
        }
        assertClose(r.returnResult(), total, 0, "return_hessian");
    }

    @Test
    void multilevelWithSupersystemUsesTheOwningModelChemistry() {
        ManyBodyInput in = input(List.of("nocp", "cp"), Map.of("1", "hi", "3", "lo", "supersystem", "ss"),
                cutoffs(4.5, 4.0, 4.0), Driver.ENERGY);
        Plan plan = in.plan();
        KeptTerms kept = plan.kept();
        Map<FragmentTask, ComponentResult> c = components(plan, false);
        ManyBodyResult r = Assembler.assemble(plan, Driver.ENERGY, c);
        int dim = 1 + 3 * 8;
        // nocp: Delta(1) at hi; Delta(2), Delta(3) = increments of the kept dimers / trimers at lo
        double[] total = new double[dim];
        for (int[] s : kept.order(1)) {
            addTo(total, 1, value(c, "hi", s, s));
        }
        for (int k = 2; k <= 3; k++) {
            for (int[] s : kept.order(k)) {
                addTo(total, 1, increment(c, "lo", "nocp", s, dim));
            }
        }
        // supersystem: E_ss(F@F) minus the screened nocp expansion through 3 at ss
        double[] lowTotal = new double[dim];
        for (int k = 1; k <= 3; k++) {
            for (int[] s : kept.order(k)) {
                addTo(lowTotal, 1, increment(c, "ss", "nocp", s, dim));
            }
        }
        double corr = value(c, "ss", all(), all())[0] - lowTotal[0];
        assertThat(r.retEnergy()).isCloseTo(total[0] + corr, within(1e-12));
        assertThat(r.bodyDicts().get(Property.ENERGY).get(BsseType.NOCP).get(6)[0])
                .isCloseTo(total[0] + corr, within(1e-12));
        // cp through 3: own-basis monomers at hi, then the kept dimers' and trimers' cp increments at lo
        double[] cp = new double[dim];
        for (int[] s : kept.order(1)) {
            addTo(cp, 1, value(c, "hi", s, s));
        }
        for (int k = 2; k <= 3; k++) {
            for (int[] s : kept.order(k)) {
                addTo(cp, 1, increment(c, "lo", "cp", s, dim));
            }
        }
        assertThat(r.bodyDicts().get(Property.ENERGY).get(BsseType.CP).get(3)[0]).isCloseTo(cp[0], within(1e-12));
    }

    @Test
    void screeningThatKeepsEverythingReproducesTheUnscreenedExpansion() {
        ManyBodyInput in = input(List.of("cp", "nocp", "vmfc"), Map.of("3", "(auto)"), cutoffs(100, 100, 100),
                Driver.HESSIAN);
        Plan screened = in.plan();
        Plan plain = Planner.plan(in.expansionSpec());
        assertThat(screened.kept().kept(3)).isEqualTo(20);
        assertThat(new java.util.HashSet<>(screened.tasks())).isEqualTo(new java.util.HashSet<>(plain.tasks()));
        Map<FragmentTask, ComponentResult> c = components(plain, true);
        ManyBodyResult a = Assembler.assemble(screened, Driver.HESSIAN, c);
        ManyBodyResult b = Assembler.assemble(plain, Driver.HESSIAN, c);
        assertThat(a.results().keySet()).isEqualTo(b.results().keySet());
        a.results().forEach((k, v) -> assertClose(v, b.results().get(k), 0, k));
        for (Property p : Property.values()) {
            assertClose(a.ret().get(p), b.ret().get(p), 0, "ret " + p);
        }
        assertThat(b.screening()).isNull();
    }

    @Test
    void resultDocumentSaysTheExpansionWasScreened() {
        ManyBodyInput in = input(List.of("nocp"), Map.of("4", "(auto)"), cutoffs(4.5, 4.0, 4.0), Driver.ENERGY);
        Plan plan = in.plan();
        Map<FragmentTask, ComponentResult> c = components(plan, false);
        Map<String, Object> doc = org.qcmb.qcschema.manybody.ManyBodyResultCodec.document(
                Assembler.assemble(plan, in.driver(), c), in.molecule(),
                org.qcmb.qcschema.manybody.ResultShape.DEFAULT, null, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> screening = (Map<String, Object>) ((Map<String, Object>) doc.get("extras"))
                .get("screening");
        assertThat(screening).containsEntry("metric", "closest_atoms").containsKey("distance");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> orders = (Map<String, Map<String, Object>>) screening.get("orders");
        assertThat(orders).containsOnlyKeys("1", "2", "3", "4");
        for (int k = 1; k <= 4; k++) {
            Map<String, Object> o = orders.get(String.valueOf(k));
            assertThat(o).containsEntry("candidates", Combinations.binomial(6, k))
                    .containsEntry("kept", plan.kept().kept(k))
                    .containsEntry("screened", Combinations.binomial(6, k) - plan.kept().kept(k));
        }
        // property names stay QCManyBody's
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) doc.get("properties");
        assertThat(props).containsKeys("nocp_corrected_total_energy_through_4_body",
                "nocp_corrected_4_body_contribution_to_energy", "nocp_corrected_interaction_energy");
        assertThat(props.get("calcinfo_nmbe")).isEqualTo(plan.taskCount());
    }
}
