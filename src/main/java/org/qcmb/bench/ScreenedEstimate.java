package org.qcmb.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.mbe.Assembler;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.ComponentResult;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.Planner;
import org.qcmb.mbe.Screening;
import org.qcmb.mbe.ScreeningSpec;
import org.qcmb.qcschema.AtomicResult;

/**
 * An expansion assembled from the fragment results of the unscreened one. Exact for a screened expansion: its
 * tasks are a subset of the unscreened tasks (the same labels, so the same calculations), and the energy rule's
 * decisions depend only on those results, so planning it order by order from the stored energies gives the plan
 * a real run would make. The engine time is the sum of the stored engine times of the plan's tasks.
 *
 * @param plan the plan as a run would end it (every order decided)
 * @param result the assembled energies
 * @param engineSeconds sum of the engine's own wall times over the plan's tasks, in plan order
 */
record ScreenedEstimate(Plan plan, ManyBodyResult result, double engineSeconds) {

    /**
     * @param in the unscreened input (its screening, if any, is ignored)
     * @param screening the {@code screening} block (plain JSON values), or null for the unscreened expansion
     * @param results a successful result for every task of the unscreened plan (more are ignored)
     */
    static ScreenedEstimate of(ManyBodyInput in, Map<String, Object> screening, Map<FragmentTask, AtomicResult> results) {
        Plan plan = screening == null ? Planner.plan(in.expansionSpec())
                : Planner.plan(in.expansionSpec(), Screening.of(ScreeningSpec.parse(screening, "screening",
                        in.molecule().fragmentCount(), in.supersystemIeOnly()), in.molecule()));
        if (!plan.complete()) {
            Map<FragmentTask, Double> energies = new HashMap<>();
            results.forEach((t, r) -> energies.put(t, r.energy()));
            while (!plan.complete()) {
                plan = Planner.extend(plan, energies);
            }
        }
        Map<FragmentTask, ComponentResult> components = new LinkedHashMap<>();
        double engine = 0;
        for (FragmentTask t : plan.tasks()) {
            AtomicResult r = results.get(t);
            if (r == null || !r.success()) {
                throw new IllegalArgumentException("no successful reference result for " + t.label());
            }
            components.put(t, new ComponentResult(r.energy(), null, null));
            engine += r.provenance() == null ? 0 : r.provenance().wallTime();
        }
        return new ScreenedEstimate(plan, Assembler.assemble(plan, Driver.ENERGY, components), engine);
    }

    /** Fragment calculations of the plan. */
    int tasks() {
        return plan.taskCount();
    }

    /** The total energy through the highest order under a treatment (Eh); NaN when not reported. */
    double total(BsseType bt) {
        return property(bt.label() + "_corrected_total_energy_through_" + plan.spec().maxNbody() + "_body");
    }

    /** The interaction energy through the highest order under a treatment (Eh). */
    double interaction(BsseType bt) {
        return property(bt.label() + "_corrected_interaction_energy_through_" + plan.spec().maxNbody() + "_body");
    }

    private double property(String name) {
        double[] v = result.results().get(name);
        return v == null ? Double.NaN : v[0];
    }
}
