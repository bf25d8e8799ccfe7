package org.qcmb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;

/** ManyBodyInput reading and every validation error of semantics §1.5 (plus unknown fields, ranges, files). */
class InputReaderTest {
    @TempDir
    Path dir;

    static final String MOL = """
            "molecule": {"symbols": ["He", "He", "He"], "geometry": [0, 0, 0, 0, 0, 4, 0, 4, 0],
                         "fragments": [[0], [1], [2]]}""";

    String input(String keywords) {
        return input(keywords, "{\"program\": \"builtin\", \"model\": {\"method\": \"hf\", \"basis\": \"sto-3g\"}}");
    }

    String input(String keywords, String spec) {
        return "{" + MOL + ",\n \"specification\": {\"driver\": \"energy\", \"keywords\": {" + keywords + "},\n"
                + " \"specification\": " + spec + "}}";
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    ManyBodyInput read(String keywords) throws IOException {
        return InputReader.read(write("in.json", input(keywords)), null);
    }

    void fails(String keywords, String... fragments) throws IOException {
        Path p = write("bad.json", input(keywords));
        var a = assertThatThrownBy(() -> InputReader.read(p, null)).isInstanceOf(InputException.class);
        for (String f : fragments) {
            a.hasMessageContaining(f);
        }
    }

    @Test
    void defaultsAndSingleSpecification() throws IOException {
        ManyBodyInput in = read("");
        assertThat(in.bsseTypes()).containsExactly(BsseType.CP);
        assertThat(in.levels()).isEqualTo(Map.of(1, "(auto)", 2, "(auto)", 3, "(auto)"));
        assertThat(in.returnTotalData()).isFalse();
        assertThat(in.driver()).isEqualTo(Driver.ENERGY);
        assertThat(in.specification("(auto)").method()).isEqualTo("hf");
        assertThat(in.specification("(auto)").basis()).isEqualTo("sto-3g");
        assertThat(in.specification("(auto)").program()).isEqualTo("builtin");
    }

    @Test
    void bsseNormalisation() throws IOException {
        assertThat(read("\"bsse_type\": [\"ssFC\", \"none\"]").bsseTypes()).containsExactly(BsseType.CP,
                BsseType.NOCP);
        assertThat(read("\"bsse_type\": [\"ssfc\", \"vmfc\", \"nocp\", \"cp\"]").bsseTypes())
                .containsExactly(BsseType.CP, BsseType.VMFC, BsseType.NOCP);
        assertThat(read("\"bsse_type\": \"mbE\"").bsseTypes()).containsExactly(BsseType.NOCP);
    }

    @Test
    void levelsAndMaxNbody() throws IOException {
        assertThat(read("\"max_nbody\": 2").levels()).isEqualTo(Map.of(1, "(auto)", 2, "(auto)"));
        String multi = "{\"a\": {\"model\": {\"method\": \"mp2\"}}, \"b\": {\"model\": {\"method\": \"hf\"}},"
                + " \"s\": {\"model\": {\"method\": \"hf\", \"basis\": \"x\"}}}";
        ManyBodyInput in = InputReader.read(write("m.json", input("\"levels\": {\"3\": \"b\", \"1\": \"a\","
                + " \"supersystem\": \"s\"}", multi)), null);
        assertThat(in.levels()).isEqualTo(Map.of(1, "a", 2, "b", 3, "b"));
        assertThat(in.supersystemMc()).isEqualTo("s");
        assertThat(in.specifications()).containsOnlyKeys("a", "b", "s");
        ManyBodyInput ss1 = InputReader.read(write("m.json", input("\"levels\": {\"1\": \"a\","
                + " \"supersystem\": \"s\"}", multi)), null);
        assertThat(ss1.expansionSpec().maxNbody()).isEqualTo(1);
    }

    @Test
    void rtdDefaultsByDriver() throws IOException {
        String g = input("").replace("\"driver\": \"energy\"", "\"driver\": \"gradient\"");
        assertThat(InputReader.read(write("g.json", g), null).returnTotalData()).isTrue();
    }

    @Test
    void h1UnknownBsse() throws IOException {
        fails("\"bsse_type\": [\"cp\", \"xyz\"]", "'specification.keywords.bsse_type[1]'",
                "Input should be 'nocp', 'cp' or 'vmfc'");
    }

    @Test
    void h2EmbeddingChargeCountAndLengths() throws IOException {
        fails("\"return_total_data\": true, \"embedding_charges\": {\"1\": [0.5], \"2\": [-0.5]}",
                "embedding_charges", "entries for each 1-indexed fragment");
        fails("\"return_total_data\": true, \"embedding_charges\": {\"1\": [0.5], \"2\": [-0.5], \"3\": [1, 2]}",
                "'specification.keywords.embedding_charges.3'", "one point charge per atom");
    }

    @Test
    void h3EmbeddingNeedsRtd() throws IOException {
        fails("\"embedding_charges\": {\"1\": [0.5], \"2\": [-0.5], \"3\": [0]}",
                "Cannot return interaction data when using embedding scheme");
        ManyBodyInput in = read("\"return_total_data\": true, \"bsse_type\": \"nocp\","
                + " \"embedding_charges\": {\"1\": [0.5], \"2\": [-0.5], \"3\": [0.25]}");
        List<double[]> q = in.embeddingChargesFor(new FragmentTask("(auto)", new int[] {1}, new int[] {1}));
        assertThat(q).hasSize(2);
        assertThat(q.get(0)).containsExactly(-0.5, 0, 0, 4);
        assertThat(q.get(1)).containsExactly(0.25, 0, 4, 0);
        assertThat(in.embeddingChargesFor(new FragmentTask("(auto)", new int[] {1}, new int[] {1, 2, 3})))
                .isEmpty();
    }

    @Test
    void h4DuplicateModelChemistries() throws IOException {
        fails("\"levels\": {\"1\": \"(auto)\", \"3\": \"(auto)\"}", "Cannot have duplicate model chemistries");
        fails("\"levels\": {\"2\": \"(auto)\", \"supersystem\": \"(auto)\"}",
                "Cannot have duplicate model chemistries");
    }

    @Test
    void h5MaxNbodyRange() throws IOException {
        fails("\"max_nbody\": 4", "'specification.keywords.max_nbody'", "should be between 1 and 3");
        fails("\"max_nbody\": 0", "should be between 1 and 3");
        fails("\"levels\": {\"4\": \"(auto)\"}", "should be between 1 and 3");
    }

    @Test
    void h6h7SupersystemIeOnly() throws IOException {
        fails("\"max_nbody\": 2, \"supersystem_ie_only\": true", "Cannot skip intermediate n-body jobs when"
                + " max_nbody=2");
        fails("\"bsse_type\": [\"vmfc\"], \"supersystem_ie_only\": true",
                "Cannot skip intermediate n-body jobs when VMFC in bsse_type");
    }

    @Test
    void h8MoleculeProblems() throws IOException {
        Path p = write("el.json", input("").replace("\"He\", \"He\", \"He\"", "\"He\", \"A\", \"He\""));
        assertThatThrownBy(() -> InputReader.read(p, null)).hasMessageContaining("'molecule.symbols[1]'")
                .hasMessageContaining("unknown element symbol 'A'");
        Path q = write("fr.json", input("").replace("[[0], [1], [2]]", "[[0, 2], [1]]"));
        assertThatThrownBy(() -> InputReader.read(q, null)).hasMessageContaining("'molecule.fragments'")
                .hasMessageContaining("reorder atoms");
        Path r = write("ch.json", input("").replace("\"fragments\"", "\"molecular_multiplicity\": 2, \"fragments\""));
        assertThatThrownBy(() -> InputReader.read(r, null)).hasMessageContaining("molecular_multiplicity")
                .hasMessageContaining("impossible");
        Path one = write("one.json", input("").replace("[[0], [1], [2]]", "[[0, 1, 2]]"));
        assertThatThrownBy(() -> InputReader.read(one, null)).hasMessageContaining("fragmentation has not been"
                + " specified");
    }

    @Test
    void unknownFieldsAnywhere() throws IOException {
        fails("\"bsse_typo\": \"cp\"", "'specification.keywords.bsse_typo'", "unknown field");
        Path p = write("u.json", input("").replace("\"fragments\"", "\"fragmnets\": [], \"fragments\""));
        assertThatThrownBy(() -> InputReader.read(p, null)).hasMessageContaining("'molecule.fragmnets'");
        Path q = write("v.json", input("", "{\"program\": \"builtin\", \"model\": {\"method\": \"hf\","
                + " \"basis\": \"sto-3g\", \"bassis\": 1}}"));
        assertThatThrownBy(() -> InputReader.read(q, null))
                .hasMessageContaining("'specification.specification.model.bassis'");
    }

    @Test
    void fileProblems() throws IOException {
        assertThatThrownBy(() -> InputReader.read(dir.resolve("missing.json"), null))
                .hasMessageContaining("missing.json: no such file");
        Path p = write("broken.json", "{\n  \"molecule\": {\n    \"symbols\": [\"He\",, ]\n}");
        assertThatThrownBy(() -> InputReader.read(p, null)).hasMessageContaining("malformed JSON at line 3,"
                + " column");
        Path q = write("spec.json", input("").replace("\"program\": \"builtin\",", "\"program\": \"builtin\","
                + " \"driver\": \"energy\",").replace("\"driver\": \"energy\", \"keywords\"",
                "\"driver\": \"enrgy\", \"keywords\""));
        assertThatThrownBy(() -> InputReader.read(q, null)).hasMessageContaining("'specification.driver'");
        Path r = write("ml.json", input("\"levels\": {\"1\": \"mp2\", \"2\": \"hf\"}"));
        assertThatThrownBy(() -> InputReader.read(r, null)).hasMessageContaining("no entry for model chemistry"
                + " 'mp2'");
    }

    @Test
    void yamlInput() throws IOException {
        String yaml = """
                molecule:
                  symbols: [He, He]
                  geometry: [[0, 0, 0], [0, 0, 5.6]]
                  fragments: [[0], [1]]
                specification:
                  driver: gradient
                  keywords:
                    bsse_type: [cp, nocp]
                  specification:
                    program: builtin
                    model: {method: hf, basis: cc-pvdz}
                """;
        ManyBodyInput in = InputReader.read(write("in.yaml", yaml), null);
        assertThat(in.driver()).isEqualTo(Driver.GRADIENT);
        assertThat(in.bsseTypes()).containsExactly(BsseType.CP, BsseType.NOCP);
        assertThat(in.molecule().z(1)).isEqualTo(5.6);
        Path bad = write("bad.yaml", yaml.replace("bsse_type", "bsse_tpye"));
        assertThatThrownBy(() -> InputReader.read(bad, null)).hasMessageContaining("bsse_tpye");
    }

    @Test
    void xyzInputWithOptions() throws IOException {
        Path p = write("d.xyz", "He 0 0 0\n--\nHe 0 0 3\n--\nHe 0 3 0\n");
        ManyBodyInput in = InputReader.read(p, new XyzOptions(List.of("vmfc", "cp"), 2, "mp2", "cc-pvdz", null,
                "gradient", false, null));
        assertThat(in.bsseTypes()).containsExactly(BsseType.VMFC, BsseType.CP);
        assertThat(in.levels()).containsOnlyKeys(1, 2);
        assertThat(in.specification("(auto)").program()).isEqualTo("builtin");
        assertThat(in.driver()).isEqualTo(Driver.GRADIENT);
        assertThatThrownBy(() -> InputReader.read(p, new XyzOptions(null, 5, null, null, null, null, false, null)))
                .hasMessageContaining("'--max-nbody'").hasMessageContaining("between 1 and 3");
        Path j = write("x.json", input(""));
        assertThatThrownBy(() -> InputReader.read(j, new XyzOptions(List.of("cp"), null, null, null, null, null,
                false, null))).hasMessageContaining("apply to XYZ input only");
    }
}
