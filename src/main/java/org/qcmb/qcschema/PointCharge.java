package org.qcmb.qcschema;

import java.io.Serializable;

/** An external point charge (embedding); position in bohr. */
public record PointCharge(double charge, double x, double y, double z) implements Serializable {
}
