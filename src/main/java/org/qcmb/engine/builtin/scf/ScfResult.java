package org.qcmb.engine.builtin.scf;

import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.Charges;

/**
 * A converged closed-shell SCF: total energy, the nuclear part, canonical orbitals (working basis,
 * n x nmo row-major, columns ordered by energy), orbital energies, the doubly occupied count and iterations.
 */
public record ScfResult(
        BasisSet basis,
        Charges charges,
        double energy,
        double nuclearEnergy,
        double[] orbitalEnergies,
        double[] coefficients,
        int nmo,
        int occupied,
        int iterations) {

    public int nbasis() {
        return basis.functionCount();
    }

    /** Orbitals over Cartesian functions: C_cart = T^T C (ncart x nmo). */
    public double[] cartesianCoefficients() {
        return Matrices.multTransA(basis.toWorking(), basis.functionCount(), basis.cartesianCount(), coefficients,
                nmo);
    }

    /** D = C_occ C_occ^T over the working functions (half the total density). */
    public double[] workingDensity() {
        return density(coefficients, basis.functionCount(), false);
    }

    /** D = C_occ C_occ^T over Cartesian functions (half the total density). */
    public double[] cartesianDensity() {
        return density(cartesianCoefficients(), basis.cartesianCount(), false);
    }

    /** W = sum_occ eps_i C C^T over Cartesian functions (half the energy-weighted density). */
    public double[] cartesianEnergyWeightedDensity() {
        return density(cartesianCoefficients(), basis.cartesianCount(), true);
    }

    private double[] density(double[] c, int n, boolean weighted) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int o = 0; o < occupied; o++) {
                    s += c[i * nmo + o] * c[j * nmo + o] * (weighted ? orbitalEnergies[o] : 1);
                }
                d[i * n + j] = s;
            }
        }
        return d;
    }
}
