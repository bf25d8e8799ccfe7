package org.qcmb.qcschema.manybody;

import org.qcmb.qcschema.SchemaVersion;

/**
 * How the many-body result document is shaped, as its input asked: the QCSchema version (v1 names
 * {@code component_properties}/{@code component_results}, v2 names {@code cluster_properties}/{@code
 * cluster_results} and the {@code molecule}) and whether each fragment calculation's AtomicResult is kept
 * ({@code protocols.component_results} in v1, {@code protocols.cluster_results} in v2: "all" or "none").
 */
public record ResultShape(SchemaVersion version, boolean clusterResults) {
    /** An input that says nothing: QCSchema v1, per-fragment results not kept. */
    public static final ResultShape DEFAULT = new ResultShape(SchemaVersion.V1, false);

    /** The key of the per-fragment properties: component_properties (v1) or cluster_properties (v2). */
    public String propertiesKey() {
        return version == SchemaVersion.V1 ? "component_properties" : "cluster_properties";
    }

    /** The key of the per-fragment AtomicResults: component_results (v1) or cluster_results (v2). */
    public String resultsKey() {
        return version == SchemaVersion.V1 ? "component_results" : "cluster_results";
    }
}
