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
        Plan plan = Planner.plan(in.expansionSpec());
        return new Workload(name, in, plan, new FragmentContext(in, ModelChemistryEngines.resolve(in, plan, engines)));
    }

    /** Fragment calculations of the plan. */
    int size() {
        return plan.taskCount();
    }
}
