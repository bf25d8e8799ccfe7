package org.qcmb.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.qcmb.molecule.Units;

/**
 * What the charts show, read from the table views ({@link org.qcmb.tables.TableReader#registerViews}) with
 * Spark's Dataset API, as plain values: no chart library here, and no SQL text (run ids are values, not
 * fragments of a query). Every method returns an empty list when its table is missing or has no matching rows.
 */
public final class TableData {
    /** A line: points (x, y) in order. */
    public record Series(String name, List<double[]> points) {
    }

    /** One bar: its series (colour), its category (position) and its value. */
    public record Bar(String series, String category, double value) {
    }

    /** One Spark task attempt on the timeline; level -1 when unknown. */
    public record TaskSpan(String executor, int level, long launchMs, long finishMs, boolean successful) {
    }

    private TableData() {
    }

    public static boolean hasView(SparkSession spark, String name) {
        return spark.catalog().tableExists(name);
    }

    /** The run id of the newest run that has rows in table (by runs.started_at, else the largest run id), or null. */
    public static String latestRun(SparkSession spark, String table) {
        if (!hasView(spark, table)) {
            return null;
        }
        Dataset<Row> ids = spark.table(table).select("run_id").distinct();
        List<Row> r;
        if (hasView(spark, "runs")) {
            Dataset<Row> started = spark.table("runs").groupBy("run_id").agg(max("started_at").as("started_at"));
            r = ids.join(started, ids.col("run_id").equalTo(started.col("run_id")), "left")
                    .orderBy(started.col("started_at").desc_nulls_last(), ids.col("run_id").desc())
                    .select(ids.col("run_id")).limit(1).collectAsList();
        } else {
            r = ids.agg(max("run_id")).collectAsList();
        }
        return r.isEmpty() || r.get(0).isNullAt(0) ? null : r.get(0).getString(0);
    }

    /** A scaling metric (benchmarks, category 'scaling') against cores, one series per case and variant. */
    public static List<Series> scaling(SparkSession spark, String metric) {
        if (!hasView(spark, "benchmarks")) {
            return List.of();
        }
        Column series = concat(col("case_name"), coalesce(concat(lit(" ("), col("variant"), lit(")")), lit("")));
        return series(spark.table("benchmarks")
                .filter(col("metric").equalTo(metric).and(col("category").equalTo("scaling"))
                        .and(col("cores").isNotNull()).and(col("value").isNotNull()))
                .groupBy(series.as("series"), col("cores").as("x")).agg(avg("value").as("y"))
                .orderBy("series", "x"));
    }

    /**
     * Stage wall time per n-body level (sum over a level's stages), one series per run, from stages: of one run, or
     * with a null run id of every run the runs table records as successful (failed runs stop early and would
     * mislead).
     */
    public static List<Bar> levelTimes(SparkSession spark, String runIdOrNull) {
        if (!hasView(spark, "stages")) {
            return List.of();
        }
        Dataset<Row> stages = spark.table("stages");
        if (runIdOrNull != null) {
            stages = stages.filter(col("run_id").equalTo(runIdOrNull));
        } else if (hasView(spark, "runs")) {
            Dataset<Row> ok = spark.table("runs").filter(col("status").equalTo("success")).select("run_id").distinct();
            stages = stages.join(ok, "run_id");
        }
        return bars(stages.filter(col("level").isNotNull().and(col("wall_s").isNotNull()))
                .groupBy("run_id", "level").agg(max("cores").as("cores"), sum("wall_s").as("value"))
                .orderBy("run_id", "level")
                .select(concat(col("run_id"), lit(" ("), coalesce(col("cores").cast("string"), lit("?")),
                        lit(" core(s))")).as("series"), concat(lit("level "), col("level")).as("category"),
                        col("value")));
    }

    /** The task attempts of one run, by launch then finish time, from tasks. */
    public static List<TaskSpan> tasks(SparkSession spark, String runId) {
        if (runId == null || !hasView(spark, "tasks")) {
            return List.of();
        }
        List<TaskSpan> out = new ArrayList<>();
        for (Row r : spark.table("tasks").filter(col("run_id").equalTo(runId).and(col("launch_ms").isNotNull())
                        .and(col("finish_ms").isNotNull()))
                .select("executor_id", "level", "launch_ms", "finish_ms", "successful")
                .orderBy("launch_ms", "finish_ms").collectAsList()) {
            out.add(new TaskSpan(r.isNullAt(0) ? "?" : r.getString(0), r.isNullAt(1) ? -1 : r.getInt(1),
                    r.getLong(2), r.getLong(3), r.isNullAt(4) || r.getBoolean(4)));
        }
        return out;
    }

    /** Resident set size and heap used (MiB) of each process of one run against elapsed seconds, from memory. */
    public static List<Series> memory(SparkSession spark, String runId) {
        if (runId == null || !hasView(spark, "memory")) {
            return List.of();
        }
        Dataset<Row> m = spark.table("memory").filter(col("run_id").equalTo(runId).and(col("elapsed_s").isNotNull()));
        Column who = concat(coalesce(col("role"), lit("?")), when(col("executor_id").isNull()
                .or(col("executor_id").equalTo(col("role"))), lit("")).otherwise(concat(lit(" "), col("executor_id"))));
        Dataset<Row> rss = m.filter(col("rss_bytes").isNotNull()).select(concat(who, lit(" RSS")).as("series"),
                col("elapsed_s").as("x"), col("rss_bytes").divide(1048576.0).as("y"));
        Dataset<Row> heap = m.filter(col("heap_used_bytes").isNotNull()).select(
                concat(who, lit(" heap used")).as("series"), col("elapsed_s").as("x"),
                col("heap_used_bytes").divide(1048576.0).as("y"));
        return series(rss.unionAll(heap).orderBy("series", "x"));
    }

    /** Interaction energy (kcal/mol) against n-body order, one series per treatment, from nbody. */
    public static List<Series> convergence(SparkSession spark, String runId) {
        if (runId == null || !hasView(spark, "nbody")) {
            return List.of();
        }
        return series(spark.table("nbody").filter(col("run_id").equalTo(runId).and(col("nbody").isNotNull()))
                .select(col("treatment").as("series"), col("nbody").as("x"), coalesce(
                        col("interaction_energy_kcalmol"),
                        col("interaction_energy").multiply(Units.HARTREE_TO_KCALMOL)).as("y"))
                .orderBy("series", "x"));
    }

    /** Rows with columns (x, y) or (series, x, y) as series; rows with a null x or y are skipped. */
    public static List<Series> series(Dataset<Row> rows) {
        int n = rows.columns().length;
        if (n != 2 && n != 3) {
            throw new IllegalArgumentException("expected columns (x, y) or (series, x, y), got " + n);
        }
        Map<String, List<double[]>> byName = new LinkedHashMap<>();
        for (Row r : rows.collectAsList()) {
            int off = n - 2;
            if (r.isNullAt(off) || r.isNullAt(off + 1)) {
                continue;
            }
            String key = n == 3 ? String.valueOf(r.get(0)) : rows.columns()[1];
            byName.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new double[] {number(r.get(off)), number(r.get(off + 1))});
        }
        List<Series> out = new ArrayList<>();
        byName.forEach((name, points) -> out.add(new Series(name, points)));
        return out;
    }

    /** Rows with columns (category, value) or (series, category, value) as bars; null values are skipped. */
    public static List<Bar> bars(Dataset<Row> rows) {
        int n = rows.columns().length;
        if (n != 2 && n != 3) {
            throw new IllegalArgumentException("expected columns (category, value) or (series, category, value), got "
                    + n);
        }
        List<Bar> out = new ArrayList<>();
        for (Row r : rows.collectAsList()) {
            int off = n - 2;
            if (r.isNullAt(off + 1)) {
                continue;
            }
            String series = n == 3 ? String.valueOf(r.get(0)) : rows.columns()[1];
            out.add(new Bar(series, String.valueOf(r.get(off)), number(r.get(off + 1))));
        }
        return out;
    }

    private static double number(Object o) {
        if (o instanceof Number num) {
            return num.doubleValue();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.getTime() / 1000.0;
        }
        return Double.parseDouble(String.valueOf(o));
    }
}
