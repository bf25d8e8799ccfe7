package org.qcmb.molecule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qcmb.common.InputException;

/**
 * Builds a validated {@link Molecule} from user data (QCSchema fields), filling missing charges and
 * multiplicities with QCElemental's rules:
 * <ul>
 *   <li>fragments absent: one fragment of all atoms;</li>
 *   <li>fragment charges absent: 0 each, except that a given molecular charge is put on the first fragment that
 *       can hold it (keeps a non-negative electron count);</li>
 *   <li>molecular charge absent: the sum of the fragment charges; present: must equal that sum;</li>
 *   <li>fragment multiplicities absent: 1 for an even, 2 for an odd number of electrons;</li>
 *   <li>molecular multiplicity absent: the high-spin sum 1 + sum(m_f - 1) if fragment multiplicities were given,
 *       else 1 or 2 by electron parity.</li>
 * </ul>
 * Checks: at most {@link #MAX_ATOMS} atoms of known elements, finite coordinates within
 * {@link CellList#MAX_COORDINATE_BOHR} of the origin, no two atoms (ghosts included) closer than
 * {@link #MIN_DISTANCE_ANGSTROM}, fragments contiguous 0..nat-1 in order, and every charge/multiplicity possible for
 * its electron count. Errors are {@link InputException}s naming the field (and the atom).
 */
public final class MoleculeBuilder {

    /**
     * Atoms closer than this (angstrom) are rejected as a duplicated atom or a unit mistake. It is 80 % of the
     * smallest sum of covalent radii (H-H, 2 x 0.31 A; the H2 bond is 0.74 A), so no real bond is shorter.
     */
    public static final double MIN_DISTANCE_ANGSTROM = 0.5;
    public static final double MIN_DISTANCE_BOHR = Units.angstromToBohr(MIN_DISTANCE_ANGSTROM);
    /** The largest molecule accepted (the geometry checks scale linearly; planning is the limit beyond). */
    public static final int MAX_ATOMS = 1_000_000;

    private List<String> symbols;
    private double[] geometryBohr;
    private boolean[] real;
    private List<int[]> fragments;
    private int[] fragmentCharges;
    private int[] fragmentMultiplicities;
    private Integer molecularCharge;
    private Integer molecularMultiplicity;
    private String where = "molecule";

    public MoleculeBuilder symbols(List<String> symbols) {
        this.symbols = symbols;
        return this;
    }

    /** Flat [x0,y0,z0,x1,...] in bohr. */
    public MoleculeBuilder geometryBohr(double[] geometryBohr) {
        this.geometryBohr = geometryBohr;
        return this;
    }

    public MoleculeBuilder real(boolean[] real) {
        this.real = real;
        return this;
    }

    public MoleculeBuilder fragments(List<int[]> fragments) {
        this.fragments = fragments;
        return this;
    }

    public MoleculeBuilder fragmentCharges(int[] charges) {
        this.fragmentCharges = charges;
        return this;
    }

    public MoleculeBuilder fragmentMultiplicities(int[] multiplicities) {
        this.fragmentMultiplicities = multiplicities;
        return this;
    }

    public MoleculeBuilder molecularCharge(Integer charge) {
        this.molecularCharge = charge;
        return this;
    }

    public MoleculeBuilder molecularMultiplicity(Integer multiplicity) {
        this.molecularMultiplicity = multiplicity;
        return this;
    }

    /** Field-path prefix used in error messages, e.g. "molecule" or "input.molecule". */
    public MoleculeBuilder where(String where) {
        this.where = where;
        return this;
    }

    public Molecule build() {
        if (symbols == null || symbols.isEmpty()) {
            throw InputException.field(where + ".symbols", "is missing or empty: give one element symbol per atom");
        }
        int nat = symbols.size();
        if (nat > MAX_ATOMS) {
            throw InputException.field(where + ".symbols", "has " + nat + " atoms, more than the limit of "
                    + MAX_ATOMS);
        }
        List<String> syms = new ArrayList<>(nat);
        int[] z = new int[nat];
        for (int i = 0; i < nat; i++) {
            Element e;
            try {
                e = Element.of(symbols.get(i));
            } catch (IllegalArgumentException ex) {
                throw InputException.field(where + ".symbols[" + i + "]",
                        "unknown element symbol '" + symbols.get(i) + "' (known: H to Kr)");
            }
            syms.add(e.symbol());
            z[i] = e.atomicNumber();
        }
        if (geometryBohr == null) {
            throw InputException.field(where + ".geometry", "is missing: give 3 coordinates per atom");
        }
        if (geometryBohr.length != 3 * nat) {
            throw InputException.field(where + ".geometry", "has " + geometryBohr.length + " numbers but "
                    + nat + " atoms need " + 3 * nat);
        }
        checkCoordinates(geometryBohr);
        checkDistances(geometryBohr);
        boolean[] re = real;
        if (re == null) {
            re = new boolean[nat];
            Arrays.fill(re, true);
        } else if (re.length != nat) {
            throw InputException.field(where + ".real", "has " + re.length + " entries for " + nat + " atoms");
        }
        List<int[]> frags = fragments;
        if (frags == null || frags.isEmpty()) {
            int[] all = new int[nat];
            for (int i = 0; i < nat; i++) {
                all[i] = i;
            }
            frags = List.of(all);
        }
        checkFragments(frags, nat);
        int nf = frags.size();

        int[] fragZ = new int[nf];
        for (int f = 0; f < nf; f++) {
            for (int a : frags.get(f)) {
                if (re[a]) {
                    fragZ[f] += z[a];
                }
            }
        }
        // charges
        int[] fq;
        if (fragmentCharges != null) {
            if (fragmentCharges.length != nf) {
                throw InputException.field(where + ".fragment_charges", "has " + fragmentCharges.length
                        + " entries but there are " + nf + " fragments");
            }
            fq = fragmentCharges.clone();
            int sum = Arrays.stream(fq).sum();
            if (molecularCharge != null && molecularCharge != sum) {
                throw InputException.field(where + ".molecular_charge", "is " + molecularCharge
                        + " but fragment_charges add up to " + sum);
            }
        } else {
            fq = new int[nf];
            if (molecularCharge != null && molecularCharge != 0) {
                int target = 0;
                for (int f = 0; f < nf; f++) {
                    if (fragZ[f] - molecularCharge >= 0) {
                        target = f;
                        break;
                    }
                }
                fq[target] = molecularCharge;
            }
        }
        int totalQ = Arrays.stream(fq).sum();
        // multiplicities
        int[] fm;
        if (fragmentMultiplicities != null) {
            if (fragmentMultiplicities.length != nf) {
                throw InputException.field(where + ".fragment_multiplicities", "has "
                        + fragmentMultiplicities.length + " entries but there are " + nf + " fragments");
            }
            fm = fragmentMultiplicities.clone();
        } else {
            fm = new int[nf];
            for (int f = 0; f < nf; f++) {
                fm[f] = ((fragZ[f] - fq[f]) % 2 == 0) ? 1 : 2;
            }
        }
        for (int f = 0; f < nf; f++) {
            checkChargeMultiplicity(where + ".fragments[" + f + "] (fragment " + (f + 1) + ")",
                    fragZ[f] - fq[f], fq[f], fm[f]);
        }
        int totalZ = Arrays.stream(fragZ).sum();
        int mm;
        if (molecularMultiplicity != null) {
            mm = molecularMultiplicity;
        } else if (fragmentMultiplicities != null) {
            mm = 1;
            for (int m : fm) {
                mm += m - 1;
            }
        } else {
            mm = ((totalZ - totalQ) % 2 == 0) ? 1 : 2;
        }
        checkChargeMultiplicity(where + ".molecular_multiplicity", totalZ - totalQ, totalQ, mm);
        int highSpin = 1;
        for (int m : fm) {
            highSpin += m - 1;
        }
        if (mm > highSpin) {
            throw InputException.field(where + ".molecular_multiplicity", "is " + mm
                    + " but the fragment multiplicities allow at most " + highSpin);
        }
        return new Molecule(List.copyOf(syms), geometryBohr.clone(), re.clone(), copyFragments(frags), fq, fm,
                totalQ, mm);
    }

    private static List<int[]> copyFragments(List<int[]> frags) {
        List<int[]> out = new ArrayList<>(frags.size());
        for (int[] f : frags) {
            out.add(f.clone());
        }
        return List.copyOf(out);
    }

    private void checkChargeMultiplicity(String field, int electrons, int charge, int mult) {
        if (electrons < 0) {
            throw InputException.field(field, "charge " + charge + " leaves " + electrons + " electrons");
        }
        if (mult < 1) {
            throw InputException.field(field, "multiplicity " + mult + " is not >= 1");
        }
        if ((electrons - (mult - 1)) % 2 != 0 || mult - 1 > electrons) {
            throw InputException.field(field, "charge " + charge + " and multiplicity " + mult
                    + " are impossible with " + electrons + " electrons (" + (electrons % 2 == 0 ? "even" : "odd")
                    + " electron count needs an " + (electrons % 2 == 0 ? "odd" : "even") + " multiplicity)");
        }
    }

    private void checkFragments(List<int[]> frags, int nat) {
        int expect = 0;
        for (int f = 0; f < frags.size(); f++) {
            int[] fr = frags.get(f);
            if (fr == null || fr.length == 0) {
                throw InputException.field(where + ".fragments[" + f + "]", "is empty: every fragment needs atoms");
            }
            for (int a : fr) {
                if (a < 0 || a >= nat) {
                    throw InputException.field(where + ".fragments[" + f + "]", "atom index " + a
                            + " is outside 0.." + (nat - 1) + " (atom indices are 0-based)");
                }
                if (a != expect) {
                    throw InputException.field(where + ".fragments", "must list every atom exactly once, "
                            + "contiguous and in order (0.." + (nat - 1) + "); fragment " + (f + 1) + " has atom "
                            + a + " where atom " + expect + " was expected (overlapping, missing or non-contiguous"
                            + " fragments; QCManyBody would need to reorder atoms)");
                }
                expect++;
            }
        }
        if (expect != nat) {
            throw InputException.field(where + ".fragments", "cover atoms 0.." + (expect - 1) + " but there are "
                    + nat + " atoms: atoms " + expect + ".." + (nat - 1) + " belong to no fragment");
        }
    }

    /** Finite and within the coordinate limit, naming the atom (0-based, as in the fragments lists). */
    private void checkCoordinates(double[] g) {
        for (int k = 0; k < g.length; k++) {
            double v = g[k];
            String atom = "atom " + k / 3 + " (" + symbols.get(k / 3) + ", 0-based)";
            char axis = "xyz".charAt(k % 3);
            if (!Double.isFinite(v)) {
                throw InputException.field(where + ".geometry", atom + " has a non-finite " + axis
                        + " coordinate (" + v + ")");
            }
            if (Math.abs(v) > CellList.MAX_COORDINATE_BOHR) {
                throw InputException.field(where + ".geometry", String.format(java.util.Locale.ROOT,
                        "%s has %s = %.6g bohr, beyond the limit of %.0e bohr from the origin (wrong units or a"
                                + " corrupt number?)", atom, axis, v, CellList.MAX_COORDINATE_BOHR));
            }
        }
    }

    /** No two atoms closer than the physical minimum, found with a cell list (linear in the atom count). */
    private void checkDistances(double[] g) {
        int[] pair = new CellList(g, MIN_DISTANCE_BOHR).firstPairCloserThan(MIN_DISTANCE_BOHR);
        if (pair != null) {
            double d = Math.sqrt(distance2(g, pair[0], pair[1]));
            throw InputException.field(where + ".geometry", String.format(java.util.Locale.ROOT,
                    "atoms %d and %d (0-based) are %.4f angstrom (%.4f bohr) apart, closer than the physical minimum"
                            + " of %.1f angstrom (a duplicated atom or wrong units?)", pair[0], pair[1],
                    d * Units.BOHR_TO_ANGSTROM, d, MIN_DISTANCE_ANGSTROM));
        }
    }

    private static double distance2(double[] g, int i, int j) {
        double dx = g[3 * i] - g[3 * j], dy = g[3 * i + 1] - g[3 * j + 1], dz = g[3 * i + 2] - g[3 * j + 2];
        return dx * dx + dy * dy + dz * dz;
    }
}
