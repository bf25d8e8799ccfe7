package org.qcmb.spark;

import java.io.Serializable;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.qcschema.AtomicResult;

/**
 * A task and what its engine returned (success or a classified failure), with the Spark partition and
 * executor that ran it (for the fragments table; -1 and "" when it did not run under Spark), and the executor's
 * memory right after the calculation (the executors' memory profile).
 */
public record FragmentOutcome(FragmentTask task, AtomicResult result, int partition, String executorId,
        MemorySampler.Sample executorMemory) implements Serializable {
}
