package org.qcmb.engine.synthetic;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Set;
import org.qcmb.common.Driver;
import org.qcmb.engine.CalculationSpec;
import org.qcmb.engine.EngineException;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicProperties;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.EngineError;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Provenance;

/**
 * A SYNTHETIC engine for benchmarks and tests, not chemistry: it burns a fixed CPU time per calculation
 * (keyword {@code cpu_ms}, default 0) and returns a cheap, deterministic model energy with its exact gradient:
 * E = sum over real atoms of -Z/2, plus -0.01/r for each real-real pair and -0.001/r for each real-ghost pair
 * (so ghosts change the energy, as basis-set superposition does). Program name "synthetic".
 */
public final class SyntheticEngine implements FragmentEngine {
    private static final long serialVersionUID = 1L;
    private static final Set<String> KEYWORDS = Set.of("cpu_ms");

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public String version() {
        return "1";
    }

    /** Keywords and driver; any element, charge, multiplicity, method and basis will do (it is not chemistry). */
    @Override
    public void validate(CalculationSpec spec) {
        String problem = problem(spec.driver(), spec.keywords());
        if (problem != null) {
            throw new EngineException(ErrorClass.INPUT_ERROR, problem);
        }
    }

    private static String problem(Driver driver, Map<String, Object> keywords) {
        for (Map.Entry<String, Object> k : keywords.entrySet()) {
            if (!KEYWORDS.contains(k.getKey())) {
                return "unknown keyword '" + k.getKey() + "' for the synthetic engine (known: cpu_ms)";
            }
            if (cpuMs(k.getValue()) < 0) {
                return "keyword cpu_ms must be a whole number of milliseconds >= 0, not '" + k.getValue() + "'";
            }
        }
        return driver == Driver.HESSIAN ? "the synthetic engine computes energies and gradients only" : null;
    }

    @Override
    public AtomicResult compute(AtomicInput input) {
        long start = System.nanoTime();
        String problem = problem(input.driver(), input.keywords());
        if (problem != null) {
            return fail(input, start, problem);
        }
        burnCpu(cpuMs(input.keywords()));
        Molecule m = input.molecule();
        int n = m.atomCount();
        double e = 0;
        double[] g = new double[3 * n];
        for (int i = 0; i < n; i++) {
            if (m.real()[i]) {
                e -= 0.5 * m.element(i).atomicNumber();
            }
            for (int j = 0; j < i; j++) {
                if (!m.real()[i] && !m.real()[j]) {
                    continue;
                }
                double c = m.real()[i] && m.real()[j] ? 0.01 : 0.001;
                double dx = m.x(i) - m.x(j), dy = m.y(i) - m.y(j), dz = m.z(i) - m.z(j);
                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                e -= c / r;
                double f = c / (r * r * r); // d(-c/r)/dx_i = c * dx / r^3
                g[3 * i] += f * dx;
                g[3 * i + 1] += f * dy;
                g[3 * i + 2] += f * dz;
                g[3 * j] -= f * dx;
                g[3 * j + 1] -= f * dy;
                g[3 * j + 2] -= f * dz;
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        AtomicProperties props = new AtomicProperties(e, null, null, m.nuclearRepulsionEnergy(), 0, n, n, false);
        return new AtomicResult(true, input.driver(), e, input.driver() == Driver.ENERGY ? null : g, null, props,
                new Provenance(name(), version(), wall), null);
    }

    private AtomicResult fail(AtomicInput input, long start, String message) {
        return AtomicResult.failure(input.driver(), new EngineError(ErrorClass.INPUT_ERROR, message),
                new Provenance(name(), version(), (System.nanoTime() - start) / 1e9));
    }

    private static long cpuMs(Map<String, Object> keywords) {
        return cpuMs(keywords.get("cpu_ms"));
    }

    /** The cpu_ms value: null is 0; anything but a whole number >= 0 is -1. */
    private static long cpuMs(Object v) {
        if (v == null) {
            return 0;
        }
        try {
            return Math.max(-1, Long.parseLong(v.toString().strip()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Spins until this thread has used ms of CPU time (not wall time: a loaded machine does not shorten it). */
    static void burnCpu(long ms) {
        if (ms <= 0) {
            return;
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long until = bean.getCurrentThreadCpuTime() + ms * 1_000_000L;
        double x = 1;
        while (bean.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 1.0000001 + 1e-9;
            }
        }
        if (x == 0) {
            throw new AssertionError(); // keeps the loop from being optimised away
        }
    }
}
