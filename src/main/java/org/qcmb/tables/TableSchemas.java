package org.qcmb.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas of the Parquet tables (documented column by column in the README). Every table has run_id
 * (the folder partition). Units are in the column names: _s seconds, _ms milliseconds, _bytes bytes,
 * energies in hartree (Eh) unless _kcalmol.
 */
public final class TableSchemas {
    private TableSchemas() {
    }

    public static final StructType RUNS = schema(
            "run_id", StringType, "started_at", TimestampType, "input_name", StringType,
            "input_fingerprint", StringType, "system", StringType, "n_fragments", IntegerType,
            "n_atoms", IntegerType, "driver", StringType, "treatments", StringType, "max_nbody", IntegerType,
            "programs", StringType, "model_chemistries", StringType, "master", StringType, "executors", IntegerType,
            "cores", IntegerType, "n_planned", IntegerType, "n_computed", IntegerType, "n_reused", IntegerType,
            "spark_startup_s", DoubleType, "stage_time_s", DoubleType, "wall_time_s", DoubleType,
            "return_energy", DoubleType, "status", StringType,
            "screening", StringType, "kept_per_level", StringType, "screened_per_level", StringType);

    public static final StructType FRAGMENTS = schema(
            "run_id", StringType, "label", StringType, "mc", StringType, "level", IntegerType,
            "real_fragments", StringType, "basis_fragments", StringType, "n_atoms", IntegerType,
            "n_basis", IntegerType, "program", StringType, "energy", DoubleType, "scf_iterations", IntegerType,
            "engine_time_s", DoubleType, "partition", IntegerType, "success", BooleanType, "error", StringType);

    public static final StructType TASKS = schema(
            "run_id", StringType, "level", IntegerType, "stage_id", IntegerType, "stage_attempt", IntegerType,
            "task_id", LongType, "partition", IntegerType, "attempt", IntegerType, "executor_id", StringType,
            "host", StringType, "launch_ms", LongType, "finish_ms", LongType, "duration_ms", LongType,
            "executor_run_ms", LongType, "executor_cpu_ms", LongType, "deserialize_ms", LongType,
            "result_serialization_ms", LongType, "gc_ms", LongType, "scheduler_delay_ms", LongType,
            "peak_execution_memory_bytes", LongType, "successful", BooleanType, "failure_reason", StringType,
            "n_fragments", IntegerType, "labels", StringType, "engine_time_s", DoubleType, "n_basis_max", IntegerType,
            "scf_iterations", IntegerType);

    public static final StructType STAGES = schema(
            "run_id", StringType, "level", IntegerType, "stage_id", IntegerType, "attempt", IntegerType,
            "description", StringType, "n_tasks", IntegerType, "submission_ms", LongType, "completion_ms", LongType,
            "wall_s", DoubleType, "task_time_sum_s", DoubleType, "task_time_max_s", DoubleType,
            "task_time_median_s", DoubleType, "cores", IntegerType, "idle_core_s", DoubleType);

    public static final StructType NBODY = schema(
            "run_id", StringType, "treatment", StringType, "nbody", IntegerType, "total_energy", DoubleType,
            "interaction_energy", DoubleType, "contribution", DoubleType, "interaction_energy_kcalmol", DoubleType,
            "contribution_kcalmol", DoubleType,
            "n_kept", LongType, "n_screened", LongType, "n_screened_by_energy", LongType);

    public static final StructType HOSTS = schema(
            "run_id", StringType, "role", StringType, "executor_id", StringType, "hostname", StringType,
            "cpu_model", StringType, "physical_cores", IntegerType, "logical_cores", IntegerType,
            "memory_bytes", LongType, "os", StringType, "jvm", StringType, "jvm_processors", IntegerType,
            "jvm_max_heap_bytes", LongType);

    public static final StructType MEMORY = schema(
            "run_id", StringType, "time_ms", LongType, "elapsed_s", DoubleType, "role", StringType,
            "executor_id", StringType, "rss_bytes", LongType, "heap_used_bytes", LongType);

    public static final StructType BENCHMARKS = schema(
            "run_id", StringType, "started_at", TimestampType, "category", StringType, "case_name", StringType,
            "variant", StringType, "metric", StringType, "value", DoubleType, "unit", StringType,
            "cores", IntegerType, "n_tasks", IntegerType, "notes", StringType);

    /** Every table by name, in the order the README documents them. */
    public static final Map<String, StructType> ALL = tables();

    /** The partition column of every table (one folder per value, {@code run_id=...}). */
    public static final String RUN_ID = "run_id";

    /**
     * The table whose partition commits a run: it is published last, and the rows of the other {@link #RUN_TABLES}
     * are visible to readers only for run ids it holds.
     */
    public static final String COMMIT_TABLE = "runs";

    /** The tables a run writes in one transaction (the benchmarks table is written alone, by `bench`). */
    public static final Set<String> RUN_TABLES = Set.of("runs", "fragments", "tasks", "stages", "nbody", "hosts",
            "memory");

    private static Map<String, StructType> tables() {
        Map<String, StructType> m = new LinkedHashMap<>();
        m.put("runs", RUNS);
        m.put("fragments", FRAGMENTS);
        m.put("tasks", TASKS);
        m.put("stages", STAGES);
        m.put("nbody", NBODY);
        m.put("hosts", HOSTS);
        m.put("memory", MEMORY);
        m.put("benchmarks", BENCHMARKS);
        return m;
    }

    private static StructType schema(Object... nameTypePairs) {
        StructType s = new StructType();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            s = s.add((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1], true);
        }
        return s;
    }
}
