package org.qcmb.mbe;

import java.io.Serializable;

/**
 * What one fragment calculation reports back, at its natural size and in its sub-molecule atom order (ghost
 * atoms included): energy (hartree, always), gradient (n_B*3 flat, hartree/bohr; null if not computed),
 * Hessian (3n_B x 3n_B flat row-major; null if not computed).
 */
public record ComponentResult(double energy, double[] gradient, double[] hessian) implements Serializable {
    public static ComponentResult ofEnergy(double energy) {
        return new ComponentResult(energy, null, null);
    }
}
