package org.qcmb.bench;

import java.util.ArrayList;
import java.util.List;
import org.qcmb.spark.ManyBodyJob;

/** What each scheduling choice buys on local[2]: stages per level, cost sorting, partition sizes. */
final class OptimisationsBenchmark implements Benchmark {
    private record Variant(String name, ManyBodyJob.Strategy strategy) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("default (per level, sorted)", ManyBodyJob.Strategy.DEFAULT),
            new Variant("all levels in one stage", new ManyBodyJob.Strategy(false, true, ManyBodyJob.Strategy.AUTO)),
            new Variant("unsorted, Spark's slicing", new ManyBodyJob.Strategy(true, false,
                    ManyBodyJob.Strategy.SPARK_DEFAULT)),
            new Variant("unsorted, 1 task/partition", new ManyBodyJob.Strategy(true, false, 1)),
            new Variant("sorted, batches of 4", new ManyBodyJob.Strategy(true, true, 4)));

    @Override
    public Category category() {
        return Category.OPTIMISATIONS;
    }

    @Override
    public List<Figure> run(BenchContext context) {
        Workload w = context.quick() ? context.ms() : context.sec();
        List<Figure> out = new ArrayList<>();
        Timings.Sequential seq = Timings.sequential(w);
        out.add(new Figure(Category.OPTIMISATIONS, w.name(), "sequential loop", Metric.TIME, seq.seconds(), 1,
                w.size(), "no Spark"));
        for (Variant v : VARIANTS) {
            Timings.SparkTiming sp = Timings.spark(w, "local[2]", v.strategy());
            out.add(new Figure(Category.OPTIMISATIONS, w.name(), v.name(), Metric.STAGE_TIME, sp.stageSeconds(), 2,
                    w.size(), ""));
            out.add(new Figure(Category.OPTIMISATIONS, w.name(), v.name(), Metric.SPEEDUP,
                    seq.seconds() / sp.stageSeconds(), 2, w.size(), "T_seq / T_stage"));
        }
        return out;
    }
}
