package org.qcmb.bench;

import org.qcmb.engine.EngineRegistry;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.Planner;
import org.qcmb.run.ModelChemistryEngines;
import org.qcmb.spark.FragmentContext;

/** A benchmark case: a plan and the context that computes its tasks. */
record Workload(String name, ManyBodyInput input, Plan plan, FragmentContext context) {
    static Workload of(String name, ManyBodyInput in, EngineRegistry engines) {
        return new Workload(name, in, Planner.plan(in.expansionSpec()),
                new FragmentContext(in, ModelChemistryEngines.resolve(in, engines)));
    }

    /** Fragment calculations of the plan. */
    int size() {
        return plan.taskCount();
    }
}
