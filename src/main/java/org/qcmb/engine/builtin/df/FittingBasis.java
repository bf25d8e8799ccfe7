package org.qcmb.engine.builtin.df;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.qcmb.engine.builtin.basis.BasisLibrary;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.basis.GbsFile;
import org.qcmb.engine.builtin.basis.Shell;
import org.qcmb.molecule.Element;
import org.qcmb.common.InputException;
import org.qcmb.molecule.Molecule;

/**
 * An auxiliary (fitting) basis chosen as Psi4 1.3.2 chooses it ({@code qcdb.BasisSet.construct} with a fitting
 * role, the {@code BasisFamily} tables of {@code qcdb/basislistother.py} and {@code basislistdunning.py}, and the
 * puream rules of {@code core.BasisSet.build}):
 * <ul>
 * <li>{@code df_basis_scf} / {@code df_basis_mp2} given: that set for every atom, no fallback;</li>
 * <li>otherwise, per element, the first of: the orbital family's -jkfit / -ri set, then (orbital zeta at most 4
 * or an orbital basis outside the tables) def2-qzvpp-jkfit / def2-qzvpp-ri, that exists and has the element;</li>
 * <li>spherical or Cartesian: the {@code puream} keyword if given; else for JK fitting the orbital basis's
 * choice, for MP2 fitting the header of the file used for the last atom.</li>
 * </ul>
 */
public record FittingBasis(String name, BasisSet basis, boolean pure) {

    /** Psi4's fitting roles: JK fitting for SCF, RI fitting for MP2. */
    public enum Role {
        JKFIT("df_basis_scf", "def2-qzvpp-jkfit"),
        RIFIT("df_basis_mp2", "def2-qzvpp-ri");

        final String keyword;
        final String universal;

        Role(String keyword, String universal) {
            this.keyword = keyword;
            this.universal = universal;
        }
    }

    /** A Psi4 BasisFamily row: the fitting sets designed for an orbital basis and its zeta level. */
    record Family(String jkfit, String rifit, int zeta) {
    }

    /**
     * Psi4 1.3.2's families for the orbital bases this engine bundles, keyed by Psi4's sanitised ornate name
     * (lower case, + to p, * to s, parentheses and commas to _). STO-3G and 3-21G name def2-svp-rifit, a file
     * that Psi4 does not ship, so their MP2 fitting falls through to def2-qzvpp-ri.
     */
    static final Map<String, Family> FAMILIES = Map.ofEntries(
            Map.entry("sto-3g", new Family("def2-svp-jkfit", "def2-svp-rifit", 1)),
            Map.entry("3-21g", new Family("def2-svp-jkfit", "def2-svp-rifit", 1)),
            Map.entry("6-31g", new Family("cc-pvdz-jkfit", "cc-pvdz-ri", 2)),
            Map.entry("6-31g_d_", new Family("cc-pvdz-jkfit", "cc-pvdz-ri", 2)),
            Map.entry("6-31gs", new Family("cc-pvdz-jkfit", "cc-pvdz-ri", 2)),
            Map.entry("6-31g_d_p_", new Family("cc-pvdz-jkfit", "cc-pvdz-ri", 2)),
            Map.entry("6-31gss", new Family("cc-pvdz-jkfit", "cc-pvdz-ri", 2)),
            Map.entry("6-31pg_d_", new Family("heavy-aug-cc-pvdz-jkfit", "heavy-aug-cc-pvdz-ri", 2)),
            Map.entry("6-31pgs", new Family("heavy-aug-cc-pvdz-jkfit", "heavy-aug-cc-pvdz-ri", 2)),
            Map.entry("cc-pvdz", new Family("cc-pvdz-jkfit", "cc-pvdz-ri", 2)),
            Map.entry("aug-cc-pvdz", new Family("aug-cc-pvdz-jkfit", "aug-cc-pvdz-ri", 2)),
            Map.entry("cc-pvtz", new Family("cc-pvtz-jkfit", "cc-pvtz-ri", 3)),
            Map.entry("aug-cc-pvtz", new Family("aug-cc-pvtz-jkfit", "aug-cc-pvtz-ri", 3)),
            Map.entry("def2-svp", new Family("def2-svp-jkfit", "def2-svp-ri", 2)),
            Map.entry("def2-tzvp", new Family("def2-tzvp-jkfit", "def2-tzvp-ri", 3)));

    /** Fitting sets bundled under resources/basis. */
    public static final List<String> AVAILABLE = List.of("cc-pvdz-jkfit", "cc-pvdz-ri", "aug-cc-pvdz-jkfit",
            "aug-cc-pvdz-ri", "cc-pvtz-jkfit", "cc-pvtz-ri", "aug-cc-pvtz-jkfit", "aug-cc-pvtz-ri",
            "heavy-aug-cc-pvdz-jkfit", "heavy-aug-cc-pvdz-ri", "def2-svp-jkfit", "def2-svp-ri", "def2-tzvp-jkfit",
            "def2-tzvp-ri", "def2-qzvpp-jkfit", "def2-qzvpp-ri");

    /** Psi4 zeta above which the universal def2-qzvpp fallback is not offered. */
    private static final int UNIVERSAL_MAX_ZETA = 4;

    public int size() {
        return basis.functionCount();
    }

    /**
     * Chooses the fitting basis of {@code role} for a molecule (ghost atoms included).
     *
     * @param orbitalName the orbital basis name as the user gave it
     * @param requested   the df_basis_* keyword, or null/blank for Psi4's default
     * @param puream      the puream keyword, or null
     * @param orbitalPure whether the orbital basis is spherical (JK fitting follows it)
     */
    public static FittingBasis choose(Molecule mol, String orbitalName, Role role, String requested, Boolean puream,
                                      boolean orbitalPure) {
        List<String> candidates = candidates(orbitalName, role, requested);
        List<GbsFile> files = new ArrayList<>();
        for (String c : candidates) {
            files.add(BasisLibrary.load(c));
        }
        List<Shell> shells = new ArrayList<>();
        TreeSet<String> used = new TreeSet<>();
        GbsFile last = null;
        GbsFile[] chosen = new GbsFile[mol.atomCount()];
        for (int a = 0; a < mol.atomCount(); a++) {
            Element el = mol.element(a);
            for (GbsFile f : files) {
                if (f.shells(el.symbol()) != null) {
                    chosen[a] = f;
                    break;
                }
            }
            if (chosen[a] == null) {
                throw missing(el.symbol() + " (atom " + (a + 1) + ")", orbitalName, role, requested, candidates);
            }
            last = chosen[a];
            used.add(chosen[a].name());
        }
        boolean pure;
        if (puream != null) {
            pure = puream;
        } else if (role == Role.JKFIT) {
            pure = orbitalPure;
        } else {
            pure = last == null || last.pure();
        }
        for (int a = 0; a < mol.atomCount(); a++) {
            for (GbsFile.RawShell r : chosen[a].shells(mol.element(a).symbol())) {
                shells.add(Shell.normalised(a, r.l(), mol.x(a), mol.y(a), mol.z(a), r.exponents(), r.coefficients(),
                        pure && r.l() > 1));
            }
        }
        String name = String.join(" + ", used);
        return new FittingBasis(name, new BasisSet(name, shells), pure);
    }

    /**
     * Checks, before anything is computed, that the fitting sets of {@code role} exist and hold every element (the
     * same choice as {@link #choose}); an {@link InputException} names the keyword and the element otherwise.
     */
    public static void check(Collection<Element> elements, String orbitalName, Role role, String requested) {
        List<String> candidates = candidates(orbitalName, role, requested);
        List<GbsFile> files = new ArrayList<>();
        for (String c : candidates) {
            files.add(BasisLibrary.load(c));
        }
        for (Element el : elements) {
            if (files.stream().noneMatch(f -> f.shells(el.symbol()) != null)) {
                throw missing(el.symbol(), orbitalName, role, requested, candidates);
            }
        }
    }

    /** The fitting sets to try, in order: the requested one, or the orbital basis's family then the fallback. */
    private static List<String> candidates(String orbitalName, Role role, String requested) {
        List<String> candidates = new ArrayList<>();
        boolean user = requested != null && !requested.isBlank();
        if (user) {
            String file = sanitize(requested);
            if (!AVAILABLE.contains(file)) {
                throw new InputException(role.keyword + " '" + requested + "' is not a fitting basis set bundled with "
                        + "the builtin engine: available are " + AVAILABLE + " (or use program psi4)");
            }
            candidates.add(file);
        } else {
            Family fam = FAMILIES.get(sanitize(orbitalName));
            if (fam != null) {
                String f = role == Role.JKFIT ? fam.jkfit() : fam.rifit();
                if (AVAILABLE.contains(f)) {
                    candidates.add(f);
                }
            }
            if (fam == null || fam.zeta() <= UNIVERSAL_MAX_ZETA) {
                candidates.add(role.universal);
            }
        }
        return candidates;
    }

    private static InputException missing(String element, String orbitalName, Role role, String requested,
                                          List<String> candidates) {
        boolean user = requested != null && !requested.isBlank();
        return new InputException("element " + element + " is not in fitting basis "
                + (user ? "set '" + requested + "' (" + role.keyword + ")" : "sets " + candidates
                + " (the " + role.keyword + " default for '" + orbitalName + "')")
                + ": set " + role.keyword + " to a set that has it, or use program psi4");
    }

    /**
     * Psi4's BasisFamily key and .gbs file name of a basis name (sanitize_basisname, make_filename): lower case,
     * + to p, * to s, parentheses and commas to _.
     */
    static String sanitize(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('+', 'p').replace('*', 's').replace('(', '_')
                .replace(')', '_').replace(',', '_');
    }
}
