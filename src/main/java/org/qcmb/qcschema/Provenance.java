package org.qcmb.qcschema;

import java.io.Serializable;

/** Who computed a result and how long the calculation itself took (seconds). */
public record Provenance(String program, String version, double wallTime) implements Serializable {
}
