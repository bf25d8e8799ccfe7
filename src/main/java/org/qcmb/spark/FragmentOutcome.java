package org.qcmb.spark;

import java.io.Serializable;
import org.qcmb.engine.AtomicResult;
import org.qcmb.mbe.FragmentTask;

/**
 * A task and what its engine returned (success or a classified failure), with the Spark partition and
 * executor that ran it (for the fragments table; -1 and "" when it did not run under Spark).
 */
public record FragmentOutcome(FragmentTask task, AtomicResult result, int partition, String executorId)
        implements Serializable {
}
