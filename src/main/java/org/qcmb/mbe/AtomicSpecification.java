package org.qcmb.mbe;

import java.io.Serializable;
import java.util.Map;

/**
 * How to compute one model chemistry: program (e.g. "builtin", "psi4"), method, basis (null when not given, e.g.
 * for planning only), program keywords, and QCSchema protocols/extras passed through. The atomic driver is always
 * the many-body driver.
 */
public record AtomicSpecification(
        String program,
        String method,
        String basis,
        Map<String, Object> keywords,
        Map<String, Object> protocols,
        Map<String, Object> extras) implements Serializable {

    public AtomicSpecification {
        keywords = keywords == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(keywords));
        protocols = protocols == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(protocols));
        extras = extras == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(extras));
    }
}
