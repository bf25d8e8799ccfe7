package org.qcmb.bench;

import java.util.ArrayList;
import java.util.List;
import org.qcmb.spark.ManyBodyJob;

/** The same fragments computed by a plain sequential loop and by the Spark driver on local[1], at three scales. */
final class OverheadBenchmark implements Benchmark {
    @Override
    public Category category() {
        return Category.OVERHEAD;
    }

    @Override
    public List<Figure> run(BenchContext context) {
        List<Figure> out = new ArrayList<>();
        for (Workload w : List.of(context.ms(), context.sec(), context.synthetic())) {
            Timings.Sequential seq = Timings.sequential(w);
            Timings.SparkTiming sp = Timings.spark(w, "local[1]", ManyBodyJob.Strategy.DEFAULT);
            double overhead = (sp.stageSeconds() - seq.seconds()) / seq.seconds() * 100;
            double perTaskMs = (sp.stageSeconds() - seq.seconds()) / w.size() * 1000;
            out.add(figure(w, "sequential loop", Metric.TIME, seq.seconds(), "no Spark"));
            out.add(figure(w, "spark local[1]", Metric.STAGE_TIME, sp.stageSeconds(),
                    "first stage submitted to last result collected"));
            out.add(figure(w, "spark local[1]", Metric.SPARK_STARTUP, sp.startupSeconds(),
                    "SparkSession start, reported separately"));
            out.add(figure(w, "spark local[1]", Metric.OVERHEAD_PCT, overhead, "(T_spark - T_seq) / T_seq"));
            out.add(figure(w, "spark local[1]", Metric.PER_TASK_OVERHEAD, perTaskMs, "(T_spark - T_seq) / tasks"));
        }
        return out;
    }

    private static Figure figure(Workload w, String variant, Metric metric, double value, String notes) {
        return new Figure(Category.OVERHEAD, w.name(), variant, metric, value, 1, w.size(), notes);
    }
}
