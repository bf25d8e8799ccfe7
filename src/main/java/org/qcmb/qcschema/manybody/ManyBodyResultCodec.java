package org.qcmb.qcschema.manybody;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.qcmb.common.Driver;
import org.qcmb.mbe.ComponentResult;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Property;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.MoleculeCodec;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.SchemaVersion;

/**
 * Writes the many-body result document as nested maps and lists in a fixed key order, so that identical results
 * serialise to identical bytes ({@link org.qcmb.qcschema.QcJson#document}). It knows nothing about how the
 * results were computed. Layout, in this order:
 * <pre>
 * schema_name, schema_version, success, driver, molecule (v2), return_result, properties (sorted: every named
 * result property, return_energy/gradient/hessian, nuclear_repulsion_energy, calcinfo_*), energy_body_dict ("2cp"
 * flat), gradient_body_dict / hessian_body_dict ({bt: {n: array}}), component_properties | cluster_properties
 * (by label), component_results | cluster_results (by label, when the protocol keeps them), extras
 * (effective_bsse_type, ntasks, and for a screened expansion screening: rule and counts per order), provenance
 * </pre>
 * v1 ({@code qcschema_manybodyresult}) and v2 ({@code qcschema_many_body_result}) differ only in these names and
 * in v2's {@code molecule}, as in QCManyBody 0.7's models. Per-fragment properties are QCManyBody's: the full
 * system's calcinfo_natom and the fragment's return_energy, return_gradient and return_hessian, arrays sized and
 * shaped for the full system. Gradients are written [natom][3], Hessians [3natom][3natom].
 */
public final class ManyBodyResultCodec {
    public static final String V1_NAME = "qcschema_manybodyresult";
    public static final String V2_NAME = "qcschema_many_body_result";
    public static final String CREATOR = "qcmb";
    public static final String VERSION = "0.1.0";

    private ManyBodyResultCodec() {
    }

    /**
     * @param molecule   the full parent molecule
     * @param components every fragment's numbers, for the per-fragment properties; null leaves them out
     * @param atomicResults every fragment's result document, written when {@code shape} keeps them; may be null
     */
    public static Map<String, Object> document(ManyBodyResult r, Molecule molecule, ResultShape shape,
            Map<FragmentTask, ComponentResult> components, Map<FragmentTask, ? extends JsonNode> atomicResults) {
        int nat = r.atomCount();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema_name", shape.version() == SchemaVersion.V1 ? V1_NAME : V2_NAME);
        doc.put("schema_version", shape.version().number());
        doc.put("success", true);
        doc.put("driver", r.driver().schemaName());
        if (shape.version() == SchemaVersion.V2) {
            doc.put("molecule", MoleculeCodec.write(molecule, SchemaVersion.V2));
        }
        doc.put("return_result", shaped(r.returnResult(), nat));
        SortedMap<String, Object> props = new TreeMap<>();
        r.results().forEach((k, v) -> props.put(k, shaped(v, nat)));
        props.put("return_energy", r.retEnergy());
        if (r.driver() != Driver.ENERGY && r.ret().containsKey(Property.GRADIENT)) {
            props.put("return_gradient", shaped(r.ret().get(Property.GRADIENT), nat));
        }
        if (r.driver() == Driver.HESSIAN) {
            props.put("return_hessian", shaped(r.ret().get(Property.HESSIAN), nat));
        }
        props.put("nuclear_repulsion_energy", molecule.nuclearRepulsionEnergy());
        props.put("calcinfo_nmc", r.modelChemistryCount());
        props.put("calcinfo_nfr", r.fragmentCount());
        props.put("calcinfo_natom", nat);
        props.put("calcinfo_nmbe", r.taskCount());
        doc.put("properties", props);
        Map<String, Object> ebd = new LinkedHashMap<>();
        r.bodyDicts().get(Property.ENERGY).forEach((bt, levels) ->
                levels.forEach((n, v) -> ebd.put(n + bt.label(), v[0])));
        doc.put("energy_body_dict", ebd);
        for (Property p : new Property[] {Property.GRADIENT, Property.HESSIAN}) {
            if (r.bodyDicts().containsKey(p)) {
                Map<String, Object> bd = new LinkedHashMap<>();
                r.bodyDicts().get(p).forEach((bt, levels) -> {
                    Map<String, Object> byLevel = new LinkedHashMap<>();
                    levels.forEach((n, v) -> byLevel.put(String.valueOf(n), shaped(v, nat)));
                    bd.put(bt.label(), byLevel);
                });
                doc.put(p.label() + "_body_dict", bd);
            }
        }
        if (components != null) {
            Map<String, Object> cp = new TreeMap<>();
            components.forEach((t, c) -> cp.put(t.label(), fragmentProperties(t, c, molecule)));
            doc.put(shape.propertiesKey(), cp);
        }
        if (shape.clusterResults() && atomicResults != null) {
            Map<String, Object> cr = new TreeMap<>();
            atomicResults.forEach((t, json) -> cr.put(t.label(), json));
            doc.put(shape.resultsKey(), cr);
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        List<String> eff = new ArrayList<>();
        r.effectiveBsse().forEach(b -> eff.add(b.label()));
        extras.put("effective_bsse_type", eff);
        extras.put("ntasks", r.taskCount());
        if (r.screening() != null) {
            extras.put("screening", r.screening());
        }
        doc.put("extras", extras);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("creator", CREATOR);
        prov.put("version", VERSION);
        prov.put("routine", "org.qcmb.mbe.Assembler");
        doc.put("provenance", prov);
        return doc;
    }

    /** QCManyBody's per-fragment properties: the fragment's values placed in the full system. */
    private static Map<String, Object> fragmentProperties(FragmentTask t, ComponentResult c, Molecule molecule) {
        int nat = molecule.atomCount();
        int[] atoms = parentAtoms(t, molecule);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("calcinfo_natom", nat);
        p.put("return_energy", c.energy());
        if (c.gradient() != null) {
            double[] full = new double[3 * nat];
            for (int k = 0; k < atoms.length; k++) {
                System.arraycopy(c.gradient(), 3 * k, full, 3 * atoms[k], 3);
            }
            p.put("return_gradient", shaped(full, nat));
        }
        if (c.hessian() != null) {
            int n3 = 3 * nat;
            int m3 = 3 * atoms.length;
            double[] full = new double[n3 * n3];
            for (int i = 0; i < m3; i++) {
                int fi = 3 * atoms[i / 3] + i % 3;
                for (int j = 0; j < m3; j++) {
                    full[fi * n3 + 3 * atoms[j / 3] + j % 3] = c.hessian()[i * m3 + j];
                }
            }
            p.put("return_hessian", shaped(full, nat));
        }
        return p;
    }

    /**
     * A component result as given (energy; gradient [n][3] and Hessian [3n][3n] of its own n atoms), for
     * documents that have no AtomicResult to show, such as {@code analyze --with-components}.
     */
    public static JsonNode numbers(ComponentResult c) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("energy", c.energy());
        int nb = c.gradient() != null ? c.gradient().length / 3
                : c.hessian() != null ? (int) Math.round(Math.sqrt(c.hessian().length)) / 3 : 0;
        if (c.gradient() != null) {
            one.put("gradient", shaped(c.gradient(), nb));
        }
        if (c.hessian() != null) {
            one.put("hessian", shaped(c.hessian(), nb));
        }
        return QcJson.mapper().valueToTree(one);
    }

    /** Parent index of each atom of a task's sub-molecule: the fragments of B ascending, atoms in parent order. */
    private static int[] parentAtoms(FragmentTask t, Molecule molecule) {
        List<Integer> out = new ArrayList<>();
        for (int f : t.basis()) {
            for (int a : molecule.fragments().get(f - 1)) {
                out.add(a);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A scalar for length 1, [nat][3] for 3nat, [3nat][3nat] otherwise. */
    static Object shaped(double[] v, int nat) {
        if (v.length == 1) {
            return v[0];
        }
        int cols = v.length == 3 * nat ? 3 : 3 * nat;
        int rows = v.length / cols;
        List<double[]> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            double[] row = new double[cols];
            System.arraycopy(v, i * cols, row, 0, cols);
            out.add(row);
        }
        return out;
    }
}
