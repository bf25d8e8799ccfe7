package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.testing.ConsoleCapture;

class PlanAnalyzeCommandTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();


    Path resource(String name) throws Exception {
        Path p = dir.resolve(name + ".json");
        try (InputStream in = getClass().getResourceAsStream("/conformance/" + name + ".json")) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void analyzePrintsDocument() throws Exception {
        int code = Main.execute("analyze", resource("single_energy_1").toString());
        assertThat(code).isZero();
        JsonNode doc = new ObjectMapper().readTree(console.out());
        // a conformance case has no QCSchema version: the result is v1, QCManyBody's unversioned default
        assertThat(doc.get("schema_name").asText()).isEqualTo("qcschema_manybodyresult");
        assertThat(doc.get("schema_version").asInt()).isEqualTo(1);
        assertThat(doc.get("return_result").asDouble()).isEqualTo(-224.89492025792052);
        // QCManyBody's per-fragment properties: one entry per task, the full system's atom count
        JsonNode given = new ObjectMapper().readTree(dir.resolve("single_energy_1.json").toFile()).get("component_results");
        JsonNode props = doc.get("component_properties");
        assertThat(props.size()).isEqualTo(doc.get("properties").get("calcinfo_nmbe").asInt()).isEqualTo(given.size());
        JsonNode monomer = props.get("[\"e_scf\", [1], [1]]");
        assertThat(monomer.get("calcinfo_natom").asInt()).isEqualTo(9);
        assertThat(monomer.get("return_energy").asDouble())
                .isEqualTo(given.get("[\"e_scf\", [1], [1]]").get("energy").asDouble());
        assertThat(doc.has("component_results")).isFalse();
    }

    @Test
    void analyzeWritesOutputDeterministically() throws Exception {
        Path in = resource("single_gradient_2");
        Path o1 = dir.resolve("a.json");
        Path o2 = dir.resolve("b.json");
        Files.writeString(o1, "old content");
        assertThat(Main.execute("analyze", in.toString(), "--output", o1.toString())).isZero();
        assertThat(Main.execute("analyze", in.toString(), "-o", o2.toString())).isZero();
        assertThat(Files.readAllBytes(o1)).isEqualTo(Files.readAllBytes(o2));
        assertThat(Files.readString(o1)).contains("\"gradient_body_dict\"");
    }

    @Test
    void badFileGivesOneLineExit2AndNoOutput() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"input\": [1,,]}");
        Path o = dir.resolve("out.json");
        assertThat(Main.execute("analyze", bad.toString(), "-o", o.toString())).isEqualTo(2);
        assertThat(o).doesNotExist();
        String e = console.err().trim();
        assertThat(e).startsWith("qcmb: error:").contains("malformed JSON at line 1").doesNotContain("\n");
        console.reset();
        assertThat(Main.execute("plan", dir.resolve("none.json").toString())).isEqualTo(2);
        assertThat(console.err().trim()).contains("no such file").doesNotContain("\n");
    }

    @Test
    void planCountsAndLists() throws Exception {
        Path xyz = dir.resolve("he3.xyz");
        Files.writeString(xyz, "He 0 0 0\n--\nHe 0 0 3\n--\nHe 0 3 0\n");
        assertThat(Main.execute("plan", xyz.toString(), "--bsse", "cp,nocp,vmfc", "--list")).isZero();
        String s = console.out();
        assertThat(s).contains("Total distinct tasks: 19").contains("[\"(auto)\", [1], [1, 2, 3]]");
        console.reset();
        assertThat(Main.execute("plan", xyz.toString(), "--max-nbody", "2", "--bsse", "cp")).isZero();
        assertThat(console.out()).contains("Total distinct tasks: 6");
    }
}
