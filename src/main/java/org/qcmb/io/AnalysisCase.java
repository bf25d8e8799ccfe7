package org.qcmb.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.ComponentResult;
import org.qcmb.mbe.ExpansionSpec;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.TaskLabel;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.MoleculeCodec;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.manybody.ManyBodyInputCodec;

/**
 * A conformance-case-shaped file for {@code analyze}: {@code input} (QCManyBody core inputs: molecule, bsse_type,
 * the <em>full</em> levels map with every level 1..M named plus optional "supersystem", return_total_data,
 * supersystem_ie_only, optional embedding_charges) and {@code component_results} (label -> energy, gradient,
 * hessian; other per-task fields are ignored). Other top-level fields (name, expected, ...) are ignored. The driver is the highest derivative present.
 */
public record AnalysisCase(Molecule molecule, ExpansionSpec spec, Driver driver,
        Map<FragmentTask, ComponentResult> results) {

    private static final Set<String> INPUT = Set.of("molecule", "bsse_type", "levels", "return_total_data",
            "supersystem_ie_only", "embedding_charges", "max_nbody", "driver");

    public static AnalysisCase read(Path file) {
        JsonNode root = QcJson.readTree(file);
        try {
            return parse(root);
        } catch (InputException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    public static AnalysisCase parse(JsonNode root) {
        if (!root.isObject()) {
            throw new InputException("the file must hold an object with 'input' and 'component_results'");
        }
        if (!QcJson.has(root, "input")) {
            throw InputException.field("input", "is missing (molecule, bsse_type, levels, return_total_data, ...)");
        }
        if (!QcJson.has(root, "component_results")) {
            throw InputException.field("component_results", "is missing (label -> {energy, gradient, hessian})");
        }
        JsonNode in = QcJson.object(root.get("input"), "input", INPUT);
        if (!QcJson.has(in, "molecule")) {
            throw InputException.field("input.molecule", "is missing");
        }
        Molecule mol = MoleculeCodec.read(in.get("molecule"), "input.molecule");
        List<BsseType> bsse = new ArrayList<>();
        List<String> given = QcJson.has(in, "bsse_type") ? QcJson.strings(in.get("bsse_type"), "input.bsse_type")
                : List.of("cp");
        for (int i = 0; i < given.size(); i++) {
            bsse.add(BsseType.ofCore(given.get(i), "input.bsse_type[" + i + "]"));
        }
        if (!QcJson.has(in, "levels") || !in.get("levels").isObject()) {
            throw InputException.field("input.levels", "is missing: the full map {\"1\": mc, ..., \"M\": mc}"
                    + " (optionally \"supersystem\": mc)");
        }
        TreeMap<Integer, String> levels = new TreeMap<>();
        String ss = null;
        for (Map.Entry<String, JsonNode> e : in.get("levels").properties()) {
            String p = "input.levels." + e.getKey();
            if (!e.getValue().isTextual() && !e.getValue().isNumber()) {
                throw InputException.field(p, "must be a model chemistry label");
            }
            String mc = e.getValue().asText();
            if (e.getKey().equals("supersystem")) {
                ss = mc;
                continue;
            }
            try {
                levels.put(Integer.parseInt(e.getKey().trim()), mc);
            } catch (NumberFormatException ex) {
                throw InputException.field(p, "keys must be n-body levels (\"1\", \"2\", ...) or \"supersystem\"");
            }
        }
        // the driver: highest derivative present
        JsonNode cr = root.get("component_results");
        if (!cr.isObject()) {
            throw InputException.field("component_results", "must be an object label -> result");
        }
        Driver driver = Driver.ENERGY;
        Map<FragmentTask, ComponentResult> results = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : cr.properties()) {
            String p = "component_results." + e.getKey();
            FragmentTask t = TaskLabel.parse(e.getKey());
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                throw InputException.field(p, "must be an object {energy, gradient, hessian}");
            }
            if (!QcJson.has(v, "energy")) {
                throw InputException.field(p + ".energy", "is missing (every task reports its energy)");
            }
            double en = QcJson.number(v.get("energy"), p + ".energy");
            double[] g = QcJson.has(v, "gradient") ? QcJson.flatNumbers(v.get("gradient"), p + ".gradient") : null;
            double[] h = QcJson.has(v, "hessian") ? QcJson.flatNumbers(v.get("hessian"), p + ".hessian") : null;
            if (h != null) {
                driver = Driver.HESSIAN;
            } else if (g != null && driver == Driver.ENERGY) {
                driver = Driver.GRADIENT;
            }
            results.put(t, new ComponentResult(en, g, h));
        }
        if (QcJson.has(in, "driver")) {
            driver = ManyBodyInputCodec.driver(QcJson.string(in, "driver", "input", "energy"), "input.driver");
        }
        Boolean rtd = QcJson.bool(in, "return_total_data", "input");
        Boolean sio = QcJson.bool(in, "supersystem_ie_only", "input");
        boolean embedding = QcJson.has(in, "embedding_charges") && in.get("embedding_charges").size() > 0;
        ExpansionSpec spec = new ExpansionSpec(mol.fragmentSizes(), bsse, levels, ss,
                rtd != null ? rtd : driver != Driver.ENERGY, sio != null && sio, embedding);
        if (QcJson.has(in, "max_nbody") && QcJson.integer(in, "max_nbody", "input") != spec.maxNbody()) {
            throw InputException.field("input.max_nbody", "is " + QcJson.integer(in, "max_nbody", "input")
                    + " but levels goes up to " + spec.maxNbody());
        }
        return new AnalysisCase(mol, spec, driver, results);
    }
}
