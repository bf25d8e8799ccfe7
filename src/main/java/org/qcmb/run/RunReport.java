package org.qcmb.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.spark.FragmentOutcome;
import org.qcmb.spark.HostFacts;
import org.qcmb.spark.MemorySampler;
import org.qcmb.spark.MetricsRecord;
import org.qcmb.spark.MetricsSink;
import org.qcmb.spark.StageRecord;
import org.qcmb.spark.TaskRecord;

/**
 * Everything measured about one run, for the console and the tables. It is filled while the run goes: Spark's
 * listeners report tasks, stages and executor memory through {@link #metricsSink()}, each finished level adds its
 * fragment outcomes, and the run adds the session facts, the hosts, its own memory samples and the outcome.
 * Times: epoch ms; durations in ms.
 */
public final class RunReport {
    private final String runId;
    private final long startedMs;
    private final String inputName;
    private final String fingerprint;
    private final ManyBodyInput input;
    private volatile Plan plan;
    private final MetricsRecord metrics = new MetricsRecord();
    private final ConcurrentLinkedQueue<Staged> outcomes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<HostFacts> hosts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<MemorySampler.Sample> memory = new ConcurrentLinkedQueue<>();
    private volatile String master = "";
    private volatile int executors;
    private volatile int cores;
    private volatile long sparkStartupMs;
    private volatile ManyBodyResult result;
    private volatile int computed;
    private volatile int reused;
    private volatile long stageTimeMs;
    private volatile long wallTimeMs;
    private volatile long assembleMs = -1;
    private volatile long resultWriteMs = -1;

    RunReport(String runId, long startedMs, String inputName, String fingerprint, ManyBodyInput input, Plan plan) {
        this.runId = runId;
        this.startedMs = startedMs;
        this.inputName = inputName;
        this.fingerprint = fingerprint;
        this.input = input;
        this.plan = plan;
    }

    /** Where {@link org.qcmb.spark.MetricsListener} puts tasks, stages and executor memory. */
    public MetricsSink metricsSink() {
        return metrics;
    }

    void sparkStarted(String master, long startupMs) {
        this.master = master;
        this.sparkStartupMs = startupMs;
    }

    void cluster(int executors, int cores) {
        this.executors = executors;
        this.cores = cores;
    }

    /**
     * A fragment outcome and the level of the Spark stage that computed it: |x| for most tasks, but |B| for a vmfc
     * task x@B of an energy-screened plan (the block is known only once order |B|-1 is done).
     */
    public record Staged(int level, FragmentOutcome outcome) {
    }

    void addOutcomes(int stageLevel, List<FragmentOutcome> levelOutcomes) {
        levelOutcomes.forEach(o -> outcomes.add(new Staged(stageLevel, o)));
    }

    void addHosts(List<HostFacts> facts) {
        hosts.addAll(facts);
    }

    void addMemory(List<MemorySampler.Sample> samples) {
        memory.addAll(samples);
    }

    void resultTimes(long assembleMs, long resultWriteMs) {
        this.assembleMs = assembleMs;
        this.resultWriteMs = resultWriteMs;
    }

    void finished(ManyBodyResult result, int computed, int reused, long stageTimeMs, long wallTimeMs) {
        this.result = result;
        this.computed = computed;
        this.reused = reused;
        this.stageTimeMs = stageTimeMs;
        this.wallTimeMs = wallTimeMs;
    }

    public String runId() {
        return runId;
    }

    public long startedMs() {
        return startedMs;
    }

    public String inputName() {
        return inputName;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public ManyBodyInput input() {
        return input;
    }

    public Plan plan() {
        return plan;
    }

    /** The plan as the run ended: energy screening adds levels as results arrive. */
    void replan(Plan ended) {
        this.plan = ended;
    }

    /** The assembled result; null while running and when fragments failed. */
    public ManyBodyResult result() {
        return result;
    }

    public String master() {
        return master;
    }

    public int executors() {
        return executors;
    }

    public int cores() {
        return cores;
    }

    /** Fragments computed in this run (resumed ones are counted in {@link #reused()}). */
    public int computed() {
        return computed;
    }

    public int reused() {
        return reused;
    }

    public long sparkStartupMs() {
        return sparkStartupMs;
    }

    /** First stage submitted to last result collected. */
    public long stageTimeMs() {
        return stageTimeMs;
    }

    public long wallTimeMs() {
        return wallTimeMs;
    }

    /** Last result collected to the result assembled (the component map, the plan's checks, the sums); -1 if failed. */
    public long assembleMs() {
        return assembleMs;
    }

    /** The result document built and written to DIR/result.json; -1 when the run failed. */
    public long resultWriteMs() {
        return resultWriteMs;
    }

    /** The fragments computed in this run, level by level in the order each level returned them. */
    public List<FragmentOutcome> outcomes() {
        return outcomes.stream().map(Staged::outcome).toList();
    }

    /** {@link #outcomes()} with the level of the stage each ran in. */
    public List<Staged> stagedOutcomes() {
        return new ArrayList<>(outcomes);
    }

    public List<TaskRecord> tasks() {
        return metrics.tasks();
    }

    public List<StageRecord> stages() {
        return metrics.stages();
    }

    public List<HostFacts> hosts() {
        return new ArrayList<>(hosts);
    }

    /** Every memory sample (driver, executors), by time. */
    public List<MemorySampler.Sample> memory() {
        List<MemorySampler.Sample> all = new ArrayList<>(memory);
        all.addAll(metrics.executorMemory());
        all.sort(Comparator.comparingLong(MemorySampler.Sample::timeMs));
        return all;
    }
}
