package org.qcmb.engine.psi4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.common.Driver;
import org.qcmb.engine.EngineException;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Model;
import org.qcmb.qcschema.PointCharge;

/** The QCSchema document, the error mapping and the settings, without running psi4. */
class Psi4JsonTest {
    private static final Molecule HE_GHOST = new Molecule(List.of("He", "He"), new double[] {0, 0, 0, 0, 0, 5.6},
            new boolean[] {true, false}, List.of(new int[] {0, 1}), new int[] {0}, new int[] {1}, 0, 1);

    @Test
    void inputDocumentHasFixedFrameGhostsModelAndKeywords() {
        JsonNode doc = Psi4Json.input(new AtomicInput(HE_GHOST, Driver.GRADIENT, new Model("mp2", "aug-cc-pvdz"),
                Map.of("scf_type", "pk", "e_convergence", 1e-10), null), 600_000_000L);

        assertThat(doc.get("schema_name").asText()).isEqualTo("qcschema_input");
        assertThat(doc.get("schema_version").asInt()).isEqualTo(1);
        assertThat(doc.get("driver").asText()).isEqualTo("gradient");
        assertThat(doc.get("model").get("method").asText()).isEqualTo("mp2");
        assertThat(doc.get("model").get("basis").asText()).isEqualTo("aug-cc-pvdz");
        assertThat(doc.get("keywords").get("scf_type").asText()).isEqualTo("pk");
        assertThat(doc.get("keywords").get("e_convergence").asDouble()).isEqualTo(1e-10);
        assertThat(doc.get("memory").asLong()).isEqualTo(600_000_000L);
        JsonNode mol = doc.get("molecule");
        assertThat(mol.get("real").toString()).isEqualTo("[true,false]");
        assertThat(mol.get("geometry").get(5).asDouble()).isEqualTo(5.6);
        assertThat(mol.get("fix_com").asBoolean()).isTrue();
        assertThat(mol.get("fix_orientation").asBoolean()).isTrue();
        assertThat(mol.get("fix_symmetry").asText()).isEqualTo("c1");
        assertThat(doc.has("extras")).isFalse();
    }

    @Test
    void pointChargesGoToExtras() {
        JsonNode doc = Psi4Json.input(new AtomicInput(HE_GHOST, Driver.HESSIAN, new Model("hf", "sto-3g"),
                Map.of(), List.of(new PointCharge(-0.5, 1, 2, 3))), Psi4Engine.MIN_MEMORY_BYTES);

        assertThat(doc.get("extras").get(Psi4Json.EXTERNAL_CHARGES).toString()).isEqualTo("[[-0.5,1.0,2.0,3.0]]");
    }

    @Test
    void psi4ExceptionTypesMapToErrorClasses() {
        assertThat(Psi4Engine.classify(new Psi4Json.Failure("SCFConvergenceError", "Could not converge SCF")))
                .isEqualTo(ErrorClass.CONVERGENCE_FAILURE);
        assertThat(Psi4Engine.classify(new Psi4Json.Failure("ConvergenceError", "")))
                .isEqualTo(ErrorClass.CONVERGENCE_FAILURE);
        assertThat(Psi4Engine.classify(new Psi4Json.Failure("BasisSetNotFound", "")))
                .isEqualTo(ErrorClass.INPUT_ERROR);
        assertThat(Psi4Engine.classify(new Psi4Json.Failure("ValidationError", "")))
                .isEqualTo(ErrorClass.INPUT_ERROR);
        assertThat(Psi4Engine.classify(new Psi4Json.Failure("RuntimeError", "PSIO_ERROR: 9 (error writing to file)")))
                .isEqualTo(ErrorClass.ENGINE_CRASH);
    }

    @Test
    void settingsRejectWhatPsi4WouldRefuse() {
        Psi4Engine.Settings d = Psi4Engine.Settings.defaults();
        assertThatThrownBy(() -> d.withMemoryBytes(100_000_000L)).hasMessageContaining("250 MiB");
        assertThatThrownBy(() -> d.withThreads(0)).hasMessageContaining("threads");
        assertThat(d.withThreads(2).withTimeout(java.time.Duration.ofMinutes(5)).threads()).isEqualTo(2);
    }

    @Test
    void missingExecutableFailsCheckAndComputeClearly(@TempDir Path scratchRoot) {
        Psi4Engine engine = new Psi4Engine(Psi4Engine.Settings.defaults()
                .withExecutable("/nonexistent/psi4").withScratchRoot(scratchRoot.toString()));

        assertThatThrownBy(engine::checkAvailable).isInstanceOf(EngineException.class)
                .hasMessageContaining("psi4 not found on PATH: install it (apt-get install psi4) or use program builtin");
        AtomicResult r = engine.compute(new AtomicInput(HE_GHOST, Driver.ENERGY, new Model("hf", "sto-3g"), null, null));
        assertThat(r.success()).isFalse();
        assertThat(r.error().errorClass()).isEqualTo(ErrorClass.ENGINE_CRASH);
        assertThat(r.error().message()).contains("cannot start psi4");
        assertThat(r.provenance().version()).isEqualTo("unknown");
        assertThat(scratchRoot).isEmptyDirectory();
    }

    @Test
    void engineSerializesWithItsSettings() throws Exception {
        Psi4Engine engine = new Psi4Engine(Psi4Engine.Settings.defaults().withThreads(2).withKeepScratch(true));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(engine);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            Psi4Engine copy = (Psi4Engine) in.readObject();
            assertThat(copy.settings()).isEqualTo(engine.settings());
            assertThat(copy.name()).isEqualTo("psi4");
        }
    }
}
