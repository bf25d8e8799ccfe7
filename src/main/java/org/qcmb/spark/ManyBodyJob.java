package org.qcmb.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.Plan;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.mbe.Planner;

/**
 * The driver of a many-body run: for each n-body level of the plan, in ascending order, one Spark job of that
 * level's fragment calculations on the executors; results are collected per level and handed to a sink (which
 * persists them for resume) before the next level starts, and each finished task's results as they arrive. An
 * energy-screened plan is not complete up front: once every planned level has been collected, the next level is
 * planned from the results so far ({@link Planner#extend}), so level n's job really depends on level n-1's.
 */
public final class ManyBodyJob {
    private final SparkSession spark;
    private final FragmentStage stage;
    private final ProgressListener progress;
    private final Strategy strategy;

    /** The level tag of the single job that runs every level at once (benchmark variant). */
    public static final int ALL_LEVELS = 0;

    /**
     * How the work is cut into Spark jobs and tasks. The default (one job per level, longest task first, tiny
     * tasks batched) is what runs use; the others exist so benchmarks can measure what each choice buys.
     */
    public record Strategy(boolean perLevelStages, boolean costSorted, int itemsPerPartition) {
        /** itemsPerPartition: AUTO = one per item unless items are tiny; SPARK_DEFAULT = defaultParallelism slices. */
        public static final int AUTO = 0;
        public static final int SPARK_DEFAULT = -1;
        public static final Strategy DEFAULT = new Strategy(true, true, AUTO);

        int partitions(FragmentStage stage, List<? extends FragmentStage.Costed<?>> items, int cores) {
            return switch (itemsPerPartition) {
                case AUTO -> stage.partitionsFor(items, cores);
                case SPARK_DEFAULT -> Math.min(items.size(), cores);
                default -> (int) Math.ceil(items.size() / (double) itemsPerPartition);
            };
        }
    }

    /** Receives each level's outcomes in a fixed order (longest task first, then plan order). */
    public interface LevelSink {
        void levelDone(int level, List<FragmentOutcome> outcomes);

        /**
         * The outcomes of one finished task of a level, while the level runs (completion order; called from
         * Spark's scheduler thread). Every outcome is also in the level's {@link #levelDone} list.
         */
        default void taskDone(int level, List<FragmentOutcome> outcomes) {
        }
    }

    /**
     * What a run produced: every result by task (resumed ones included), the failures, timings in ms, and the plan
     * as it ended (for energy screening, complete only if no level failed): assemble with this one.
     */
    public record Outcome(Map<FragmentTask, AtomicResult> results, List<FragmentOutcome> failures,
            int computed, int reused, long firstSubmitMs, long lastCollectMs, Plan plan) {
        public boolean succeeded() {
            return failures.isEmpty();
        }
    }

    public ManyBodyJob(SparkSession spark, FragmentStage stage, ProgressListener progress) {
        this(spark, stage, progress, Strategy.DEFAULT);
    }

    public ManyBodyJob(SparkSession spark, FragmentStage stage, ProgressListener progress, Strategy strategy) {
        this.spark = spark;
        this.stage = stage;
        this.progress = progress;
        this.strategy = strategy;
    }

    /** The plan's levels, or all of them as one wave when the strategy asks for a single stage. */
    private SortedMap<Integer, List<FragmentTask>> waves(Plan plan) {
        if (strategy.perLevelStages()) {
            return plan.tasksByLevel();
        }
        List<FragmentTask> all = new ArrayList<>();
        plan.tasksByLevel().values().forEach(all::addAll);
        return new java.util.TreeMap<>(Map.of(ALL_LEVELS, all));
    }

    /**
     * Runs every task of the plan that {@code done} (label -> result of an earlier, interrupted run) lacks.
     * Stops after the first level with failed fragments: higher levels would be wasted work.
     */
    public Outcome run(FragmentContext context, Plan plan, Map<String, AtomicResult> done, LevelSink sink) {
        return run(context, plan, t -> done.get(t.label()), sink);
    }

    /**
     * As {@link #run(FragmentContext, Plan, Map, LevelSink)}, with the results of an earlier run looked up per task
     * (null: compute it), e.g. by a content hash rather than by label.
     */
    public Outcome run(FragmentContext context, Plan plan, java.util.function.Function<FragmentTask, AtomicResult> done,
            LevelSink sink) {
        if (!plan.complete() && !strategy.perLevelStages()) {
            throw new IllegalArgumentException("an energy-screened plan needs one stage per level");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<FragmentContext> shared = sc.broadcast(context);
        int maxFailures = maxTaskFailures(spark.sparkContext().getConf());
        int cores = Math.max(1, spark.sparkContext().defaultParallelism());
        Map<FragmentTask, AtomicResult> results = new LinkedHashMap<>();
        List<FragmentOutcome> failures = new ArrayList<>();
        int computed = 0;
        int reused = 0;
        long firstSubmit = -1;
        long lastCollect = -1;
        int last = Integer.MIN_VALUE;
        try {
            while (true) {
                SortedMap<Integer, List<FragmentTask>> pending = waves(plan).tailMap(last + 1);
                if (pending.isEmpty()) {
                    if (plan.complete()) {
                        break;
                    }
                    plan = Planner.extend(plan, energies(results)); // the per-level planning hook
                    continue;
                }
                Map.Entry<Integer, List<FragmentTask>> level = pending.entrySet().iterator().next();
                last = level.getKey();
                int top = plan.complete() ? plan.tasksByLevel().lastKey() : plan.spec().maxNbody();
                List<FragmentStage.Costed<FragmentTask>> todo = new ArrayList<>();
                for (FragmentTask t : level.getValue()) {
                    AtomicResult old = done.apply(t);
                    if (old != null && old.success()) {
                        results.put(t, old);
                        reused++;
                    } else {
                        todo.add(new FragmentStage.Costed<>(t, context.costEstimate(t)));
                    }
                }
                if (todo.isEmpty()) {
                    continue;
                }
                List<FragmentStage.Costed<FragmentTask>> sorted = strategy.costSorted()
                        ? FragmentStage.longestFirst(todo) : todo;
                int partitions = strategy.partitions(stage, sorted, cores);
                String title = level.getKey() == ALL_LEVELS
                        ? String.format("MBE all levels: %s%s", calculations(sorted.size()), describe(plan))
                        : String.format("MBE level %d/%d: %s%s", level.getKey(), top, calculations(sorted.size()),
                                describe(plan));
                if (progress != null) {
                    progress.announce(title, itemsPerPartition(sorted.size(), partitions));
                }
                sc.setLocalProperty(MetricsListener.LEVEL_PROPERTY, Integer.toString(level.getKey()));
                long t0 = System.currentTimeMillis();
                if (firstSubmit < 0) {
                    firstSubmit = t0;
                }
                int n = level.getKey();
                List<FragmentOutcome> outcomes = stage.run(sc, title, sorted, partitions,
                        task -> runTask(shared.value(), task, maxFailures), part -> sink.taskDone(n, part));
                lastCollect = System.currentTimeMillis();
                computed += outcomes.size();
                for (FragmentOutcome o : outcomes) {
                    if (o.result().success()) {
                        results.put(o.task(), o.result());
                    } else {
                        failures.add(o);
                    }
                }
                sink.levelDone(level.getKey(), outcomes);
                if (!failures.isEmpty()) {
                    break;
                }
            }
        } finally {
            sc.setLocalProperty(MetricsListener.LEVEL_PROPERTY, null);
            shared.destroy();
        }
        return new Outcome(results, failures, computed, reused, firstSubmit, lastCollect, plan);
    }

    /** "1 fragment calculation", "66 fragment calculations". */
    public static String calculations(long n) {
        return n + (n == 1 ? " fragment calculation" : " fragment calculations");
    }

    private static Map<FragmentTask, Double> energies(Map<FragmentTask, AtomicResult> results) {
        Map<FragmentTask, Double> out = new java.util.HashMap<>();
        results.forEach((t, r) -> out.put(t, r.energy()));
        return out;
    }

    /**
     * Runs on an executor. An engine crash is thrown so Spark retries the task elsewhere; on the last allowed
     * attempt (and for deterministic failures at once) the failure is returned as a result, so the rest of the
     * level is kept and the run can report every failed label.
     */
    static FragmentOutcome runTask(FragmentContext context, FragmentTask task, int maxFailures) {
        AtomicResult r = context.compute(task);
        TaskContext tc = TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        if (!r.success() && r.error() != null && r.error().errorClass().retryable() && attempt + 1 < maxFailures) {
            throw new FragmentCrashException(task.label() + ": " + r.error().message());
        }
        String executor = org.apache.spark.SparkEnv.get() == null ? "" : org.apache.spark.SparkEnv.get().executorId();
        Runtime rt = Runtime.getRuntime();
        MemorySampler.Sample memory = new MemorySampler.Sample(System.currentTimeMillis(), "executor", executor,
                HostFacts.residentBytes(), rt.totalMemory() - rt.freeMemory());
        return new FragmentOutcome(task, r, tc == null ? -1 : tc.partitionId(), executor, memory);
    }

    /** Attempts Spark allows a task: local[N,F] -> F, local[N] -> 1 (no retries), a cluster -> spark.task.maxFailures. */
    static int maxTaskFailures(org.apache.spark.SparkConf conf) {
        String master = conf.get("spark.master", "local[*]");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[\\s*(\\d+|\\*)\\s*,\\s*(\\d+)\\s*]")
                .matcher(master);
        if (m.matches()) {
            return Integer.parseInt(m.group(2));
        }
        if (master.startsWith("local")) {
            return 1;
        }
        return conf.getInt("spark.task.maxFailures", 4);
    }

    private static String describe(Plan plan) {
        StringBuilder sb = new StringBuilder(" (");
        for (int i = 0; i < plan.effectiveBsse().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(plan.effectiveBsse().get(i).label());
        }
        return sb.append(')').toString();
    }

    /** How parallelize slices n items into p partitions (contiguous, as ParallelCollectionRDD does). */
    static int[] itemsPerPartition(int n, int p) {
        int[] counts = new int[p];
        for (int i = 0; i < p; i++) {
            long start = (long) i * n / p;
            long end = (long) (i + 1) * n / p;
            counts[i] = (int) (end - start);
        }
        return counts;
    }
}
