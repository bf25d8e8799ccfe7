package org.qcmb.mbe;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The named result properties of semantics §5.2, e.g. {@code cp_corrected_total_energy_through_2_body}. */
final class ResultProperties {
    private ResultProperties() {
    }

    static SortedMap<String, double[]> of(Property p, Map<BsseType, SortedMap<Integer, double[]>> bodies,
            ExpansionSpec spec, List<BsseType> eff) {
        SortedMap<String, double[]> out = new TreeMap<>();
        String pn = p.label();
        int n = spec.nFragments();
        int m = spec.maxNbody();
        boolean ss = spec.supersystemMc() != null;
        boolean sio = spec.supersystemIeOnly();
        for (BsseType bt : eff) {
            SortedMap<Integer, double[]> body = bodies.get(bt);
            String b = bt.label() + "_corrected_";
            double[] b1 = body.get(1);
            boolean hasTotal = false;
            for (double v : b1) {
                if (v != 0.0) {
                    hasTotal = true;
                    break;
                }
            }
            int maxKey = body.lastKey();
            out.put(b + "interaction_" + pn, Assembler.sub(body.get(m), b1));
            out.put(b + "interaction_" + pn + "_through_1_body", new double[b1.length]);
            if (hasTotal) {
                out.put(b + "total_" + pn, body.get(m).clone());
            }
            if (ss) {
                out.put(b + "interaction_" + pn, Assembler.sub(body.get(n), b1));
                for (int k = 2; k <= m; k++) {
                    out.put(b + "interaction_" + pn + "_through_" + k + "_body", Assembler.sub(body.get(k), b1));
                    out.put(b + k + "_body_contribution_to_" + pn, Assembler.sub(body.get(k), body.get(k - 1)));
                }
                out.put(b + "interaction_" + pn + "_through_" + n + "_body", Assembler.sub(body.get(n), b1));
                out.put(b + n + "_body_contribution_to_" + pn, Assembler.sub(body.get(n), body.get(m)));
                if (hasTotal) {
                    out.put(b + "total_" + pn, body.get(n).clone());
                    for (Map.Entry<Integer, double[]> e : body.entrySet()) {
                        out.put(b + "total_" + pn + "_through_" + e.getKey() + "_body", e.getValue().clone());
                    }
                }
            } else if (sio) {
                out.put(b + "interaction_" + pn + "_through_" + n + "_body", Assembler.sub(body.get(n), b1));
                if (n == 2) {
                    out.put(b + "2_body_contribution_to_" + pn, Assembler.sub(body.get(2), b1));
                }
                if (hasTotal) {
                    out.put(b + "total_" + pn + "_through_1_body", b1.clone());
                    out.put(b + "total_" + pn + "_through_" + n + "_body", body.get(n).clone());
                }
            } else {
                for (int k = 2; k <= maxKey; k++) {
                    out.put(b + "interaction_" + pn + "_through_" + k + "_body", Assembler.sub(body.get(k), b1));
                    out.put(b + k + "_body_contribution_to_" + pn, Assembler.sub(body.get(k), body.get(k - 1)));
                }
                if (hasTotal) {
                    for (Map.Entry<Integer, double[]> e : body.entrySet()) {
                        out.put(b + "total_" + pn + "_through_" + e.getKey() + "_body", e.getValue().clone());
                    }
                }
            }
        }
        if (spec.embedding()) {
            out.keySet().removeIf(k -> k.contains("interaction"));
        }
        return out;
    }
}
