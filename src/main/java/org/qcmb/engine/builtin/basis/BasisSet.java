package org.qcmb.engine.builtin.basis;

import java.util.ArrayList;
import java.util.List;
import org.qcmb.molecule.Element;
import org.qcmb.common.InputException;
import org.qcmb.molecule.Molecule;

/**
 * The shells of a molecule (ghost atoms included). Integrals are computed over the Cartesian components of
 * every shell ({@link #cartesianCount()} functions); the SCF works in the "working" basis of
 * {@link #functionCount()} functions, which are pure combinations for pure shells. {@link #toWorking} maps one
 * to the other: phi_working = T phi_cartesian.
 */
public final class BasisSet {
    private final List<Shell> shells;
    private final int[] cartOffset;
    private final int[] funcOffset;
    private final int ncart;
    private final int nfunc;
    private final String name;

    public BasisSet(String name, List<Shell> shells) {
        this.name = name;
        this.shells = List.copyOf(shells);
        cartOffset = new int[shells.size()];
        funcOffset = new int[shells.size()];
        int c = 0, f = 0;
        for (int i = 0; i < shells.size(); i++) {
            cartOffset[i] = c;
            funcOffset[i] = f;
            c += shells.get(i).cartesianCount();
            f += shells.get(i).functionCount();
        }
        ncart = c;
        nfunc = f;
    }

    /**
     * Builds the basis of a molecule from a named .gbs set; {@code puream} (nullable) overrides the file header.
     * Throws {@link InputException} if an element is missing from the set.
     */
    public static BasisSet of(Molecule mol, String basisName, Boolean puream) {
        GbsFile file = BasisLibrary.load(basisName);
        boolean pure = puream == null ? file.pure() : puream;
        List<Shell> shells = new ArrayList<>();
        for (int a = 0; a < mol.atomCount(); a++) {
            Element el = mol.element(a);
            List<GbsFile.RawShell> raw = file.shells(el.symbol());
            if (raw == null) {
                throw new InputException("element " + el.symbol() + " (atom " + (a + 1) + ") is not in basis set '"
                        + basisName + "'");
            }
            for (GbsFile.RawShell r : raw) {
                shells.add(Shell.normalised(a, r.l(), mol.x(a), mol.y(a), mol.z(a), r.exponents(), r.coefficients(),
                        pure && r.l() > 1));
            }
        }
        return new BasisSet(file.name(), shells);
    }

    public String name() {
        return name;
    }

    public List<Shell> shells() {
        return shells;
    }

    public Shell shell(int i) {
        return shells.get(i);
    }

    public int shellCount() {
        return shells.size();
    }

    public int cartesianCount() {
        return ncart;
    }

    public int functionCount() {
        return nfunc;
    }

    public int cartesianOffset(int shell) {
        return cartOffset[shell];
    }

    public int functionOffset(int shell) {
        return funcOffset[shell];
    }

    public int maxL() {
        int m = 0;
        for (Shell s : shells) {
            m = Math.max(m, s.l());
        }
        return m;
    }

    /** T (functionCount x cartesianCount, row-major): working functions as combinations of Cartesian ones. */
    public double[] toWorking() {
        double[] t = new double[nfunc * ncart];
        for (int s = 0; s < shells.size(); s++) {
            Shell sh = shells.get(s);
            int fo = funcOffset[s], co = cartOffset[s];
            if (sh.pure()) {
                double[][] m = SphericalTransform.matrix(sh.l());
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m[i].length; j++) {
                        t[(fo + i) * ncart + co + j] = m[i][j];
                    }
                }
            } else {
                for (int i = 0; i < sh.cartesianCount(); i++) {
                    t[(fo + i) * ncart + co + i] = 1;
                }
            }
        }
        return t;
    }

    /** True if working and Cartesian functions are the same (no pure shells with l >= 2). */
    public boolean isCartesianOnly() {
        return nfunc == ncart;
    }

    /**
     * Shell-pair maxima of |m| over Cartesian blocks (nshell x nshell, row-major) for an n x n matrix over the
     * Cartesian functions: what density-based screening of shell quartets compares against.
     */
    public double[] shellBlockMaxima(double[] m, int n) {
        int ns = shellCount();
        double[] out = new double[ns * ns];
        for (int a = 0; a < ns; a++) {
            int oa = cartesianOffset(a), na = shell(a).cartesianCount();
            for (int b = 0; b < ns; b++) {
                int ob = cartesianOffset(b), nb = shell(b).cartesianCount();
                double x = 0;
                for (int i = 0; i < na; i++) {
                    for (int j = 0; j < nb; j++) {
                        x = Math.max(x, Math.abs(m[(oa + i) * n + ob + j]));
                    }
                }
                out[a * ns + b] = x;
            }
        }
        return out;
    }
}
