package org.qcmb.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qcmb.common.Method;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.Model;
import org.qcmb.qcschema.PointCharge;

/**
 * Everything an executor needs to run any task of a run, shipped once per executor as a broadcast variable:
 * the many-body input (parent molecule, driver, one specification per model chemistry, embedding charges) and
 * each model chemistry's engine. Tasks stay a label's worth of indices; sub-molecules are built here.
 */
public final class FragmentContext implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ManyBodyInput input;
    private final Map<String, FragmentEngine> engines;
    private final Map<String, Method> methods;

    public FragmentContext(ManyBodyInput input, Map<String, FragmentEngine> engines) {
        this.input = input;
        this.engines = Map.copyOf(engines);
        Map<String, Method> byMc = new HashMap<>();
        input.specifications().forEach((mc, spec) -> byMc.put(mc, Method.of(spec.method())));
        this.methods = Map.copyOf(byMc);
    }

    public ManyBodyInput input() {
        return input;
    }

    /** The atomic calculation of a task: sub-molecule with ghosts, the mc's model and keywords, embedding charges. */
    public AtomicInput inputFor(FragmentTask task) {
        AtomicSpecification spec = input.specification(task.mc());
        List<PointCharge> charges = new ArrayList<>();
        for (double[] q : input.embeddingChargesFor(task)) {
            charges.add(new PointCharge(q[0], q[1], q[2], q[3]));
        }
        return new AtomicInput(input.molecule().subMolecule(task.real(), task.basis()), input.driver(),
                new Model(spec.method(), spec.basis()), spec.keywords(), charges);
    }

    public AtomicResult compute(FragmentTask task) {
        return engine(task.mc()).compute(inputFor(task));
    }

    /** The engine of a model chemistry. */
    public FragmentEngine engine(String mc) {
        FragmentEngine engine = engines.get(mc);
        if (engine == null) {
            throw new IllegalStateException("no engine for model chemistry '" + mc + "'");
        }
        return engine;
    }

    /** A rough relative cost: (minimal-basis functions of B)^4, times 3 for correlated methods. */
    public long costEstimate(FragmentTask task) {
        long nbf = 0;
        for (int f : task.basis()) {
            for (int a : input.molecule().fragments().get(f - 1)) {
                // a minimal basis: one function for H and He, four more (s + p) per further row
                nbf += 1 + 4L * (input.molecule().element(a).period() - 1);
            }
        }
        long cost = nbf * nbf * nbf * nbf;
        return methods.get(task.mc()).meanField() ? cost : 3 * cost;
    }
}
