package org.qcmb.qcschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;

/**
 * QCSchema documents of single calculations, v1 and v2:
 * <ul>
 * <li>AtomicInput. v1 ({@code qcschema_input}): {@code molecule}, {@code driver}, {@code model}, {@code keywords},
 * point charges in {@code extras.external_charges}. v2 ({@code qcschema_atomic_input}): {@code molecule} and a
 * {@code specification} {program, driver, model, keywords, protocols, extras}, point charges in
 * {@code specification.extras.external_charges}. Charges are [[q, x, y, z], ...] or [[q, [x, y, z]], ...] (bohr).
 * Unknown fields are errors, as everywhere ({@link QcJson}).</li>
 * <li>AtomicResult. v1 ({@code qcschema_output}): the input's fields plus success, return_result, properties,
 * provenance, error. v2: {@code qcschema_atomic_result} with {@code input_data}, or {@code
 * qcschema_failed_operation} for a failure. Both are read back (Psi4's v1 output too).</li>
 * </ul>
 */
public final class AtomicCodec {
    public static final String V1_INPUT = "qcschema_input";
    public static final String V2_INPUT = "qcschema_atomic_input";
    private static final Set<String> V1_FIELDS = Set.of("schema_name", "schema_version", "id", "molecule", "driver",
            "model", "keywords", "protocols", "extras", "provenance");
    private static final Set<String> V2_FIELDS = Set.of("schema_name", "schema_version", "id", "molecule",
            "specification", "provenance");
    private static final Set<String> V2_SPECIFICATION = Set.of("schema_name", "program", "driver", "model",
            "keywords", "protocols", "extras");
    private static final Set<String> MODEL = Set.of("method", "basis");

    private AtomicCodec() {
    }

    /** The QCSchema version an AtomicInput document is written in (a v2 {@code specification} implies v2). */
    public static SchemaVersion version(JsonNode root) {
        requireObject(root);
        if (!QcJson.has(root, "schema_name") && !QcJson.has(root, "schema_version") && root.has("specification")) {
            return SchemaVersion.V2;
        }
        return SchemaVersion.declaredBy(root, "", V1_INPUT, V2_INPUT);
    }

    /** Reads an AtomicInput of either version; malformed input is an {@link InputException} naming the field. */
    public static AtomicInput readInput(JsonNode root) {
        SchemaVersion version = version(root);
        JsonNode spec = root;
        String specPath = "";
        if (version == SchemaVersion.V2) {
            QcJson.object(root, "", V2_FIELDS);
            if (!QcJson.has(root, "specification")) {
                throw InputException.field("specification", "is missing (driver, model, keywords)");
            }
            spec = QcJson.object(root.get("specification"), "specification", V2_SPECIFICATION);
            specPath = "specification";
        } else {
            QcJson.object(root, "", V1_FIELDS);
        }
        if (!QcJson.has(root, "molecule")) {
            throw InputException.field("molecule", "is missing");
        }
        var molecule = MoleculeCodec.read(root.get("molecule"), "molecule");
        Driver driver = driver(spec, specPath);
        if (!QcJson.has(spec, "model")) {
            throw InputException.field(QcJson.join(specPath, "model"), "is missing ({method, basis})");
        }
        String modelPath = QcJson.join(specPath, "model");
        JsonNode model = QcJson.object(spec.get("model"), modelPath, MODEL);
        String method = QcJson.string(model, "method", modelPath, null);
        if (method == null) {
            throw InputException.field(modelPath + ".method", "is missing");
        }
        String basis = QcJson.string(model, "basis", modelPath, null);
        Map<String, Object> keywords = QcJson.plainMap(spec, "keywords", specPath);
        return new AtomicInput(molecule, driver, new Model(method, basis), keywords,
                pointCharges(spec.path("extras").get("external_charges"),
                        QcJson.join(specPath, "extras.external_charges")));
    }

    private static void requireObject(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InputException("atomic input must be a JSON object");
        }
    }

    private static Driver driver(JsonNode spec, String path) {
        if (!QcJson.has(spec, "driver")) {
            throw InputException.field(QcJson.join(path, "driver"), "is missing (energy, gradient or hessian)");
        }
        String s = QcJson.string(spec, "driver", path, null);
        try {
            return Driver.parse(s);
        } catch (IllegalArgumentException e) {
            throw InputException.field(QcJson.join(path, "driver"), e.getMessage());
        }
    }

    private static List<PointCharge> pointCharges(JsonNode list, String path) {
        List<PointCharge> charges = new ArrayList<>();
        if (list == null || list.isNull()) {
            return charges;
        }
        if (!list.isArray()) {
            throw InputException.field(path, "must be a list of [q, x, y, z] (bohr)");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String at = path + "[" + i + "]";
            if (c.size() == 4) {
                charges.add(new PointCharge(QcJson.number(c.get(0), at), QcJson.number(c.get(1), at),
                        QcJson.number(c.get(2), at), QcJson.number(c.get(3), at)));
            } else if (c.size() == 2 && c.get(1).size() == 3) {
                JsonNode p = c.get(1);
                charges.add(new PointCharge(QcJson.number(c.get(0), at), QcJson.number(p.get(0), at),
                        QcJson.number(p.get(1), at), QcJson.number(p.get(2), at)));
            } else {
                throw InputException.field(at, "must be [q, x, y, z] or [q, [x, y, z]] (bohr), found " + c);
            }
        }
        return charges;
    }

    /** The v1 AtomicInput document (what {@code psi4 --json} 1.3.2 reads). */
    public static ObjectNode writeInput(AtomicInput in) {
        return writeInput(in, SchemaVersion.V1);
    }

    /** The AtomicInput document of the given version. */
    public static ObjectNode writeInput(AtomicInput in, SchemaVersion version) {
        ObjectNode root = QcJson.mapper().createObjectNode();
        root.put("schema_name", version == SchemaVersion.V1 ? V1_INPUT : V2_INPUT);
        root.put("schema_version", version.number());
        root.set("molecule", MoleculeCodec.write(in.molecule(), version));
        ObjectNode spec = root;
        if (version == SchemaVersion.V2) {
            spec = root.putObject("specification");
            spec.put("schema_name", "qcschema_atomic_specification");
        }
        spec.put("driver", in.driver().schemaName());
        ObjectNode model = spec.putObject("model");
        model.put("method", in.model().method());
        model.put("basis", in.model().basis());
        spec.set("keywords", QcJson.mapper().valueToTree(in.keywords()));
        if (!in.externalCharges().isEmpty()) {
            ArrayNode ch = spec.putObject("extras").putArray("external_charges");
            for (PointCharge pc : in.externalCharges()) {
                ch.addArray().add(pc.charge()).add(pc.x()).add(pc.y()).add(pc.z());
            }
        }
        return root;
    }

    /**
     * The AtomicResult document of a result of {@code in}, in the given version. {@code in} may be null in v1
     * (the fragment store keeps results without their inputs); v2 always embeds its input.
     */
    public static ObjectNode writeResult(AtomicInput in, AtomicResult r, SchemaVersion version) {
        return version == SchemaVersion.V1 ? writeV1(in, r) : writeV2(in, r);
    }

    private static ObjectNode writeV1(AtomicInput in, AtomicResult r) {
        ObjectNode root = QcJson.mapper().createObjectNode();
        root.put("schema_name", "qcschema_output");
        root.put("schema_version", 1);
        root.put("success", r.success());
        root.put("driver", r.driver().schemaName());
        if (in != null) {
            ObjectNode model = root.putObject("model");
            model.put("method", in.model().method());
            model.put("basis", in.model().basis());
            root.set("molecule", MoleculeCodec.write(in.molecule(), SchemaVersion.V1));
            root.set("keywords", QcJson.mapper().valueToTree(in.keywords()));
        }
        putReturnResult(root, r);
        root.set("properties", properties(r));
        root.set("extras", extras(r));
        putProvenance(root, r);
        if (r.error() != null) {
            root.set("error", error(r.error()));
        }
        return root;
    }

    private static ObjectNode writeV2(AtomicInput in, AtomicResult r) {
        if (in == null) {
            throw new IllegalArgumentException("a QCSchema v2 result embeds its input");
        }
        ObjectNode root = QcJson.mapper().createObjectNode();
        if (!r.success()) {
            root.put("schema_name", "qcschema_failed_operation");
            root.put("schema_version", 2);
            root.set("input_data", writeInput(in, SchemaVersion.V2));
            root.put("success", false);
            root.set("error", error(r.error() != null ? r.error()
                    : new EngineError(ErrorClass.ENGINE_CRASH, "calculation failed without a message")));
            root.set("extras", extras(r));
            return root;
        }
        root.put("schema_name", "qcschema_atomic_result");
        root.put("schema_version", 2);
        root.set("input_data", writeInput(in, SchemaVersion.V2));
        root.set("molecule", MoleculeCodec.write(in.molecule(), SchemaVersion.V2));
        root.set("properties", properties(r));
        putReturnResult(root, r);
        root.put("success", true);
        putProvenance(root, r);
        root.set("extras", extras(r));
        return root;
    }

    private static void putReturnResult(ObjectNode root, AtomicResult r) {
        if (!r.success()) {
            root.putNull("return_result");
            return;
        }
        switch (r.driver()) {
            case ENERGY -> root.put("return_result", r.energy());
            case GRADIENT -> root.set("return_result", QcJson.array(r.gradient()));
            case HESSIAN -> root.set("return_result", QcJson.array(r.hessian()));
        }
    }

    /** QCSchema atomic properties; unset ones are left out. return_energy is the result's energy. */
    private static ObjectNode properties(AtomicResult r) {
        ObjectNode props = QcJson.mapper().createObjectNode();
        AtomicProperties p = r.properties();
        putIf(props, "return_energy", r.success() ? Double.valueOf(r.energy()) : p == null ? null : p.returnEnergy());
        if (p != null) {
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
        }
        if (r.gradient() != null) {
            props.set("return_gradient", QcJson.array(r.gradient()));
        }
        if (r.hessian() != null) {
            props.set("return_hessian", QcJson.array(r.hessian()));
        }
        return props;
    }

    private static ObjectNode extras(AtomicResult r) {
        ObjectNode extras = QcJson.mapper().createObjectNode();
        extras.put("hessian_by_finite_difference", r.properties() != null
                && r.properties().hessianByFiniteDifference());
        return extras;
    }

    private static void putProvenance(ObjectNode root, AtomicResult r) {
        if (r.provenance() != null) {
            ObjectNode prov = root.putObject("provenance");
            prov.put("creator", r.provenance().program());
            prov.put("version", r.provenance().version());
            prov.put("wall_time", r.provenance().wallTime());
        }
    }

    private static ObjectNode error(EngineError e) {
        ObjectNode err = QcJson.mapper().createObjectNode();
        err.put("error_type", errorType(e.errorClass()));
        err.put("error_message", e.message());
        return err;
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
     * Reads an AtomicResult of either version (ours, or Psi4's v1 output). Gradient and Hessian come from
     * return_result (flat or nested) for those drivers, the Hessian driver's gradient from
     * properties.return_gradient; natom from the molecule if the properties lack it.
     */
    public static AtomicResult readResult(JsonNode root) {
        JsonNode spec = root.has("input_data") ? root.path("input_data").path("specification") : root;
        Driver driver = Driver.parse(spec.path("driver").asText(root.path("driver").asText("energy")));
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
        double[] gradient = null;
        double[] hessian = null;
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

    private static void flatten(JsonNode g, List<Double> out) {
        if (g.isArray()) {
            for (JsonNode x : g) {
                flatten(x, out);
            }
        } else {
            out.add(g.asDouble());
        }
    }

    private static void putIf(ObjectNode o, String f, Double v) {
        if (v != null) {
            o.put(f, v);
        }
    }
}
