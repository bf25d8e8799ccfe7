package org.qcmb.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.qcmb.engine.Driver;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.molecule.InputException;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.XyzReader;

/**
 * Reads a many-body request: QCManyBody's ManyBodyInput shape in JSON or YAML, or an XYZ file plus
 * {@link XyzOptions}. Every problem is an {@link InputException} naming the file and field (unknown fields too).
 */
public final class InputReader {
    private static final Set<String> TOP = Set.of("schema_name", "schema_version", "molecule", "specification",
            "extras", "provenance", "id");
    private static final Set<String> MB_SPEC = Set.of("schema_name", "schema_version", "program", "driver",
            "keywords", "specification", "protocols", "extras");
    private static final Set<String> KEYWORDS = Set.of("schema_name", "schema_version", "bsse_type", "levels",
            "max_nbody", "return_total_data", "supersystem_ie_only", "embedding_charges", "screening");
    private static final Set<String> ATOMIC = Set.of("schema_name", "schema_version", "program", "driver", "model",
            "keywords", "protocols", "extras");
    private static final Set<String> MODEL = Set.of("method", "basis");

    private InputReader() {
    }

    /** Reads the input; notes for the user (e.g. atoms reordered) are dropped. */
    public static ManyBodyInput read(Path file, XyzOptions options) {
        return read(file, options, note -> { });
    }

    /** Reads the input; notes for the user (e.g. atoms reordered) go to {@code notes}. */
    public static ManyBodyInput read(Path file, XyzOptions options, Consumer<String> notes) {
        XyzOptions opt = options == null ? XyzOptions.none() : options;
        String name = file.toString();
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".xyz")) {
            return readXyz(file, opt, notes);
        }
        if (opt.anyGiven()) {
            throw new InputException(name + ": options such as --bsse, --max-nbody, --method, --basis, --program,"
                    + " --driver and --auto-fragments apply to XYZ input only; set them in the file's specification");
        }
        JsonNode root = Json.readTree(file);
        return fromTree(root, name);
    }

    /** A ManyBodyInput tree (JSON or YAML already parsed). {@code source} prefixes error messages. */
    public static ManyBodyInput fromTree(JsonNode root, String source) {
        try {
            return parse(root);
        } catch (InputException e) {
            throw new InputException(source + ": " + e.getMessage(), e);
        }
    }

    private static ManyBodyInput parse(JsonNode root) {
        Json.object(root, "", TOP);
        if (!Json.has(root, "molecule")) {
            throw InputException.field("molecule", "is missing");
        }
        if (!Json.has(root, "specification")) {
            throw InputException.field("specification", "is missing (driver, keywords and the atomic"
                    + " specification)");
        }
        Molecule mol = MoleculeReader.read(root.get("molecule"), "molecule");
        JsonNode spec = Json.object(root.get("specification"), "specification", MB_SPEC);
        Driver driver = driver(Json.string(spec, "driver", "specification", "energy"), "specification.driver");
        JsonNode kw = Json.has(spec, "keywords") ? Json.object(spec.get("keywords"), "specification.keywords",
                KEYWORDS) : Json.JSON.createObjectNode();
        String kp = "specification.keywords";
        List<String> bsse = Json.has(kw, "bsse_type") ? Json.strings(kw.get("bsse_type"), kp + ".bsse_type") : null;
        Map<String, String> levels = null;
        if (Json.has(kw, "levels")) {
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
        Integer maxNbody = Json.integer(kw, "max_nbody", kp);
        Boolean rtd = Json.bool(kw, "return_total_data", kp);
        Boolean sio = Json.bool(kw, "supersystem_ie_only", kp);
        Map<String, List<Double>> emb = null;
        if (Json.has(kw, "embedding_charges")) {
            JsonNode e = kw.get("embedding_charges");
            if (!e.isObject()) {
                throw InputException.field(kp + ".embedding_charges", "must be an object {fragment: [charges]}");
            }
            emb = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : e.properties()) {
                String fp = kp + ".embedding_charges." + f.getKey();
                if (!f.getValue().isArray()) {
                    throw InputException.field(fp, "must be a list of point charges, one per atom");
                }
                List<Double> q = new ArrayList<>();
                for (int i = 0; i < f.getValue().size(); i++) {
                    q.add(Json.number(f.getValue().get(i), fp + "[" + i + "]"));
                }
                emb.put(f.getKey(), q);
            }
        }
        Map<String, AtomicSpecification> specs = new LinkedHashMap<>();
        if (!Json.has(spec, "specification")) {
            throw InputException.field("specification.specification", "is missing: give one atomic specification"
                    + " {program, model: {method, basis}, keywords} or a map from model chemistry label to one");
        }
        JsonNode as = spec.get("specification");
        if (!as.isObject()) {
            throw InputException.field("specification.specification", "must be an object");
        }
        boolean single = as.has("model") || as.has("program");
        if (single) {
            specs.put(ManyBodyInput.AUTO, atomic(as, "specification.specification"));
        } else {
            for (Map.Entry<String, JsonNode> e : as.properties()) {
                specs.put(e.getKey(), atomic(e.getValue(), "specification.specification." + e.getKey()));
            }
            if (specs.isEmpty()) {
                throw InputException.field("specification.specification", "is empty");
            }
        }
        Map<String, Object> screening = Json.has(kw, "screening") ? Json.plainMap(kw, "screening", kp) : null;
        return ManyBodyInput.create(mol, driver, bsse, levels, maxNbody, rtd, sio, emb, specs, screening, kp);
    }

    private static AtomicSpecification atomic(JsonNode n, String path) {
        Json.object(n, path, ATOMIC);
        String program = Json.string(n, "program", path, XyzOptions.DEFAULT_PROGRAM);
        if (Json.has(n, "driver")) {
            driver(Json.string(n, "driver", path, "energy"), path + ".driver"); // validated, then replaced
        }
        String method = null;
        String basis = null;
        if (Json.has(n, "model")) {
            JsonNode m = Json.object(n.get("model"), path + ".model", MODEL);
            method = Json.string(m, "method", path + ".model", null);
            basis = Json.string(m, "basis", path + ".model", null);
        }
        return new AtomicSpecification(program, method, basis, Json.plainMap(n, "keywords", path),
                Json.plainMap(n, "protocols", path), Json.plainMap(n, "extras", path));
    }

    static Driver driver(String s, String path) {
        try {
            return Driver.parse(s);
        } catch (IllegalArgumentException e) {
            throw InputException.field(path, "must be energy, gradient or hessian, not '" + s + "'");
        }
    }

    private static ManyBodyInput readXyz(Path file, XyzOptions opt, Consumer<String> notes) {
        String name = file.toString();
        String text = Json.readText(file);
        XyzReader.Result r = XyzReader.read(text, name, opt.autoFragments());
        r.notes().forEach(notes);
        Molecule mol = r.molecule();
        if (mol.fragmentCount() < 2) {
            throw new InputException(name + ": the molecule has one fragment; separate fragments with '--' lines"
                    + " or use --auto-fragments");
        }
        Driver driver = driver(opt.driver() == null ? "energy" : opt.driver(), "--driver");
        String program = opt.program() == null ? XyzOptions.DEFAULT_PROGRAM : opt.program();
        AtomicSpecification spec = new AtomicSpecification(program, opt.method(), opt.basis(), Map.of(), Map.of(),
                Map.of());
        try {
            return ManyBodyInput.create(mol, driver, opt.bsse(), null, opt.maxNbody(), opt.returnTotalData(), null,
                    null, Map.of(ManyBodyInput.AUTO, spec), "");
        } catch (InputException e) {
            String msg = e.getMessage().replace("'bsse_type", "'--bsse").replace("'max_nbody", "'--max-nbody")
                    .replace("'return_total_data", "'--return-total-data");
            throw new InputException(name + ": " + msg, e);
        }
    }
}
