package org.qcmb.molecule;

import java.io.Serializable;
import java.util.List;

/**
 * A QCSchema-style molecule. Geometry is in bohr, flat [x0,y0,z0,x1,...]; fragments are 0-based atom lists.
 * {@code real[i] == false} marks a ghost atom (basis functions only, no nucleus, no electrons).
 * The arrays are owned by the record: callers must not modify them.
 */
public record Molecule(
        List<String> symbols,
        double[] geometry,
        boolean[] real,
        List<int[]> fragments,
        int[] fragmentCharges,
        int[] fragmentMultiplicities,
        int molecularCharge,
        int molecularMultiplicity) implements Serializable {

    public int atomCount() {
        return symbols.size();
    }

    public int fragmentCount() {
        return fragments.size();
    }

    public Element element(int atom) {
        return Element.of(symbols.get(atom));
    }

    public double x(int atom) {
        return geometry[3 * atom];
    }

    public double y(int atom) {
        return geometry[3 * atom + 1];
    }

    public double z(int atom) {
        return geometry[3 * atom + 2];
    }

    /** Number of electrons of the real atoms given the molecular charge. */
    public int electronCount() {
        int n = 0;
        for (int i = 0; i < atomCount(); i++) {
            if (real[i]) {
                n += element(i).atomicNumber();
            }
        }
        return n - molecularCharge;
    }

    /** Nuclear repulsion between real atoms, in hartree. */
    public double nuclearRepulsionEnergy() {
        double e = 0;
        for (int i = 0; i < atomCount(); i++) {
            if (!real[i]) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (!real[j]) {
                    continue;
                }
                double dx = x(i) - x(j), dy = y(i) - y(j), dz = z(i) - z(j);
                e += element(i).atomicNumber() * element(j).atomicNumber() / Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
        }
        return e;
    }

    /** Atom count of each fragment (index 0 = fragment 1). */
    public int[] fragmentSizes() {
        int[] sizes = new int[fragmentCount()];
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = fragments.get(f).length;
        }
        return sizes;
    }

    /**
     * The molecule of fragment calculation x@B: fragments of B in ascending order with parent atom order, fragments
     * of B not in x as ghosts (see {@link SubMolecules}). Fragment numbers are 1-based, as in QCManyBody labels.
     */
    public Molecule subMolecule(int[] realFragments1Based, int[] basisFragments1Based) {
        return SubMolecules.of(this, realFragments1Based, basisFragments1Based);
    }

    /** A single-fragment molecule of all atoms, everything real: convenient for atomic calculations and tests. */
    public static Molecule of(List<String> symbols, double[] geometryBohr, int charge, int multiplicity) {
        int n = symbols.size();
        boolean[] real = new boolean[n];
        java.util.Arrays.fill(real, true);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return new Molecule(List.copyOf(symbols), geometryBohr.clone(), real, List.of(all),
                new int[] {charge}, new int[] {multiplicity}, charge, multiplicity);
    }
}
