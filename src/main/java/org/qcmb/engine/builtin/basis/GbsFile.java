package org.qcmb.engine.builtin.basis;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A parsed Psi4/Gaussian94 .gbs basis file: pure or Cartesian, and the raw shells of each element. */
public record GbsFile(String name, boolean pure, Map<String, List<RawShell>> elements) {

    /** A shell as written in the file, before normalisation. */
    public record RawShell(int l, double[] exponents, double[] coefficients) {
    }

    public List<RawShell> shells(String symbol) {
        return elements.get(symbol.toUpperCase(Locale.ROOT));
    }

    static GbsFile parse(String name, BufferedReader in) throws IOException {
        Boolean pure = null;
        Map<String, List<RawShell>> elements = new HashMap<>();
        List<RawShell> current = null;
        String line;
        while ((line = in.readLine()) != null) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("!")) {
                continue;
            }
            String lower = s.toLowerCase(Locale.ROOT);
            if (pure == null && (lower.equals("spherical") || lower.equals("cartesian"))) {
                pure = lower.equals("spherical");
                continue;
            }
            if (s.startsWith("****")) {
                current = null;
                continue;
            }
            String[] tok = s.split("\\s+");
            if (current == null || tok[0].toUpperCase(Locale.ROOT).endsWith("-ECP")) {
                // def2 files end with an ECP section for heavy elements (beyond Kr): not used here
                if (tok[0].toUpperCase(Locale.ROOT).endsWith("-ECP")
                        || elements.containsKey(tok[0].toUpperCase(Locale.ROOT))) {
                    break;
                }
                current = new ArrayList<>();
                elements.put(tok[0].toUpperCase(Locale.ROOT), current);
                continue;
            }
            String am = tok[0].toUpperCase(Locale.ROOT);
            if (tok.length < 2 || !tok[1].matches("\\d+")) {
                // a malformed entry (def2-svp-ri has a stray "*" in Sr): unusable, as in Psi4, which fails on it
                elements.values().remove(current);
                current = new ArrayList<>();
                continue;
            }
            int nprim = Integer.parseInt(tok[1]);
            double[] exps = new double[nprim];
            double[] c1 = new double[nprim];
            double[] c2 = new double[nprim];
            for (int i = 0; i < nprim; i++) {
                String[] p = in.readLine().strip().split("\\s+");
                exps[i] = number(p[0]);
                c1[i] = number(p[1]);
                if (am.equals("SP") || am.equals("L")) {
                    c2[i] = number(p[2]);
                }
            }
            if (am.equals("SP") || am.equals("L")) {
                current.add(new RawShell(0, exps, c1));
                current.add(new RawShell(1, exps.clone(), c2));
            } else {
                current.add(new RawShell("SPDFGHI".indexOf(am.charAt(0)), exps, c1));
            }
        }
        return new GbsFile(name, pure == null || pure, elements);
    }

    private static double number(String s) {
        return Double.parseDouble(s.replace('D', 'E').replace('d', 'e'));
    }
}
