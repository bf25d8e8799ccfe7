package org.qcmb.engine.builtin.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.qcmb.engine.AtomicInput;
import org.qcmb.engine.AtomicResult;
import org.qcmb.engine.Driver;
import org.qcmb.engine.Model;
import org.qcmb.engine.builtin.BuiltinEngine;

/**
 * One side of {@link EngineAbBenchmark}: loaded once per engine build in its own class loader, so it only exchanges
 * JDK types with the benchmark. Input {nwater, basis, driver, method, calls}; output {min CPU s per call,
 * iterations, energy, gradient...} (CPU time of this thread, best call of the batch).
 */
public final class AbSide implements Function<Object[], double[]> {
    private final BuiltinEngine engine = new BuiltinEngine();
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    @Override
    public double[] apply(Object[] in) {
        int nwater = (Integer) in[0];
        AtomicInput input = new AtomicInput(EngineBenchmark.water(nwater), Driver.parse((String) in[2]),
                new Model((String) in[3], (String) in[1]), Map.of("scf_type", "pk"), List.of());
        int calls = (Integer) in[4];
        AtomicResult r = null;
        double best = Double.MAX_VALUE;
        for (int c = 0; c < calls; c++) {
            long c0 = mx.getCurrentThreadCpuTime();
            r = engine.compute(input);
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
        }
        if (!r.success()) {
            throw new IllegalStateException(in[1] + " " + in[2] + ": " + r.error());
        }
        double[] g = r.gradient() == null ? new double[0] : r.gradient();
        double[] out = new double[3 + g.length];
        out[0] = best;
        out[1] = r.properties().scfIterations();
        out[2] = r.energy();
        System.arraycopy(g, 0, out, 3, g.length);
        return out;
    }
}
