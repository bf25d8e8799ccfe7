package org.qcmb.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.qcmb.common.InputException;

/**
 * What an XYZ file cannot say, from the command line. Null fields are "not given": for XYZ input the defaults
 * are bsse [cp], max_nbody = number of fragments, program "builtin", driver energy, no keywords; method and basis
 * stay unset (enough for planning, not for running). For JSON/YAML input every field must be null or empty (the
 * file says it all).
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
        Map<String, Object> keywords) {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    public XyzOptions {
        keywords = keywords == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    /** The options without keywords (as before {@code --keyword} existed). */
    public XyzOptions(List<String> bsse, Integer maxNbody, String method, String basis, String program,
            String driver, boolean autoFragments, Boolean returnTotalData) {
        this(bsse, maxNbody, method, basis, program, driver, autoFragments, returnTotalData, Map.of());
    }

    public static XyzOptions none() {
        return new XyzOptions(null, null, null, null, null, null, false, null, Map.of());
    }

    boolean anyGiven() {
        return bsse != null || maxNbody != null || method != null || basis != null || program != null
                || driver != null || autoFragments || returnTotalData != null || !keywords.isEmpty();
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
}
