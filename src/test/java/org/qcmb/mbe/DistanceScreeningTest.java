package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qcmb.common.Driver;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.XyzReader;

/**
 * The distance rule against an independent count: the test reads the XYZ itself (angstrom), measures fragment
 * distances itself and applies the rule by brute force over every subset, then compares with the planner's kept
 * terms; and the closure property (every subset of a kept term is kept).
 */
class DistanceScreeningTest {
    static final String WATER16 = "/screening/water16-conformer002.xyz";

    static String text(String resource) throws IOException {
        try (InputStream in = DistanceScreeningTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Fragments of an XYZ file with '--' separators: per fragment, rows {x, y, z, mass} in angstrom. */
    static List<List<double[]>> fragments(String text) {
        Map<String, Double> mass = Map.of("O", 15.99491461957, "H", 1.00782503223);
        List<List<double[]>> out = new ArrayList<>();
        List<double[]> cur = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (line.trim().equals("--")) {
                out.add(cur);
                cur = new ArrayList<>();
            } else if (f.length == 4 && mass.containsKey(f[0])) {
                cur.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    mass.get(f[0])});
            }
        }
        out.add(cur);
        return out;
    }

    static double closest(List<double[]> a, List<double[]> b) {
        double best = Double.MAX_VALUE;
        for (double[] p : a) {
            for (double[] q : b) {
                best = Math.min(best, Math.hypot(Math.hypot(p[0] - q[0], p[1] - q[1]), p[2] - q[2]));
            }
        }
        return best;
    }

    static double[] com(List<double[]> a) {
        double[] c = new double[3];
        double m = 0;
        for (double[] p : a) {
            for (int i = 0; i < 3; i++) {
                c[i] += p[3] * p[i];
            }
            m += p[3];
        }
        return new double[] {c[0] / m, c[1] / m, c[2] / m};
    }

    /** Brute force: kept(S) iff every pair of S is within cutoff[|S|] (if any) and every (|S|-1)-subset is kept. */
    static List<Set<List<Integer>>> bruteForce(double[][] d, Map<Integer, Double> cutoff, int maxOrder) {
        int n = d.length;
        List<Set<List<Integer>>> kept = new ArrayList<>();
        kept.add(Set.of());
        Set<List<Integer>> mono = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            mono.add(List.of(i));
        }
        kept.add(mono);
        for (int k = 2; k <= maxOrder; k++) {
            Set<List<Integer>> ok = new HashSet<>();
            for (List<Integer> s : subsets(n, k)) {
                boolean pass = true;
                Double c = cutoff.get(k);
                for (int a = 0; a < k && pass; a++) {
                    for (int b = a + 1; b < k && pass; b++) {
                        pass = c == null || d[s.get(a) - 1][s.get(b) - 1] <= c;
                    }
                }
                for (int drop = 0; drop < k && pass; drop++) {
                    List<Integer> sub = new ArrayList<>(s);
                    sub.remove(drop);
                    pass = kept.get(k - 1).contains(sub);
                }
                if (pass) {
                    ok.add(s);
                }
            }
            kept.add(ok);
        }
        return kept;
    }

    /** All k-subsets of 1..n, each ascending (a plain recursion, not the production enumerator). */
    static List<List<Integer>> subsets(int n, int k) {
        List<List<Integer>> out = new ArrayList<>();
        grow(new ArrayList<>(), 1, n, k, out);
        return out;
    }

    private static void grow(List<Integer> cur, int from, int n, int k, List<List<Integer>> out) {
        if (cur.size() == k) {
            out.add(List.copyOf(cur));
            return;
        }
        for (int i = from; i <= n; i++) {
            cur.add(i);
            grow(cur, i + 1, n, k, out);
            cur.remove(cur.size() - 1);
        }
    }

    static Set<List<Integer>> asSets(List<int[]> terms) {
        Set<List<Integer>> out = new HashSet<>();
        for (int[] t : terms) {
            out.add(Arrays.stream(t).boxed().toList());
        }
        return out;
    }

    static ManyBodyInput input(String xyz, int maxNbody, Map<String, Object> screening) {
        Molecule mol = XyzReader.read(xyz, "water16", false).molecule();
        return ManyBodyInput.create(mol, Driver.ENERGY, List.of("nocp"), null, maxNbody, null, null, null,
                Map.of(ManyBodyInput.AUTO, new AtomicSpecification("builtin", "hf", "sto-3g", null, null, null)),
                screening, "specification.keywords");
    }

    static Map<String, Object> block(String metric, Object... orderCutoff) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < orderCutoff.length; i += 2) {
            d.put(String.valueOf(orderCutoff[i]), orderCutoff[i + 1]);
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("distance", d);
        if (metric != null) {
            b.put("metric", metric);
        }
        return b;
    }

    @Test
    void water16ClosestAtomsKeeps16_107_192_22() throws Exception {
        String xyz = text(WATER16);
        Plan plan = input(xyz, 4, block("closest_atoms", 2, 8.0, 3, 6.0, 4, 4.5)).plan();
        KeptTerms kept = plan.kept();
        assertThat(new long[] {kept.kept(1), kept.kept(2), kept.kept(3), kept.kept(4)})
                .containsExactly(16, 107, 192, 22);

        List<List<double[]>> frags = fragments(xyz);
        double[][] d = new double[16][16];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                d[i][j] = i == j ? 0 : closest(frags.get(i), frags.get(j));
            }
        }
        List<Set<List<Integer>>> brute = bruteForce(d, Map.of(2, 8.0, 3, 6.0, 4, 4.5), 4);
        for (int k = 1; k <= 4; k++) {
            assertThat(asSets(kept.order(k))).as("order " + k).isEqualTo(brute.get(k));
        }
        // the figure: only 1-2 % of the 1,820 tetramers have all six pairs within 4.5 angstrom
        assertThat(kept.kept(4) / (double) kept.candidates(4)).isBetween(0.01, 0.02);
        // nocp plan: one task per kept term
        assertThat(plan.taskCount()).isEqualTo(16 + 107 + 192 + 22);
        assertThat(plan.tasksByLevel().get(4)).hasSize(22);
    }

    @Test
    void keptTermsAreClosedUnderSubsetsAndLexicographic() throws Exception {
        // cutoffs growing with the order, so that closure (not the pair test) is what removes terms
        Plan plan = input(text(WATER16), 4, block(null, 2, 4.0, 3, 7.0)).plan();
        KeptTerms kept = plan.kept();
        int closureOnly = 0;
        for (int k = 2; k <= 4; k++) {
            List<int[]> order = kept.order(k);
            for (int i = 0; i < order.size(); i++) {
                int[] s = order.get(i);
                if (i > 0) {
                    assertThat(Arrays.compare(order.get(i - 1), s)).isNegative();
                }
                for (List<Integer> sub : allSubsets(s)) {
                    assertThat(kept.contains(sub.stream().mapToInt(Integer::intValue).toArray()))
                            .as(Arrays.toString(s) + " needs " + sub).isTrue();
                }
            }
        }
        List<List<double[]>> frags = fragments(text(WATER16));
        for (List<Integer> s : subsets(16, 3)) {
            boolean pairs = true;
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    pairs &= closest(frags.get(s.get(a) - 1), frags.get(s.get(b) - 1)) <= 7.0;
                }
            }
            if (pairs && !kept.contains(s.stream().mapToInt(Integer::intValue).toArray())) {
                closureOnly++;
            }
        }
        assertThat(closureOnly).as("trimers within 7 A dropped because a dimer is beyond 4 A").isPositive();
        // order 4 has no cutoff: exactly the tetramers whose four trimers are kept
        double[][] d = new double[16][16];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                d[i][j] = i == j ? 0 : closest(frags.get(i), frags.get(j));
            }
        }
        assertThat(asSets(kept.order(4))).isEqualTo(bruteForce(d, Map.of(2, 4.0, 3, 7.0), 4).get(4));
    }

    @Test
    void centersOfMassMetricMatchesBruteForce() throws Exception {
        String xyz = text(WATER16);
        KeptTerms kept = input(xyz, 3, block("centers_of_mass", 2, 6.0, 3, 5.0)).plan().kept();
        List<List<double[]>> frags = fragments(xyz);
        double[][] d = new double[16][16];
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                double[] a = com(frags.get(i));
                double[] b = com(frags.get(j));
                d[i][j] = Math.hypot(Math.hypot(a[0] - b[0], a[1] - b[1]), a[2] - b[2]);
            }
        }
        List<Set<List<Integer>>> brute = bruteForce(d, Map.of(2, 6.0, 3, 5.0), 3);
        assertThat(asSets(kept.order(2))).isEqualTo(brute.get(2)).isNotEmpty();
        assertThat(asSets(kept.order(3))).isEqualTo(brute.get(3)).isNotEmpty();
        assertThat(kept.kept(2)).isLessThan(kept.candidates(2));
    }

    static List<List<Integer>> allSubsets(int[] s) {
        List<List<Integer>> out = new ArrayList<>();
        for (int mask = 1; mask < (1 << s.length); mask++) {
            List<Integer> sub = new ArrayList<>();
            for (int i = 0; i < s.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    sub.add(s[i]);
                }
            }
            out.add(sub);
        }
        return out;
    }
}
