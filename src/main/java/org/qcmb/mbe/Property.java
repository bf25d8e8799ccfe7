package org.qcmb.mbe;

import org.qcmb.common.Driver;

/** A property the assembly runs on: energy, gradient or Hessian. */
public enum Property {
    ENERGY, GRADIENT, HESSIAN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Number of doubles of the full-system value for nat atoms. */
    public int size(int nat) {
        return switch (this) {
            case ENERGY -> 1;
            case GRADIENT -> 3 * nat;
            case HESSIAN -> 9 * nat * nat;
        };
    }

    public static Property of(Driver driver) {
        return values()[driver.ordinal()];
    }
}
