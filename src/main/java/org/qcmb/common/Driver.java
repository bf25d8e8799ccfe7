package org.qcmb.common;

import java.util.Locale;

/** The derivative a calculation returns. */
public enum Driver {
    ENERGY, GRADIENT, HESSIAN;

    /** QCSchema spelling: "energy", "gradient", "hessian". */
    public String schemaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Driver parse(String s) {
        for (Driver d : values()) {
            if (d.schemaName().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("driver must be energy, gradient or hessian, not '" + s + "'");
    }
}
