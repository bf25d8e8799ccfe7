package org.qcmb.io;

import java.util.List;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.spark.FragmentOutcome;
import org.qcmb.spark.HostFacts;
import org.qcmb.spark.MemorySampler;
import org.qcmb.spark.StageRecord;
import org.qcmb.spark.TaskRecord;

/**
 * Everything measured about one run, for the tables. Times: epoch ms, durations in ms.
 *
 * @param result null when the run failed
 * @param outcomes the fragments computed in this run (resumed ones are not repeated here)
 */
public record RunReport(
        String runId,
        long startedMs,
        String inputName,
        String fingerprint,
        ManyBodyInput input,
        Plan plan,
        ManyBodyResult result,
        String master,
        int executors,
        int cores,
        int computed,
        int reused,
        long sparkStartupMs,
        long stageTimeMs,
        long wallTimeMs,
        List<FragmentOutcome> outcomes,
        List<TaskRecord> tasks,
        List<StageRecord> stages,
        List<HostFacts> hosts,
        List<MemorySampler.Sample> memory) {
}
