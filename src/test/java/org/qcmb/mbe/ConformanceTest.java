package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qcmb.io.AnalysisCase;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.manybody.ManyBodyResultCodec;
import org.qcmb.qcschema.manybody.ResultShape;

/**
 * The six QCManyBody water-trimer cases: the assembled result document must match QCManyBody's own assembly
 * ({@code expected_qcmanybody}) within 1e-9 for every key, and Psi4's values ({@code expected}) within 1e-7.
 */
class ConformanceTest {
    private static final ObjectMapper M = new ObjectMapper();

    static JsonNode load(String name) throws Exception {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + name + ".json")) {
            return M.readTree(in);
        }
    }

    /** The result document (serialised and read back) for a case. */
    static JsonNode document(JsonNode root) throws Exception {
        AnalysisCase c = AnalysisCase.parse(root);
        Plan plan = Planner.plan(c.spec());
        ManyBodyResult r = Assembler.assemble(plan, c.driver(), c.results());
        Map<String, Object> doc = ManyBodyResultCodec.document(r, c.molecule(), ResultShape.DEFAULT, null, null);
        return M.readTree(QcJson.document(doc));
    }

    static List<Double> flat(JsonNode n) {
        List<Double> out = new ArrayList<>();
        if (n.isNumber()) {
            out.add(n.doubleValue());
        } else {
            for (JsonNode e : n) {
                out.addAll(flat(e));
            }
        }
        return out;
    }

    static void close(String what, JsonNode actual, JsonNode expected, double tol) {
        assertThat(actual).as(what + " missing").isNotNull();
        List<Double> a = flat(actual);
        List<Double> e = flat(expected);
        assertThat(a).as(what + " size").hasSameSizeAs(e);
        for (int i = 0; i < a.size(); i++) {
            assertThat(Math.abs(a.get(i) - e.get(i))).as(what + "[" + i + "] " + a.get(i) + " vs " + e.get(i))
                    .isLessThanOrEqualTo(tol);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single_energy_1", "single_energy_2", "single_gradient_1", "single_gradient_2",
            "single_hessian_1", "single_hessian_2"})
    void matchesQcManyBodyWithin1e9(String name) throws Exception {
        JsonNode root = load(name);
        JsonNode doc = document(root);
        JsonNode exp = root.get("expected_qcmanybody");
        double tol = 1e-9;
        List<String> eff = new ArrayList<>();
        exp.get("effective_bsse_type").forEach(n -> eff.add(n.asText()));
        List<String> got = new ArrayList<>();
        doc.get("extras").get("effective_bsse_type").forEach(n -> got.add(n.asText()));
        assertThat(got).isEqualTo(eff);
        assertThat(doc.get("extras").get("ntasks").asInt()).isEqualTo(exp.get("ntasks").asInt());
        assertThat(doc.get("properties").get("calcinfo_nmbe").asInt()).isEqualTo(exp.get("ntasks").asInt());
        JsonNode props = doc.get("properties");
        close("ret_energy", props.get("return_energy"), exp.get("ret_energy"), tol);
        if (exp.has("ret_gradient")) {
            close("ret_gradient", props.get("return_gradient"), exp.get("ret_gradient"), tol);
        }
        if (exp.has("ret_hessian")) {
            close("ret_hessian", props.get("return_hessian"), exp.get("ret_hessian"), tol);
            close("return_result", doc.get("return_result"), exp.get("ret_hessian"), tol);
        }
        assertThat(doc.get("energy_body_dict").size()).isEqualTo(exp.get("energy_body_dict").size());
        exp.get("energy_body_dict").fields().forEachRemaining(e ->
                close("energy_body_dict." + e.getKey(), doc.get("energy_body_dict").get(e.getKey()), e.getValue(),
                        tol));
        for (String bd : new String[] {"gradient_body_dict", "hessian_body_dict"}) {
            assertThat(doc.has(bd)).as(bd).isEqualTo(exp.has(bd));
            if (exp.has(bd)) {
                exp.get(bd).fields().forEachRemaining(bt -> {
                    assertThat(doc.get(bd).get(bt.getKey()).size()).isEqualTo(bt.getValue().size());
                    bt.getValue().fields().forEachRemaining(lv -> close(bd + "." + bt.getKey() + "." + lv.getKey(),
                            doc.get(bd).get(bt.getKey()).get(lv.getKey()), lv.getValue(), tol));
                });
            }
        }
        // every named property, and no extra ones
        List<String> named = new ArrayList<>();
        props.fieldNames().forEachRemaining(k -> {
            if (k.contains("_corrected_")) {
                named.add(k);
            }
        });
        List<String> expectedNames = new ArrayList<>();
        exp.get("results").fieldNames().forEachRemaining(expectedNames::add);
        assertThat(named).containsExactlyInAnyOrderElementsOf(expectedNames);
        exp.get("results").fields().forEachRemaining(e -> close(e.getKey(), props.get(e.getKey()), e.getValue(),
                tol));
    }

    @ParameterizedTest
    @ValueSource(strings = {"single_energy_1", "single_energy_2", "single_gradient_1", "single_gradient_2",
            "single_hessian_1", "single_hessian_2"})
    void matchesPsi4Within1e7(String name) throws Exception {
        JsonNode root = load(name);
        JsonNode doc = document(root);
        JsonNode props = doc.get("properties");
        String driver = doc.get("driver").asText();
        String retBt = doc.get("extras").get("effective_bsse_type").get(0).asText();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("expected").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode actual;
            if (k.equals("CURRENT ENERGY")) {
                actual = props.get("return_energy");
            } else if (k.equals("CURRENT GRADIENT") || k.equals("RET_GRADIENT")) {
                if (driver.equals("energy")) {
                    continue; // energy cases reuse Psi4's gradient reference run
                }
                actual = props.get("return_gradient");
            } else if (k.equals("CURRENT HESSIAN") || k.equals("RET_HESSIAN")) {
                actual = props.get("return_hessian");
            } else if (k.equals("NBODY NUMBER")) {
                actual = props.get("calcinfo_nmbe");
            } else if (k.equals("NUCLEAR REPULSION ENERGY")) {
                actual = props.get("nuclear_repulsion_energy");
            } else if (k.matches("\\d+(CP|NOCP|VMFC)?")) {
                String key = k.matches("\\d+") ? k + retBt : k.toLowerCase(Locale.ROOT);
                actual = doc.get("energy_body_dict").get(key);
            } else if (k.matches("(GRADIENT|HESSIAN) \\d+(CP|NOCP|VMFC)?")) {
                String[] p = k.split(" ");
                if (driver.equals("energy") || (p[0].equals("GRADIENT") && !doc.has("gradient_body_dict"))) {
                    continue;
                }
                String n = p[1].replaceAll("\\D", "");
                String bt = p[1].replaceAll("\\d", "").toLowerCase(Locale.ROOT);
                actual = doc.get(p[0].toLowerCase(Locale.ROOT) + "_body_dict").get(bt.isEmpty() ? retBt : bt).get(n);
            } else {
                String snake = k.toLowerCase(Locale.ROOT).replace("-body", "_body").replace("-corr", "_corr")
                        .replace(' ', '_');
                actual = props.get(snake);
            }
            close(name + " " + k, actual, e.getValue(), 1e-7);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }
}
