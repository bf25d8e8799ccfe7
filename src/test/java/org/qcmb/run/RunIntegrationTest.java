package org.qcmb.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.cli.Engines;
import org.qcmb.cli.Main;
import org.qcmb.common.Driver;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.io.FragmentStore;
import org.qcmb.io.InputFingerprint;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.Units;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.Model;
import org.qcmb.qcschema.manybody.ManyBodyInputCodec;
import org.qcmb.testing.LocalSpark;
import org.qcmb.testing.Trimer;

/** The run use case end to end on local[2] with the builtin engine. */
class RunIntegrationTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark("local[2,3]");

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    ManyBodyRun.Result run(ManyBodyInput in, Path out) {
        return new ManyBodyRun().execute(RunRequest.builder(in, Engines.registry(1)).inputName("test").out(out)
                .build(), SPARK.session());
    }

    /** Writes the run's stored fragment results as a conformance case and assembles it with `analyze`. */
    JsonNode analyzeStoredFragments(ManyBodyInput in, Path out) throws Exception {
        ObjectNode input = JSON.createObjectNode();
        input.set("molecule", Trimer.molecule());
        input.set("bsse_type", JSON.valueToTree(in.bsseTypes().stream().map(b -> b.label()).toList()));
        input.set("levels", JSON.valueToTree(Map.of("1", "(auto)", "2", "(auto)", "3", "(auto)")));
        input.put("return_total_data", true);
        input.put("supersystem_ie_only", false);
        ObjectNode components = JSON.createObjectNode();
        FragmentStore.existing(FragmentStore.location(out, InputFingerprint.of(in))).load().forEach((label, r) -> {
            ObjectNode c = components.putObject(label);
            c.put("energy", r.energy());
            if (r.gradient() != null) {
                c.set("gradient", JSON.valueToTree(r.gradient()));
            }
        });
        ObjectNode caseFile = JSON.createObjectNode();
        caseFile.set("input", input);
        caseFile.set("component_results", components);
        Path file = tmp.resolve("case-" + in.driver().schemaName() + ".json");
        Files.writeString(file, JSON.writeValueAsString(caseFile));
        Path doc = tmp.resolve("analyzed-" + in.driver().schemaName() + ".json");
        assertThat(Main.execute("analyze", file.toString(), "--output", doc.toString())).isZero();
        return JSON.readTree(doc.toFile());
    }

    @Test
    void trimerEnergyAndGradientEqualAnalyzeOnTheSameFragments() throws Exception {
        for (String driver : List.of("energy", "gradient")) {
            ManyBodyInput in = Trimer.input(driver, "[\"cp\", \"nocp\", \"vmfc\"]", "builtin", "hf", "sto-3g", "{}");
            Path out = tmp.resolve("trimer-" + driver);
            ManyBodyRun.Result r = run(in, out);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.report().computed()).isEqualTo(19);
            JsonNode viaRun = JSON.readTree(out.resolve("result.json").toFile());
            JsonNode viaAnalyze = analyzeStoredFragments(in, out);
            // same fragments, same fixed summation order: identical numbers, key for key
            assertThat(viaRun.get("properties")).isEqualTo(viaAnalyze.get("properties"));
            assertThat(viaRun.get("energy_body_dict")).isEqualTo(viaAnalyze.get("energy_body_dict"));
            assertThat(viaRun.get("return_result")).isEqualTo(viaAnalyze.get("return_result"));
        }
    }

    @Test
    void resultDocumentIsBitwiseReproducible() throws Exception {
        ManyBodyInput in = Trimer.input("gradient", "[\"vmfc\"]", "builtin", "hf", "sto-3g", "{}");
        run(in, tmp.resolve("a"));
        run(in, tmp.resolve("b"));
        assertThat(Files.readAllBytes(tmp.resolve("a/result.json")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("b/result.json")));
    }

    @Test
    void heliumTetramerMp2RunsAllThreeTreatmentsAndObeysTheFullOrderIdentities() throws Exception {
        double a = 2.0 / Units.BOHR_TO_ANGSTROM;
        String input = """
                {"molecule": {"symbols": ["He", "He", "He", "He"],
                  "geometry": [0, 0, 0, 0, 0, %1$s, 0, %1$s, 0, 0, %1$s, %1$s],
                  "fragments": [[0], [1], [2], [3]]},
                 "specification": {"driver": "energy",
                  "keywords": {"bsse_type": ["nocp", "cp", "vmfc"], "max_nbody": 4, "return_total_data": true},
                  "specification": {"program": "builtin", "model": {"method": "mp2", "basis": "aug-cc-pvdz"}}}}
                """.formatted(a);
        ManyBodyInput in = ManyBodyInputCodec.read(JSON.readTree(input), "he4").input();
        ManyBodyRun.Result r = run(in, tmp.resolve("he4"));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.report().computed()).isEqualTo(65); // semantics §3.3: N=4, M=4, all three treatments
        JsonNode p = JSON.readTree(tmp.resolve("he4/result.json").toFile()).get("properties");

        Molecule he4 = in.molecule();
        BuiltinEngine engine = new BuiltinEngine();
        java.util.function.BiFunction<int[], int[], Double> e = (real, basis) -> engine.compute(new AtomicInput(
                he4.subMolecule(real, basis), Driver.ENERGY, new Model("mp2", "aug-cc-pvdz"), Map.of(), null))
                .energy();
        int[] all = {1, 2, 3, 4};
        double full = e.apply(all, all);
        double monomers = 0;
        double monomersInClusterBasis = 0;
        for (int i = 1; i <= 4; i++) {
            monomers += e.apply(new int[] {i}, new int[] {i});
            monomersInClusterBasis += e.apply(new int[] {i}, all);
        }
        // at n = N the uncorrected expansion is exact; cp adds the monomers' basis-set superposition error back
        assertThat(p.get("nocp_corrected_total_energy").asDouble()).isCloseTo(full, within(1e-10));
        assertThat(p.get("cp_corrected_total_energy").asDouble())
                .isCloseTo(full + monomers - monomersInClusterBasis, within(1e-10));
        assertThat(p.get("cp_corrected_interaction_energy").asDouble())
                .isCloseTo(full - monomersInClusterBasis, within(1e-10));
        for (String bt : List.of("nocp", "cp", "vmfc")) {
            assertThat(p.get(bt + "_corrected_total_energy_through_1_body").asDouble()).as(bt)
                    .isCloseTo(monomers, within(1e-10));
        }
        // basis-set superposition lowers the uncorrected interaction energy
        assertThat(p.get("cp_corrected_interaction_energy").asDouble())
                .isGreaterThan(p.get("nocp_corrected_interaction_energy").asDouble());
    }
}
