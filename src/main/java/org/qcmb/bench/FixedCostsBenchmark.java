package org.qcmb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.MoleculeBuilder;
import org.qcmb.molecule.Units;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.run.ManyBodyRun;
import org.qcmb.run.RunObserver;
import org.qcmb.run.RunRequest;
import org.qcmb.spark.EngineWarmUp;
import org.qcmb.spark.FragmentOutcome;
import org.qcmb.spark.TaskRecord;

/**
 * The fixed costs of a small run, and what they are made of: the run use case (as `run` calls it, engine warm-up
 * included) on a water tetramer (the first four waters of water16-conformer002), MBE3 cp with total data,
 * HF/STO-3G, builtin engine, local[2], tables written
 * (18 fragments of ms each), twice in this JVM. The suite runs this category first, so run 1 meets a JVM where
 * neither Spark nor the engine has run (only the JVM's own start is excluded); run 2 is the same run, warm. The
 * engine time of run 1 minus that of run 2 is the JIT warm-up of the engine; the stage time the cores spend
 * outside the engine is Spark's share.
 */
final class FixedCostsBenchmark implements Benchmark {
    static final String CASE = "4 H2O hf/sto-3g cp3 rtd";
    private final EngineRegistry engines;

    FixedCostsBenchmark(EngineRegistry engines) {
        this.engines = engines;
    }

    @Override
    public Category category() {
        return Category.FIXEDCOSTS;
    }

    /** The first four waters of water16-conformer002 (angstrom), as submit-scripts/bench-fixed takes them. */
    private static final double[][] TETRAMER = {
            {-3.907819, -4.170752, 3.453443}, {-4.322974, -3.501216, 2.974724}, {-3.126272, -3.742276, 3.835890},
            {-3.479767, -1.338075, -1.687071}, {-3.425770, -1.031531, -0.808126}, {-2.811748, -0.861264, -2.087279},
            {-0.644461, -0.489171, 0.653661}, {-0.888670, 0.449128, 0.618408}, {-1.173338, -0.931285, -0.039847},
            {-3.866717, -1.393770, 2.068426}, {-3.727784, -0.448569, 1.816448}, {-4.780618, -1.470139, 1.942182}};

    static ManyBodyInput tetramer() {
        List<String> symbols = new ArrayList<>();
        double[] bohr = new double[3 * TETRAMER.length];
        List<int[]> fragments = new ArrayList<>();
        for (int a = 0; a < TETRAMER.length; a++) {
            symbols.add(a % 3 == 0 ? "O" : "H");
            for (int k = 0; k < 3; k++) {
                bohr[3 * a + k] = Units.angstromToBohr(TETRAMER[a][k]);
            }
            if (a % 3 == 0) {
                fragments.add(new int[] {a, a + 1, a + 2});
            }
        }
        Molecule m = new MoleculeBuilder().where("water tetramer").symbols(symbols).geometryBohr(bohr)
                .fragments(fragments).build();
        return ManyBodyInput.create(m, Driver.ENERGY, List.of("cp"), null, 3, true, null, null,
                Map.of(ManyBodyInput.AUTO, new AtomicSpecification("builtin", "hf", "sto-3g", Map.of(), Map.of(),
                        Map.of())), "");
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        ManyBodyInput in = tetramer();
        Path work = Files.createTempDirectory("qcmb-bench-fixed");
        List<Figure> out = new ArrayList<>();
        double[] engineTime = new double[2];
        for (int i = 0; i < 2; i++) {
            String variant = i == 0 ? "run 1 (cold JVM)" : "run 2 (warm)";
            long[] tablesMs = {-1};
            RunRequest request = RunRequest.builder(in, engines).inputName("tetramer").master("local[2]")
                    .out(work.resolve("out" + i)).tables(work.resolve("tables")).observer(new RunObserver() {
                        @Override
                        public void tablesWritten(Path tables, String runId, long writeMs) {
                            tablesMs[0] = writeMs;
                        }
                    }).build();
            long t0 = System.nanoTime();
            EngineWarmUp.startIfLocal(request.master(), in, engines);
            ManyBodyRun.Result r = new ManyBodyRun().execute(request);
            double wall = (System.nanoTime() - t0) / 1e9;
            if (!r.succeeded()) {
                throw new IllegalStateException("the fixed-costs run failed: " + r.failures());
            }
            int n = r.report().computed();
            int cores = r.report().cores();
            double stage = r.report().stageTimeMs() / 1000.0;
            Map<String, Double> engineByTask = new HashMap<>();
            double engine = 0;
            for (FragmentOutcome o : r.report().outcomes()) {
                AtomicResult a = o.result();
                double t = a.provenance() == null ? 0 : a.provenance().wallTime();
                engine += t;
                engineByTask.merge(o.task().level() + "/" + o.partition(), t, Double::sum);
            }
            engineTime[i] = engine;
            double outside = 0;
            int tasks = 0;
            for (TaskRecord t : r.report().tasks()) {
                if (t.successful()) {
                    outside += t.durationMs() / 1000.0 - engineByTask.getOrDefault(t.level() + "/" + t.partition(), 0.0);
                    tasks++;
                }
            }
            out.add(figure(variant, Metric.WALL_TIME, wall, cores, n, "ManyBodyRun.execute, tables included"));
            out.add(figure(variant, Metric.SPARK_STARTUP, r.report().sparkStartupMs() / 1000.0, cores, n, ""));
            out.add(figure(variant, Metric.STAGE_TIME, stage, cores, n, r.report().stages().size() + " levels"));
            out.add(figure(variant, Metric.ENGINE_TIME, engine, cores, n, "sum over fragments"));
            out.add(figure(variant, Metric.STAGE_OUTSIDE_ENGINE, Math.max(0, stage - engine / cores), cores, n,
                    "stage time - engine time / cores"));
            out.add(figure(variant, Metric.PER_TASK_OVERHEAD, tasks == 0 ? Double.NaN : 1000 * outside / tasks, cores,
                    tasks, "task duration - its engine time, mean"));
            out.add(figure(variant, Metric.TABLE_WRITE, tablesMs[0] / 1000.0, cores, n, "7 tables, one commit"));
        }
        out.add(figure("run 1 - run 2", Metric.ENGINE_TIME, engineTime[0] - engineTime[1], 2, 0,
                "the engine's JIT warm-up"));
        return out;
    }

    private static Figure figure(String variant, Metric metric, double value, int cores, int n, String notes) {
        return new Figure(Category.FIXEDCOSTS, CASE, variant, metric, value, cores, n, notes);
    }
}
