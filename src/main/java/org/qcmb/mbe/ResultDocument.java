package org.qcmb.mbe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.qcmb.engine.Driver;

/**
 * Builds the QCSchema-shaped result document ({@code qcschema_many_body_result}) as nested maps and lists in a
 * fixed key order, so that identical results serialise to identical bytes. It knows nothing about how the
 * results were computed. Layout:
 * <pre>
 * schema_name, schema_version, success, driver, return_result, properties (sorted: every named result property,
 * return_energy/gradient/hessian, nuclear_repulsion_energy, calcinfo_*), energy_body_dict ("2cp" flat),
 * gradient_body_dict / hessian_body_dict ({bt: {n: array}}), component_results (optional, by label), extras
 * (effective_bsse_type, ntasks, and for a screened expansion screening: rule and counts per order), provenance
 * </pre>
 * Gradients are written [natom][3], Hessians [3natom][3natom].
 */
public final class ResultDocument {
    public static final String SCHEMA_NAME = "qcschema_many_body_result";
    public static final String CREATOR = "qcmb";
    public static final String VERSION = "0.1.0";

    private ResultDocument() {
    }

    /**
     * @param nuclearRepulsion of the full parent molecule
     * @param components component results to include keyed by label, or null to leave them out
     */
    public static Map<String, Object> build(ManyBodyResult r, double nuclearRepulsion,
            Map<FragmentTask, ComponentResult> components) {
        int nat = r.atomCount();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema_name", SCHEMA_NAME);
        doc.put("schema_version", 1);
        doc.put("success", true);
        doc.put("driver", r.driver().schemaName());
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
        props.put("nuclear_repulsion_energy", nuclearRepulsion);
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
            Map<String, Object> cr = new TreeMap<>();
            components.forEach((t, c) -> {
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
                cr.put(t.label(), one);
            });
            doc.put("component_results", cr);
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
