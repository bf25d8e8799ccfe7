package org.qcmb.run;

import java.util.List;

/** The text of DIR/reused-fragments.txt: which stored results a --resume --accept-changed-input run reused. */
final class ReusedFragments {
    private ReusedFragments() {
    }

    static String text(List<String> labels) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(labels.size()).append(labels.size() == 1 ? " fragment result was" : " fragment results"
                + " were").append(" reused from an earlier input because the calculation is identical (same"
                + " per-fragment hash: sub-molecule with ghosts, charges, method, basis, keywords, program, driver)\n");
        labels.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}
