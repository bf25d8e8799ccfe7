package org.qcmb.engine.psi4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qcmb.qcschema.AtomicCodec;
import org.qcmb.qcschema.AtomicInput;

/**
 * What the Psi4 engine adds to the QCSchema codec for Psi4 1.3.2's JSON mode ({@code psi4 --json},
 * {@code psi4.json_wrapper.run_json}): the v1 AtomicInput with Psi4's memory, symmetry off, no fragments, and
 * point charges under a key of its own; and the few things read from Psi4's answer that are not QCSchema.
 */
final class Psi4Json {
    /** Key under {@code extras} that carries external point charges (bohr) to {@code worker.py}, which removes it. */
    static final String EXTERNAL_CHARGES = "qcmb_external_charges";

    private Psi4Json() {
    }

    /**
     * The qcschema_input document. The frame is fixed (fix_com, fix_orientation) and symmetry is off (c1), so
     * gradients and Hessians come back in the input's frame and atom order; the sub-molecule goes as one
     * fragment (Psi4 would otherwise re-derive fragment charges with ghosts among them). Keywords pass through,
     * except {@code basis_file}, which is ours (the engine copies the file into the scratch directory).
     */
    static ObjectNode input(AtomicInput input, long memoryBytes) {
        ObjectNode doc = AtomicCodec.writeInput(input);
        ObjectNode keywords = (ObjectNode) doc.get("keywords");
        if (keywords != null) {
            List<String> ours = new ArrayList<>();
            keywords.fieldNames().forEachRemaining(k -> {
                if (k.equalsIgnoreCase(Psi4Specification.BASIS_FILE)) {
                    ours.add(k);
                }
            });
            keywords.remove(ours);
        }
        ObjectNode mol = (ObjectNode) doc.get("molecule");
        mol.remove(List.of("fragments", "fragment_charges", "fragment_multiplicities"));
        mol.put("fix_symmetry", "c1");
        doc.put("memory", memoryBytes);
        JsonNode charges = doc.path("extras").get("external_charges");
        if (charges != null) {
            ObjectNode extras = (ObjectNode) doc.get("extras");
            extras.remove("external_charges");
            extras.set(EXTERNAL_CHARGES, charges);
        }
        return doc;
    }

    /** The value of the basis_file keyword (any spelling of its case), or null. */
    static Object basisFile(Map<String, Object> keywords) {
        for (Map.Entry<String, Object> e : keywords.entrySet()) {
            if (e.getKey().equalsIgnoreCase(Psi4Specification.BASIS_FILE)) {
                return e.getValue();
            }
        }
        return null;
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
}
