package org.qcmb.engine.builtin.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.common.Driver;
import org.qcmb.qcschema.Model;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.molecule.Molecule;

/**
 * One side of {@link EngineAbBenchmark}: loaded once per engine build in its own class loader, so it exchanges
 * only JDK types with the benchmark. Input {geometries (water clusters, O H H order, bohr), basis, driver, method,
 * calls}; a call computes every geometry once. Output {best CPU s of a call (this thread), SCF iterations summed
 * over the geometries, number of geometries m, m energies, the gradients one after the other}.
 */
public final class AbSide implements Function<Object[], double[]> {
    private final BuiltinEngine engine = new BuiltinEngine();
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    @Override
    public double[] apply(Object[] in) {
        double[][] geometries = (double[][]) in[0];
        List<AtomicInput> inputs = new ArrayList<>();
        for (double[] g : geometries) {
            List<String> sym = new ArrayList<>();
            for (int i = 0; i < g.length / 9; i++) {
                sym.addAll(List.of("O", "H", "H"));
            }
            inputs.add(new AtomicInput(Molecule.of(sym, g, 0, 1), Driver.parse((String) in[2]),
                    new Model((String) in[3], (String) in[1]), Map.of("scf_type", "pk"), List.of()));
        }
        int calls = (Integer) in[4];
        List<AtomicResult> results = new ArrayList<>();
        double best = Double.MAX_VALUE;
        for (int c = 0; c < calls; c++) {
            results.clear();
            long c0 = mx.getCurrentThreadCpuTime();
            for (AtomicInput input : inputs) {
                results.add(engine.compute(input));
            }
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
        }
        List<Double> out = new ArrayList<>(List.of(best, 0.0, (double) results.size()));
        for (AtomicResult r : results) {
            if (!r.success()) {
                throw new IllegalStateException(in[1] + " " + in[2] + ": " + r.error());
            }
            out.set(1, out.get(1) + r.properties().scfIterations());
            out.add(r.energy());
        }
        for (AtomicResult r : results) {
            if (r.gradient() != null) {
                for (double x : r.gradient()) {
                    out.add(x);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
