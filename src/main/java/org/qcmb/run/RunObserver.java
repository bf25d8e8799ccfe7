package org.qcmb.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Told how a run goes, in this order: planned, then each level's progress (through {@link #progress()}), then
 * finished (the result is on disk, or the failures are known), then tables and plots written. The command line
 * prints; a benchmark or a test stays silent. Every method has a silent default.
 */
public interface RunObserver {
    RunObserver SILENT = new RunObserver() {
    };

    /**
     * The plan is made, the engines are checked and the output folder is locked; {@code stored} fragment results may
     * be reused ({@link OutputMode#RESUME}: this input's, all reused; {@link OutputMode#RESUME_CHANGED_INPUT}: every
     * store's, reused where the calculation is identical).
     */
    default void planned(RunReport report, int stored, OutputMode mode) {
    }

    /** With --accept-changed-input: how many stored results were reused by content, listed in {@code file}. */
    default void reusedByContent(int count, Path file) {
    }

    /** How many stored results were computed again because another engine version had computed them. */
    default void otherEngineVersion(int count) {
    }

    /** Where per-level progress lines go (done/total, elapsed), or null for none. */
    default PrintStream progress() {
        return null;
    }

    /** The run is over: {@code result.succeeded()} says whether result.json was written. */
    default void finished(ManyBodyRun.Result result, Path resultFile, Path failureFile) {
    }

    /** The run's rows are committed to the tables, in {@code writeMs} milliseconds. */
    default void tablesWritten(Path tables, String runId, long writeMs) {
    }

    /** The run's rows could not be written to the tables (the result is kept); none of them is visible. */
    default void tablesFailed(Path tables, RuntimeException error) {
    }

    default void plotsWritten(List<Path> files, Path folder) {
    }
}
