package org.qcmb.qcschema.manybody;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.MoleculeCodec;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.SchemaVersion;

/**
 * Reads QCManyBody's ManyBodyInput, QCSchema v1 ({@code qcschema_manybodyinput}, QCManyBody's
 * {@code models.v1}) or v2 ({@code qcschema_many_body_input}, {@code models.v2} of QCManyBody 0.5-0.7), in JSON
 * or YAML trees. The two differ in names only: the schema names of the document and its parts, {@code program}
 * on the many-body specification (v2), and the protocol that keeps per-fragment results
 * ({@code component_results} in v1, {@code cluster_results} in v2). A document that names neither version is
 * v1, as QCManyBody's unversioned models are. Every problem, unknown fields included, is an
 * {@link InputException} naming the field path.
 */
public final class ManyBodyInputCodec {
    public static final String V1_NAME = "qcschema_manybodyinput";
    public static final String V2_NAME = "qcschema_many_body_input";

    /** Field names and part schema names of one QCSchema version. */
    private record Names(Set<String> top, Set<String> specification, String specificationName,
            Set<String> keywords, String keywordsName, String protocol, String atomicName) {
    }

    private static final Set<String> KEYWORDS = Set.of("bsse_type", "levels", "max_nbody", "return_total_data",
            "supersystem_ie_only", "embedding_charges", "screening");
    // v1 also accepts "program" on the many-body specification: earlier versions of this program documented it
    private static final Names V1 = new Names(
            Set.of("schema_name", "schema_version", "molecule", "specification", "extras", "provenance", "id"),
            Set.of("schema_name", "schema_version", "program", "driver", "keywords", "specification", "protocols",
                    "extras"),
            "qcschema_manybodyspecification", plus(KEYWORDS, "schema_name", "schema_version"),
            "qcschema_manybodykeywords", "component_results", "qcschema_atomicspecification");
    private static final Names V2 = new Names(
            Set.of("schema_name", "schema_version", "molecule", "specification", "provenance", "id"),
            Set.of("schema_name", "program", "driver", "keywords", "specification", "protocols", "extras"),
            "qcschema_many_body_specification", plus(KEYWORDS, "schema_name"),
            "qcschema_many_body_keywords", "cluster_results", "qcschema_atomic_specification");
    private static final Set<String> ATOMIC = Set.of("schema_name", "schema_version", "program", "driver", "model",
            "keywords", "protocols", "extras");
    private static final Set<String> MODEL = Set.of("method", "basis");
    /** The program of an atomic specification that names none. */
    public static final String DEFAULT_PROGRAM = "builtin";

    private ManyBodyInputCodec() {
    }

    private static Set<String> plus(Set<String> a, String... more) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(List.of(more));
        return Set.copyOf(out);
    }

    /** Reads a ManyBodyInput tree; {@code source} (e.g. the file name) prefixes error messages. */
    public static InputDocument read(JsonNode root, String source) {
        try {
            return parse(root);
        } catch (InputException e) {
            throw new InputException(source + ": " + e.getMessage(), e);
        }
    }

    private static InputDocument parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InputException("the file must hold a ManyBodyInput object (molecule, specification)");
        }
        SchemaVersion version = SchemaVersion.declaredBy(root, "", V1_NAME, V2_NAME);
        Names names = version == SchemaVersion.V1 ? V1 : V2;
        QcJson.object(root, "", names.top());
        if (!QcJson.has(root, "molecule")) {
            throw InputException.field("molecule", "is missing");
        }
        if (!QcJson.has(root, "specification")) {
            throw InputException.field("specification", "is missing (driver, keywords and the atomic"
                    + " specification)");
        }
        Molecule mol = MoleculeCodec.read(root.get("molecule"), "molecule");
        JsonNode spec = QcJson.object(root.get("specification"), "specification", names.specification());
        partName(spec, "specification", names.specificationName(), version);
        Driver driver = driver(QcJson.string(spec, "driver", "specification", "energy"), "specification.driver");
        String kp = "specification.keywords";
        JsonNode kw = QcJson.has(spec, "keywords") ? QcJson.object(spec.get("keywords"), kp, names.keywords())
                : QcJson.mapper().createObjectNode();
        partName(kw, kp, names.keywordsName(), version);
        boolean clusterResults = protocols(spec, names.protocol());
        List<String> bsse = QcJson.has(kw, "bsse_type") ? QcJson.strings(kw.get("bsse_type"), kp + ".bsse_type")
                : null;
        Map<String, String> levels = null;
        if (QcJson.has(kw, "levels")) {
            JsonNode lv = kw.get("levels");
            if (!lv.isObject()) {
                throw InputException.field(kp + ".levels", "must be an object {n-body level: model chemistry}");
            }
            levels = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : lv.properties()) {
                if (!e.getValue().isTextual()) {
                    throw InputException.field(kp + ".levels." + e.getKey(), "must be a model chemistry label"
                            + " (string)");
                }
                levels.put(e.getKey(), e.getValue().textValue());
            }
        }
        Integer maxNbody = QcJson.integer(kw, "max_nbody", kp);
        Boolean rtd = QcJson.bool(kw, "return_total_data", kp);
        Boolean sio = QcJson.bool(kw, "supersystem_ie_only", kp);
        Map<String, List<Double>> emb = embeddingCharges(kw, kp);
        Map<String, AtomicSpecification> specs = new LinkedHashMap<>();
        if (!QcJson.has(spec, "specification")) {
            throw InputException.field("specification.specification", "is missing: give one atomic specification"
                    + " {program, model: {method, basis}, keywords} or a map from model chemistry label to one");
        }
        JsonNode as = spec.get("specification");
        if (!as.isObject()) {
            throw InputException.field("specification.specification", "must be an object");
        }
        boolean single = as.has("model") || as.has("program");
        if (single) {
            specs.put(ManyBodyInput.AUTO, atomic(as, "specification.specification", names, version));
        } else {
            for (Map.Entry<String, JsonNode> e : as.properties()) {
                specs.put(e.getKey(), atomic(e.getValue(), "specification.specification." + e.getKey(), names,
                        version));
            }
            if (specs.isEmpty()) {
                throw InputException.field("specification.specification", "is empty");
            }
        }
        Map<String, Object> screening = QcJson.has(kw, "screening") ? QcJson.plainMap(kw, "screening", kp) : null;
        ManyBodyInput in = ManyBodyInput.create(mol, driver, bsse, levels, maxNbody, rtd, sio, emb, specs, screening,
                kp);
        return new InputDocument(in, new ResultShape(version, clusterResults));
    }

    /** A part's own schema_name, when given, must be the one of the document's version. */
    private static void partName(JsonNode part, String path, String expected, SchemaVersion version) {
        String name = QcJson.string(part, "schema_name", path, null);
        if (name != null && !name.equals(expected)) {
            throw InputException.field(QcJson.join(path, "schema_name"), "must be \"" + expected + "\" in a"
                    + " QCSchema v" + version.number() + " ManyBodyInput, not \"" + name + "\"");
        }
    }

    /** Whether the protocols ask to keep every fragment's AtomicResult ("all"; default "none"). */
    private static boolean protocols(JsonNode spec, String protocol) {
        if (!QcJson.has(spec, "protocols")) {
            return false;
        }
        String path = "specification.protocols";
        JsonNode p = QcJson.object(spec.get("protocols"), path, Set.of("schema_name", protocol));
        String value = QcJson.string(p, protocol, path, "none");
        return switch (value) {
            case "all" -> true;
            case "none" -> false;
            default -> throw InputException.field(path + "." + protocol, "must be \"all\" or \"none\", not \""
                    + value + "\"");
        };
    }

    private static Map<String, List<Double>> embeddingCharges(JsonNode kw, String kp) {
        if (!QcJson.has(kw, "embedding_charges")) {
            return null;
        }
        JsonNode e = kw.get("embedding_charges");
        if (!e.isObject()) {
            throw InputException.field(kp + ".embedding_charges", "must be an object {fragment: [charges]}");
        }
        Map<String, List<Double>> emb = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : e.properties()) {
            String fp = kp + ".embedding_charges." + f.getKey();
            if (!f.getValue().isArray()) {
                throw InputException.field(fp, "must be a list of point charges, one per atom");
            }
            List<Double> q = new ArrayList<>();
            for (int i = 0; i < f.getValue().size(); i++) {
                q.add(QcJson.number(f.getValue().get(i), fp + "[" + i + "]"));
            }
            emb.put(f.getKey(), q);
        }
        return emb;
    }

    private static AtomicSpecification atomic(JsonNode n, String path, Names names, SchemaVersion version) {
        QcJson.object(n, path, ATOMIC);
        partName(n, path, names.atomicName(), version);
        String program = QcJson.string(n, "program", path, DEFAULT_PROGRAM);
        if (QcJson.has(n, "driver")) {
            driver(QcJson.string(n, "driver", path, "energy"), path + ".driver"); // validated, then replaced
        }
        String method = null;
        String basis = null;
        if (QcJson.has(n, "model")) {
            JsonNode m = QcJson.object(n.get("model"), path + ".model", MODEL);
            method = QcJson.string(m, "method", path + ".model", null);
            basis = QcJson.string(m, "basis", path + ".model", null);
        }
        return new AtomicSpecification(program, method, basis, QcJson.plainMap(n, "keywords", path),
                QcJson.plainMap(n, "protocols", path), QcJson.plainMap(n, "extras", path));
    }

    /** A driver name; anything else is an input error naming the field. */
    public static Driver driver(String s, String path) {
        try {
            return Driver.parse(s);
        } catch (IllegalArgumentException e) {
            throw InputException.field(path, "must be energy, gradient or hessian, not '" + s + "'");
        }
    }
}
