package org.qcmb.molecule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qcmb.common.InputException;

/**
 * Reads Psi4-style XYZ text. Coordinates are angstrom unless a line {@code units bohr} (or {@code units au})
 * says otherwise. A standard XYZ header is an atom-count line followed by a comment line (which may be blank):
 * the comment line is required after a count line, and the count must equal the atom lines that follow. {@code --} lines separate
 * fragments; an optional {@code charge multiplicity} line may follow each {@code --} and may open the file (it
 * then belongs to the first fragment). Blank lines and {@code #} comments are ignored. A symbol prefixed with
 * {@code @} or written {@code Gh(X)} is a ghost atom.
 *
 * <p>With {@code autoFragments} the file must have no {@code --} lines; fragments come from covalent
 * connectivity ({@link Connectivity}). If they are not contiguous the atoms are reordered fragment by fragment
 * and a note says so.
 */
public final class XyzReader {

    /** The molecule read and notes for the user (e.g. that atoms were reordered). */
    public record Result(Molecule molecule, List<String> notes) {
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private XyzReader() {
    }

    public static Result read(String text, String source, boolean autoFragments) {
        String[] lines = text.split("\\R", -1);
        List<String> symbols = new ArrayList<>();
        List<Boolean> real = new ArrayList<>();
        List<double[]> xyz = new ArrayList<>();
        List<Integer> atomLines = new ArrayList<>();
        List<Integer> fragStarts = new ArrayList<>();
        List<Integer> charges = new ArrayList<>();
        List<Integer> mults = new ArrayList<>();
        boolean anyChgMult = false;
        boolean bohr = false;
        boolean sawSeparator = false;
        fragStarts.add(0);
        charges.add(null);
        mults.add(null);
        int first = 0;
        // standard XYZ header: count line, then a free comment line
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        int countLine = -1;
        long count = -1;
        if (first < lines.length && lines[first].trim().matches("\\d+")) {
            countLine = first;
            String where = source + " line " + (first + 1);
            try {
                count = Long.parseLong(lines[first].trim());
            } catch (NumberFormatException e) {
                count = Long.MAX_VALUE;
            }
            if (count > MoleculeBuilder.MAX_ATOMS) {
                throw new InputException(where + ": the count line says " + lines[first].trim() + " atoms, more"
                        + " than the limit of " + MoleculeBuilder.MAX_ATOMS);
            }
            if (first + 1 >= lines.length || (first + 2 >= lines.length && lines[first + 1].isEmpty())) {
                throw new InputException(where + ": an XYZ count line must be followed by a comment line and the "
                        + count + " atoms; the file ends here");
            }
            if (looksLikeAtom(lines[first + 1])) {
                throw new InputException(source + " line " + (first + 2) + ": expected the comment line that"
                        + " follows the count line (line " + (first + 1) + "), found an atom '"
                        + lines[first + 1].trim() + "': add a comment line (it may be blank) or remove the count"
                        + " line");
            }
            first += 2;
        }
        boolean blockHasAtoms = false;
        for (int ln = first; ln < lines.length; ln++) {
            String line = lines[ln];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + " line " + (ln + 1);
            String[] tok = line.split("\\s+");
            if (line.equals("--")) {
                if (!blockHasAtoms) {
                    throw new InputException(where + ": '--' separates fragments but the fragment before it has"
                            + " no atoms");
                }
                sawSeparator = true;
                fragStarts.add(symbols.size());
                charges.add(null);
                mults.add(null);
                blockHasAtoms = false;
                continue;
            }
            if (tok[0].equalsIgnoreCase("units") && tok.length == 2) {
                String u = tok[1].toLowerCase(Locale.ROOT);
                if (u.equals("bohr") || u.equals("au") || u.equals("a.u.")) {
                    bohr = true;
                } else if (u.startsWith("ang")) {
                    bohr = false;
                } else {
                    throw new InputException(where + ": unknown units '" + tok[1] + "' (angstrom or bohr)");
                }
                continue;
            }
            if (tok.length == 2 && isInt(tok[0]) && isInt(tok[1])) {
                if (blockHasAtoms) {
                    throw new InputException(where + ": a 'charge multiplicity' line must come before the atoms"
                            + " of its fragment");
                }
                int last = charges.size() - 1;
                charges.set(last, Integer.parseInt(tok[0]));
                mults.set(last, Integer.parseInt(tok[1]));
                anyChgMult = true;
                continue;
            }
            if (tok.length != 4) {
                throw new InputException(where + ": expected 'Symbol x y z', '--' or 'charge multiplicity', got '"
                        + line + "'");
            }
            String sym = tok[0];
            boolean isReal = true;
            if (sym.startsWith("@")) {
                sym = sym.substring(1);
                isReal = false;
            } else if (sym.toLowerCase(Locale.ROOT).startsWith("gh(") && sym.endsWith(")")) {
                sym = sym.substring(3, sym.length() - 1);
                isReal = false;
            }
            sym = sym.replaceAll("\\d+$", ""); // labels like O1, H2
            try {
                Element.of(sym);
            } catch (IllegalArgumentException e) {
                throw new InputException(where + ": unknown element symbol '" + tok[0] + "'");
            }
            double[] c = new double[3];
            for (int k = 0; k < 3; k++) {
                c[k] = coordinate(tok[k + 1], where);
            }
            if (symbols.size() >= MoleculeBuilder.MAX_ATOMS) {
                throw new InputException(where + ": more than " + MoleculeBuilder.MAX_ATOMS + " atoms, the limit");
            }
            symbols.add(sym);
            real.add(isReal);
            xyz.add(c);
            atomLines.add(ln + 1);
            blockHasAtoms = true;
        }
        if (countLine >= 0 && count != symbols.size()) {
            throw new InputException(source + " line " + (countLine + 1) + ": the count line says " + count
                    + " atoms but the file has " + symbols.size() + " atom lines (a truncated or edited file?)");
        }
        if (symbols.isEmpty()) {
            throw new InputException(source + ": no atoms found (expected lines 'Symbol x y z' in angstrom)");
        }
        if (!blockHasAtoms) {
            throw new InputException(source + ": the last fragment (after the final '--') has no atoms");
        }
        int nat = symbols.size();
        double[] geom = new double[3 * nat];
        for (int i = 0; i < nat; i++) {
            for (int k = 0; k < 3; k++) {
                geom[3 * i + k] = bohr ? xyz.get(i)[k] : Units.angstromToBohr(xyz.get(i)[k]);
                if (Math.abs(geom[3 * i + k]) > CellList.MAX_COORDINATE_BOHR) {
                    throw new InputException(source + " line " + atomLines.get(i) + ": coordinate " + xyz.get(i)[k]
                            + (bohr ? " bohr" : " angstrom") + " is beyond the limit of "
                            + String.format(Locale.ROOT, "%.0e", CellList.MAX_COORDINATE_BOHR)
                            + " bohr from the origin (wrong units or a corrupt number?)");
                }
            }
        }
        boolean[] re = new boolean[nat];
        for (int i = 0; i < nat; i++) {
            re[i] = real.get(i);
        }
        List<String> notes = new ArrayList<>();
        List<int[]> frags;
        if (autoFragments) {
            if (sawSeparator) {
                throw new InputException(source + ": --auto-fragments cannot be combined with '--' fragment"
                        + " separators in the file; use one or the other");
            }
            if (anyChgMult && charges.get(0) != null && charges.get(0) != 0) {
                notes.add("the charge line of " + source + " applies to the whole cluster; it is put on the first"
                        + " fragment that can hold it");
            }
            List<int[]> comps = Connectivity.fragments(symbols, geom);
            boolean contiguous = true;
            int expect = 0;
            for (int[] c : comps) {
                for (int a : c) {
                    if (a != expect++) {
                        contiguous = false;
                    }
                }
            }
            if (!contiguous) {
                List<String> s2 = new ArrayList<>(nat);
                double[] g2 = new double[3 * nat];
                boolean[] r2 = new boolean[nat];
                int k = 0;
                for (int[] c : comps) {
                    for (int a : c) {
                        s2.add(symbols.get(a));
                        System.arraycopy(geom, 3 * a, g2, 3 * k, 3);
                        r2[k] = re[a];
                        k++;
                    }
                }
                symbols = s2;
                geom = g2;
                re = r2;
                notes.add("the connectivity fragments of " + source + " are not contiguous: atoms were reordered"
                        + " fragment by fragment (results refer to the new order)");
            }
            frags = new ArrayList<>();
            int a = 0;
            for (int[] c : comps) {
                int[] f = new int[c.length];
                for (int i = 0; i < c.length; i++) {
                    f[i] = a++;
                }
                frags.add(f);
            }
            notes.add("--auto-fragments found " + frags.size() + " fragments in " + source);
            MoleculeBuilder b = new MoleculeBuilder().where(source).symbols(symbols).geometryBohr(geom).real(re)
                    .fragments(frags);
            if (charges.get(0) != null) {
                b.molecularCharge(charges.get(0)).molecularMultiplicity(mults.get(0));
            }
            return new Result(b.build(), List.copyOf(notes));
        }
        frags = new ArrayList<>();
        for (int f = 0; f < fragStarts.size(); f++) {
            int start = fragStarts.get(f);
            int end = f + 1 < fragStarts.size() ? fragStarts.get(f + 1) : nat;
            int[] fr = new int[end - start];
            for (int i = 0; i < fr.length; i++) {
                fr[i] = start + i;
            }
            frags.add(fr);
        }
        MoleculeBuilder b = new MoleculeBuilder().where(source).symbols(symbols).geometryBohr(geom).real(re)
                .fragments(frags);
        if (anyChgMult) {
            // Psi4: a charge/multiplicity line before the first atom applies to the first fragment; missing lines
            // of other fragments default to a neutral fragment with the lowest multiplicity.
            boolean allGiven = charges.stream().allMatch(q -> q != null);
            if (!sawSeparator) {
                b.molecularCharge(charges.get(0)).molecularMultiplicity(mults.get(0));
            } else {
                int[] q = new int[frags.size()];
                for (int f = 0; f < q.length; f++) {
                    q[f] = charges.get(f) == null ? 0 : charges.get(f);
                }
                b.fragmentCharges(q);
                if (allGiven) {
                    b.fragmentMultiplicities(mults.stream().mapToInt(Integer::intValue).toArray());
                } else {
                    int[] m = new int[frags.size()];
                    for (int f = 0; f < m.length; f++) {
                        if (mults.get(f) != null) {
                            m[f] = mults.get(f);
                        } else {
                            int z = 0;
                            for (int at : frags.get(f)) {
                                z += re[at] ? Element.of(symbols.get(at)).atomicNumber() : 0;
                            }
                            m[f] = (z - q[f]) % 2 == 0 ? 1 : 2;
                        }
                    }
                    b.fragmentMultiplicities(m);
                }
            }
        }
        return new Result(b.build(), List.copyOf(notes));
    }

    /** A coordinate: a finite number (Java syntax, no NaN or infinities, no 'f'/'d' suffixes). */
    private static double coordinate(String token, String where) {
        if (!NUMBER.matcher(token).matches()) {
            throw new InputException(where + ": '" + token + "' is not a number");
        }
        double v = Double.parseDouble(token);
        if (!Double.isFinite(v)) {
            throw new InputException(where + ": '" + token + "' is too large to be a coordinate");
        }
        return v;
    }

    /** Whether a line reads as 'Symbol x y z' (used to tell a missing comment line from a real one). */
    private static boolean looksLikeAtom(String line) {
        String[] tok = line.trim().split("\\s+");
        if (tok.length != 4) {
            return false;
        }
        String sym = tok[0].startsWith("@") ? tok[0].substring(1) : tok[0];
        try {
            Element.of(sym.replaceAll("\\d+$", ""));
            for (int k = 1; k < 4; k++) {
                Double.parseDouble(tok[k]);
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isInt(String s) {
        return s.matches("[+-]?\\d+");
    }
}
