package org.qcmb.spark;

import java.io.Serializable;
import org.qcmb.engine.AtomicResult;
import org.qcmb.mbe.FragmentTask;

/** A task and what its engine returned (success or a classified failure). */
public record FragmentOutcome(FragmentTask task, AtomicResult result) implements Serializable {
}
