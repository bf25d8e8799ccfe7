package org.qcmb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.qcmb.common.InputException;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.io.FragmentStore;
import org.qcmb.io.InputFingerprint;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.Plan;
import org.qcmb.molecule.Units;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.run.ManyBodyRun;
import org.qcmb.run.RunObserver;
import org.qcmb.run.RunRequest;
import org.qcmb.spark.FragmentOutcome;

/**
 * Screened expansions against the unscreened one of the same input: per case, the unscreened reference is computed
 * once by a real run (its fragment results kept in the cache folder, so a second benchmark run or an interrupted one
 * reuses them), then every screening variant is assembled from those results ({@link ScreenedEstimate}, exact). For
 * each variant: the error in the total energy and in the interaction energy per monomer (kcal/mol), the fraction of
 * fragment calculations kept, and the engine time saved. One variant per case may be run for real, to check the
 * derived energy and engine time against a screened run.
 */
final class AccuracyBenchmark implements Benchmark {
    private final EngineRegistry engines;
    private final Path cache;
    private final List<AccuracyCase> cases;
    private final RunObserver observer;
    private final SparkSession shared;

    /**
     * @param cache folder of the reference runs' output (one sub-folder per case key)
     * @param observer told how each reference and validation run goes (progress lines), or {@link RunObserver#SILENT}
     */
    AccuracyBenchmark(EngineRegistry engines, Path cache, List<AccuracyCase> cases, RunObserver observer) {
        this(engines, cache, cases, observer, null);
    }

    /** As above; the real runs use the shared session (a test's) instead of starting one each on local[2]. */
    AccuracyBenchmark(EngineRegistry engines, Path cache, List<AccuracyCase> cases, RunObserver observer,
            SparkSession shared) {
        this.engines = engines;
        this.cache = cache;
        this.cases = cases;
        this.observer = observer;
        this.shared = shared;
    }

    @Override
    public Category category() {
        return Category.ACCURACY;
    }

    @Override
    public List<Figure> run(BenchContext context) throws IOException {
        List<Figure> out = new ArrayList<>();
        for (AccuracyCase c : cases) {
            measure(c, out);
        }
        return out;
    }

    private void measure(AccuracyCase c, List<Figure> out) throws IOException {
        ManyBodyInput in = c.input();
        Plan plan = in.plan();
        Path dir = cache.resolve("accuracy").resolve(c.key());
        String fingerprint = InputFingerprint.of(in);
        Map<FragmentTask, AtomicResult> results = stored(dir, fingerprint, plan);
        Double referenceWall = null;
        if (results == null) {
            long t0 = System.nanoTime();
            ManyBodyRun.Result r = new ManyBodyRun().execute(RunRequest.builder(in, engines).inputName(c.key())
                    .out(dir).resume(true).master("local[2]").observer(observer).build(), shared);
            if (!r.succeeded()) {
                out.add(new Figure(Category.ACCURACY, c.name(), "unscreened", Metric.ERROR, Double.NaN, 2,
                        plan.taskCount(), r.failures().size() + " fragments failed, e.g. "
                                + r.failures().get(0).result().error() + "; see " + dir));
                return;
            }
            referenceWall = (System.nanoTime() - t0) / 1e9;
            results = stored(dir, fingerprint, plan);
        }
        int n = in.molecule().fragmentCount();
        ScreenedEstimate ref = ScreenedEstimate.of(in, null, results);
        String refNote = "reference: " + dir;
        out.add(figure(c, "unscreened", Metric.INTERACTION_ENERGY, ref.interaction(c.bsse())
                * Units.HARTREE_TO_KCALMOL, ref.tasks(), "through " + c.maxNbody() + "-body"));
        out.add(figure(c, "unscreened", Metric.ENGINE_TIME, ref.engineSeconds(), ref.tasks(),
                "sum of the engine's own times; " + refNote));
        if (referenceWall != null) {
            out.add(new Figure(Category.ACCURACY, c.name(), "unscreened", Metric.WALL_TIME, referenceWall, 2,
                    ref.tasks(), "the reference run, local[2], computed now"));
        }
        for (AccuracyCase.Variant v : c.variants()) {
            ScreenedEstimate s = ScreenedEstimate.of(in, v.screening(), results);
            double total = (s.total(c.bsse()) - ref.total(c.bsse())) * Units.HARTREE_TO_KCALMOL;
            double ie = (s.interaction(c.bsse()) - ref.interaction(c.bsse())) * Units.HARTREE_TO_KCALMOL;
            String kept = "kept per order " + s.plan().orderCounts().stream().map(o -> Long.toString(o.kept()))
                    .collect(Collectors.joining("/"));
            out.add(figure(c, v.name(), Metric.TOTAL_ERROR, total, s.tasks(), "screened - unscreened"));
            out.add(figure(c, v.name(), Metric.ERROR_PER_MONOMER, ie / n, s.tasks(),
                    "interaction energy error / " + n + " monomers"));
            out.add(figure(c, v.name(), Metric.KEPT, 100.0 * s.tasks() / ref.tasks(), s.tasks(), kept));
            out.add(figure(c, v.name(), Metric.TIME_SAVED, 100 * (1 - s.engineSeconds() / ref.engineSeconds()),
                    s.tasks(), "1 - engine time of the kept fragments / all"));
        }
        AccuracyCase.Variant checked = c.validated();
        if (checked != null) {
            validate(c, checked, ScreenedEstimate.of(in, checked.screening(), results), out);
        }
    }

    /** A real screened run of one variant: its energy and engine time against the ones derived from the reference. */
    private void validate(AccuracyCase c, AccuracyCase.Variant v, ScreenedEstimate estimate, List<Figure> out)
            throws IOException {
        ManyBodyInput in = c.input();
        ManyBodyInput screened = ManyBodyInput.create(in.molecule(), in.driver(), List.of(c.bsse().label()), null,
                c.maxNbody(), true, null, null, in.specifications(), v.screening(), "");
        Path dir = Files.createTempDirectory("qcmb-accuracy-" + c.key());
        ManyBodyRun.Result r = new ManyBodyRun().execute(RunRequest.builder(screened, engines).inputName(c.key()
                + " screened").out(dir).master("local[2]").observer(observer).build(), shared);
        String variant = v.name() + " (run)";
        if (!r.succeeded()) {
            out.add(new Figure(Category.ACCURACY, c.name(), variant, Metric.ERROR, Double.NaN, 2,
                    estimate.tasks(), r.failures().size() + " fragments failed; see " + dir));
            return;
        }
        double engine = 0;
        for (FragmentOutcome o : r.report().outcomes()) {
            engine += o.result().provenance() == null ? 0 : o.result().provenance().wallTime();
        }
        int tasks = r.report().computed();
        out.add(new Figure(Category.ACCURACY, c.name(), variant, Metric.ENERGY_DIFFERENCE,
                r.result().retEnergy() - estimate.result().retEnergy(), 2, tasks,
                "screened run - derived from the reference (" + tasks + " vs " + estimate.tasks() + " fragments)"));
        out.add(new Figure(Category.ACCURACY, c.name(), variant, Metric.ENGINE_TIME, engine, 2, tasks,
                "sum of the engine's own times in the screened run"));
        out.add(new Figure(Category.ACCURACY, c.name(), variant, Metric.ENGINE_TIME_RATIO,
                engine / estimate.engineSeconds(), 2, tasks, "screened run / the same fragments in the reference"));
        out.add(new Figure(Category.ACCURACY, c.name(), variant, Metric.STAGE_TIME, r.report().stageTimeMs() / 1000.0,
                2, tasks, String.format(java.util.Locale.ROOT, "sum of engine times / 2 cores = %.1f s",
                        engine / 2)));
        out.add(new Figure(Category.ACCURACY, c.name(), variant, Metric.WALL_TIME, r.report().wallTimeMs() / 1000.0,
                2, tasks, "the whole run, Spark start-up included"));
    }

    /**
     * The reference results stored in dir for this input, by task, or null unless every task of the plan has a
     * successful one.
     */
    static Map<FragmentTask, AtomicResult> stored(Path dir, String fingerprint, Plan plan) {
        FragmentStore store = FragmentStore.existing(FragmentStore.location(dir, fingerprint));
        if (store == null || !store.fingerprint().equals(fingerprint)) {
            return null;
        }
        Map<String, AtomicResult> byLabel = store.load();
        Map<FragmentTask, AtomicResult> out = new HashMap<>();
        for (FragmentTask t : plan.tasks()) {
            AtomicResult r = byLabel.get(t.label());
            if (r == null || !r.success()) {
                return null;
            }
            out.put(t, r);
        }
        return out;
    }

    /** Distance cutoff sets (angstrom, orders 2, 3, 4), loosest last; an MBE3 case uses the first two of each. */
    static final double[][] DISTANCES = {{6, 5, 4}, {8, 6, 4.5}, {10, 7, 5}, {10, 8, 6}, {12, 9, 7}};
    /** Energy thresholds (hartree), each applied to every order from 3 up. */
    static final double[] THRESHOLDS = {3e-3, 1e-3, 1e-4};
    /** The distance cutoffs each system also runs for real (orders 2, 3, 4). */
    static final double[] VALIDATED = {10, 7, 5};

    /** The variants of an expansion through maxNbody: every distance set, then every energy threshold. */
    static List<AccuracyCase.Variant> variants(int maxNbody) {
        List<AccuracyCase.Variant> out = new ArrayList<>();
        for (double[] d : DISTANCES) {
            out.add(AccuracyCase.Variant.of(Arrays.copyOf(d, maxNbody - 1), null));
        }
        for (double tau : THRESHOLDS) {
            Map<Integer, Double> e = new LinkedHashMap<>();
            for (int k = 3; k <= maxNbody; k++) {
                e.put(k, tau);
            }
            out.add(AccuracyCase.Variant.of(null, e));
        }
        return out;
    }

    /**
     * Every case, by key: 16 waters (water16-conformer002) MBE4 and 32 waters (water32) MBE3, nocp and cp,
     * HF/STO-3G and HF/6-31G*, builtin engine; and the quick case, 16 waters MBE3 nocp HF/STO-3G. The real screened
     * run is made on the STO-3G nocp case of each system.
     */
    static Map<String, AccuracyCase> all() {
        Map<String, AccuracyCase> out = new LinkedHashMap<>();
        for (String basis : List.of("sto-3g", "6-31g*")) {
            for (BsseType bt : List.of(BsseType.NOCP, BsseType.CP)) {
                add(out, "water16-conformer002.xyz", 16, 4, bt, basis);
            }
        }
        for (String basis : List.of("sto-3g", "6-31g*")) {
            for (BsseType bt : List.of(BsseType.NOCP, BsseType.CP)) {
                add(out, "water32.xyz", 32, 3, bt, basis);
            }
        }
        add(out, "water16-conformer002.xyz", 16, 3, BsseType.NOCP, "sto-3g");
        return out;
    }

    /** What the category runs unless cases are named: the quick case, or the cases that take hours, not days. */
    static List<String> defaultKeys(boolean quick) {
        return quick ? List.of("water16-mbe3-nocp-hf-sto-3g") : List.of("water16-mbe4-nocp-hf-sto-3g",
                "water16-mbe4-cp-hf-sto-3g", "water16-mbe4-nocp-hf-6-31gs", "water32-mbe3-nocp-hf-sto-3g",
                "water32-mbe3-nocp-hf-6-31gs");
    }

    /** The cases of the given keys (null: {@link #defaultKeys}); an unknown key is an input error naming the known. */
    static List<AccuracyCase> select(List<String> keys, boolean quick) {
        Map<String, AccuracyCase> all = all();
        List<AccuracyCase> out = new ArrayList<>();
        for (String k : keys == null ? defaultKeys(quick) : keys) {
            AccuracyCase c = all.get(k.trim());
            if (c == null) {
                throw new InputException("--accuracy-cases: unknown case '" + k + "' (known: "
                        + String.join(", ", all.keySet()) + ")");
            }
            out.add(c);
        }
        return out;
    }

    private static void add(Map<String, AccuracyCase> out, String file, int waters, int maxNbody, BsseType bt,
            String basis) {
        String key = "water" + waters + "-mbe" + maxNbody + "-" + bt.label() + "-hf-" + basis.replace("*", "s");
        String name = waters + " H2O hf/" + basis + " " + bt.label() + maxNbody;
        out.put(key, new AccuracyCase(key, name, AccuracyCase.resource(file), maxNbody, bt, "hf", basis, "builtin",
                variants(maxNbody), bt == BsseType.NOCP && basis.equals("sto-3g")
                        ? AccuracyCase.Variant.of(Arrays.copyOf(VALIDATED, maxNbody - 1), null).name() : null));
    }

    private static Figure figure(AccuracyCase c, String variant, Metric metric, double value, int tasks,
            String notes) {
        return new Figure(Category.ACCURACY, c.name(), variant, metric, value, 1, tasks, notes);
    }
}
