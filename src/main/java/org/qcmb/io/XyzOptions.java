package org.qcmb.io;

import java.util.List;

/**
 * What an XYZ file cannot say, from the command line. Null fields are "not given": for XYZ input the defaults
 * are bsse [cp], max_nbody = number of fragments, program "builtin", driver energy; method and basis stay unset
 * (enough for planning). For JSON/YAML input every field must be null (the file says it all).
 */
public record XyzOptions(
        List<String> bsse,
        Integer maxNbody,
        String method,
        String basis,
        String program,
        String driver,
        boolean autoFragments,
        Boolean returnTotalData) {

    public static XyzOptions none() {
        return new XyzOptions(null, null, null, null, null, null, false, null);
    }

    boolean anyGiven() {
        return bsse != null || maxNbody != null || method != null || basis != null || program != null
                || driver != null || autoFragments || returnTotalData != null;
    }
}
