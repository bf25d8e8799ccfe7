package org.qcmb.engine.builtin.scf;

/**
 * The two-electron part of the closed-shell Fock matrix, G = 2J - K over the working functions, for a density
 * D (half the total). An alternative to the exact-integral build of {@link RhfSolver} (density fitting).
 */
public interface FockBuilder {
    /**
     * @param d        D (n x n, row-major, symmetric)
     * @param orbitals the orbitals D was made of (n x nmo, D = C_occ C_occ^T over the first nocc columns), or null
     *                 when D is a guess density that is not of that form
     */
    double[] twoElectron(double[] d, double[] orbitals, int nmo, int nocc);
}
