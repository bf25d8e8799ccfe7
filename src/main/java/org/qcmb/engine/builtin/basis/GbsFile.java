package org.qcmb.engine.builtin.basis;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Psi4/Gaussian94 .gbs basis file: pure or Cartesian, and the raw shells of each element. The file is indexed
 * by element when read and an element's shells are parsed when first asked for: a calculation needs two or three
 * of the elements of a file that lists dozens (parsing all of them was most of a small `compute`'s basis time).
 */
public final class GbsFile {
    /** A shell as written in the file, before normalisation. */
    public record RawShell(int l, double[] exponents, double[] coefficients) {
    }

    private final String name;
    private final boolean pure;
    private final String text;
    /** Element symbol (upper case) to the [start, end) of its shell lines in text. */
    private final Map<String, int[]> blocks;
    private final Map<String, Optional<List<RawShell>>> parsed = new ConcurrentHashMap<>();

    private GbsFile(String name, boolean pure, String text, Map<String, int[]> blocks) {
        this.name = name;
        this.pure = pure;
        this.text = text;
        this.blocks = blocks;
    }

    public String name() {
        return name;
    }

    public boolean pure() {
        return pure;
    }

    /** The element's shells, or null if the file has none for it (or only a malformed entry, as Psi4 rejects). */
    public List<RawShell> shells(String symbol) {
        String key = symbol.toUpperCase(Locale.ROOT);
        int[] block = blocks.get(key);
        if (block == null) {
            return null;
        }
        return parsed.computeIfAbsent(key, k -> Optional.ofNullable(parseShells(block[0], block[1]))).orElse(null);
    }

    static GbsFile parse(String name, BufferedReader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[1 << 16];
        for (int r; (r = in.read(buf)) > 0; ) {
            sb.append(buf, 0, r);
        }
        String text = sb.toString();
        Boolean pure = null;
        Map<String, int[]> blocks = new HashMap<>();
        int[] current = null;
        for (int pos = 0, len = text.length(); pos < len; ) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? len : nl;
            String s = text.substring(pos, end).strip();
            int lineStart = pos;
            pos = end + 1;
            if (s.isEmpty() || s.startsWith("!")) {
                continue;
            }
            if (pure == null && (s.equalsIgnoreCase("spherical") || s.equalsIgnoreCase("cartesian"))) {
                pure = s.equalsIgnoreCase("spherical");
                continue;
            }
            if (s.startsWith("****")) {
                if (current != null) {
                    current[1] = lineStart;
                }
                current = null;
                continue;
            }
            if (current == null) {
                String symbol = firstToken(s).toUpperCase(Locale.ROOT);
                // def2 files end with an ECP section for heavy elements (beyond Kr): not used here
                if (symbol.endsWith("-ECP") || blocks.containsKey(symbol)) {
                    break;
                }
                current = new int[] {pos, len};
                blocks.put(symbol, current);
            }
        }
        return new GbsFile(name, pure == null || pure, text, blocks);
    }

    private static String firstToken(String s) {
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(0, i);
    }

    /** The shells written in text[start, end), or null for a malformed entry. */
    private List<RawShell> parseShells(int start, int end) {
        String[] lines = text.substring(Math.min(start, end), end).split("\n");
        List<RawShell> shells = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String s = lines[i++].strip();
            if (s.isEmpty() || s.startsWith("!")) {
                continue;
            }
            String[] tok = s.split("\\s+");
            String am = tok[0].toUpperCase(Locale.ROOT);
            if (tok.length < 2 || !tok[1].matches("\\d+")) {
                // a malformed entry (def2-svp-ri has a stray "*" in Sr): unusable, as in Psi4, which fails on it
                return null;
            }
            int nprim = Integer.parseInt(tok[1]);
            boolean sp = am.equals("SP") || am.equals("L"); // an s and a p shell sharing exponents
            double[] exps = new double[nprim];
            double[] c1 = new double[nprim];
            double[] c2 = new double[nprim];
            for (int p = 0; p < nprim; p++) {
                String[] t = lines[i++].strip().split("\\s+");
                exps[p] = number(t[0]);
                c1[p] = number(t[1]);
                if (sp) {
                    c2[p] = number(t[2]);
                }
            }
            if (sp) {
                shells.add(new RawShell(0, exps, c1));
                shells.add(new RawShell(1, exps.clone(), c2));
            } else {
                shells.add(new RawShell("SPDFGHI".indexOf(am.charAt(0)), exps, c1));
            }
        }
        return shells;
    }

    private static double number(String s) {
        return Double.parseDouble(s.replace('D', 'E').replace('d', 'e'));
    }
}
