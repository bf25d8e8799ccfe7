package org.qcmb.mbe;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One fragment calculation x@B under model chemistry mc: real fragments x (nuclei + electrons + basis) inside
 * the basis of fragments B, x subset of B; B \ x are ghosts. Fragment numbers are 1-based and ascending.
 * Small and immutable: the sub-molecule is built only when the task runs
 * ({@link org.qcmb.molecule.Molecule#subMolecule(int[], int[])}). Callers must not modify the arrays.
 */
public final class FragmentTask implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String mc;
    private final int[] real;
    private final int[] basis;
    private final int hash;

    public FragmentTask(String mc, int[] real, int[] basis) {
        this.mc = mc;
        this.real = real;
        this.basis = basis;
        this.hash = (mc.hashCode() * 31 + Arrays.hashCode(real)) * 31 + Arrays.hashCode(basis);
    }

    /** Model chemistry label, e.g. "(auto)", "mp2". */
    public String mc() {
        return mc;
    }

    /** Real fragments x (1-based, ascending). */
    public int[] real() {
        return real;
    }

    /** Basis fragments B (1-based, ascending), ghosts included. */
    public int[] basis() {
        return basis;
    }

    /** Ghost fragments B \ x. */
    public int[] ghosts() {
        int[] g = new int[basis.length - real.length];
        int k = 0;
        int r = 0;
        for (int f : basis) {
            if (r < real.length && real[r] == f) {
                r++;
            } else {
                g[k++] = f;
            }
        }
        return g;
    }

    /** The n-body level of the task: the number of real fragments |x| (the Spark stage it runs in). */
    public int level() {
        return real.length;
    }

    /** QCManyBody's label, e.g. {@code ["mp2", [1], [1, 2]]}. */
    public String label() {
        return TaskLabel.format(mc, real, basis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FragmentTask t && t.hash == hash && t.mc.equals(mc) && Arrays.equals(t.real, real)
                && Arrays.equals(t.basis, basis);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return label();
    }
}
