package org.qcmb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.synthetic.SyntheticEngine;
import org.qcmb.io.FragmentStore;
import org.qcmb.io.InputFingerprint;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.TaskLabel;
import org.qcmb.molecule.Units;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.run.RunObserver;
import org.qcmb.spark.SparkSessions;

/**
 * The accuracy category on five He atoms on a line (x = 0, 2, 4, 9, 20 bohr, one per fragment), nocp through
 * 3-body, with the synthetic engine: its energy is -1 per He and -0.01/r per real pair (bohr), so every nocp dimer
 * increment is exactly -0.01/r and every trimer increment is zero. The screened errors, kept fractions and the
 * terms each rule keeps therefore follow by hand:
 * <ul>
 *   <li>distance 2: 5.0 A (9.449 bohr) drops the pairs 15, 25, 35, 45 (20, 18, 16, 11 bohr) and so every trimer
 *       but 123, 124, 134, 234: 5 + 6 + 4 of 25 fragments, total error +0.01 (1/20 + 1/18 + 1/16 + 1/11) Eh;</li>
 *   <li>energy 3: 0.008 Eh keeps the trimers whose three pairs have sum 0.01/r >= 0.008: 123 (sum 1/r = 1.25) and
 *       234 (0.843), the next being 124 (0.754): 5 + 10 + 2 fragments, no error.</li>
 * </ul>
 */
class AccuracyBenchmarkTest {
    static SparkSession spark;
    @TempDir
    static Path tmp;
    static final String LINE = "units bohr\nHe 0 0 0\n--\nHe 2 0 0\n--\nHe 4 0 0\n--\nHe 9 0 0\n--\nHe 20 0 0\n";
    static final EngineRegistry ENGINES = new EngineRegistry().register("synthetic", SyntheticEngine::new);

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2]", null, Map.of("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static AccuracyCase line() {
        Map<Integer, Double> energy = new LinkedHashMap<>();
        energy.put(3, 0.008);
        return new AccuracyCase("he5-line", "5 He line nocp3", LINE, 3, BsseType.NOCP, "hf", "sto-3g", "synthetic",
                List.of(AccuracyCase.Variant.of(new double[] {5.0}, null), AccuracyCase.Variant.of(null, energy)),
                "d 5");
    }

    static List<Figure> run() throws Exception {
        return new AccuracyBenchmark(ENGINES, tmp.resolve("cache"), List.of(line()), RunObserver.SILENT, spark)
                .run(null);
    }

    static double value(List<Figure> figures, String variant, Metric metric) {
        return figures.stream().filter(f -> f.variant().equals(variant) && f.metric() == metric).findFirst()
                .orElseThrow(() -> new AssertionError(variant + " " + metric)).value();
    }

    @Test
    void screenedErrorsKeptFractionsAndTimeSavedFromTheReferenceFragments() throws Exception {
        List<Figure> first = run();
        double pairs = 0;
        double[] x = {0, 2, 4, 9, 20};
        for (int i = 0; i < 5; i++) {
            for (int j = i + 1; j < 5; j++) {
                pairs += 0.01 / (x[j] - x[i]);
            }
        }
        assertThat(value(first, "unscreened", Metric.INTERACTION_ENERGY))
                .isCloseTo(-pairs * Units.HARTREE_TO_KCALMOL, within(1e-9));
        assertThat(first.stream().filter(f -> f.metric() == Metric.WALL_TIME && f.variant().equals("unscreened")))
                .as("the reference was computed by this run").hasSize(1);

        double dropped = 0.01 * (1.0 / 20 + 1.0 / 18 + 1.0 / 16 + 1.0 / 11) * Units.HARTREE_TO_KCALMOL;
        assertThat(value(first, "d 5", Metric.TOTAL_ERROR)).isCloseTo(dropped, within(1e-9));
        assertThat(value(first, "d 5", Metric.ERROR_PER_MONOMER)).isCloseTo(dropped / 5, within(1e-9));
        assertThat(value(first, "d 5", Metric.KEPT)).isCloseTo(100.0 * 15 / 25, within(1e-12));
        assertThat(value(first, "e3 8e-03", Metric.KEPT)).isCloseTo(100.0 * 17 / 25, within(1e-12));
        assertThat(value(first, "e3 8e-03", Metric.TOTAL_ERROR)).isCloseTo(0, within(1e-9));

        // time saved: 1 - engine time of the kept fragments, listed here by hand, over all 25 stored ones
        Map<String, AtomicResult> stored = FragmentStore.existing(FragmentStore.location(
                tmp.resolve("cache/accuracy/he5-line"), InputFingerprint.of(line().input()))).load();
        assertThat(stored).hasSize(25);
        List<int[]> kept = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            kept.add(new int[] {i});
        }
        for (int[] d : new int[][] {{1, 2}, {1, 3}, {1, 4}, {2, 3}, {2, 4}, {3, 4}, {1, 2, 3}, {1, 2, 4}, {1, 3, 4},
                {2, 3, 4}}) {
            kept.add(d);
        }
        double all = stored.values().stream().mapToDouble(r -> r.provenance().wallTime()).sum();
        double part = kept.stream().mapToDouble(s -> stored.get(TaskLabel.format("(auto)", s, s)).provenance()
                .wallTime()).sum();
        assertThat(value(first, "d 5", Metric.TIME_SAVED)).isCloseTo(100 * (1 - part / all), within(1e-9));

        // the real screened run computes the same 15 fragments and gets the same energy
        assertThat(value(first, "d 5 (run)", Metric.ENERGY_DIFFERENCE)).isZero();
        assertThat(first.stream().filter(f -> f.variant().equals("d 5 (run)")).mapToInt(Figure::nTasks).distinct()
                .toArray()).containsExactly(15);

        // a second benchmark run reuses the stored reference: same figures, nothing recomputed
        List<Figure> second = run();
        assertThat(second.stream().filter(f -> f.metric() == Metric.WALL_TIME && f.variant().equals("unscreened")))
                .isEmpty();
        for (String v : List.of("d 5", "e3 8e-03")) {
            for (Metric m : List.of(Metric.TOTAL_ERROR, Metric.KEPT, Metric.TIME_SAVED)) {
                assertThat(value(second, v, m)).as(v + " " + m).isEqualTo(value(first, v, m));
            }
        }
    }

    @Test
    void casesOfTheIssueAreKnownAndUnknownOnesNamed() {
        assertThat(AccuracyBenchmark.all()).containsKeys("water16-mbe4-nocp-hf-sto-3g", "water16-mbe4-cp-hf-6-31gs",
                "water32-mbe3-nocp-hf-6-31gs");
        AccuracyCase w16 = AccuracyBenchmark.all().get("water16-mbe4-cp-hf-sto-3g");
        assertThat(w16.input().plan().taskCount()).isEqualTo(16 + 2516); // own-basis monomers + cp x@F
        assertThat(w16.variants()).extracting(AccuracyCase.Variant::name).contains("d 8/6/4.5", "e3,4 1e-04");
        assertThat(AccuracyBenchmark.all().get("water32-mbe3-nocp-hf-sto-3g").validate()).isEqualTo("d 10/7");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccuracyBenchmark.select(List.of("water99"), false))
                .hasMessageContaining("--accuracy-cases: unknown case 'water99'");
    }
}
