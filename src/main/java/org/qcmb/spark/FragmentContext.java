package org.qcmb.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qcmb.engine.AtomicInput;
import org.qcmb.engine.AtomicResult;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.engine.Model;
import org.qcmb.engine.PointCharge;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;

/**
 * Everything an executor needs to run any task of a run, shipped once per executor as a broadcast variable:
 * the many-body input (parent molecule, driver, one specification per model chemistry, embedding charges) and
 * each model chemistry's engine. Tasks stay a label's worth of indices; sub-molecules are built here.
 */
public final class FragmentContext implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ManyBodyInput input;
    private final Map<String, FragmentEngine> engines;

    public FragmentContext(ManyBodyInput input, Map<String, FragmentEngine> engines) {
        this.input = input;
        this.engines = Map.copyOf(engines);
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
        FragmentEngine engine = engines.get(task.mc());
        if (engine == null) {
            throw new IllegalStateException("no engine for model chemistry '" + task.mc() + "'");
        }
        return engine.compute(inputFor(task));
    }

    /** A rough relative cost: (minimal-basis functions of B)^4, times 3 for correlated methods. */
    public long costEstimate(FragmentTask task) {
        long nbf = 0;
        for (int f : task.basis()) {
            for (int a : input.molecule().fragments().get(f - 1)) {
                int z = input.molecule().element(a).atomicNumber();
                nbf += z <= 2 ? 1 : z <= 10 ? 5 : z <= 18 ? 9 : 13;
            }
        }
        long cost = nbf * nbf * nbf * nbf;
        String method = String.valueOf(input.specification(task.mc()).method()).toLowerCase(Locale.ROOT);
        return method.equals("hf") || method.equals("scf") ? cost : 3 * cost;
    }
}
