package org.qcmb.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.qcmb.io.NbodyTable;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.Plan;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.Units;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.QcJson;
import org.qcmb.spark.FragmentOutcome;
import org.qcmb.spark.HostFacts;
import org.qcmb.spark.MemorySampler;
import org.qcmb.spark.StageRecord;
import org.qcmb.spark.TaskRecord;

/** A {@link RunReport} as rows of the run tables (schemas in {@link org.qcmb.tables.TableSchemas}), by table. */
final class RunRows {
    private RunRows() {
    }

    /** Every run table's rows: runs, fragments, tasks, stages, nbody, hosts, memory. */
    static Map<String, List<Row>> of(RunReport r) {
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        rows.put("runs", List.of(runRow(r)));
        rows.put("fragments", fragmentRows(r));
        rows.put("tasks", taskRows(r));
        rows.put("stages", stageRows(r));
        rows.put("nbody", nbodyRows(r));
        rows.put("hosts", hostRows(r));
        rows.put("memory", memoryRows(r));
        return rows;
    }

    static Row runRow(RunReport r) {
        ManyBodyInputSummary s = ManyBodyInputSummary.of(r);
        return RowFactory.create(r.runId(), new Timestamp(r.startedMs()), r.inputName(), r.fingerprint(),
                formula(r.input().molecule()), r.input().molecule().fragmentCount(), r.input().molecule().atomCount(),
                r.input().driver().schemaName(), s.treatments(), r.plan().spec().maxNbody(), s.programs(),
                s.modelChemistries(), r.master(), r.executors(), r.cores(), r.plan().taskCount(), r.computed(),
                r.reused(), r.sparkStartupMs() / 1000.0, r.stageTimeMs() / 1000.0, r.wallTimeMs() / 1000.0,
                r.result() == null ? null : r.result().retEnergy(), r.result() == null ? "failed" : "success",
                screeningRule(r.plan()), perLevel(r.plan(), Plan.OrderCount::kept),
                perLevel(r.plan(), Plan.OrderCount::screened));
    }

    /** The screening rule as the result's extras.screening states it (compact JSON), or null when unscreened. */
    static String screeningRule(Plan plan) {
        if (plan.screening() == null) {
            return null;
        }
        try {
            return QcJson.mapper().writeValueAsString(plan.screening().spec().describe());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the screening rule", e);
        }
    }

    /** A count per decided order, comma-separated from order 1 (e.g. "16,107,192,22"), or null when unscreened. */
    static String perLevel(Plan plan, ToLongFunction<Plan.OrderCount> count) {
        List<Plan.OrderCount> counts = plan.orderCounts();
        return counts.isEmpty() ? null
                : counts.stream().map(c -> Long.toString(count.applyAsLong(c))).collect(Collectors.joining(","));
    }

    /** Treatments, programs and model chemistries of a run as short strings. */
    record ManyBodyInputSummary(String treatments, String programs, String modelChemistries) {
        static ManyBodyInputSummary of(RunReport r) {
            String bt = r.plan().effectiveBsse().stream().map(b -> b.label()).collect(Collectors.joining(","));
            Set<String> programs = new LinkedHashSet<>();
            List<String> mcs = new ArrayList<>();
            for (Map.Entry<String, AtomicSpecification> e : new TreeMap<>(r.input().specifications()).entrySet()) {
                programs.add(e.getValue().program());
                mcs.add(e.getKey() + "=" + e.getValue().method() + "/" + e.getValue().basis());
            }
            return new ManyBodyInputSummary(bt, String.join(",", programs), String.join(";", mcs));
        }
    }

    /** Hill-order formula of the whole system, e.g. H12O6. */
    static String formula(Molecule m) {
        Map<String, Integer> count = new TreeMap<>();
        for (int i = 0; i < m.atomCount(); i++) {
            count.merge(m.element(i).symbol(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder();
        for (String first : new String[] {"C", "H"}) {
            if (count.containsKey("C") && count.containsKey(first)) {
                sb.append(first).append(count.get(first) == 1 ? "" : count.get(first));
            }
        }
        count.forEach((el, n) -> {
            if (!(count.containsKey("C") && (el.equals("C") || el.equals("H")))) {
                sb.append(el).append(n == 1 ? "" : n);
            }
        });
        return sb.toString();
    }

    static List<Row> fragmentRows(RunReport r) {
        List<Row> rows = new ArrayList<>();
        Molecule m = r.input().molecule();
        for (FragmentOutcome o : r.outcomes()) {
            FragmentTask t = o.task();
            AtomicResult a = o.result();
            int atoms = 0;
            for (int f : t.basis()) {
                atoms += m.fragments().get(f - 1).length;
            }
            var p = a.properties();
            rows.add(RowFactory.create(r.runId(), t.label(), t.mc(), t.level(), join(t.real()), join(t.basis()), atoms,
                    p == null ? null : p.nbasis(), r.input().specification(t.mc()).program(),
                    a.success() ? a.energy() : null, p == null ? null : p.scfIterations(),
                    a.provenance() == null ? null : a.provenance().wallTime(), o.partition(), a.success(),
                    a.error() == null ? null : a.error().errorClass() + ": " + a.error().message()));
        }
        return rows;
    }

    private static String join(int[] a) {
        return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    static List<Row> taskRows(RunReport r) {
        // fragments per (level, partition): what each Spark task computed
        Map<String, List<FragmentOutcome>> byPartition = new HashMap<>();
        for (RunReport.Staged s : r.stagedOutcomes()) { // the stage's level: an energy-screened vmfc x@B runs in |B|
            byPartition.computeIfAbsent(s.level() + "/" + s.outcome().partition(), k -> new ArrayList<>())
                    .add(s.outcome());
        }
        List<Row> rows = new ArrayList<>();
        for (TaskRecord t : r.tasks()) {
            List<FragmentOutcome> frags = byPartition.getOrDefault(t.level() + "/" + t.partition(), List.of());
            double engine = 0;
            int nbasis = 0;
            int iterations = 0;
            List<String> labels = new ArrayList<>();
            for (FragmentOutcome o : frags) {
                labels.add(o.task().label());
                var a = o.result();
                engine += a.provenance() == null ? 0 : a.provenance().wallTime();
                if (a.properties() != null) {
                    nbasis = Math.max(nbasis, a.properties().nbasis() == null ? 0 : a.properties().nbasis());
                    iterations += a.properties().scfIterations() == null ? 0 : a.properties().scfIterations();
                }
            }
            rows.add(RowFactory.create(r.runId(), t.level(), t.stageId(), t.stageAttempt(), t.taskId(), t.partition(),
                    t.attempt(), t.executorId(), t.host(), t.launchTime(), t.finishTime(), t.durationMs(),
                    t.executorRunTimeMs(), t.executorCpuTimeMs(), t.deserializeTimeMs(),
                    t.resultSerializationTimeMs(), t.gcTimeMs(), t.schedulerDelayMs(), t.peakExecutionMemory(),
                    t.successful(), t.failureReason(), frags.size(), String.join(" ", labels), engine, nbasis,
                    iterations));
        }
        return rows;
    }

    static List<Row> stageRows(RunReport r) {
        List<Row> rows = new ArrayList<>();
        for (StageRecord s : r.stages()) {
            long[] durations = r.tasks().stream().filter(t -> t.stageId() == s.stageId()
                    && t.stageAttempt() == s.attempt()).mapToLong(TaskRecord::durationMs).sorted().toArray();
            double sum = Arrays.stream(durations).sum() / 1000.0;
            double max = durations.length == 0 ? 0 : durations[durations.length - 1] / 1000.0;
            double median = durations.length == 0 ? 0 : (durations.length % 2 == 1
                    ? durations[durations.length / 2]
                    : (durations[durations.length / 2 - 1] + durations[durations.length / 2]) / 2.0) / 1000.0;
            double wall = s.wallTimeMs() / 1000.0;
            rows.add(RowFactory.create(r.runId(), s.level(), s.stageId(), s.attempt(), s.description(), s.numTasks(),
                    s.submissionTime(), s.completionTime(), wall, sum, max, median, r.cores(),
                    Math.max(0, r.cores() * wall - sum)));
        }
        return rows;
    }

    static List<Row> nbodyRows(RunReport r) {
        List<Row> rows = new ArrayList<>();
        if (r.result() == null) {
            return rows;
        }
        Map<Integer, Plan.OrderCount> counts = new HashMap<>();
        r.plan().orderCounts().forEach(c -> counts.put(c.order(), c));
        for (NbodyTable.Row n : NbodyTable.rows(r.result(), r.plan().spec().maxNbody())) {
            Plan.OrderCount c = counts.get(n.nbody());
            rows.add(RowFactory.create(r.runId(), n.treatment(), n.nbody(), nullIfNaN(n.total()),
                    nullIfNaN(n.interaction()), nullIfNaN(n.contribution()),
                    nullIfNaN(n.interaction() * Units.HARTREE_TO_KCALMOL),
                    nullIfNaN(n.contribution() * Units.HARTREE_TO_KCALMOL),
                    c == null ? null : c.kept(), c == null ? null : c.screened(),
                    c == null ? null : c.screenedByEnergy()));
        }
        return rows;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    static List<Row> hostRows(RunReport r) {
        List<Row> rows = new ArrayList<>();
        for (HostFacts h : r.hosts()) {
            rows.add(RowFactory.create(r.runId(), h.role(), h.executorId(), h.hostname(), h.cpuModel(),
                    h.physicalCores(), h.logicalCores(), h.memoryBytes(), h.os(), h.jvm(), h.jvmProcessors(),
                    h.jvmMaxHeapBytes()));
        }
        return rows;
    }

    static List<Row> memoryRows(RunReport r) {
        List<Row> rows = new ArrayList<>();
        for (MemorySampler.Sample s : r.memory()) {
            rows.add(RowFactory.create(r.runId(), s.timeMs(), (s.timeMs() - r.startedMs()) / 1000.0, s.role(),
                    s.executorId(), s.rssBytes(), s.heapUsedBytes()));
        }
        return rows;
    }
}
