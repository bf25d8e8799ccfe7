package org.qcmb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qcmb.common.InputException;

/** The benchmark categories, in the order the suite runs them. */
public enum Category {
    FIXEDCOSTS("fixed costs: a small run twice in a fresh JVM (cold, then warm), 4 H2O MBE3 cp HF/STO-3G, local[2]"),
    OVERHEAD("overhead: the same fragments, sequential loop vs Spark driver on local[1]"),
    SCALING("scaling: speed-up against the sequential loop, makespan against the lower bound"),
    MEMORY("memory: peak memory against fragment count, bytes per planned task"),
    OPTIMISATIONS("optimisations: scheduling choices on local[2]"),
    ENDTOEND("end to end: the run command, 16 waters MBE3 nocp HF/6-31G* (696 fragments)"),
    ACCURACY("accuracy: screened expansions against the unscreened one, from the same fragment results"),
    SCALE("scale: runs of 10^5 fragment calculations on local[2], result and tables included");

    private final String title;

    Category(String title) {
        this.title = title;
    }

    /** The name in the benchmarks table and on the command line, e.g. "overhead". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String title() {
        return title;
    }

    /** The category of a command-line name; anything else is an input error naming the known ones. */
    public static Category parse(String name) {
        for (Category c : values()) {
            if (c.label().equals(name)) {
                return c;
            }
        }
        List<String> known = new ArrayList<>();
        for (Category c : values()) {
            known.add(c.label());
        }
        throw new InputException("--only: unknown category '" + name + "' (" + String.join(", ", known) + ")");
    }
}
