package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.testing.ConsoleCapture;

/** {@code plan} on screened inputs: kept and screened counts per order; energy-screened orders depend on results. */
class PlanScreeningCommandTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();


    /** water16-conformer002 as a ManyBodyInput (angstrom) with the given screening block. */
    Path water16(String screening) throws Exception {
        String xyz;
        try (InputStream in = getClass().getResourceAsStream("/screening/water16-conformer002.xyz")) {
            xyz = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> symbols = new ArrayList<>();
        List<String> geometry = new ArrayList<>();
        for (String line : xyz.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && (f[0].equals("O") || f[0].equals("H"))) {
                symbols.add("\"" + f[0] + "\"");
                geometry.add(f[1] + ", " + f[2] + ", " + f[3]);
            }
        }
        List<String> frags = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            frags.add("[" + (3 * w) + ", " + (3 * w + 1) + ", " + (3 * w + 2) + "]");
        }
        Path p = dir.resolve("water16.json");
        Files.writeString(p, "{\"molecule\": {\"units\": \"angstrom\", \"symbols\": " + symbols + ", \"geometry\": ["
                + String.join(", ", geometry) + "], \"fragments\": " + frags + "},\n \"specification\": {\"keywords\":"
                + " {\"bsse_type\": \"nocp\", \"max_nbody\": 4, \"screening\": " + screening + "},"
                + " \"specification\": {\"model\": {\"method\": \"hf\", \"basis\": \"sto-3g\"}}}}");
        return p;
    }

    @Test
    void distanceScreeningShowsKeptAndScreenedPerOrder() throws Exception {
        int code = Main.execute("plan", water16("{\"distance\": {\"2\": 8.0, \"3\": 6.0, \"4\": 4.5}}").toString());
        assertThat(code).isZero();
        String text = console.out();
        assertThat(text).contains("distance cutoffs (closest_atoms, angstrom): {2=8.0, 3=6.0, 4=4.5}")
                .containsPattern("\\n  1 +16 +16 +0\\n")
                .containsPattern("\\n  2 +120 +107 +13\\n")
                .containsPattern("\\n  3 +560 +192 +368\\n")
                .containsPattern("\\n  4 +1820 +22 +1798\\n")
                .contains("Total distinct tasks: " + (16 + 107 + 192 + 22));
    }

    @Test
    void bundledExamplePlansAsDocumented() throws Exception {
        Path p = dir.resolve("water16-screened.yaml");
        try (InputStream in = getClass().getResourceAsStream("/examples/water16-screened.yaml")) {
            Files.copy(in, p);
        }
        assertThat(Main.execute("plan", p.toString())).isZero();
        assertThat(console.out()).containsPattern("\\n  4 +1820 +22 +1798\\n")
                .contains("Total distinct tasks: 337");
    }

    @Test
    void energyScreeningSaysCountsDependOnResults() throws Exception {
        int code = Main.execute("plan", water16("{\"distance\": {\"2\": 8.0}, \"energy\": {\"3\": 1e-4}}").toString());
        assertThat(code).isZero();
        String text = console.out();
        assertThat(text).contains("energy thresholds (hartree")
                .containsPattern("\\n  2 +120 +107 +13\\n")
                .containsPattern("\\n  3 +560 +depends on results\\n")
                .contains("Orders 3..4 are energy-screened")
                .contains("Total distinct tasks: " + (16 + 107));
    }
}
