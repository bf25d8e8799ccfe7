package org.qcmb.qcschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.molecule.Molecule;

class AtomicCodecTest {
    private static JsonNode json(String s) throws Exception {
        return QcJson.mapper().readTree(s);
    }

    @Test
    void readsNestedGeometryGhostsChargesKeywordsAndPointCharges() throws Exception {
        AtomicInput in = AtomicCodec.readInput(json("""
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
        JsonNode j = AtomicCodec.writeInput(in);
        assertThat(j.get("molecule").get("fix_com").asBoolean()).isTrue();
        AtomicInput back = AtomicCodec.readInput(j);
        assertThat(back.molecule().symbols()).isEqualTo(m.symbols());
        assertThat(back.molecule().geometry()).containsExactly(m.geometry());
        assertThat(back.model()).isEqualTo(in.model());
        assertThat(back.externalCharges()).isEqualTo(in.externalCharges());
    }

    @Test
    void missingFieldsAreNamed() {
        assertThatThrownBy(() -> AtomicCodec.readInput(json("{\"molecule\": {\"symbols\": [\"H\"]}}")))
                .isInstanceOf(InputException.class).hasMessageContaining("molecule.geometry");
        assertThatThrownBy(() -> AtomicCodec.readInput(json(
                "{\"molecule\": {\"symbols\": [\"H\"], \"geometry\": [0, 0]}, \"driver\": \"energy\"}")))
                .isInstanceOf(InputException.class).hasMessageContaining("1 atoms need 3");
        assertThatThrownBy(() -> AtomicCodec.readInput(json(
                "{\"molecule\": {\"symbols\": [\"H\"], \"geometry\": [0, 0, 0]}, \"driver\": \"opt\","
                        + "\"model\": {\"method\": \"hf\"}}")))
                .isInstanceOf(InputException.class).hasMessageContaining("driver");
    }

    @Test
    void readsTheV2ShapeAndAnswersInIt() throws Exception {
        // QCElemental v2 AtomicInput: the driver, model and keywords sit in a specification
        JsonNode doc = json("""
                {"schema_name": "qcschema_atomic_input", "schema_version": 2,
                 "molecule": {"schema_name": "qcschema_molecule", "schema_version": 3, "symbols": ["He"],
                              "geometry": [0, 0, 0]},
                 "specification": {"program": "builtin", "driver": "energy",
                                   "model": {"method": "hf", "basis": "sto-3g"}, "keywords": {"maxiter": 50}}}
                """);
        assertThat(AtomicCodec.version(doc)).isEqualTo(SchemaVersion.V2);
        AtomicInput in = AtomicCodec.readInput(doc);
        assertThat(in.driver()).isEqualTo(Driver.ENERGY);
        assertThat(in.model()).isEqualTo(new Model("hf", "sto-3g"));
        assertThat(in.keywords()).containsEntry("maxiter", 50);

        AtomicResult ok = new AtomicResult(true, Driver.ENERGY, -2.8077839575, null, null,
                new AtomicProperties(-2.8077839575, -2.8077839575, null, 0.0, 4, 1, 1, false),
                new Provenance("builtin", "0.1.0", 0.01), null);
        JsonNode v2 = AtomicCodec.writeResult(in, ok, SchemaVersion.V2);
        assertThat(v2.get("schema_name").asText()).isEqualTo("qcschema_atomic_result");
        assertThat(v2.get("schema_version").asInt()).isEqualTo(2);
        assertThat(v2.get("input_data").get("specification").get("driver").asText()).isEqualTo("energy");
        assertThat(v2.get("molecule").get("schema_version").asInt()).isEqualTo(3);
        assertThat(v2.has("driver")).isFalse();
        assertThat(AtomicCodec.readResult(v2).energy()).isEqualTo(-2.8077839575);

        AtomicResult failed = AtomicResult.failure(Driver.ENERGY, new EngineError(ErrorClass.CONVERGENCE_FAILURE,
                "SCF did not converge"), new Provenance("builtin", "0.1.0", 0.01));
        JsonNode f = AtomicCodec.writeResult(in, failed, SchemaVersion.V2);
        assertThat(f.get("schema_name").asText()).isEqualTo("qcschema_failed_operation");
        assertThat(f.get("error").get("error_type").asText()).isEqualTo("convergence_error");
        assertThat(AtomicCodec.readResult(f).error().errorClass()).isEqualTo(ErrorClass.CONVERGENCE_FAILURE);
    }

    @Test
    void unknownFieldsAndDisagreeingVersionsAreNamed() {
        assertThatThrownBy(() -> AtomicCodec.readInput(json("""
                {"molecule": {"symbols": ["He"], "geometry": [0, 0, 0]}, "driver": "energy",
                 "model": {"method": "hf", "basis": "sto-3g"}, "keyword": {}}""")))
                .isInstanceOf(InputException.class).hasMessageContaining("'keyword': unknown field");
        assertThatThrownBy(() -> AtomicCodec.readInput(json("""
                {"schema_name": "qcschema_input", "schema_version": 2,
                 "molecule": {"symbols": ["He"], "geometry": [0, 0, 0]}}""")))
                .isInstanceOf(InputException.class).hasMessageContaining("schema_version");
        // a charge of 0.4 is not rounded away: the molecule reader of `run` and `compute` is one
        assertThatThrownBy(() -> AtomicCodec.readInput(json("""
                {"molecule": {"symbols": ["He"], "geometry": [0, 0, 0], "molecular_charge": 0.4},
                 "driver": "energy", "model": {"method": "hf", "basis": "sto-3g"}}""")))
                .isInstanceOf(InputException.class).hasMessageContaining("molecular_charge");
    }
}
