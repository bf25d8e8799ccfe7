package org.qcmb.molecule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the molecule of one fragment calculation x@B (QCElemental's {@code get_fragment} with
 * {@code group_fragments=false, orient=false}, as QCManyBody uses it):
 * <ul>
 *   <li>the atoms of every fragment of B, in parent order (ascending fragments, atoms in original order);</li>
 *   <li>atoms of B \ x are ghosts ({@code real=false}): basis functions only;</li>
 *   <li>real fragments keep the parent's charge and multiplicity, ghost fragments get 0 and 1;</li>
 *   <li>molecular charge = sum of real fragment charges; multiplicity = high-spin sum 1 + sum(m_f - 1)
 *       (QCManyBody pitfall P10: two doublets give a triplet);</li>
 *   <li>coordinates unchanged (bohr, parent frame), so gradients can be added without rotation.</li>
 * </ul>
 */
public final class SubMolecules {
    private SubMolecules() {
    }

    public static Molecule of(Molecule parent, int[] realFragments1Based, int[] basisFragments1Based) {
        int nf = parent.fragmentCount();
        boolean[] isReal = new boolean[nf];
        boolean[] inBasis = new boolean[nf];
        for (int f : basisFragments1Based) {
            check(f, nf);
            inBasis[f - 1] = true;
        }
        for (int f : realFragments1Based) {
            check(f, nf);
            if (!inBasis[f - 1]) {
                throw new IllegalArgumentException("real fragment " + f + " is not among the basis fragments "
                        + Arrays.toString(basisFragments1Based));
            }
            isReal[f - 1] = true;
        }
        int nat = 0;
        int nsub = 0;
        for (int f = 0; f < nf; f++) {
            if (inBasis[f]) {
                nat += parent.fragments().get(f).length;
                nsub++;
            }
        }
        List<String> symbols = new ArrayList<>(nat);
        double[] geom = new double[3 * nat];
        boolean[] real = new boolean[nat];
        List<int[]> frags = new ArrayList<>(nsub);
        int[] fq = new int[nsub];
        int[] fm = new int[nsub];
        int a = 0;
        int s = 0;
        int charge = 0;
        int mult = 1;
        for (int f = 0; f < nf; f++) {
            if (!inBasis[f]) {
                continue;
            }
            int[] atoms = parent.fragments().get(f);
            int[] local = new int[atoms.length];
            for (int k = 0; k < atoms.length; k++) {
                int p = atoms[k];
                symbols.add(parent.symbols().get(p));
                System.arraycopy(parent.geometry(), 3 * p, geom, 3 * a, 3);
                real[a] = isReal[f] && parent.real()[p];
                local[k] = a++;
            }
            frags.add(local);
            if (isReal[f]) {
                fq[s] = parent.fragmentCharges()[f];
                fm[s] = parent.fragmentMultiplicities()[f];
            } else {
                fq[s] = 0;
                fm[s] = 1;
            }
            charge += fq[s];
            mult += fm[s] - 1;
            s++;
        }
        return new Molecule(List.copyOf(symbols), geom, real, List.copyOf(frags), fq, fm, charge, mult);
    }

    private static void check(int f, int nf) {
        if (f < 1 || f > nf) {
            throw new IllegalArgumentException("fragment " + f + " is outside 1.." + nf);
        }
    }
}
