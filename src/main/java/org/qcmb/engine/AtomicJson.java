package org.qcmb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.molecule.Molecule;

/**
 * QCSchema JSON mapping for single calculations (Jackson):
 * <ul>
 * <li>AtomicInput <- JSON: {@code molecule} {symbols, geometry (bohr, flat or nested), real?, molecular_charge?,
 * molecular_multiplicity?, fragments?, fragment_charges?, fragment_multiplicities?}, {@code driver},
 * {@code model} {method, basis}, {@code keywords}, and external point charges in
 * {@code extras.external_charges} as [[q, x, y, z], ...] or [[q, [x, y, z]], ...] (bohr).</li>
 * <li>AtomicInput -> JSON (what {@code psi4 --json} reads; fix_com/fix_orientation so gradients stay in the
 * input frame).</li>
 * <li>AtomicResult -> JSON ({@code schema_name: qcschema_output}, success, driver, model, molecule,
 * return_result, snake_case properties, provenance {creator, version, wall_time}, error {error_type,
 * error_message}) and back (reads Psi4's output too).</li>
 * </ul>
 * Malformed input is an {@link InputException} naming the field.
 */
public final class AtomicJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AtomicJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static AtomicInput readInput(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InputException("atomic input must be a JSON object");
        }
        JsonNode mol = require(root, "molecule");
        Molecule molecule = readMolecule(mol);
        Driver driver;
        try {
            driver = Driver.parse(require(root, "driver").asText());
        } catch (IllegalArgumentException e) {
            throw InputException.field("driver", e.getMessage());
        }
        JsonNode model = require(root, "model");
        String method = require(model, "method", "model.method").asText();
        JsonNode basisNode = model.get("basis");
        String basis = basisNode == null || basisNode.isNull() ? null : basisNode.asText();
        Map<String, Object> keywords = new LinkedHashMap<>();
        JsonNode kw = root.get("keywords");
        if (kw != null && !kw.isNull()) {
            if (!kw.isObject()) {
                throw InputException.field("keywords", "must be an object of name: value");
            }
            kw.fields().forEachRemaining(e -> keywords.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class)));
        }
        List<PointCharge> charges = new ArrayList<>();
        JsonNode extras = root.get("extras");
        if (extras != null && extras.has("external_charges")) {
            for (JsonNode c : extras.get("external_charges")) {
                if (c.size() == 4) {
                    charges.add(new PointCharge(c.get(0).asDouble(), c.get(1).asDouble(), c.get(2).asDouble(),
                            c.get(3).asDouble()));
                } else if (c.size() == 2 && c.get(1).size() == 3) {
                    JsonNode p = c.get(1);
                    charges.add(new PointCharge(c.get(0).asDouble(), p.get(0).asDouble(), p.get(1).asDouble(),
                            p.get(2).asDouble()));
                } else {
                    throw InputException.field("extras.external_charges", "entries must be [q, x, y, z] or "
                            + "[q, [x, y, z]] (bohr), found " + c);
                }
            }
        }
        return new AtomicInput(molecule, driver, new Model(method, basis), keywords, charges);
    }

    static Molecule readMolecule(JsonNode mol) {
        JsonNode sym = require(mol, "symbols", "molecule.symbols");
        List<String> symbols = new ArrayList<>();
        sym.forEach(s -> symbols.add(s.asText()));
        int n = symbols.size();
        List<Double> flat = new ArrayList<>();
        flatten(require(mol, "geometry", "molecule.geometry"), flat);
        if (flat.size() != 3 * n) {
            throw InputException.field("molecule.geometry", "needs 3 x " + n + " numbers (bohr) for " + n
                    + " symbols, found " + flat.size());
        }
        double[] geom = flat.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] real = new boolean[n];
        Arrays.fill(real, true);
        JsonNode r = mol.get("real");
        if (r != null && !r.isNull()) {
            if (r.size() != n) {
                throw InputException.field("molecule.real", "needs " + n + " booleans, found " + r.size());
            }
            for (int i = 0; i < n; i++) {
                real[i] = r.get(i).asBoolean();
            }
        }
        int charge = mol.has("molecular_charge") ? (int) Math.round(mol.get("molecular_charge").asDouble()) : 0;
        int mult = mol.has("molecular_multiplicity") ? mol.get("molecular_multiplicity").asInt() : 1;
        List<int[]> fragments = new ArrayList<>();
        JsonNode fr = mol.get("fragments");
        if (fr != null && fr.isArray() && fr.size() > 0) {
            for (JsonNode f : fr) {
                int[] idx = new int[f.size()];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = f.get(i).asInt();
                }
                fragments.add(idx);
            }
        } else {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            fragments.add(all);
        }
        int[] fc = ints(mol.get("fragment_charges"), fragments.size(), fragments.size() == 1 ? charge : 0);
        int[] fm = ints(mol.get("fragment_multiplicities"), fragments.size(), fragments.size() == 1 ? mult : 1);
        return new Molecule(List.copyOf(symbols), geom, real, fragments, fc, fm, charge, mult);
    }

    private static int[] ints(JsonNode a, int n, int dflt) {
        int[] out = new int[n];
        Arrays.fill(out, dflt);
        if (a != null && a.isArray() && a.size() == n) {
            for (int i = 0; i < n; i++) {
                out[i] = (int) Math.round(a.get(i).asDouble());
            }
        }
        return out;
    }

    private static void flatten(JsonNode g, List<Double> out) {
        if (g.isArray()) {
            for (JsonNode x : g) {
                flatten(x, out);
            }
        } else if (g.isNumber()) {
            out.add(g.asDouble());
        } else {
            throw InputException.field("molecule.geometry", "must contain numbers only, found " + g);
        }
    }

    private static JsonNode require(JsonNode n, String field) {
        return require(n, field, field);
    }

    private static JsonNode require(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw InputException.field(path, "is missing");
        }
        return v;
    }

    /** The molecule as QCSchema JSON (bohr), fixed in its frame. */
    public static ObjectNode writeMolecule(Molecule m) {
        ObjectNode mol = MAPPER.createObjectNode();
        mol.put("schema_name", "qcschema_molecule");
        mol.put("schema_version", 2);
        ArrayNode sym = mol.putArray("symbols");
        m.symbols().forEach(sym::add);
        ArrayNode geom = mol.putArray("geometry");
        for (double g : m.geometry()) {
            geom.add(g);
        }
        ArrayNode real = mol.putArray("real");
        for (boolean b : m.real()) {
            real.add(b);
        }
        mol.put("molecular_charge", m.molecularCharge());
        mol.put("molecular_multiplicity", m.molecularMultiplicity());
        mol.put("fix_com", true);
        mol.put("fix_orientation", true);
        return mol;
    }

    /** QCSchema AtomicInput JSON, e.g. for {@code psi4 --json}. */
    public static ObjectNode writeInput(AtomicInput in) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_name", "qcschema_input");
        root.put("schema_version", 1);
        root.set("molecule", writeMolecule(in.molecule()));
        root.put("driver", in.driver().schemaName());
        ObjectNode model = root.putObject("model");
        model.put("method", in.model().method());
        model.put("basis", in.model().basis());
        root.set("keywords", MAPPER.valueToTree(in.keywords()));
        if (!in.externalCharges().isEmpty()) {
            ArrayNode ch = root.putObject("extras").putArray("external_charges");
            for (PointCharge pc : in.externalCharges()) {
                ch.addArray().add(pc.charge()).add(pc.x()).add(pc.y()).add(pc.z());
            }
        }
        return root;
    }

    /** QCSchema AtomicResult JSON for a result of the given input. */
    public static ObjectNode writeResult(AtomicInput in, AtomicResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_name", "qcschema_output");
        root.put("schema_version", 1);
        root.put("success", r.success());
        root.put("driver", r.driver().schemaName());
        if (in != null) {
            ObjectNode model = root.putObject("model");
            model.put("method", in.model().method());
            model.put("basis", in.model().basis());
            root.set("molecule", writeMolecule(in.molecule()));
            root.set("keywords", MAPPER.valueToTree(in.keywords()));
        }
        if (r.success()) {
            switch (r.driver()) {
                case ENERGY -> root.put("return_result", r.energy());
                case GRADIENT -> root.set("return_result", array(r.gradient()));
                case HESSIAN -> root.set("return_result", array(r.hessian()));
            }
        } else {
            root.putNull("return_result");
        }
        ObjectNode props = root.putObject("properties");
        AtomicProperties p = r.properties();
        if (p != null) {
            putIf(props, "return_energy", p.returnEnergy());
            putIf(props, "scf_total_energy", p.scfTotalEnergy());
            putIf(props, "mp2_total_energy", p.mp2TotalEnergy());
            putIf(props, "nuclear_repulsion_energy", p.nuclearRepulsionEnergy());
            if (p.scfIterations() != null) {
                props.put("scf_iterations", p.scfIterations());
            }
            if (p.nbasis() != null) {
                props.put("calcinfo_nbasis", p.nbasis());
            }
            if (p.natom() != null) {
                props.put("calcinfo_natom", p.natom());
            }
            if (r.gradient() != null) {
                props.set("return_gradient", array(r.gradient()));
            }
            if (r.hessian() != null) {
                props.set("return_hessian", array(r.hessian()));
            }
        }
        ObjectNode extras = root.putObject("extras");
        extras.put("hessian_by_finite_difference", p != null && p.hessianByFiniteDifference());
        if (r.provenance() != null) {
            ObjectNode prov = root.putObject("provenance");
            prov.put("creator", r.provenance().program());
            prov.put("version", r.provenance().version());
            prov.put("wall_time", r.provenance().wallTime());
        }
        if (r.error() != null) {
            ObjectNode err = root.putObject("error");
            err.put("error_type", errorType(r.error().errorClass()));
            err.put("error_message", r.error().message());
        }
        return root;
    }

    /** QCSchema error_type of an error class. */
    public static String errorType(ErrorClass c) {
        return switch (c) {
            case INPUT_ERROR -> "input_error";
            case CONVERGENCE_FAILURE -> "convergence_error";
            case ENGINE_CRASH -> "unknown_error";
        };
    }

    /** Error class of a QCSchema error_type; unknown types are crashes (retryable). */
    public static ErrorClass errorClass(String type) {
        return switch (type == null ? "" : type) {
            case "input_error" -> ErrorClass.INPUT_ERROR;
            case "convergence_error" -> ErrorClass.CONVERGENCE_FAILURE;
            default -> ErrorClass.ENGINE_CRASH;
        };
    }

    /**
     * Reads a QCSchema AtomicResult (ours or Psi4's). Gradient/Hessian come from return_result (flat or nested)
     * for those drivers; natom from the molecule if the properties lack it.
     */
    public static AtomicResult readResult(JsonNode root) {
        Driver driver = Driver.parse(root.path("driver").asText("energy"));
        JsonNode prov = root.path("provenance");
        Provenance provenance = new Provenance(prov.path("creator").asText("unknown"), prov.path("version").asText(""),
                prov.path("wall_time").asDouble(Double.NaN));
        if (!root.path("success").asBoolean(false)) {
            JsonNode err = root.path("error");
            return AtomicResult.failure(driver, new EngineError(errorClass(err.path("error_type").asText(null)),
                    err.path("error_message").asText("calculation failed without a message")), provenance);
        }
        JsonNode props = root.path("properties");
        double energy = props.path("return_energy").asDouble(Double.NaN);
        double[] gradient = null, hessian = null;
        JsonNode rr = root.get("return_result");
        if (driver == Driver.ENERGY && rr != null && rr.isNumber()) {
            energy = rr.asDouble();
        }
        if (driver == Driver.GRADIENT) {
            gradient = flat(rr);
        }
        if (driver == Driver.HESSIAN) {
            hessian = flat(rr);
            gradient = props.has("return_gradient") ? flat(props.get("return_gradient")) : null;
        }
        Integer natom = props.has("calcinfo_natom") ? props.get("calcinfo_natom").asInt()
                : root.path("molecule").has("symbols") ? root.path("molecule").get("symbols").size() : null;
        AtomicProperties p = new AtomicProperties(energy, dbl(props, "scf_total_energy"),
                dbl(props, "mp2_total_energy"), dbl(props, "nuclear_repulsion_energy"),
                props.has("scf_iterations") ? props.get("scf_iterations").asInt() : null,
                props.has("calcinfo_nbasis") ? props.get("calcinfo_nbasis").asInt() : null, natom,
                root.path("extras").path("hessian_by_finite_difference").asBoolean(false));
        return new AtomicResult(true, driver, energy, gradient, hessian, p, provenance, null);
    }

    private static Double dbl(JsonNode props, String f) {
        JsonNode v = props.get(f);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static double[] flat(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        flatten(n, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static ArrayNode array(double[] v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    private static void putIf(ObjectNode o, String f, Double v) {
        if (v != null) {
            o.put(f, v);
        }
    }
}
