package org.qcmb.run;

import java.util.List;
import org.qcmb.spark.FragmentOutcome;

/** The text of DIR/failed-fragments.txt (also printed on stderr): each failed label with its reason. */
public final class FailureReport {
    private FailureReport() {
    }

    public static String text(List<FragmentOutcome> failures) {
        StringBuilder sb = new StringBuilder();
        sb.append(failures.size()).append(" fragment calculation(s) failed; no result was written:\n");
        for (FragmentOutcome f : failures) {
            sb.append("  ").append(f.task().label()).append("  ")
                    .append(f.result().error() == null ? "unknown error"
                            : f.result().error().errorClass() + ": " + f.result().error().message())
                    .append('\n');
        }
        sb.append("Completed fragments are kept; fix the cause and run again with --resume.\n");
        return sb.toString();
    }
}
