package org.qcmb.spark;

import java.io.Serializable;

/** One Spark task attempt as the listener saw it. Times in ms since the epoch or ms; memory in bytes. */
public record TaskRecord(
        int level,
        int stageId,
        int stageAttempt,
        long taskId,
        int partition,
        int attempt,
        String executorId,
        String host,
        long launchTime,
        long finishTime,
        long executorRunTimeMs,
        long executorCpuTimeMs,
        long deserializeTimeMs,
        long resultSerializationTimeMs,
        long gcTimeMs,
        long schedulerDelayMs,
        long peakExecutionMemory,
        boolean successful,
        String failureReason) implements Serializable {

    public long durationMs() {
        return finishTime - launchTime;
    }
}
