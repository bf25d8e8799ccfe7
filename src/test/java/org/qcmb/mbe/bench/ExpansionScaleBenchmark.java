package org.qcmb.mbe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.qcmb.common.Driver;
import org.qcmb.qcschema.QcJson;
import org.qcmb.mbe.Assembler;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ComponentResult;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.qcschema.manybody.ManyBodyResultCodec;
import org.qcmb.qcschema.manybody.ResultShape;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.MoleculeBuilder;
import org.qcmb.molecule.Units;

/**
 * Planning and assembly at scale, without Spark or an engine: n rigid waters on a cubic grid 3.0 angstrom apart
 * (as submit-scripts/bench-plan), made-up component values (energy, and gradient at natural size), then
 * {@code Planner} and {@code Assembler} timed and their peak heap read from the JVM's heap pools (peaks reset
 * before each phase), then the result document built and serialised. Cases: 96 waters MBE3 nocp unscreened
 * (147,536 tasks), 64 waters MBE4 nocp unscreened (679,120 tasks), 64 waters MBE4 nocp and cp screened with
 * distance cutoffs 8.0 / 6.0 / 4.5 angstrom (closest atoms). Usage:
 * {@code java -Xmx1g -cp target/classes:target/test-classes:CLASSPATH org.qcmb.mbe.bench.ExpansionScaleBenchmark}.
 * Timings on a shared machine are noisy; the task counts are exact.
 */
public final class ExpansionScaleBenchmark {
    private static final double[][] WATER = {{0, 0, 0}, {0.7572, 0.5865, 0}, {-0.7572, 0.5865, 0}};

    private ExpansionScaleBenchmark() {
    }

    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "expansion scale benchmark: %d cores, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        Map<String, Object> cutoffs = Map.of("distance", Map.of("2", 8.0, "3", 6.0, "4", 4.5));
        for (int repeat = 0; repeat < 2; repeat++) { // the first pass warms the JIT up
            System.out.println(repeat == 0 ? "-- warm-up pass" : "-- measured pass");
            measure("96 waters MBE3 nocp, unscreened", waters(96, 3, List.of("nocp"), null), Driver.ENERGY);
            measure("96 waters MBE3 nocp, unscreened", waters(96, 3, List.of("nocp"), null), Driver.GRADIENT);
            measure("64 waters MBE4 nocp, unscreened", waters(64, 4, List.of("nocp"), null), Driver.ENERGY);
            measure("64 waters MBE4 nocp, 8/6/4.5 A", waters(64, 4, List.of("nocp"), cutoffs), Driver.ENERGY);
            measure("64 waters MBE4 nocp+cp, 8/6/4.5 A", waters(64, 4, List.of("cp", "nocp"), cutoffs),
                    Driver.GRADIENT);
        }
    }

    static ManyBodyInput waters(int n, int maxNbody, List<String> bsse, Map<String, Object> screening) {
        int side = (int) Math.ceil(Math.cbrt(n));
        List<String> symbols = new ArrayList<>();
        double[] geo = new double[9 * n];
        List<int[]> frags = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            int[] f = new int[3];
            for (int a = 0; a < 3; a++) {
                symbols.add(a == 0 ? "O" : "H");
                geo[9 * w + 3 * a] = Units.angstromToBohr(3.0 * (w % side) + WATER[a][0]);
                geo[9 * w + 3 * a + 1] = Units.angstromToBohr(3.0 * ((w / side) % side) + WATER[a][1]);
                geo[9 * w + 3 * a + 2] = Units.angstromToBohr(3.0 * (w / (side * side)) + WATER[a][2]);
                f[a] = 3 * w + a;
            }
            frags.add(f);
        }
        Molecule mol = new MoleculeBuilder().symbols(symbols).geometryBohr(geo).fragments(frags).build();
        return ManyBodyInput.create(mol, Driver.ENERGY, bsse, null, maxNbody, true, null, null,
                Map.of(ManyBodyInput.AUTO, new AtomicSpecification("synthetic", "hf", "sto-3g", null, null, null)),
                screening, "");
    }

    static void measure(String name, ManyBodyInput in, Driver driver) {
        System.gc();
        long base = heapUsed();
        resetPeaks();
        long t0 = System.nanoTime();
        Plan plan = in.plan();
        long t1 = System.nanoTime();
        long planPeak = peakHeap() - base;
        Map<FragmentTask, ComponentResult> results = components(plan, driver == Driver.GRADIENT);
        System.gc();
        long withResults = heapUsed();
        resetPeaks();
        long t2 = System.nanoTime();
        ManyBodyResult r = Assembler.assemble(plan, driver, results);
        long t3 = System.nanoTime();
        long assemblePeak = peakHeap() - withResults;
        long t4 = System.nanoTime();
        String json = QcJson.document(ManyBodyResultCodec.document(r, in.molecule(), ResultShape.DEFAULT, null, null));
        long t5 = System.nanoTime();
        StringBuilder kept = new StringBuilder();
        if (plan.kept() != null) {
            for (int k = 1; k <= plan.spec().maxNbody(); k++) {
                kept.append(k == 1 ? " kept " : "/").append(plan.kept().kept(k));
            }
        }
        System.out.printf(Locale.ROOT, "%-34s %-8s tasks %6d%s%n    plan %5.2f s (peak +%3d MB)  assemble %5.2f s"
                        + " (peak +%3d MB, results held %3d MB)  document %5.2f s (%d kB)  E=%.6f%n", name,
                driver.schemaName(), plan.taskCount(), kept, (t1 - t0) / 1e9, planPeak >> 20, (t3 - t2) / 1e9,
                assemblePeak >> 20, (withResults - base) >> 20, (t5 - t4) / 1e9, json.length() >> 10, r.retEnergy());
    }

    /** Made-up values: the benchmark times bookkeeping and arithmetic, not chemistry. */
    static Map<FragmentTask, ComponentResult> components(Plan plan, boolean gradient) {
        Map<FragmentTask, ComponentResult> out = new HashMap<>(2 * plan.taskCount());
        SplittableRandom rnd = new SplittableRandom(7);
        for (FragmentTask t : plan.tasks()) {
            double e = -75.98 * t.real().length - 0.01 * rnd.nextDouble();
            double[] g = null;
            if (gradient) {
                g = new double[9 * t.basis().length];
                for (int i = 0; i < g.length; i++) {
                    g[i] = 0.01 * (rnd.nextDouble() - 0.5);
                }
            }
            out.put(t, new ComponentResult(e, g, null));
        }
        return out;
    }

    static long heapUsed() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getUsage().getUsed();
            }
        }
        return sum;
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the peak heap in use. */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
