package org.qcmb.engine.builtin.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicCodec;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.engine.builtin.BuiltinEngine;

/**
 * Runs one AtomicInput JSON N times in this JVM with the builtin engine and prints wall and main-thread CPU time of
 * each run (the first is cold, the later ones show the warmed-up JVM of a Spark executor). A development aid.
 * Usage: ComputeRepeat ATOMIC_INPUT.json [N]
 */
public final class ComputeRepeat {
    private ComputeRepeat() {
    }

    public static void main(String[] args) throws Exception {
        AtomicInput in = AtomicCodec.readInput(QcJson.mapper().readTree(Files.readString(Path.of(args[0]))));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        BuiltinEngine engine = new BuiltinEngine();
        for (int r = 0; r < n; r++) {
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            AtomicResult res = engine.compute(in);
            System.out.printf(Locale.ROOT, "run %d: wall %.3f s, main-thread CPU %.3f s, energy %.10f %s%n", r,
                    (System.nanoTime() - t0) * 1e-9, (mx.getCurrentThreadCpuTime() - c0) * 1e-9, res.energy(),
                    res.success() ? "" : res.error());
        }
    }
}
