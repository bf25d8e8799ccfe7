package org.qcmb.testing;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.qcmb.mbe.TaskLabel;
import org.qcmb.tables.TableSchemas;
import org.qcmb.tables.TableWriter;

/**
 * Writes a small, realistic tables directory (every table of {@link TableSchemas}) for notebook development and CI:
 * two runs of the same water hexamer 3-body cp+nocp expansion (1 core local, 2 executors), and one benchmark run
 * (overhead, scaling, memory, optimisations). Values are synthetic but consistent: stage wall times follow a list
 * schedule of the tasks, energies add up, memory rises during the levels. Deterministic (fixed seeds).
 *
 * <p>{@code java ... org.qcmb.testing.SampleTables OUT_DIR} (OUT_DIR must not hold tables already: rows are appended).
 */
public final class SampleTables {
    public static final String RUN_1 = "sample-local1";
    public static final String RUN_2 = "sample-cluster2";
    public static final String BENCH = "sample-bench";
    static final int N_FRAGMENTS = 6;
    static final int MAX_NBODY = 3;
    static final double HARTREE_KCALMOL = 627.5094740631;
    static final String MC = "hf/sto-3g";

    private SampleTables() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SampleTables OUT_DIR");
            System.exit(2);
        }
        write(Path.of(args[0]));
        System.out.println("sample tables written to " + Path.of(args[0]).toAbsolutePath());
    }

    /** Writes every table into tablesDir (appending), as one commit. */
    public static void write(Path tablesDir) {
        TableWriter w = new TableWriter(tablesDir);
        Tables t = new Tables();
        Instant t0 = Instant.parse("2026-11-27T14:00:00Z");
        run(t, RUN_1, t0, "local[1]", List.of("driver"), 1, new Random(1));
        run(t, RUN_2, t0.plusSeconds(600), "spark://127.0.0.1:7077", List.of("0", "1"), 1, new Random(2));
        benchmarks(t, BENCH, t0.plusSeconds(1200));
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        rows.put("runs", t.runs);
        rows.put("fragments", t.fragments);
        rows.put("tasks", t.tasks);
        rows.put("stages", t.stages);
        rows.put("nbody", t.nbody);
        rows.put("hosts", t.hosts);
        rows.put("memory", t.memory);
        rows.put("benchmarks", t.benchmarks);
        w.commit(rows);
    }

    static final class Tables {
        final List<Row> runs = new ArrayList<>();
        final List<Row> fragments = new ArrayList<>();
        final List<Row> tasks = new ArrayList<>();
        final List<Row> stages = new ArrayList<>();
        final List<Row> nbody = new ArrayList<>();
        final List<Row> hosts = new ArrayList<>();
        final List<Row> memory = new ArrayList<>();
        final List<Row> benchmarks = new ArrayList<>();
    }

    record Frag(String label, int level, int[] real, int[] basis, int nAtoms, int nBasis, double energy,
            int scfIterations, double engineTime) {
    }

    /** One run: the cp+nocp 3-body fragments of 6 waters, in per-level stages on executors x coresPerExecutor. */
    static void run(Tables t, String runId, Instant start, String master, List<String> executors, int coresPerExecutor,
            Random rnd) {
        int cores = executors.size() * coresPerExecutor;
        double sparkStartup = 6.0 + rnd.nextDouble() * 2;
        long startMs = start.toEpochMilli();
        long clock = startMs + Math.round(sparkStartup * 1000) + 400;

        List<Frag> frags = fragments(rnd);
        int[] tasksPerLevel = {2, 6, 12};
        List<long[]> memoryMarks = new ArrayList<>(); // {time, level}
        int stageId = 0;
        long taskId = 0;
        double stageTimeTotal = 0;
        for (int level = 1; level <= MAX_NBODY; level++) {
            final int lv = level;
            List<Frag> lf = frags.stream().filter(f -> f.level == lv).toList();
            int nTasks = tasksPerLevel[level - 1];
            long submission = clock;
            long[] slotFree = new long[cores];
            Arrays.fill(slotFree, submission + 30);
            List<Double> durations = new ArrayList<>();
            for (int p = 0; p < nTasks; p++) {
                List<Frag> batch = new ArrayList<>();
                for (int i = p; i < lf.size(); i += nTasks) {
                    batch.add(lf.get(i));
                }
                int slot = 0;
                for (int s = 1; s < cores; s++) {
                    if (slotFree[s] < slotFree[slot]) {
                        slot = s;
                    }
                }
                String exec = executors.get(slot / coresPerExecutor);
                double engine = batch.stream().mapToDouble(Frag::engineTime).sum();
                long deser = (p < cores ? 180 : 4) + rnd.nextInt(6);
                long gc = level == 3 ? 20 + rnd.nextInt(40) : rnd.nextInt(8);
                long resultSer = 1 + rnd.nextInt(3);
                long run = Math.round(engine * 1000) + 15 + rnd.nextInt(25) + gc;
                long schedDelay = 3 + rnd.nextInt(12);
                long launch = slotFree[slot] + rnd.nextInt(4);
                long duration = deser + run + resultSer + schedDelay;
                long finish = launch + duration;
                slotFree[slot] = finish + 2;
                durations.add(duration / 1000.0);
                boolean ok = true;
                int nBasisMax = batch.stream().mapToInt(Frag::nBasis).max().orElse(0);
                int scf = batch.stream().mapToInt(Frag::scfIterations).sum();
                String labels = batch.stream().map(Frag::label).collect(Collectors.joining("\n"));
                t.tasks.add(RowFactory.create(runId, level, stageId, 0, taskId++, p, 0, exec, "127.0.0.1",
                        launch, finish, duration, run, Math.round(run * (0.93 + 0.05 * rnd.nextDouble())), deser,
                        resultSer, gc, schedDelay, (long) (1 << 20) * (2 + level), ok, null, batch.size(), labels,
                        engine, nBasisMax, scf));
                for (Frag f : batch) {
                    t.fragments.add(RowFactory.create(runId, f.label, MC, f.level, list(f.real), list(f.basis),
                            f.nAtoms, f.nBasis, "psi4", f.energy, f.scfIterations, f.engineTime, p, true, null));
                }
            }
            long completion = Arrays.stream(slotFree).max().getAsLong() + 5;
            double wall = (completion - submission) / 1000.0;
            double sum = durations.stream().mapToDouble(Double::doubleValue).sum();
            double max = durations.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            t.stages.add(RowFactory.create(runId, level, stageId, 0,
                    "level " + level + ": " + lf.size() + " fragments", nTasks, submission, completion, wall, sum, max,
                    median(durations), cores, Math.max(0, cores * wall - sum)));
            memoryMarks.add(new long[] {submission, completion, level});
            stageTimeTotal += wall;
            stageId++;
            clock = completion + 120 + rnd.nextInt(80);
        }
        long endMs = clock + 300;
        double wallTime = (endMs - startMs) / 1000.0;

        List<Row> nb = nbody(runId);
        t.nbody.addAll(nb);
        double returnEnergy = nb.stream().filter(r -> r.getString(1).equals("cp") && r.getInt(2) == MAX_NBODY)
                .mapToDouble(r -> r.getDouble(3)).findFirst().orElseThrow();
        t.runs.add(RowFactory.create(runId, Timestamp.from(start), "water-hexamer.yaml", "sha256:3f9a1c0e5b7d2a64",
                "water hexamer (H2O)6", N_FRAGMENTS, 3 * N_FRAGMENTS, "energy", "cp,nocp", MAX_NBODY, "psi4", MC,
                master, executors.size(), cores, frags.size(), frags.size(), 0, sparkStartup, stageTimeTotal,
                wallTime, returnEnergy, "success", null, null, null)); // unscreened: no screening columns

        long gib = 1L << 30;
        t.hosts.add(RowFactory.create(runId, "driver", "driver", "ci-runner", "Intel(R) Xeon(R) Platinum 8259CL",
                2, 2, 8 * gib, "Linux 6.1.0-27-amd64", "OpenJDK 17.0.15", 2, 4 * gib));
        if (!executors.equals(List.of("driver"))) {
            for (String e : executors) {
                t.hosts.add(RowFactory.create(runId, "executor", e, "ci-runner", "Intel(R) Xeon(R) Platinum 8259CL",
                        2, 2, 8 * gib, "Linux 6.1.0-27-amd64", "OpenJDK 17.0.15", coresPerExecutor, gib));
            }
        }

        List<String> roles = new ArrayList<>(List.of("driver"));
        if (!executors.equals(List.of("driver"))) {
            roles.addAll(executors);
        }
        for (String who : roles) {
            boolean driver = who.equals("driver");
            long rss = (driver ? 310L : 180L) << 20;
            long heap = (driver ? 90L : 40L) << 20;
            for (long tm = startMs + 500; tm <= endMs; tm += 500) {
                int level = 0;
                for (long[] m : memoryMarks) {
                    if (tm >= m[0] && tm <= m[1]) {
                        level = (int) m[2];
                    }
                }
                long targetRss = ((driver ? 420L : 260L) + 60L * level + (tm > startMs + sparkStartup * 1000 ? 90 : 0)) << 20;
                rss += (targetRss - rss) / 4 + ((long) rnd.nextInt(6) << 20);
                heap = Math.max(30L << 20, heap + ((long) (rnd.nextInt(40) - (level > 0 ? 12 : 22)) << 20));
                if (heap > (driver ? 600L : 350L) << 20) {
                    heap = (driver ? 140L : 70L) << 20; // a collection
                }
                t.memory.add(RowFactory.create(runId, tm, (tm - startMs) / 1000.0, driver ? "driver" : "executor",
                        who, rss, heap));
            }
        }
    }

    /** Fragments of the cp and nocp expansions up to MAX_NBODY: every x in basis y with x a subset of y. */
    static List<Frag> fragments(Random rnd) {
        List<Frag> out = new ArrayList<>();
        for (int size = 1; size <= MAX_NBODY; size++) {
            for (int[] basis : subsets(N_FRAGMENTS, size)) {
                for (int k = 1; k <= size; k++) {
                    for (int[] pick : subsets(size, k)) {
                        int[] real = new int[k];
                        for (int i = 0; i < k; i++) {
                            real[i] = basis[pick[i] - 1];
                        }
                        int nBasis = 7 * size; // sto-3g water: 7 functions
                        double e = -74.9659 * k + (k > 1 ? -0.0070 * (k - 1) : 0) - 0.0009 * (size - k)
                                + rnd.nextGaussian() * 1e-4;
                        double time = 0.004 * Math.pow(nBasis, 1.6) / 10 + 0.02 + rnd.nextDouble() * 0.02;
                        out.add(new Frag(TaskLabel.format(MC, real, basis), size, real, basis, 3 * k, nBasis, e,
                                8 + size + rnd.nextInt(4), time));
                    }
                }
            }
        }
        return out;
    }

    /** The n-body table of the run: interaction energies converge with order; cp is a little weaker than nocp. */
    static List<Row> nbody(String runId) {
        double monomers = -74.9659 * N_FRAGMENTS;
        double[][] ie = {{0, -0.05624, -0.06211}, {0, -0.04903, -0.05452}}; // nocp, cp
        String[] treatments = {"nocp", "cp"};
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            for (int n = 1; n <= MAX_NBODY; n++) {
                double e = ie[t][n - 1];
                double c = n == 1 ? 0 : e - ie[t][n - 2];
                double total = monomers + e;
                rows.add(RowFactory.create(runId, treatments[t], n, total, e, c, e * HARTREE_KCALMOL,
                        c * HARTREE_KCALMOL, null, null, null));
            }
        }
        return rows;
    }

    /** A `qcmb bench` run: rows for the categories overhead, scaling, memory and optimisations. */
    static void benchmarks(Tables t, String runId, Instant start) {
        Timestamp ts = Timestamp.from(start);
        List<Row> b = t.benchmarks;
        // scaling: the same expansion on 1, 2 (and 4 with a sleeping synthetic engine) cores
        double[][] water = {{1, 31.8}, {2, 17.4}};
        double[][] synthetic = {{1, 64.6}, {2, 33.1}, {4, 17.2}};
        scaling(b, runId, ts, "water-hexamer-mbe3", "psi4", water, 236);
        scaling(b, runId, ts, "synthetic-sleep-64", "synthetic", synthetic, 64);
        // overhead: Spark's share of the wall time against the engine's own time
        for (int cores : new int[] {1, 2}) {
            b.add(bench(runId, ts, "overhead", "empty-tasks", "local", "task_overhead_ms", cores == 1 ? 3.4 : 3.1,
                    "ms", cores, 1000, "trivial tasks, warm JVM"));
            b.add(bench(runId, ts, "overhead", "water-hexamer-mbe3", "psi4", "overhead_pct", cores == 1 ? 4.1 : 6.8,
                    "%", cores, 20, "1 - engine time / (cores x stage wall)"));
            b.add(bench(runId, ts, "overhead", "spark-startup", "local", "spark_startup_s", cores == 1 ? 6.3 : 6.9,
                    "s", cores, 0, null));
        }
        // memory: peak resident set sizes
        b.add(bench(runId, ts, "memory", "water-hexamer-mbe3", "driver", "peak_rss_bytes", 612.0 * (1 << 20), "bytes",
                2, 20, null));
        b.add(bench(runId, ts, "memory", "water-hexamer-mbe3", "executor", "peak_rss_bytes", 455.0 * (1 << 20),
                "bytes", 2, 20, null));
        b.add(bench(runId, ts, "memory", "synthetic-sleep-64", "driver", "peak_rss_bytes", 388.0 * (1 << 20), "bytes",
                2, 64, null));
        // optimisations: each against its baseline
        b.add(bench(runId, ts, "optimisations", "batching", "one-fragment-per-task", "wall_s", 24.9, "s", 2, 236, null));
        b.add(bench(runId, ts, "optimisations", "batching", "batched", "wall_s", 17.4, "s", 2, 20, null));
        b.add(bench(runId, ts, "optimisations", "batching", "batched", "speedup", 24.9 / 17.4, "x", 2, 20,
                "against one-fragment-per-task"));
        b.add(bench(runId, ts, "optimisations", "reuse", "cold", "wall_s", 17.4, "s", 2, 20, null));
        b.add(bench(runId, ts, "optimisations", "reuse", "fragment-store", "wall_s", 7.9, "s", 2, 20,
                "236 of 236 fragments reused"));
        b.add(bench(runId, ts, "optimisations", "reuse", "fragment-store", "speedup", 17.4 / 7.9, "x", 2, 20,
                "against cold"));
    }

    static void scaling(List<Row> b, String runId, Timestamp ts, String caseName, String variant, double[][] coresWall,
            int nTasks) {
        double base = coresWall[0][1];
        for (double[] cw : coresWall) {
            int cores = (int) cw[0];
            double speedup = base / cw[1];
            b.add(bench(runId, ts, "scaling", caseName, variant, "wall_s", cw[1], "s", cores, nTasks, null));
            b.add(bench(runId, ts, "scaling", caseName, variant, "speedup", speedup, "x", cores, nTasks, null));
            b.add(bench(runId, ts, "scaling", caseName, variant, "efficiency", speedup / cores, "ratio", cores, nTasks,
                    null));
        }
    }

    static Row bench(String runId, Timestamp ts, String category, String caseName, String variant, String metric,
            double value, String unit, int cores, int nTasks, String notes) {
        return RowFactory.create(runId, ts, category, caseName, variant, metric, value, unit, cores, nTasks, notes);
    }

    static List<int[]> subsets(int n, int k) {
        List<int[]> out = new ArrayList<>();
        int[] c = new int[k];
        for (int i = 0; i < k; i++) {
            c[i] = i + 1;
        }
        while (true) {
            out.add(c.clone());
            int i = k - 1;
            while (i >= 0 && c[i] == n - k + i + 1) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            c[i]++;
            for (int j = i + 1; j < k; j++) {
                c[j] = c[j - 1] + 1;
            }
        }
    }

    static String list(int[] a) {
        return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
