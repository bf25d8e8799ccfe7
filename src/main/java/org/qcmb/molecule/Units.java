package org.qcmb.molecule;

/** One CODATA set for the whole program: CODATA 2014, as Psi4 1.3 and QCElemental use. */
public final class Units {
    /** Angstrom per bohr (CODATA 2014). */
    public static final double BOHR_TO_ANGSTROM = 0.52917721067;
    /** kcal/mol per hartree (CODATA 2014, as QCElemental). */
    public static final double HARTREE_TO_KCALMOL = 627.509474;

    private Units() {
    }

    public static double angstromToBohr(double angstrom) {
        return angstrom / BOHR_TO_ANGSTROM;
    }
}
