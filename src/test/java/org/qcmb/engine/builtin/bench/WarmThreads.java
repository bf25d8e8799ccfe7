package org.qcmb.engine.builtin.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.Model;

/**
 * num_threads 2 against 1 in a warmed-up JVM (what a Spark executor pays): the water tetramer MP2/aug-cc-pVDZ
 * energy (Psi4's defaults), two warm-up rounds, then ROUNDS rounds alternating one and two threads in this one JVM;
 * prints the median wall time of each, their ratio and the largest energy difference between the two.
 * Usage: WarmThreads [ROUNDS]; run by submit-scripts/bench-engine (its last row) with the Vector API module.
 */
public final class WarmThreads {
    private WarmThreads() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        BuiltinEngine engine = new BuiltinEngine();
        AtomicInput one = input(1), two = input(2);
        for (int w = 0; w < 2; w++) {
            engine.compute(one);
            engine.compute(two);
        }
        double[] t1 = new double[rounds], t2 = new double[rounds];
        double de = 0;
        for (int r = 0; r < rounds; r++) {
            long a = System.nanoTime();
            AtomicResult r1 = engine.compute(one);
            long b = System.nanoTime();
            AtomicResult r2 = engine.compute(two);
            long c = System.nanoTime();
            if (!r1.success() || !r2.success()) {
                throw new IllegalStateException("failed: " + r1.error() + " " + r2.error());
            }
            t1[r] = (b - a) * 1e-9;
            t2[r] = (c - b) * 1e-9;
            de = Math.max(de, Math.abs(r1.energy() - r2.energy()));
        }
        double m1 = median(t1), m2 = median(t2);
        System.out.printf(Locale.ROOT, "warm JVM, tetramer mp2 aug-cc-pvdz energy: num_threads 1 %.3f s, num_threads 2 "
                + "%.3f s (medians of %d alternating rounds), speed-up %.2fx, max |dE| %.1e%n", m1, m2, rounds,
                m1 / m2, de);
    }

    private static AtomicInput input(int threads) {
        return new AtomicInput(CommandBenchmark.waters(4), Driver.ENERGY, new Model("mp2", "aug-cc-pvdz"),
                Map.of("num_threads", threads), List.of());
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
