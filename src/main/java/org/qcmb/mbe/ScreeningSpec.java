package org.qcmb.mbe;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.qcmb.common.InputException;

/**
 * The {@code screening} block of {@code specification.keywords} (our extension of QCManyBody's keywords, see
 * docs/screening.md): per-order distance cutoffs (angstrom, as given), the distance metric, and per-order energy
 * thresholds (hartree) on the previous order's increments. A missing order has no cutoff / no threshold.
 *
 * @param distance n-body order (2..N) -> cutoff in angstrom; empty when not given
 * @param metric how the distance between two fragments is measured
 * @param energy n-body order (3..N) -> threshold in hartree on the sum of |increment| of the (n-1)-subsets
 */
public record ScreeningSpec(SortedMap<Integer, Double> distance, Metric metric, SortedMap<Integer, Double> energy)
        implements Serializable {

    /** Distance between two fragments. */
    public enum Metric {
        /** The shortest distance between an atom of one fragment and an atom of the other. */
        CLOSEST_ATOMS("closest_atoms"),
        /** The distance between the two fragments' centres of mass (most abundant isotopes). */
        CENTERS_OF_MASS("centers_of_mass");

        private final String label;

        Metric(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final Set<String> FIELDS = Set.of("distance", "metric", "energy");

    public ScreeningSpec {
        distance = Collections.unmodifiableSortedMap(new TreeMap<>(distance));
        energy = Collections.unmodifiableSortedMap(new TreeMap<>(energy));
    }

    /** Whether some order is planned from the previous order's results (an energy threshold is set). */
    public boolean energyScreened() {
        return !energy.isEmpty();
    }

    /** The lowest order with an energy threshold (orders below it are planned before anything runs). */
    public int firstEnergyOrder() {
        return energy.isEmpty() ? Integer.MAX_VALUE : energy.firstKey();
    }

    /** The rule as the result document's {@code extras.screening} states it (orders as strings, input units). */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!distance.isEmpty()) {
            Map<String, Object> d = new LinkedHashMap<>();
            distance.forEach((k, v) -> d.put(String.valueOf(k), v));
            out.put("distance", d);
            out.put("metric", metric.label());
        }
        if (!energy.isEmpty()) {
            Map<String, Object> e = new LinkedHashMap<>();
            energy.forEach((k, v) -> e.put(String.valueOf(k), v));
            out.put("energy", e);
        }
        return out;
    }

    /**
     * Reads and checks the block as plain JSON values (maps, lists, numbers, strings).
     *
     * @param block the parsed {@code screening} object
     * @param path field path for messages, e.g. "specification.keywords.screening"
     * @param nFragments N: orders above N are errors
     * @param supersystemIeOnly screening cannot be combined with supersystem_ie_only (there are no terms to drop)
     */
    public static ScreeningSpec parse(Map<String, ?> block, String path, int nFragments, boolean supersystemIeOnly) {
        if (block == null) {
            throw InputException.field(path, "must be an object {\"distance\": {...}, \"metric\": ..., \"energy\":"
                    + " {...}}");
        }
        for (String k : block.keySet()) {
            if (!FIELDS.contains(k)) {
                throw InputException.field(path + "." + k, "unknown field (known: distance, metric, energy)");
            }
        }
        SortedMap<Integer, Double> distance = orders(block.get("distance"), path + ".distance", 2, nFragments,
                "a cutoff in angstrom", false);
        SortedMap<Integer, Double> energy = orders(block.get("energy"), path + ".energy", 3, nFragments,
                "a threshold in hartree", true);
        Metric metric = Metric.CLOSEST_ATOMS;
        Object m = block.get("metric");
        if (block.containsKey("metric")) {
            if (distance.isEmpty()) {
                throw InputException.field(path + ".metric", "applies to distance cutoffs; give 'distance' too or"
                        + " drop 'metric'");
            }
            metric = metric(m, path + ".metric");
        }
        if (distance.isEmpty() && energy.isEmpty()) {
            throw InputException.field(path, "gives no rule: set 'distance' ({\"2\": 8.0, ...} in angstrom) and/or"
                    + " 'energy' ({\"3\": 1e-4, ...} in hartree)");
        }
        if (supersystemIeOnly) {
            throw InputException.field(path, "cannot be combined with supersystem_ie_only, which computes no"
                    + " intermediate n-body terms to screen");
        }
        return new ScreeningSpec(distance, metric, energy);
    }

    private static Metric metric(Object m, String path) {
        if (m instanceof String s) {
            for (Metric x : Metric.values()) {
                if (x.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return x;
                }
            }
        }
        throw InputException.field(path, "must be \"closest_atoms\" or \"centers_of_mass\", not " + show(m));
    }

    private static SortedMap<Integer, Double> orders(Object value, String path, int lowest, int nFragments,
            String what, boolean zeroAllowed) {
        SortedMap<Integer, Double> out = new TreeMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw InputException.field(path, "must be an object {n-body order: " + what + "}, e.g. {\"" + lowest
                    + "\": ...}");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey()).trim();
            String p = path + "." + key;
            int order;
            try {
                order = Integer.parseInt(key);
            } catch (NumberFormatException ex) {
                throw InputException.field(p, "keys must be n-body orders (" + lowest + ", " + (lowest + 1)
                        + ", ...)");
            }
            if (order < lowest) {
                throw InputException.field(p, lowest == 2
                        ? "distance cutoffs start at order 2 (monomers are always kept)"
                        : "energy thresholds start at order 3: order n is decided from the (n-1)-body increments,"
                                + " and 1-body values are totals, not increments");
            }
            if (order > nFragments) {
                throw InputException.field(p, "order " + order + " is above the number of fragments ("
                        + nFragments + ")");
            }
            if (!(e.getValue() instanceof Number num) || !Double.isFinite(num.doubleValue())
                    || num.doubleValue() < 0 || (!zeroAllowed && num.doubleValue() == 0)) {
                throw InputException.field(p, "must be " + (zeroAllowed ? "a number >= 0" : "a number > 0") + " ("
                        + what + "), not " + show(e.getValue()));
            }
            out.put(order, num.doubleValue());
        }
        if (out.isEmpty()) {
            throw InputException.field(path, "is empty: give at least one order, e.g. {\"" + lowest + "\": ...}");
        }
        return out;
    }

    private static String show(Object o) {
        return o instanceof String s ? "'" + s + "'" : String.valueOf(o);
    }
}
