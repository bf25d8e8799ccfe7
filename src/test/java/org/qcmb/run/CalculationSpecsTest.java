package org.qcmb.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qcmb.cli.Engines;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.engine.CalculationSpec;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.molecule.Element;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.MoleculeBuilder;

/**
 * What each engine is asked before Spark starts ({@link ModelChemistryEngines#specifications}): every element (ghosts
 * too) and exactly the charge/multiplicity states of the sub-molecules planned under each model chemistry, worked out
 * by hand from the fragments: charge = sum of the real fragments' charges, multiplicity = 1 + sum(m_f - 1).
 */
class CalculationSpecsTest {
    /** Four fragments on a line: Li (doublet), He, a ghost-only Ne fragment ("@Ne" plus a real He), Li. */
    static Molecule chain() {
        List<String> symbols = List.of("Li", "He", "Ne", "He", "Li");
        double[] g = new double[15];
        for (int a = 0; a < 5; a++) {
            g[3 * a] = 6.0 * a;
        }
        List<int[]> frags = List.of(new int[] {0}, new int[] {1}, new int[] {2, 3}, new int[] {4});
        return new MoleculeBuilder().symbols(symbols).geometryBohr(g).real(new boolean[] {true, true, false, true,
                true}).fragments(frags).build();
    }

    static ManyBodyInput input(Map<String, String> levels, Map<String, AtomicSpecification> specs, Integer maxNbody) {
        return ManyBodyInput.create(chain(), Driver.ENERGY, List.of("nocp"), levels, maxNbody, null, null, null,
                specs, "");
    }

    static AtomicSpecification spec(String program) {
        return new AtomicSpecification(program, "hf", "sto-3g", null, null, null);
    }

    static List<String> states(CalculationSpec s) {
        List<String> out = new ArrayList<>();
        s.states().forEach(st -> out.add(st.charge() + "/" + st.multiplicity() + " " + st.example()));
        return out;
    }

    @Test
    void statesFollowTheRealFragmentsOfEachModelChemistrysTasks() {
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("1", "mono");
        levels.put("2", "pair");
        Map<String, AtomicSpecification> specs = Map.of("mono", spec("synthetic"), "pair", spec("synthetic"));
        ManyBodyInput in = input(levels, specs, null);
        Map<String, CalculationSpec> s = ModelChemistryEngines.specifications(in, in.plan());
        // Li is a doublet (3 electrons); He and the He of fragment 3 are singlets
        assertThat(states(s.get("mono"))).containsExactly("0/1 fragment 2", "0/2 fragment 1");
        // the 2-body model chemistry computes its own monomers too; of the pairs only Li+Li (a high-spin triplet)
        // adds a state
        assertThat(states(s.get("pair"))).containsExactly("0/1 fragment 2", "0/2 fragment 1", "0/3 fragments 1+4");
        assertThat(s.get("mono").elements()).containsExactly(Element.He, Element.Li, Element.Ne); // Ne: a ghost atom
        assertThat(s.get("pair").driver()).isEqualTo(Driver.ENERGY);
    }

    @Test
    void theBuiltinEngineRefusesTheFirstOpenShellAndNamesIt() {
        ManyBodyInput in = input(null, Map.of(ManyBodyInput.AUTO, spec("builtin")), 2);
        assertThatThrownBy(() -> ModelChemistryEngines.resolve(in, in.plan(), Engines.registry(1)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("multiplicity 2 of fragment 1 (charge 0) is an open shell");
    }

    @Test
    void ordersAnEnergyScreenedPlanHasNotDecidedGetTheStatesOfEverySubsetOfTheirSize() {
        Map<String, Object> screening = Map.of("energy", Map.of("3", 1e-3));
        ManyBodyInput in = ManyBodyInput.create(chain(), Driver.ENERGY, List.of("nocp"), null, 3, true, null, null,
                Map.of(ManyBodyInput.AUTO, spec("synthetic")), screening, "");
        assertThat(in.plan().complete()).isFalse();
        CalculationSpec s = ModelChemistryEngines.specifications(in, in.plan()).get(ManyBodyInput.AUTO);
        // planned: monomers and pairs; the undecided order 3 adds every triple (Li+He+He doublets, Li+He+Li
        // triplets), and for a model chemistry of order 3 alone, the terms below it that it will compute
        assertThat(s.states()).extracting(st -> st.charge() + "/" + st.multiplicity())
                .containsExactlyInAnyOrder("0/1", "0/2", "0/3");
        ManyBodyInput triplesOnly = ManyBodyInput.create(chain(), Driver.ENERGY, List.of("nocp"),
                Map.of("2", "mono", "3", "triple"), null, true, null, null,
                Map.of("mono", spec("synthetic"), "triple", spec("synthetic")), screening, "");
        CalculationSpec triple = ModelChemistryEngines.specifications(triplesOnly, triplesOnly.plan()).get("triple");
        assertThat(triple.states()).extracting(st -> st.charge() + "/" + st.multiplicity())
                .containsExactlyInAnyOrder("0/1", "0/2", "0/3");
    }
}
