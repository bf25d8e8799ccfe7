package org.qcmb.engine.psi4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qcmb.engine.AtomicInput;
import org.qcmb.engine.AtomicProperties;
import org.qcmb.engine.PointCharge;
import org.qcmb.molecule.Molecule;

/**
 * The QCSchema JSON that Psi4 1.3.2's JSON mode ({@code psi4 --json}, {@code psi4.json_wrapper.run_json}) reads
 * and writes. Private to the Psi4 engine: it writes only the keys Psi4 1.3.2 understands and reads back only what
 * the engine maps into an {@link org.qcmb.engine.AtomicResult}.
 */
final class Psi4Json {
    /** Key under {@code extras} that carries external point charges (bohr) to {@code embed.py}, which removes it. */
    static final String EXTERNAL_CHARGES = "qcmb_external_charges";

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Psi4Json() {
    }

    /**
     * The qcschema_input document. The frame is fixed (fix_com, fix_orientation) and symmetry is off (c1), so
     * gradients and Hessians come back in the input's frame and atom order. Keywords pass through unchanged.
     */
    static ObjectNode input(AtomicInput input, long memoryBytes) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("schema_name", "qcschema_input");
        doc.put("schema_version", 1);
        doc.set("molecule", molecule(input.molecule()));
        doc.put("driver", input.driver().schemaName());
        ObjectNode model = doc.putObject("model");
        model.put("method", input.model().method());
        model.put("basis", input.model().basis());
        doc.set("keywords", MAPPER.valueToTree(input.keywords()));
        doc.put("memory", memoryBytes);
        if (!input.externalCharges().isEmpty()) {
            ArrayNode charges = doc.putObject("extras").putArray(EXTERNAL_CHARGES);
            for (PointCharge c : input.externalCharges()) {
                charges.addArray().add(c.charge()).add(c.x()).add(c.y()).add(c.z());
            }
        }
        return doc;
    }

    private static ObjectNode molecule(Molecule m) {
        ObjectNode mol = MAPPER.createObjectNode();
        ArrayNode symbols = mol.putArray("symbols");
        m.symbols().forEach(symbols::add);
        ArrayNode geometry = mol.putArray("geometry");
        for (double v : m.geometry()) {
            geometry.add(v);
        }
        ArrayNode real = mol.putArray("real");
        for (boolean r : m.real()) {
            real.add(r);
        }
        mol.put("molecular_charge", m.molecularCharge());
        mol.put("molecular_multiplicity", m.molecularMultiplicity());
        mol.put("fix_com", true);
        mol.put("fix_orientation", true);
        mol.put("fix_symmetry", "c1");
        return mol;
    }

    /** True if the document is Psi4's answer rather than our input left in place. */
    static boolean isOutput(JsonNode doc) {
        return "qcschema_output".equals(doc.path("schema_name").asText()) || doc.has("success");
    }

    static String version(JsonNode doc) {
        return doc.path("provenance").path("version").asText(null);
    }

    /** Psi4's exception class name (e.g. "SCFConvergenceError") and its formatted traceback. */
    record Failure(String type, String message) {
    }

    static Failure failure(JsonNode doc) {
        JsonNode error = doc.path("error");
        return new Failure(error.path("error_type").asText("unknown"), error.path("error_message").asText(""));
    }

    /** The flat return_result array (gradient, Hessian). */
    static double[] doubles(JsonNode array) {
        if (!array.isArray()) {
            return null;
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** The gradient for the gradient driver is return_result; the Hessian driver leaves it in the qcvars. */
    static double[] currentGradient(JsonNode doc) {
        return doubles(doc.path("extras").path("qcvars").path("CURRENT GRADIENT"));
    }

    static AtomicProperties properties(JsonNode doc, boolean hessianByFiniteDifference) {
        JsonNode p = doc.path("properties");
        return new AtomicProperties(
                number(p, "return_energy"),
                number(p, "scf_total_energy"),
                number(p, "mp2_total_energy"),
                number(p, "nuclear_repulsion_energy"),
                integer(p, "scf_iterations"),
                integer(p, "calcinfo_nbasis"),
                integer(p, "calcinfo_natom"),
                hessianByFiniteDifference);
    }

    private static Double number(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    private static Integer integer(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        return n != null && n.isNumber() ? n.asInt() : null;
    }
}
