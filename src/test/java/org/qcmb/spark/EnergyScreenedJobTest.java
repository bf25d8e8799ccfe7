package org.qcmb.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.common.Driver;
import org.qcmb.engine.synthetic.SyntheticEngine;
import org.qcmb.mbe.Assembler;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ComponentResult;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.MoleculeBuilder;

/**
 * An energy-screened run plans each level from the previous level's results. Five He atoms on a line, one per
 * fragment, with the synthetic engine: its energy is -Z/2 per atom and -0.01/r per real pair (bohr), so the nocp
 * 2-body increment of a dimer is exactly -0.01/r_ij and every 3-body increment vanishes. The trimers the run
 * computes are therefore known by hand from the distances: those with sum |0.01/r| over their three pairs >= tau_3.
 */
class EnergyScreenedJobTest {
    static SparkSession spark;
    static final double[] X = {0, 2, 4, 9, 20};

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2]", null, Map.of("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static ManyBodyInput input(double tau3, double tau4) {
        double[] geo = new double[15];
        List<int[]> frags = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            geo[3 * i] = X[i];
            frags.add(new int[] {i});
        }
        Molecule mol = new MoleculeBuilder().symbols(List.of("He", "He", "He", "He", "He")).geometryBohr(geo)
                .fragments(frags).build();
        Map<String, Object> energy = new LinkedHashMap<>();
        energy.put("3", tau3);
        energy.put("4", tau4);
        return ManyBodyInput.create(mol, Driver.ENERGY, List.of("nocp"), null, 4, true, null, null,
                Map.of(ManyBodyInput.AUTO, new AtomicSpecification("synthetic", "hf", "sto-3g", null, null, null)),
                Map.of("energy", energy), "");
    }

    static double pairIncrement(int i, int j) {
        return 0.01 / Math.abs(X[i - 1] - X[j - 1]);
    }

    /** Trimers whose three pair increments sum (in absolute value) to at least tau. */
    static Set<List<Integer>> expectedTrimers(double tau) {
        Set<List<Integer>> out = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            for (int j = i + 1; j <= 5; j++) {
                for (int k = j + 1; k <= 5; k++) {
                    if (pairIncrement(i, j) + pairIncrement(i, k) + pairIncrement(j, k) >= tau) {
                        out.add(List.of(i, j, k));
                    }
                }
            }
        }
        return out;
    }

    record Run(ManyBodyJob.Outcome outcome, List<Integer> sinkLevels, List<StageRecord> stages) {
    }

    static Run run(ManyBodyInput in) {
        Plan plan = in.plan();
        assertThat(plan.complete()).isFalse();
        assertThat(plan.tasksByLevel().keySet()).containsExactly(1, 2);
        MetricsRecord record = new MetricsRecord();
        MetricsListener metrics = new MetricsListener(record);
        spark.sparkContext().addSparkListener(metrics);
        List<Integer> sinkLevels = new ArrayList<>();
        ManyBodyJob.Outcome out = new ManyBodyJob(spark, new FragmentStage(0, 1), null)
                .run(new FragmentContext(in, Map.of(ManyBodyInput.AUTO, new SyntheticEngine())), plan, Map.of(),
                        (level, outcomes) -> sinkLevels.add(level));
        spark.sparkContext().removeSparkListener(metrics);
        MetricsListener.drain(spark.sparkContext());
        return new Run(out, sinkLevels, record.stages());
    }

    static Set<List<Integer>> trimersRun(ManyBodyJob.Outcome out) {
        Set<List<Integer>> got = new HashSet<>();
        out.results().keySet().stream().filter(t -> t.level() == 3)
                .forEach(t -> got.add(Arrays.stream(t.real()).boxed().toList()));
        return got;
    }

    @Test
    void levelThreeComesFromLevelTwoIncrementsAndLevelFourFromLevelThree() {
        // tau_3 = 0.005: 1-2-3 (0.0125), 1-2-4, 1-2-5, 1-3-4 (0.0056), 2-3-4, 2-3-5 pass; 3-4-5 (0.0035) does not
        Set<List<Integer>> trimers = expectedTrimers(0.005);
        assertThat(trimers).hasSize(6).contains(List.of(1, 3, 4)).doesNotContain(List.of(3, 4, 5));
        Run r = run(input(0.005, 1e-9));
        assertThat(r.outcome().succeeded()).isTrue();
        assertThat(trimersRun(r.outcome())).isEqualTo(trimers);
        // the only tetramer whose four trimers were kept, 1-2-3-4, has 3-body increments of ~1e-16: screened out
        assertThat(r.sinkLevels()).containsExactly(1, 2, 3);
        assertThat(r.stages()).extracting(StageRecord::level).containsExactly(1, 2, 3);
        Plan last = r.outcome().plan();
        assertThat(last.complete()).isTrue();
        assertThat(last.kept().kept(4)).isZero();
        assertThat(last.energyScreened(4)).isEqualTo(1);
        assertThat(r.outcome().computed()).isEqualTo(5 + 10 + 6);

        // the assembled energy is the screened expansion: monomers plus every pair term (3-body terms are zero)
        Map<FragmentTask, ComponentResult> components = new HashMap<>();
        for (Map.Entry<FragmentTask, AtomicResult> e : r.outcome().results().entrySet()) {
            components.put(e.getKey(), ComponentResult.ofEnergy(e.getValue().energy()));
        }
        ManyBodyResult result = Assembler.assemble(last, Driver.ENERGY, components);
        double expected = -5.0;
        for (int i = 1; i <= 5; i++) {
            for (int j = i + 1; j <= 5; j++) {
                expected -= pairIncrement(i, j);
            }
        }
        assertThat(result.retEnergy()).isCloseTo(expected, within(1e-12));
        assertThat(result.screening()).containsKey("orders");
    }

    @Test
    void aZeroThresholdKeepsTheCandidateAndRunsAFourthLevel() {
        Run r = run(input(0.005, 0.0));
        assertThat(r.sinkLevels()).containsExactly(1, 2, 3, 4);
        assertThat(r.stages()).extracting(StageRecord::level).containsExactly(1, 2, 3, 4);
        assertThat(r.outcome().results().keySet().stream().filter(t -> t.level() == 4)
                .map(t -> Arrays.stream(t.real()).boxed().toList())).containsExactly(List.of(1, 2, 3, 4));
        // a higher tau_3 leaves fewer trimers: the level-3 stage follows the level-2 energies
        Run strict = run(input(0.008, 0.0));
        assertThat(trimersRun(strict.outcome())).isEqualTo(expectedTrimers(0.008))
                .containsExactlyInAnyOrder(List.of(1, 2, 3), List.of(2, 3, 4));
        assertThat(strict.sinkLevels()).containsExactly(1, 2, 3);
    }
}
