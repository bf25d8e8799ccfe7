package org.qcmb.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qcmb.cli.Engines;
import org.qcmb.cli.Main;
import org.qcmb.io.InputReader;
import org.qcmb.io.XyzOptions;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.manybody.InputDocument;
import org.qcmb.testing.LocalSpark;

/**
 * Every bundled example (src/main/resources/examples) runs end to end, read as the command line reads it, and its
 * returned result matches the stored value of src/test/resources/examples/expected-results.json (Psi4 1.3.2 where
 * Psi4 can compute it). A new example without a stored value fails here, so none can be bundled untested.
 */
class ExamplesRunTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark("local[2,3]");

    static final Path EXAMPLES = Path.of("src/main/resources/examples");
    static JsonNode expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void expected() throws Exception {
        try (InputStream in = ExamplesRunTest.class.getResourceAsStream("/examples/expected-results.json")) {
            expected = QcJson.mapper().readTree(in).get("examples");
        }
    }

    static List<String> runExamples() throws Exception {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyRunExampleHasAStoredValueAndNoAnalyzeCaseHidesAmongThem() throws Exception {
        assertThat(runExamples()).containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());
        for (String name : runExamples()) {
            assertThat(QcJson.readText(EXAMPLES.resolve(name))).as(name).doesNotContain("component_results");
        }
    }

    @ParameterizedTest
    @MethodSource("runExamples")
    void runsEndToEndAndGivesTheStoredResult(String name) throws Exception {
        JsonNode want = expected.get(name);
        assertThat(want).as("stored value for " + name).isNotNull();
        List<String> options = new ArrayList<>();
        want.get("options").forEach(o -> options.add(o.asText()));
        InputDocument doc = InputReader.readDocument(EXAMPLES.resolve(name), xyzOptions(options), n -> { });
        Path out = tmp.resolve("out");
        ManyBodyRun.Result r = new ManyBodyRun().execute(RunRequest.builder(doc.input(), Engines.registry(1))
                .shape(doc.shape()).inputName(name).out(out).build(), SPARK.session());
        assertThat(r.succeeded()).as(name + ": " + r.failures()).isTrue();
        JsonNode result = QcJson.readTree(out.resolve("result.json"));
        double tol = want.get("tolerance").asDouble();
        JsonNode ret = want.get("return_result");
        if (ret.isNumber()) {
            assertThat(result.get("return_result").asDouble()).as(name).isCloseTo(ret.asDouble(), within(tol));
        } else {
            for (int a = 0; a < ret.size(); a++) {
                for (int k = 0; k < 3; k++) {
                    assertThat(result.get("return_result").get(a).get(k).asDouble()).as(name + " atom " + a)
                            .isCloseTo(ret.get(a).get(k).asDouble(), within(tol));
                }
            }
            assertThat(result.get("properties").get("return_energy").asDouble()).as(name)
                    .isCloseTo(want.get("return_energy").asDouble(), within(1e-9));
        }
    }

    /** The options the documentation gives for an XYZ example, as the command line would parse them. */
    static XyzOptions xyzOptions(List<String> args) {
        if (args.isEmpty()) {
            return null;
        }
        List<String> bsse = null;
        Integer maxNbody = null;
        String method = null;
        String basis = null;
        for (int i = 0; i < args.size(); i += 2) {
            String v = args.get(i + 1);
            switch (args.get(i)) {
                case "--bsse" -> bsse = List.of(v.split(","));
                case "--max-nbody" -> maxNbody = Integer.parseInt(v);
                case "--method" -> method = v;
                case "--basis" -> basis = v;
                default -> throw new IllegalArgumentException("option " + args.get(i) + " is not handled here");
            }
        }
        return new XyzOptions(bsse, maxNbody, method, basis, null, null, false, null);
    }

    /** The analyze example gives QCManyBody's own number for its case. */
    @Test
    void theAnalyzeExampleAssemblesQcManyBodysNumber() throws Exception {
        Path caseFile = EXAMPLES.resolve("analyze/water-trimer-case.json");
        Path doc = tmp.resolve("analyzed.json");
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("analyze", caseFile.toString(), "--output", doc.toString())).isZero();
        } finally {
            System.setOut(old);
        }
        JsonNode want = QcJson.readTree(caseFile).get("expected_qcmanybody"); // ManyBodyCore.analyze's output
        assertThat(QcJson.readTree(doc).get("return_result").asDouble())
                .isCloseTo(want.get("ret_energy").asDouble(), within(1e-9));
    }
}
