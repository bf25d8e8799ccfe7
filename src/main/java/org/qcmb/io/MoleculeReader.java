package org.qcmb.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.qcmb.common.InputException;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.MoleculeBuilder;
import org.qcmb.molecule.Units;

/** Reads a QCSchema molecule object (geometry in bohr unless {@code units} is "angstrom"). */
public final class MoleculeReader {
    static final Set<String> FIELDS = Set.of("schema_name", "schema_version", "validated", "symbols", "geometry",
            "units", "fragments", "fragment_charges", "fragment_multiplicities", "molecular_charge",
            "molecular_multiplicity", "real", "name", "comment", "fix_com", "fix_orientation", "fix_symmetry",
            "masses", "atomic_numbers", "mass_numbers", "atom_labels", "connectivity", "provenance", "identifiers",
            "extras");

    private MoleculeReader() {
    }

    public static Molecule read(JsonNode node, String path) {
        Json.object(node, path, FIELDS);
        List<String> symbols = Json.has(node, "symbols") ? Json.strings(Json.array(node, "symbols", path),
                path + ".symbols") : null;
        double[] geom = Json.has(node, "geometry") ? Json.flatNumbers(node.get("geometry"), path + ".geometry")
                : null;
        String units = Json.string(node, "units", path, "bohr").toLowerCase(Locale.ROOT);
        if (geom != null) {
            switch (units) {
                case "bohr", "au", "a0" -> {
                }
                case "angstrom", "ang", "a" -> {
                    for (int i = 0; i < geom.length; i++) {
                        geom[i] = Units.angstromToBohr(geom[i]);
                    }
                }
                default -> throw InputException.field(path + ".units", "must be \"bohr\" or \"angstrom\", not \""
                        + units + "\"");
            }
        }
        MoleculeBuilder b = new MoleculeBuilder().where(path).symbols(symbols).geometryBohr(geom);
        if (Json.has(node, "real")) {
            JsonNode r = Json.array(node, "real", path);
            boolean[] real = new boolean[r.size()];
            for (int i = 0; i < real.length; i++) {
                if (!r.get(i).isBoolean()) {
                    throw InputException.field(path + ".real[" + i + "]", "must be true or false");
                }
                real[i] = r.get(i).booleanValue();
            }
            b.real(real);
        }
        if (Json.has(node, "fragments")) {
            JsonNode fr = Json.array(node, "fragments", path);
            List<int[]> frags = new ArrayList<>();
            for (int f = 0; f < fr.size(); f++) {
                JsonNode one = fr.get(f);
                if (!one.isArray()) {
                    throw InputException.field(path + ".fragments[" + f + "]", "must be a list of 0-based atom"
                            + " indices");
                }
                int[] atoms = new int[one.size()];
                for (int i = 0; i < atoms.length; i++) {
                    atoms[i] = Json.integer(one.get(i), path + ".fragments[" + f + "][" + i + "]");
                }
                frags.add(atoms);
            }
            b.fragments(frags);
        }
        if (Json.has(node, "fragment_charges")) {
            b.fragmentCharges(ints(Json.array(node, "fragment_charges", path), path + ".fragment_charges"));
        }
        if (Json.has(node, "fragment_multiplicities")) {
            b.fragmentMultiplicities(ints(Json.array(node, "fragment_multiplicities", path),
                    path + ".fragment_multiplicities"));
        }
        b.molecularCharge(Json.integer(node, "molecular_charge", path));
        b.molecularMultiplicity(Json.integer(node, "molecular_multiplicity", path));
        return b.build();
    }

    private static int[] ints(JsonNode a, String path) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Json.integer(a.get(i), path + "[" + i + "]");
        }
        return out;
    }
}
