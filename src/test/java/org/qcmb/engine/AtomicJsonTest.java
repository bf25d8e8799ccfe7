package org.qcmb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.molecule.Molecule;

class AtomicJsonTest {
    private static JsonNode json(String s) throws Exception {
        return AtomicJson.mapper().readTree(s);
    }

    @Test
    void readsNestedGeometryGhostsChargesKeywordsAndPointCharges() throws Exception {
        AtomicInput in = AtomicJson.readInput(json("""
                {"molecule": {"symbols": ["O", "H", "H", "he"], "geometry": [[0,0,0],[1.4,1.1,0],[-1.4,1.1,0],[0,0,5]],
                              "real": [true, true, true, false], "molecular_charge": 0, "molecular_multiplicity": 1},
                 "driver": "gradient", "model": {"method": "hf", "basis": "6-31g*"},
                 "keywords": {"e_convergence": 1e-9, "freeze_core": true},
                 "extras": {"external_charges": [[-0.5, 3, 0, 0], [0.25, [0, 4, 0]]]}}
                """));
        assertThat(in.driver()).isEqualTo(Driver.GRADIENT);
        assertThat(in.molecule().geometry()).hasSize(12).contains(5.0);
        assertThat(in.molecule().real()).containsExactly(true, true, true, false);
        assertThat(in.keywords()).containsEntry("freeze_core", true).containsEntry("e_convergence", 1e-9);
        assertThat(in.externalCharges()).containsExactly(new PointCharge(-0.5, 3, 0, 0),
                new PointCharge(0.25, 0, 4, 0));
    }

    @Test
    void inputRoundTripsThroughWriteInput() throws Exception {
        Molecule m = Molecule.of(List.of("H", "H"), new double[] {0, 0, 0, 0, 0, 1.4}, 0, 1);
        AtomicInput in = new AtomicInput(m, Driver.ENERGY, new Model("mp2", "cc-pvdz"), Map.of("scf_type", "pk"),
                List.of(new PointCharge(1, 2, 3, 4)));
        JsonNode j = AtomicJson.writeInput(in);
        assertThat(j.get("molecule").get("fix_com").asBoolean()).isTrue();
        AtomicInput back = AtomicJson.readInput(j);
        assertThat(back.molecule().symbols()).isEqualTo(m.symbols());
        assertThat(back.molecule().geometry()).containsExactly(m.geometry());
        assertThat(back.model()).isEqualTo(in.model());
        assertThat(back.externalCharges()).isEqualTo(in.externalCharges());
    }

    @Test
    void missingFieldsAreNamed() {
        assertThatThrownBy(() -> AtomicJson.readInput(json("{\"molecule\": {\"symbols\": [\"H\"]}}")))
                .isInstanceOf(InputException.class).hasMessageContaining("molecule.geometry");
        assertThatThrownBy(() -> AtomicJson.readInput(json(
                "{\"molecule\": {\"symbols\": [\"H\"], \"geometry\": [0, 0]}, \"driver\": \"energy\"}")))
                .isInstanceOf(InputException.class).hasMessageContaining("3 x 1");
        assertThatThrownBy(() -> AtomicJson.readInput(json(
                "{\"molecule\": {\"symbols\": [\"H\"], \"geometry\": [0, 0, 0]}, \"driver\": \"opt\","
                        + "\"model\": {\"method\": \"hf\"}}")))
                .isInstanceOf(InputException.class).hasMessageContaining("driver");
    }
}
