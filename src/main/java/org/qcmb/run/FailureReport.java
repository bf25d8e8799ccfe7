package org.qcmb.run;

import java.nio.file.Path;
import java.util.List;
import org.qcmb.spark.FragmentOutcome;
import org.qcmb.spark.ManyBodyJob;

/**
 * The text of DIR/failed-fragments.txt (also printed on stderr): each failed label with its reason, then what to do
 * next. The advice is the truth for both cases: the same input resumes with --resume; an input changed to fix the
 * cause resumes with --resume --accept-changed-input, which reuses exactly the stored fragments whose calculation
 * is unchanged.
 */
public final class FailureReport {
    private FailureReport() {
    }

    public static String text(List<FragmentOutcome> failures, Path out) {
        StringBuilder sb = new StringBuilder();
        sb.append(ManyBodyJob.calculations(failures.size())).append(" failed; no result was written:\n");
        for (FragmentOutcome f : failures) {
            sb.append("  ").append(f.task().label()).append("  ")
                    .append(f.result().error() == null ? "unknown error"
                            : f.result().error().errorClass() + ": " + f.result().error().message())
                    .append('\n');
        }
        sb.append("The completed fragments are kept in ").append(out).append(". To retry with the same input, run it"
                + " again with --resume (only what is missing is computed). If you change the input to fix the cause,"
                + " run with --resume --accept-changed-input: it reuses every stored fragment whose calculation is"
                + " unchanged (same sub-molecule, ghosts, charges, method, basis, keywords and program) and lists them"
                + " in reused-fragments.txt.\n");
        return sb.toString();
    }
}
