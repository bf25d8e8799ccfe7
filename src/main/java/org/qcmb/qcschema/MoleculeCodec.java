package org.qcmb.qcschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.qcmb.common.InputException;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.MoleculeBuilder;
import org.qcmb.molecule.Units;

/**
 * The QCSchema molecule (v1 schema_version 2 and v2 schema_version 3 share these fields): read strictly, with
 * geometry in bohr unless {@code units} is "angstrom" and the charges and multiplicities completed by
 * {@link MoleculeBuilder}; written in bohr with its fragments and a fixed frame.
 */
public final class MoleculeCodec {
    static final Set<String> FIELDS = Set.of("schema_name", "schema_version", "validated", "symbols", "geometry",
            "units", "fragments", "fragment_charges", "fragment_multiplicities", "molecular_charge",
            "molecular_multiplicity", "real", "name", "comment", "fix_com", "fix_orientation", "fix_symmetry",
            "masses", "atomic_numbers", "mass_numbers", "atom_labels", "connectivity", "provenance", "identifiers",
            "extras", "id");

    private MoleculeCodec() {
    }

    /**
     * The molecule as a QCSchema molecule of the given version: bohr, every atom's real flag, 0-based fragments
     * with their charges and multiplicities, and fix_com/fix_orientation so that results stay in this frame.
     */
    public static ObjectNode write(Molecule m, SchemaVersion version) {
        ObjectNode mol = QcJson.mapper().createObjectNode();
        mol.put("schema_name", "qcschema_molecule");
        mol.put("schema_version", version.moleculeSchemaVersion());
        ArrayNode sym = mol.putArray("symbols");
        m.symbols().forEach(sym::add);
        mol.set("geometry", QcJson.array(m.geometry()));
        ArrayNode real = mol.putArray("real");
        for (boolean b : m.real()) {
            real.add(b);
        }
        ArrayNode fragments = mol.putArray("fragments");
        for (int[] f : m.fragments()) {
            ArrayNode one = fragments.addArray();
            for (int a : f) {
                one.add(a);
            }
        }
        ArrayNode fc = mol.putArray("fragment_charges");
        for (int c : m.fragmentCharges()) {
            fc.add(c);
        }
        ArrayNode fm = mol.putArray("fragment_multiplicities");
        for (int x : m.fragmentMultiplicities()) {
            fm.add(x);
        }
        mol.put("molecular_charge", m.molecularCharge());
        mol.put("molecular_multiplicity", m.molecularMultiplicity());
        mol.put("fix_com", true);
        mol.put("fix_orientation", true);
        return mol;
    }

    /** Reads a molecule object; {@code path} names it in error messages (e.g. "molecule", "input.molecule"). */
    public static Molecule read(JsonNode node, String path) {
        QcJson.object(node, path, FIELDS);
        List<String> symbols = QcJson.has(node, "symbols") ? QcJson.strings(QcJson.array(node, "symbols", path),
                path + ".symbols") : null;
        double[] geom = QcJson.has(node, "geometry") ? QcJson.flatNumbers(node.get("geometry"), path + ".geometry")
                : null;
        String units = QcJson.string(node, "units", path, "bohr").toLowerCase(Locale.ROOT);
        if (geom != null) {
            switch (units) {
                case "bohr", "au", "a0" -> {
                }
                case "angstrom", "ang", "a" -> {
                    for (int i = 0; i < geom.length; i++) {
                        double bohr = Units.angstromToBohr(geom[i]);
                        // a finite number that overflows in conversion is reported as beyond the coordinate limit
                        geom[i] = Double.isFinite(geom[i]) && !Double.isFinite(bohr)
                                ? Math.copySign(Double.MAX_VALUE, geom[i]) : bohr;
                    }
                }
                default -> throw InputException.field(path + ".units", "must be \"bohr\" or \"angstrom\", not \""
                        + units + "\"");
            }
        }
        MoleculeBuilder b = new MoleculeBuilder().where(path).symbols(symbols).geometryBohr(geom);
        if (QcJson.has(node, "real")) {
            JsonNode r = QcJson.array(node, "real", path);
            boolean[] real = new boolean[r.size()];
            for (int i = 0; i < real.length; i++) {
                if (!r.get(i).isBoolean()) {
                    throw InputException.field(path + ".real[" + i + "]", "must be true or false");
                }
                real[i] = r.get(i).booleanValue();
            }
            b.real(real);
        }
        if (QcJson.has(node, "fragments")) {
            JsonNode fr = QcJson.array(node, "fragments", path);
            List<int[]> frags = new ArrayList<>();
            for (int f = 0; f < fr.size(); f++) {
                JsonNode one = fr.get(f);
                if (!one.isArray()) {
                    throw InputException.field(path + ".fragments[" + f + "]", "must be a list of 0-based atom"
                            + " indices");
                }
                int[] atoms = new int[one.size()];
                for (int i = 0; i < atoms.length; i++) {
                    atoms[i] = QcJson.integer(one.get(i), path + ".fragments[" + f + "][" + i + "]");
                }
                frags.add(atoms);
            }
            b.fragments(frags);
        }
        if (QcJson.has(node, "fragment_charges")) {
            b.fragmentCharges(ints(QcJson.array(node, "fragment_charges", path), path + ".fragment_charges"));
        }
        if (QcJson.has(node, "fragment_multiplicities")) {
            b.fragmentMultiplicities(ints(QcJson.array(node, "fragment_multiplicities", path),
                    path + ".fragment_multiplicities"));
        }
        b.molecularCharge(QcJson.integer(node, "molecular_charge", path));
        b.molecularMultiplicity(QcJson.integer(node, "molecular_multiplicity", path));
        return b.build();
    }

    private static int[] ints(JsonNode a, String path) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = QcJson.integer(a.get(i), path + "[" + i + "]");
        }
        return out;
    }
}
