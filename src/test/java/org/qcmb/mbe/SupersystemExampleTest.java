package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.qcmb.io.AnalysisCase;

/**
 * Spec 4.9(c): levels {1: e_mp2, supersystem: e_scf}, bsse [cp, nocp, vmfc], rtd, on the water trimer. The scf
 * monomer and trimer energies are those of single_energy_1; the three mp2 monomers are chosen to add up to the
 * spec's sum. Expected: 7 tasks, ret = -225.023509855423 and body dicts {1: sum mp2, 3: ret} for every treatment.
 */
class SupersystemExampleTest {
    @Test
    void workedExampleC() throws Exception {
        JsonNode single = ConformanceTest.load("single_energy_1");
        ObjectMapper m = new ObjectMapper();
        ObjectNode c = m.createObjectNode();
        ObjectNode in = c.putObject("input");
        in.set("molecule", single.get("input").get("molecule"));
        in.putArray("bsse_type").add("cp").add("nocp").add("vmfc");
        in.putObject("levels").put("1", "e_mp2").put("supersystem", "e_scf");
        in.put("return_total_data", true);
        in.put("supersystem_ie_only", false);
        ObjectNode cr = c.putObject("component_results");
        JsonNode src = single.get("component_results");
        for (String l : new String[] {"[1], [1]", "[2], [2]", "[3], [3]", "[1, 2, 3], [1, 2, 3]"}) {
            cr.set("[\"e_scf\", " + l + "]", src.get("[\"e_scf\", " + l + "]"));
        }
        double mp2Sum = -224.998373505209;
        cr.putObject("[\"e_mp2\", [1], [1]]").put("energy", -75.0);
        cr.putObject("[\"e_mp2\", [2], [2]]").put("energy", -75.0);
        cr.putObject("[\"e_mp2\", [3], [3]]").put("energy", mp2Sum + 150.0);
        AnalysisCase a = AnalysisCase.parse(c);
        Plan p = Planner.plan(a.spec());
        assertThat(p.taskCount()).isEqualTo(7);
        ManyBodyResult r = Assembler.assemble(p, a.driver(), a.results());
        assertThat(r.effectiveBsse()).containsExactly(BsseType.CP, BsseType.NOCP, BsseType.VMFC);
        assertThat(r.retEnergy()).isCloseTo(-225.023509855423, within(1e-9));
        for (BsseType bt : BsseType.values()) {
            var body = r.bodyDicts().get(Property.ENERGY).get(bt);
            assertThat(body.keySet()).containsExactly(1, 3);
            assertThat(body.get(1)[0]).isCloseTo(mp2Sum, within(1e-9));
            assertThat(body.get(3)[0]).isCloseTo(-225.023509855423, within(1e-9));
            assertThat(r.results().get(bt.label() + "_corrected_3_body_contribution_to_energy")[0])
                    .isCloseTo(-0.025136350214, within(1e-9));
        }
        assertThat(r.modelChemistryCount()).isEqualTo(2);
    }
}
