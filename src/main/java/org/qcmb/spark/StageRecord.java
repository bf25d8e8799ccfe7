package org.qcmb.spark;

import java.io.Serializable;

/** One completed Spark stage (one n-body level of a run). Times in ms. */
public record StageRecord(
        int level,
        int stageId,
        int attempt,
        String description,
        int numTasks,
        long submissionTime,
        long completionTime,
        String failureReason) implements Serializable {

    public long wallTimeMs() {
        return completionTime - submissionTime;
    }
}
