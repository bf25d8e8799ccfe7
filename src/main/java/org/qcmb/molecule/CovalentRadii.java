package org.qcmb.molecule;

/** Covalent radii in angstrom (Cordero et al., Dalton Trans. 2008, 2832; low-spin values for Mn, Fe, Co). */
public final class CovalentRadii {
    private static final double[] ANGSTROM = {
        0.31, 0.28,
        1.28, 0.96, 0.84, 0.76, 0.71, 0.66, 0.57, 0.58,
        1.66, 1.41, 1.21, 1.11, 1.07, 1.05, 1.02, 1.06,
        2.03, 1.76, 1.70, 1.60, 1.53, 1.39, 1.39, 1.32, 1.26, 1.24, 1.32, 1.22, 1.22, 1.20, 1.19, 1.20, 1.20, 1.16,
    };

    private CovalentRadii() {
    }

    public static double angstrom(Element e) {
        return ANGSTROM[e.atomicNumber() - 1];
    }

    public static double bohr(Element e) {
        return Units.angstromToBohr(angstrom(e));
    }
}
