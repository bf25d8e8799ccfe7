package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.io.InputReader;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.manybody.ManyBodyResultCodec;
import org.qcmb.qcschema.manybody.ResultShape;

/**
 * The path the Spark driver takes (read input, plan, run tasks level by level on sub-molecules, assemble, write),
 * with a fake engine: a pairwise-additive spring potential between real atoms. For such a potential the 2-body
 * expansion is exact in every treatment (ghosts do not contribute), so the assembled gradient and Hessian must
 * equal the full-system ones: this checks sub-molecule atom order, expansion of gradients/Hessians back to the
 * parent, and the three treatments end to end.
 */
class DriverPathTest {
    @TempDir
    Path dir;

    /** E = sum over real pairs c_ij |r_i - r_j|^2, c_ij = 1e-3 Z_i Z_j; gradient and Hessian analytic. */
    static ComponentResult springs(Molecule m) {
        int n = m.atomCount();
        double e = 0;
        double[] g = new double[3 * n];
        double[] h = new double[9 * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!m.real()[i] || !m.real()[j]) {
                    continue;
                }
                double c = 1e-3 * m.element(i).atomicNumber() * m.element(j).atomicNumber();
                for (int k = 0; k < 3; k++) {
                    double d = m.geometry()[3 * i + k] - m.geometry()[3 * j + k];
                    e += c * d * d;
                    g[3 * i + k] += 2 * c * d;
                    g[3 * j + k] -= 2 * c * d;
                    h[(3 * i + k) * 3 * n + 3 * i + k] += 2 * c;
                    h[(3 * j + k) * 3 * n + 3 * j + k] += 2 * c;
                    h[(3 * i + k) * 3 * n + 3 * j + k] -= 2 * c;
                    h[(3 * j + k) * 3 * n + 3 * i + k] -= 2 * c;
                }
            }
        }
        return new ComponentResult(e - 0.5 * m.electronCount(), g, h);
    }

    @Test
    void sparkDriverPathWithExactPairPotential() throws Exception {
        Path in = dir.resolve("in.json");
        String json;
        try (InputStream s = getClass().getResourceAsStream("/examples/water-trimer-input.json")) {
            json = new String(s.readAllBytes()).replace("\"driver\": \"energy\"", "\"driver\": \"hessian\"")
                    .replace("\"bsse_type\": [\n        \"cp\",\n        \"nocp\"\n      ]",
                            "\"bsse_type\": [\"vmfc\", \"cp\", \"nocp\"]")
                    .replace("\"max_nbody\": 3", "\"max_nbody\": 2");
        }
        Files.writeString(in, json);

        // --- the Spark driver's path ---
        ManyBodyInput input = InputReader.read(in, null);
        Plan plan = input.plan();
        Map<FragmentTask, ComponentResult> results = new HashMap<>();
        for (Map.Entry<Integer, List<FragmentTask>> level : plan.tasksByLevel().entrySet()) { // one stage each
            for (FragmentTask task : level.getValue()) {                                       // on executors
                Molecule sub = input.subMolecule(task);
                AtomicSpecification spec = input.specification(task.mc());
                assertThat(spec.method()).isEqualTo("hf");
                assertThat(input.embeddingChargesFor(task)).isEmpty();
                assertThat(sub.atomCount()).isEqualTo(plan.atomCount(task));
                results.put(task, springs(sub));
            }
        }
        String text = document(input, plan, results);
        // -------------------------------

        assertThat(plan.effectiveBsse()).containsExactly(BsseType.VMFC, BsseType.CP, BsseType.NOCP);
        ManyBodyResult r = Assembler.assemble(plan, input.driver(), results);
        ComponentResult full = springs(input.molecule());
        for (BsseType bt : plan.effectiveBsse()) {
            double[] g = r.bodyDicts().get(Property.GRADIENT).get(bt).get(2);
            double[] h = r.bodyDicts().get(Property.HESSIAN).get(bt).get(2);
            assertThat(g).containsExactly(full.gradient(), within(1e-12));
            assertThat(h).containsExactly(full.hessian(), within(1e-12));
            assertThat(r.bodyDicts().get(Property.ENERGY).get(bt).get(2)[0]).isCloseTo(full.energy(), within(1e-10));
        }
        assertThat(r.ret().get(Property.HESSIAN)).containsExactly(full.hessian(), within(1e-12));
        assertThat(text).contains("\"return_hessian\"").contains("\"return_gradient\"")
                .contains("\"vmfc_corrected_total_hessian_through_2_body\"");
        assertThat(document(input, plan, new java.util.TreeMap<>(
                java.util.Comparator.comparing(FragmentTask::label)) {{ putAll(results); }})).isEqualTo(text);
    }

    private static String document(ManyBodyInput input, Plan plan, Map<FragmentTask, ComponentResult> results) {
        return QcJson.document(ManyBodyResultCodec.document(Assembler.assemble(plan, input.driver(), results),
                input.molecule(), ResultShape.DEFAULT, null, null));
    }
}
