package org.qcmb.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.qcmb.engine.AtomicInput;
import org.qcmb.engine.AtomicResult;
import org.qcmb.engine.Driver;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.engine.PointCharge;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.molecule.Molecule;

/**
 * Everything an executor needs to run any task of a run, shipped once per executor as a broadcast variable:
 * the parent molecule, the driver, each model chemistry's engine and specification, embedding charges.
 * Tasks themselves stay a label's worth of indices; the sub-molecule is built here, on the executor.
 */
public final class FragmentContext implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Molecule molecule;
    private final Driver driver;
    private final Map<String, ModelSpec> specs;
    private final Map<String, FragmentEngine> engines;
    /** Per fragment (index 0 = fragment 1) one point charge per atom, or null without embedding. */
    private final List<double[]> embeddingCharges;

    public FragmentContext(Molecule molecule, Driver driver, Map<String, ModelSpec> specs,
            Map<String, FragmentEngine> engines, List<double[]> embeddingCharges) {
        this.molecule = molecule;
        this.driver = driver;
        this.specs = Map.copyOf(specs);
        this.engines = Map.copyOf(engines);
        this.embeddingCharges = embeddingCharges == null ? null : List.copyOf(embeddingCharges);
    }

    public Molecule molecule() {
        return molecule;
    }

    public ModelSpec spec(String mc) {
        ModelSpec s = specs.get(mc);
        if (s == null) {
            throw new IllegalStateException("no specification for model chemistry '" + mc + "'");
        }
        return s;
    }

    /** The atomic calculation of a task: sub-molecule with ghosts, the mc's model and keywords, embedding charges. */
    public AtomicInput inputFor(FragmentTask task) {
        ModelSpec spec = spec(task.mc());
        Molecule sub = molecule.subMolecule(task.real(), task.basis());
        return new AtomicInput(sub, driver, spec.model(), spec.keywords(), externalCharges(task.basis()));
    }

    /** Fragments outside the basis B appear as point charges at their atoms' parent positions (bohr). */
    List<PointCharge> externalCharges(int[] basis) {
        if (embeddingCharges == null) {
            return List.of();
        }
        List<PointCharge> out = new ArrayList<>();
        for (int f = 1; f <= molecule.fragmentCount(); f++) {
            if (Arrays.binarySearch(basis, f) >= 0) {
                continue;
            }
            int[] atoms = molecule.fragments().get(f - 1);
            double[] q = embeddingCharges.get(f - 1);
            for (int i = 0; i < atoms.length; i++) {
                int a = atoms[i];
                out.add(new PointCharge(q[i], molecule.x(a), molecule.y(a), molecule.z(a)));
            }
        }
        return out;
    }

    public AtomicResult compute(FragmentTask task) {
        return engines.get(task.mc()).compute(inputFor(task));
    }

    /** A rough relative cost: (minimal-basis functions of B)^4, times 3 for correlated methods. */
    public long costEstimate(FragmentTask task) {
        long nbf = 0;
        for (int f : task.basis()) {
            for (int a : molecule.fragments().get(f - 1)) {
                int z = molecule.element(a).atomicNumber();
                nbf += z <= 2 ? 1 : z <= 10 ? 5 : z <= 18 ? 9 : 13;
            }
        }
        long cost = nbf * nbf * nbf * nbf;
        String method = spec(task.mc()).model().method().toLowerCase(java.util.Locale.ROOT);
        return method.equals("hf") || method.equals("scf") ? cost : 3 * cost;
    }
}
