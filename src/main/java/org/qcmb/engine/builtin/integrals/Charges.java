package org.qcmb.engine.builtin.integrals;

import java.util.List;
import org.qcmb.qcschema.PointCharge;
import org.qcmb.molecule.Molecule;

/**
 * The point charges electrons feel: nuclei of the real atoms (atom index >= 0, their positions are nuclear
 * coordinates) and external point charges (atom == -1, fixed). Ghost atoms carry no charge.
 */
public record Charges(double[] q, double[] xyz, int[] atom) {

    public static Charges of(Molecule mol, List<PointCharge> external) {
        int n = 0;
        for (int a = 0; a < mol.atomCount(); a++) {
            if (mol.real()[a]) {
                n++;
            }
        }
        int m = n + external.size();
        double[] q = new double[m], xyz = new double[3 * m];
        int[] atom = new int[m];
        int k = 0;
        for (int a = 0; a < mol.atomCount(); a++) {
            if (mol.real()[a]) {
                q[k] = mol.element(a).atomicNumber();
                xyz[3 * k] = mol.x(a);
                xyz[3 * k + 1] = mol.y(a);
                xyz[3 * k + 2] = mol.z(a);
                atom[k++] = a;
            }
        }
        for (PointCharge pc : external) {
            q[k] = pc.charge();
            xyz[3 * k] = pc.x();
            xyz[3 * k + 1] = pc.y();
            xyz[3 * k + 2] = pc.z();
            atom[k++] = -1;
        }
        return new Charges(q, xyz, atom);
    }

    /** Nuclear charge of each of natom atoms (0 for ghosts). */
    public int[] atomicNumbers(int natom) {
        int[] z = new int[natom];
        for (int i = 0; i < q.length; i++) {
            if (atom[i] >= 0 && atom[i] < natom) {
                z[atom[i]] = (int) Math.round(q[i]);
            }
        }
        return z;
    }

    public int size() {
        return q.length;
    }

    /**
     * Repulsion of the nuclei with each other and with the external charges (not between external charges):
     * the "nuclear" energy of the calculation.
     */
    public double nuclearEnergy() {
        double e = 0;
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < i; j++) {
                if (atom[i] < 0 && atom[j] < 0) {
                    continue;
                }
                e += q[i] * q[j] / dist(i, j);
            }
        }
        return e;
    }

    /** Adds the gradient of {@link #nuclearEnergy()} with respect to nuclear positions to grad (natom*3). */
    public void addNuclearGradient(double[] grad) {
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < i; j++) {
                if (atom[i] < 0 && atom[j] < 0) {
                    continue;
                }
                double r = dist(i, j);
                double f = -q[i] * q[j] / (r * r * r);
                for (int d = 0; d < 3; d++) {
                    double diff = xyz[3 * i + d] - xyz[3 * j + d];
                    if (atom[i] >= 0) {
                        grad[3 * atom[i] + d] += f * diff;
                    }
                    if (atom[j] >= 0) {
                        grad[3 * atom[j] + d] -= f * diff;
                    }
                }
            }
        }
    }

    private double dist(int i, int j) {
        double dx = xyz[3 * i] - xyz[3 * j], dy = xyz[3 * i + 1] - xyz[3 * j + 1], dz = xyz[3 * i + 2] - xyz[3 * j + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
