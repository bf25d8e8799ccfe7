package org.qcmb.run;

/**
 * What a run may do with the results an output folder already holds ({@link OutputFolder}). A folder with results
 * of any input is refused in {@link #NEW} mode, so a forgotten --resume never throws computed work away.
 */
public enum OutputMode {
    /** The folder must hold no results (a new or empty folder, or unrelated files only). */
    NEW,
    /** --resume: reuse this input's stored fragments; another input's results are refused. */
    RESUME,
    /**
     * --resume --accept-changed-input: reuse every stored fragment, of this input or another, whose content hash
     * (sub-molecule with ghosts and charges, model, keywords, program, driver) equals one this run computes.
     */
    RESUME_CHANGED_INPUT,
    /** --overwrite: compute everything again; what the folder holds is replaced once the new run succeeds. */
    OVERWRITE;

    /** The mode of the command-line flags; inconsistent combinations are refused by the caller. */
    public static OutputMode of(boolean resume, boolean acceptChangedInput, boolean overwrite) {
        return overwrite ? OVERWRITE : resume ? (acceptChangedInput ? RESUME_CHANGED_INPUT : RESUME) : NEW;
    }
}
