package org.qcmb.bench;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.run.ManyBodyRun;
import org.qcmb.run.RunRequest;

/** The whole run use case on 16 waters, MBE3 nocp, HF/6-31G*, builtin engine, local[2] (696 fragments). */
final class EndToEndBenchmark implements Benchmark {
    private final EngineRegistry engines;

    EndToEndBenchmark(EngineRegistry engines) {
        this.engines = engines;
    }

    @Override
    public Category category() {
        return Category.ENDTOEND;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        ManyBodyInput in = WaterClusters.input(16, BsseType.NOCP, 3, "builtin", "hf", "6-31g*", Map.of());
        RunRequest request = RunRequest.builder(in, engines).inputName("16 waters")
                .out(Files.createTempDirectory("qcmb-bench-e2e")).master("local[2]").build();
        long t0 = System.nanoTime();
        ManyBodyRun.Result r = new ManyBodyRun().execute(request);
        double wall = (System.nanoTime() - t0) / 1e9;
        String name = "16 H2O hf/6-31g* nocp3";
        String variant = "run local[2]";
        int n = r.report().computed();
        return List.of(
                new Figure(Category.ENDTOEND, name, variant, Metric.WALL_TIME, wall, 2, n,
                        r.succeeded() ? "success" : "FAILED"),
                new Figure(Category.ENDTOEND, name, variant, Metric.SPARK_STARTUP,
                        r.report().sparkStartupMs() / 1000.0, 2, n, ""),
                new Figure(Category.ENDTOEND, name, variant, Metric.STAGE_TIME, r.report().stageTimeMs() / 1000.0, 2,
                        n, ""));
    }
}
