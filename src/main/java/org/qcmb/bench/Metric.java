package org.qcmb.bench;

import java.util.Locale;

/** What a benchmark figure measures, with its unit (the benchmarks table's metric and unit columns). */
public enum Metric {
    TIME("s"),
    STAGE_TIME("s"),
    SPARK_STARTUP("s"),
    OVERHEAD_PCT("%"),
    PER_TASK_OVERHEAD("ms"),
    SPEEDUP("x"),
    EFFICIENCY("ratio"),
    LOWER_BOUND("s"),
    MAKESPAN_OVER_BOUND("%"),
    SPARK_OVER_THREADS("%"),
    PEAK_RSS("MiB"),
    PEAK_HEAP_ABOVE_IDLE("MiB"),
    PLAN_TIME("s"),
    BYTES_PER_TASK("B"),
    WALL_TIME("s"),
    /** Summed engine wall time of a run's fragments. */
    ENGINE_TIME("s"),
    /** Stage time the cores spend outside the engine: stage time - engine time / cores. */
    STAGE_OUTSIDE_ENGINE("s"),
    /** Writing a run's rows to the tables (one commit). */
    TABLE_WRITE("s"),
    /** A measurement that could not be made (value NaN, the reason in the notes). */
    ERROR("");

    private final String unit;

    Metric(String unit) {
        this.unit = unit;
    }

    /** The name in the benchmarks table, e.g. "stage_time". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String unit() {
        return unit;
    }
}
