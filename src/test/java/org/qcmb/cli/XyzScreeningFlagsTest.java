package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.testing.ConsoleCapture;

/**
 * The screening flags of XYZ inputs ({@code --screen-distance}, {@code --screen-metric}, {@code --screen-energy}):
 * they plan what the same {@code screening} block plans (the counts of docs/screening.md, recounted by brute force
 * in DistanceScreeningTest), and every mistake is one line that names the flag, with exit code 2.
 */
class XyzScreeningFlagsTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();


    private Path water16() throws Exception {
        Path p = dir.resolve("water16.xyz");
        try (InputStream in = getClass().getResourceAsStream("/screening/water16-conformer002.xyz")) {
            Files.copy(in, p);
        }
        return p;
    }

    private int plan(String... flags) throws Exception {
        String[] args = new String[flags.length + 6];
        args[0] = "plan";
        args[1] = water16().toString();
        args[2] = "--bsse";
        args[3] = "nocp";
        args[4] = "--max-nbody";
        args[5] = "4";
        System.arraycopy(flags, 0, args, 6, flags.length);
        return Main.execute(args);
    }

    @Test
    void distanceFlagsPlanTheDocumentedCounts() throws Exception {
        assertThat(plan("--screen-distance", "2=8.0,3=6.0,4=4.5", "--screen-metric", "closest_atoms")).isZero();
        String text = console.out();
        assertThat(text).contains("distance cutoffs (closest_atoms, angstrom): {2=8.0, 3=6.0, 4=4.5}")
                .containsPattern("\\n  2 +120 +107 +13\\n")
                .containsPattern("\\n  3 +560 +192 +368\\n")
                .containsPattern("\\n  4 +1820 +22 +1798\\n")
                .contains("Total distinct tasks: 337");
    }

    @Test
    void metricAndEnergyFlags() throws Exception {
        // an order without a cutoff keeps every pair: only the 3-body cutoff acts, on the centres of mass
        assertThat(plan("--screen-distance", "3=1000", "--screen-metric", "centers_of_mass", "--screen-energy",
                "4=1e-4")).isZero();
        String text = console.out();
        assertThat(text).contains("distance cutoffs (centers_of_mass, angstrom): {3=1000.0}")
                .contains("energy thresholds (hartree, on the sum of |increment| of the (n-1)-subsets): {4=1.0E-4}")
                .containsPattern("\\n  3 +560 +560 +0\\n")
                .containsPattern("\\n  4 +1820 +depends on results\\n")
                .contains("Total distinct tasks: " + (16 + 120 + 560));
    }

    @Test
    void mistakesNameTheFlag() throws Exception {
        expectError(new String[] {"--screen-distance", "2:8.0"},
                "--screen-distance: '2:8.0' is not ORDER=ANGSTROM (e.g. --screen-distance 2=8.0,3=6.0,4=4.5)");
        expectError(new String[] {"--screen-distance", "2=far"},
                "--screen-distance 2=far: 'far' is not a number (angstrom)");
        expectError(new String[] {"--screen-distance", "1=8.0"},
                "'--screen-distance 1': distance cutoffs start at order 2 (monomers are always kept)");
        expectError(new String[] {"--screen-distance", "2=0"}, "'--screen-distance 2': must be a number > 0");
        expectError(new String[] {"--screen-distance", "2=8,2=9"}, "--screen-distance: order 2 is given twice");
        expectError(new String[] {"--screen-distance", "17=8"},
                "'--screen-distance 17': order 17 is above the number of fragments (16)");
        expectError(new String[] {"--screen-energy", "2=1e-4"}, "'--screen-energy 2': energy thresholds start at"
                + " order 3");
        expectError(new String[] {"--screen-energy", "3=-1"}, "'--screen-energy 3': must be a number >= 0");
        expectError(new String[] {"--screen-metric", "centers_of_mass"},
                "--screen-metric applies to distance cutoffs: give --screen-distance too");
        expectError(new String[] {"--screen-distance", "2=8", "--screen-metric", "nearest"},
                "'--screen-metric': must be \"closest_atoms\" or \"centers_of_mass\", not 'nearest'");
    }

    @Test
    void flagsApplyToXyzOnly() throws Exception {
        Path json = dir.resolve("in.json");
        try (InputStream in = getClass().getResourceAsStream("/examples/water-trimer-input.json")) {
            Files.copy(in, json);
        }
        assertThat(Main.execute("plan", json.toString(), "--screen-distance", "2=8")).isEqualTo(Main.EXIT_INPUT);
        assertThat(console.err()).contains("--screen-* apply to XYZ input only");
    }

    private void expectError(String[] flags, String message) throws Exception {
        console.reset();
        Files.deleteIfExists(dir.resolve("water16.xyz"));
        assertThat(plan(flags)).as(String.join(" ", flags)).isEqualTo(Main.EXIT_INPUT);
        String text = console.err();
        assertThat(text).as(String.join(" ", flags)).startsWith("qcmb: error: ").contains(message);
        assertThat(text.strip().lines().count()).isEqualTo(1);
    }
}
