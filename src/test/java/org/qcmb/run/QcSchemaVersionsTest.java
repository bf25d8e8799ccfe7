package org.qcmb.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.cli.Engines;
import org.qcmb.io.InputReader;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.SchemaVersion;
import org.qcmb.qcschema.manybody.InputDocument;
import org.qcmb.testing.LocalSpark;

/**
 * A QCSchema v2 ManyBodyInput from QCManyBody 0.7's own tests (helium tetramer, MP2/aug-cc-pVDZ, nocp + cp + vmfc
 * through 4-body, cluster_results kept) and the same calculation written as v1: each is answered in its own
 * shape, with the same numbers, and those numbers are QCManyBody's conventional-MP2 references.
 */
class QcSchemaVersionsTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark("local[2]");

    @TempDir
    Path tmp;

    static JsonNode resource(String name) throws Exception {
        try (InputStream in = QcSchemaVersionsTest.class.getResourceAsStream("/qcmanybody/" + name)) {
            return QcJson.mapper().readTree(in);
        }
    }

    /** The QCManyBody input with program psi4 replaced by the builtin engine (conventional MP2, exact). */
    static ObjectNode withBuiltin(JsonNode input) {
        ObjectNode copy = input.deepCopy();
        ((ObjectNode) copy.get("specification").get("specification")).put("program", "builtin");
        return copy;
    }

    /** The same calculation in QCSchema v1 names (QCManyBody's models.v1). */
    static ObjectNode asV1(JsonNode v2) {
        ObjectNode v1 = v2.deepCopy();
        v1.put("schema_name", "qcschema_manybodyinput");
        v1.put("schema_version", 1);
        ObjectNode spec = (ObjectNode) v1.get("specification");
        spec.put("schema_name", "qcschema_manybodyspecification");
        ((ObjectNode) spec.get("keywords")).put("schema_name", "qcschema_manybodykeywords");
        ((ObjectNode) spec.get("specification")).put("schema_name", "qcschema_atomicspecification");
        spec.set("protocols", QcJson.parse("{\"component_results\": \"all\"}", "protocols"));
        return v1;
    }

    JsonNode run(JsonNode input, String name, boolean resume) throws Exception {
        Path file = tmp.resolve(name + ".json");
        Files.writeString(file, input.toString());
        InputDocument doc = InputReader.readDocument(file, null, n -> { });
        ManyBodyRun.Result r = new ManyBodyRun().execute(RunRequest.builder(doc.input(), Engines.registry(1))
                .shape(doc.shape()).inputName(name).out(tmp.resolve("out")).resume(resume).build(), SPARK.session());
        assertThat(r.succeeded()).as(name + ": " + r.failures()).isTrue();
        return QcJson.mapper().readTree(tmp.resolve("out/result.json").toFile());
    }

    static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void theQcManyBodyV2InputIsAcceptedAsWritten() throws Exception {
        Path file = tmp.resolve("he4.json");
        Files.writeString(file, resource("he4-mp2-4b-all-v2.json").toString());
        InputDocument doc = InputReader.readDocument(file, null, n -> { });
        assertThat(doc.shape().version()).isEqualTo(SchemaVersion.V2);
        assertThat(doc.shape().clusterResults()).isTrue();
        assertThat(doc.input().specification("(auto)").program()).isEqualTo("psi4");
        assertThat(doc.input().plan().taskCount()).isEqualTo(65); // QCManyBody's calcinfo_nmbe for this case
    }

    @Test
    void v1AndV2GiveTheSameNumbersEachInItsOwnShape() throws Exception {
        JsonNode v2in = withBuiltin(resource("he4-mp2-4b-all-v2.json"));
        JsonNode v2 = run(v2in, "v2", false);
        // v1: the same molecule and specification (same fingerprint): the stored fragments are reused
        JsonNode v1 = run(asV1(v2in), "v1", true);

        assertThat(v2.get("schema_name").asText()).isEqualTo("qcschema_many_body_result");
        assertThat(v2.get("schema_version").asInt()).isEqualTo(2);
        assertThat(keys(v2)).containsExactly("schema_name", "schema_version", "success", "driver", "molecule",
                "return_result", "properties", "energy_body_dict", "cluster_properties", "cluster_results", "extras",
                "provenance");
        assertThat(v2.get("molecule").get("symbols").size()).isEqualTo(4);
        assertThat(v2.get("cluster_properties").size()).isEqualTo(65);
        assertThat(v2.get("cluster_results").size()).isEqualTo(65);
        JsonNode atomic = v2.get("cluster_results").get("[\"(auto)\", [1, 2, 4], [1, 2, 4]]");
        assertThat(atomic.get("schema_name").asText()).isEqualTo("qcschema_atomic_result");
        assertThat(atomic.get("input_data").get("specification").get("model").get("method").asText())
                .isEqualTo("mp2");

        assertThat(v1.get("schema_name").asText()).isEqualTo("qcschema_manybodyresult");
        assertThat(v1.get("schema_version").asInt()).isEqualTo(1);
        assertThat(keys(v1)).containsExactly("schema_name", "schema_version", "success", "driver", "return_result",
                "properties", "energy_body_dict", "component_properties", "component_results", "extras",
                "provenance");
        assertThat(v1.get("component_results").get("[\"(auto)\", [1, 2, 4], [1, 2, 4]]").get("schema_name")
                .asText()).isEqualTo("qcschema_output");

        // the same numbers, bit for bit
        assertThat(v1.get("properties")).isEqualTo(v2.get("properties"));
        assertThat(v1.get("return_result")).isEqualTo(v2.get("return_result"));
        assertThat(v1.get("component_properties")).isEqualTo(v2.get("cluster_properties"));

        // and they are QCManyBody's (its conventional-MP2 references, from Psi4)
        JsonNode expected = resource("he4-mp2-4b-all-expected.json");
        assertThat(v2.get("properties").get("calcinfo_nmbe").asInt()).isEqualTo(expected.get("calcinfo_nmbe")
                .asInt());
        for (Map.Entry<String, JsonNode> e : expected.get("properties").properties()) {
            assertThat(v2.get("properties").get(e.getKey())).as(e.getKey()).isNotNull();
            assertThat(v2.get("properties").get(e.getKey()).asDouble()).as(e.getKey())
                    .isCloseTo(e.getValue().asDouble(), within(1e-8));
        }
        // QCManyBody's species check: the cluster property of one trimer task
        assertThat(v2.get("cluster_properties").get("[\"(auto)\", [1, 2, 4], [1, 2, 4]]").get("return_energy")
                .asDouble()).isCloseTo(-8.644153798224503, within(1e-8));
    }
}
