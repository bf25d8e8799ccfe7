package org.qcmb.mbe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.qcmb.common.InputException;

/**
 * What QCManyBody's core ({@code ManyBodyCore}) receives: fragment sizes, the bsse list (first = return
 * treatment), the <em>full</em> levels map (every level 1..M named) plus an optional supersystem model chemistry,
 * and the flags rtd, sio and whether embedding charges are used. The constructor checks the core rules
 * C5-C9 of the specification, multilevel+sio (P9) and levels above N (P14).
 *
 * @param fragmentSizes atoms per fragment, index 0 = fragment 1
 */
public record ExpansionSpec(
        int[] fragmentSizes,
        List<BsseType> bsse,
        SortedMap<Integer, String> levels,
        String supersystemMc,
        boolean returnTotalData,
        boolean supersystemIeOnly,
        boolean embedding) implements java.io.Serializable {

    public ExpansionSpec {
        bsse = List.copyOf(bsse);
        levels = Collections.unmodifiableSortedMap(new TreeMap<>(levels));
        fragmentSizes = fragmentSizes.clone();
        int n = fragmentSizes.length;
        if (bsse.isEmpty()) {
            throw InputException.field("bsse_type", "No BSSE correction specified");
        }
        if (levels.isEmpty()) {
            throw InputException.field("levels", "has no integer n-body level: at least level 1 must be named");
        }
        int m = levels.lastKey();
        for (int i = 1; i <= m; i++) {
            if (!levels.containsKey(i)) {
                throw InputException.field("levels", "Levels must be contiguous from 1 to M=" + m + ": level " + i
                        + " is missing (keys " + levels.keySet() + ")");
            }
        }
        if (levels.firstKey() < 1) {
            throw InputException.field("levels", "Levels must be contiguous from 1 to M: key " + levels.firstKey()
                    + " is not a positive n-body level");
        }
        Map<String, List<Integer>> byMc = new LinkedHashMap<>();
        levels.forEach((k, v) -> byMc.computeIfAbsent(v, x -> new ArrayList<>()).add(k));
        for (Map.Entry<String, List<Integer>> e : byMc.entrySet()) {
            List<Integer> ls = e.getValue();
            for (int i = 1; i < ls.size(); i++) {
                if (ls.get(i) != ls.get(i - 1) + 1) {
                    throw InputException.field("levels", "N-Body levels must be contiguous within a model chemistry"
                            + " spec: '" + e.getKey() + "' has levels " + ls);
                }
            }
        }
        if (n < 2) {
            throw InputException.field("molecule.fragments", "Molecule fragmentation has not been specified:"
                    + " a many-body expansion needs at least 2 fragments, got " + n);
        }
        if (m > n) {
            throw InputException.field("max_nbody", "should be between 1 and " + n + " (the number of fragments),"
                    + " got levels up to " + m);
        }
        if (supersystemMc != null && byMc.containsKey(supersystemMc)) {
            throw InputException.field("levels", "Cannot have duplicate model chemistries in levels: '"
                    + supersystemMc + "' is both the supersystem and an n-body level model chemistry");
        }
        if (supersystemIeOnly) {
            if (m != n) {
                throw InputException.field("supersystem_ie_only", "Cannot skip intermediate n-body jobs when"
                        + " max_nbody=" + m + " != nfragments=" + n);
            }
            if (bsse.contains(BsseType.VMFC)) {
                throw InputException.field("supersystem_ie_only", "Cannot skip intermediate n-body jobs when VMFC"
                        + " in bsse_type");
            }
            if (byMc.size() > 1 || supersystemMc != null) {
                throw InputException.field("supersystem_ie_only", "cannot be combined with several model"
                        + " chemistries (QCManyBody fails in planning for this case)");
            }
        }
    }

    public int nFragments() {
        return fragmentSizes.length;
    }

    /** M, the highest explicit n-body level. */
    public int maxNbody() {
        return levels.lastKey();
    }

    /**
     * The effective treatments: the given list, plus nocp (and cp if M = N) when vmfc is requested with a single
     * model chemistry (these cost no extra tasks; semantics §1.4, P4).
     */
    public List<BsseType> effectiveBsse() {
        List<BsseType> out = new ArrayList<>(bsse);
        long distinct = levels.values().stream().distinct().count() + (supersystemMc == null ? 0 : 1);
        if (out.contains(BsseType.VMFC) && distinct == 1) {
            if (!out.contains(BsseType.NOCP)) {
                out.add(BsseType.NOCP);
            }
            if (!out.contains(BsseType.CP) && maxNbody() == nFragments()) {
                out.add(BsseType.CP);
            }
        }
        return List.copyOf(out);
    }

    /** Model chemistries ordered by their lowest level, each with its ascending integer levels. */
    public List<McLevels> modelChemistries() {
        Map<String, List<Integer>> byMc = new LinkedHashMap<>();
        levels.forEach((k, v) -> byMc.computeIfAbsent(v, x -> new ArrayList<>()).add(k));
        List<McLevels> out = new ArrayList<>();
        byMc.forEach((mc, ls) -> out.add(new McLevels(mc, ls.stream().mapToInt(Integer::intValue).toArray())));
        return out;
    }

    /** Number of mc entries, the supersystem one included (calcinfo_nmc). */
    public int modelChemistryCount() {
        return modelChemistries().size() + (supersystemMc == null ? 0 : 1);
    }

    /** One model chemistry with the integer levels it owns (ascending, contiguous). */
    public record McLevels(String mc, int[] levels) implements java.io.Serializable {
        public int top() {
            return levels[levels.length - 1];
        }

        public boolean owns(int n) {
            return Arrays.binarySearch(levels, n) >= 0;
        }
    }
}
