package org.qcmb.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.qcmb.common.InputException;

/**
 * What an XYZ file cannot say, from the command line. Null fields are "not given": for XYZ input the defaults
 * are bsse [cp], max_nbody = number of fragments, program "builtin", driver energy, no keywords, no screening; method
 * and basis stay unset (enough for planning, not for running). For JSON/YAML input every field must be null or empty
 * (the file says it all).
 */
public record XyzOptions(
        List<String> bsse,
        Integer maxNbody,
        String method,
        String basis,
        String program,
        String driver,
        boolean autoFragments,
        Boolean returnTotalData,
        Map<String, Object> keywords,
        ScreeningFlags screening) {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    public XyzOptions {
        keywords = keywords == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    /** The options without keywords or screening flags. */
    public XyzOptions(List<String> bsse, Integer maxNbody, String method, String basis, String program,
            String driver, boolean autoFragments, Boolean returnTotalData) {
        this(bsse, maxNbody, method, basis, program, driver, autoFragments, returnTotalData, Map.of(), null);
    }

    /** The options with screening flags, without keywords. */
    public XyzOptions(List<String> bsse, Integer maxNbody, String method, String basis, String program,
            String driver, boolean autoFragments, Boolean returnTotalData, ScreeningFlags screening) {
        this(bsse, maxNbody, method, basis, program, driver, autoFragments, returnTotalData, Map.of(), screening);
    }

    public static XyzOptions none() {
        return new XyzOptions(null, null, null, null, null, null, false, null, Map.of(), null);
    }

    boolean anyGiven() {
        return bsse != null || maxNbody != null || method != null || basis != null || program != null
                || driver != null || autoFragments || returnTotalData != null || !keywords.isEmpty()
                || (screening != null && screening.anyGiven());
    }

    /** The options a run needs that are not given ("--method", "--basis"), in that order; empty when complete. */
    public List<String> missingForRun() {
        List<String> missing = new java.util.ArrayList<>();
        if (method == null || method.isBlank()) {
            missing.add("--method");
        }
        if (basis == null || basis.isBlank()) {
            missing.add("--basis");
        }
        return missing;
    }

    /**
     * Parses {@code --keyword KEY=VALUE} options into program keywords: a whole number becomes an integer, any other
     * number a double, true/false a boolean, everything else the text as written. A repeated key or an entry
     * without '=' is an error naming it.
     */
    public static Map<String, Object> keywords(List<String> entries) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (entries == null) {
            return out;
        }
        for (String e : entries) {
            int eq = e.indexOf('=');
            String key = eq < 0 ? "" : e.substring(0, eq).strip();
            if (key.isEmpty()) {
                throw new InputException("--keyword '" + e + "': expected KEY=VALUE, e.g. --keyword scf_type=pk");
            }
            String text = e.substring(eq + 1).strip();
            Object value;
            if (INTEGER.matcher(text).matches()) {
                value = Long.parseLong(text);
            } else if (DECIMAL.matcher(text).matches()) {
                value = Double.parseDouble(text);
            } else if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                value = Boolean.parseBoolean(text);
            } else {
                value = text;
            }
            if (out.put(key, value) != null) {
                throw new InputException("--keyword " + key + " is given twice");
            }
        }
        return out;
    }

    /**
     * The screening flags as given: {@code --screen-distance 2=8.0,3=6.0} (ORDER=ANGSTROM items),
     * {@code --screen-metric closest_atoms}, {@code --screen-energy 3=1e-4} (ORDER=HARTREE items); null = not given.
     * They become the input's {@code screening} block (docs/screening.md), checked as the block is.
     */
    public record ScreeningFlags(List<String> distance, String metric, List<String> energy) {
        public static final String DISTANCE = "--screen-distance";
        public static final String METRIC = "--screen-metric";
        public static final String ENERGY = "--screen-energy";

        boolean anyGiven() {
            return distance != null || metric != null || energy != null;
        }

        /** The {@code screening} block as plain JSON values, or null when no flag is given. */
        Map<String, Object> block() {
            if (!anyGiven()) {
                return null;
            }
            if (metric != null && distance == null) {
                throw new InputException(METRIC + " applies to distance cutoffs: give " + DISTANCE + " too");
            }
            Map<String, Object> block = new LinkedHashMap<>();
            if (distance != null) {
                block.put("distance", orders(distance, DISTANCE, "ANGSTROM", "2=8.0,3=6.0,4=4.5"));
            }
            if (metric != null) {
                block.put("metric", metric);
            }
            if (energy != null) {
                block.put("energy", orders(energy, ENERGY, "HARTREE", "3=1e-4"));
            }
            return block;
        }

        private static Map<String, Object> orders(List<String> items, String option, String unit, String example) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String item : items) {
                String s = item.trim();
                int eq = s.indexOf('=');
                if (eq <= 0 || eq == s.length() - 1) {
                    throw new InputException(option + ": '" + item + "' is not ORDER=" + unit + " (e.g. " + option
                            + " " + example + ")");
                }
                String order = s.substring(0, eq).trim();
                String value = s.substring(eq + 1).trim();
                double v;
                try {
                    v = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new InputException(option + " " + order + "=" + value + ": '" + value + "' is not a number"
                            + " (" + unit.toLowerCase(java.util.Locale.ROOT) + ")");
                }
                if (out.put(order, v) != null) {
                    throw new InputException(option + ": order " + order + " is given twice");
                }
            }
            return out;
        }

        /**
         * A message of {@link org.qcmb.mbe.ScreeningSpec#parse} about the block built here, with the block's field
         * names replaced by the flags, e.g. 'screening.distance.1' -> '--screen-distance 1'.
         */
        static String rename(String message) {
            return message.replace("'screening.distance.", "'" + DISTANCE + " ")
                    .replace("'screening.distance'", "'" + DISTANCE + "'")
                    .replace("'screening.energy.", "'" + ENERGY + " ")
                    .replace("'screening.energy'", "'" + ENERGY + "'")
                    .replace("'screening.metric'", "'" + METRIC + "'")
                    .replace("'screening'", "'" + DISTANCE + "/" + ENERGY + "'");
        }
    }
}
