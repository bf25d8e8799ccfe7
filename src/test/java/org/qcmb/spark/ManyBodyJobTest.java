package org.qcmb.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qcmb.common.Driver;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.engine.synthetic.SyntheticEngine;
import org.qcmb.mbe.Assembler;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ComponentResult;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.Planner;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.testing.LocalSpark;

class ManyBodyJobTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark("local[2,3]");


    static final ManyBodyInput INPUT = ManyBodyJobTestData.INPUT;

    static Plan plan() {
        return ManyBodyJobTestData.plan();
    }

    static FragmentContext context(FragmentEngine engine) {
        return ManyBodyJobTestData.context(engine);
    }

    static Map<FragmentTask, ComponentResult> components(Map<FragmentTask, AtomicResult> results) {
        Map<FragmentTask, ComponentResult> out = new HashMap<>();
        results.forEach((t, r) -> out.put(t, new ComponentResult(r.energy(), r.gradient(), r.hessian())));
        return out;
    }

    @Test
    void runsOneJobPerLevelAndAssemblesExactlyAsASequentialLoop() {
        Plan plan = plan();
        FragmentContext ctx = context(new SyntheticEngine());
        MetricsRecord record = new MetricsRecord();
        MetricsListener metrics = new MetricsListener(record);
        SPARK.session().sparkContext().addSparkListener(metrics);
        List<Integer> sinkLevels = new ArrayList<>();
        ManyBodyJob.Outcome out = new ManyBodyJob(SPARK.session(), new FragmentStage(0, 1), null)
                .run(ctx, plan, Map.of(), (level, outcomes) -> sinkLevels.add(level));
        SPARK.session().sparkContext().removeSparkListener(metrics);
        MetricsListener.drain(SPARK.session().sparkContext());

        assertThat(out.succeeded()).isTrue();
        assertThat(out.computed()).isEqualTo(19); // 3 waters, cp+nocp+vmfc through 3-body (semantics §3.3)
        assertThat(sinkLevels).containsExactly(1, 2, 3);
        assertThat(record.stages()).extracting(StageRecord::level).containsExactly(1, 2, 3);
        assertThat(record.tasks()).hasSize(19);

        Map<FragmentTask, AtomicResult> sequential = new LinkedHashMap<>();
        for (FragmentTask t : plan.tasks()) {
            sequential.put(t, ctx.compute(t));
        }
        ManyBodyResult viaSpark = Assembler.assemble(plan, Driver.GRADIENT, components(out.results()));
        ManyBodyResult viaLoop = Assembler.assemble(plan, Driver.GRADIENT, components(sequential));
        assertThat(viaSpark.retEnergy()).isEqualTo(viaLoop.retEnergy());
        assertThat(viaSpark.returnResult()).containsExactly(viaLoop.returnResult());
        assertThat(viaSpark.results().keySet()).isEqualTo(viaLoop.results().keySet());
    }

    @Test
    void reportsDeterministicFailuresRetriesCrashesAndResumesWithoutRecomputing() {
        Plan plan = plan();
        // dimers with a ghost (6 real atoms, not all real) never converge; monomer tasks (3 real atoms) crash once
        FragmentContext faulty = context(new FaultyEngine(Set.of(6), Set.of(3)));
        Map<String, AtomicResult> stored = new LinkedHashMap<>();
        ManyBodyJob job = new ManyBodyJob(SPARK.session(), new FragmentStage(0, 1), null);
        ManyBodyJob.Outcome first = job.run(faulty, plan, Map.of(), (level, outcomes) -> outcomes.stream()
                .filter(o -> o.result().success()).forEach(o -> stored.put(o.task().label(), o.result())));

        assertThat(first.succeeded()).isFalse();
        assertThat(first.failures()).extracting(o -> o.task().label())
                .containsExactlyInAnyOrder("[\"(auto)\", [1, 2], [1, 2, 3]]", "[\"(auto)\", [1, 3], [1, 2, 3]]",
                        "[\"(auto)\", [2, 3], [1, 2, 3]]");
        assertThat(first.failures()).allMatch(o -> o.result().error().message().contains("did not converge"));
        // level 3 never ran; every monomer task succeeded on its retry
        assertThat(stored.keySet()).noneMatch(l -> l.contains("[1, 2, 3], [1, 2, 3]"));
        int level1 = plan.tasksByLevel().get(1).size();
        assertThat(stored.keySet().stream().filter(l -> l.matches(".*\\[\\d], \\[.*"))).hasSize(level1);

        ManyBodyJob.Outcome resumed = job.run(context(new SyntheticEngine()), plan, stored, (l, o) -> { });
        assertThat(resumed.succeeded()).isTrue();
        assertThat(resumed.reused()).isEqualTo(stored.size());
        assertThat(resumed.computed()).isEqualTo(19 - stored.size());
    }
}
