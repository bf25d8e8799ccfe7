package org.qcmb.mbe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.qcmb.common.InputException;

/** A basis-set-superposition-error treatment. */
public enum BsseType {
    /** no counterpoise correction: x@x */
    NOCP,
    /** counterpoise: x in the full-cluster basis, x@F */
    CP,
    /** Valiron-Mayer function counterpoise: x@B for every basis block B */
    VMFC;

    /** Lower-case name as in QCManyBody ("nocp", "cp", "vmfc"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exact core name (no aliases), as QCManyBody's core accepts. */
    public static BsseType ofCore(String s, String field) {
        for (BsseType b : values()) {
            if (b.label().equals(s)) {
                return b;
            }
        }
        throw InputException.field(field, "unknown BSSE treatment '" + s + "': Input should be 'nocp', 'cp' or"
                + " 'vmfc'");
    }

    /**
     * High-level normalisation (semantics §1.2): lower-case, aliases ssfc->cp, mbe/none->nocp, duplicates removed
     * keeping the first occurrence. The first entry is the return treatment.
     */
    public static List<BsseType> normalize(List<String> given, String field) {
        LinkedHashSet<BsseType> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String s = given.get(i) == null ? "" : given.get(i).trim().toLowerCase(Locale.ROOT);
            BsseType b = switch (s) {
                case "nocp", "mbe", "none" -> NOCP;
                case "cp", "ssfc" -> CP;
                case "vmfc" -> VMFC;
                default -> throw InputException.field(field + (given.size() > 1 ? "[" + i + "]" : ""),
                        "unknown BSSE treatment '" + given.get(i) + "': Input should be 'nocp', 'cp' or 'vmfc'"
                                + " (aliases: ssfc, mbe, none)");
            };
            out.add(b);
        }
        if (out.isEmpty()) {
            throw InputException.field(field, "No BSSE correction specified: give at least one of nocp, cp, vmfc");
        }
        return new ArrayList<>(out);
    }
}
