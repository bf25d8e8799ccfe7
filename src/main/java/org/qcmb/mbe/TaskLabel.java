package org.qcmb.mbe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.qcmb.common.InputException;

/**
 * QCManyBody's task label: the Python {@code json.dumps} of {@code [mc, x, B]} with default separators and
 * ensure_ascii, e.g. {@code ["mp2", [1], [1, 2]]}. Parsing also accepts the human form {@code §mp2_(1)@(1, 2)}
 * and {@code (1, 2)@(1, 2)} (mc empty).
 */
public final class TaskLabel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskLabel() {
    }

    public static String format(String mc, int[] real, int[] basis) {
        StringBuilder sb = new StringBuilder(16 + mc.length() + 4 * (real.length + basis.length));
        sb.append('[');
        quote(sb, mc);
        sb.append(", ");
        list(sb, real);
        sb.append(", ");
        list(sb, basis);
        sb.append(']');
        return sb.toString();
    }

    private static void list(StringBuilder sb, int[] a) {
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(a[i]);
        }
        sb.append(']');
    }

    /** Python json string encoding with ensure_ascii=True. */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Parses either label form; throws {@link InputException} naming the label if it is malformed. */
    public static FragmentTask parse(String label) {
        String s = label.trim();
        try {
            if (s.contains("@")) {
                String mc = "";
                String rest = s;
                if (rest.startsWith("§")) {
                    int us = rest.lastIndexOf("_(", rest.indexOf('@'));
                    if (us < 0) {
                        throw new IllegalArgumentException("no '_(' after the model chemistry");
                    }
                    mc = rest.substring(1, us);
                    rest = rest.substring(us + 1);
                }
                int at = rest.indexOf('@');
                return check(new FragmentTask(mc, tuple(rest.substring(0, at)), tuple(rest.substring(at + 1))));
            }
            JsonNode n = JSON.readTree(s);
            if (n == null || !n.isArray() || n.size() != 3 || !n.get(1).isArray() || !n.get(2).isArray()) {
                throw new IllegalArgumentException("expected [mc, [real fragments], [basis fragments]]");
            }
            String mc = n.get(0).isTextual() ? n.get(0).textValue() : n.get(0).asText();
            return check(new FragmentTask(mc, ints(n.get(1)), ints(n.get(2))));
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            throw new InputException("task label '" + label + "' is not a QCManyBody label like"
                    + " [\"mp2\", [1], [1, 2]]: " + e.getMessage());
        }
    }

    private static FragmentTask check(FragmentTask t) {
        int[] r = t.real();
        int[] b = t.basis();
        if (r.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("empty fragment list");
        }
        for (int i = 1; i < b.length; i++) {
            if (b[i] <= b[i - 1]) {
                throw new IllegalArgumentException("basis fragments not ascending");
            }
        }
        for (int i = 1; i < r.length; i++) {
            if (r[i] <= r[i - 1]) {
                throw new IllegalArgumentException("real fragments not ascending");
            }
        }
        for (int f : r) {
            if (java.util.Arrays.binarySearch(b, f) < 0) {
                throw new IllegalArgumentException("real fragment " + f + " not in the basis fragments");
            }
        }
        if (b[0] < 1) {
            throw new IllegalArgumentException("fragment numbers are 1-based");
        }
        return t;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).canConvertToInt() || !a.get(i).isIntegralNumber()) {
                throw new IllegalArgumentException("fragment numbers must be integers");
            }
            out[i] = a.get(i).intValue();
        }
        return out;
    }

    private static int[] tuple(String s) {
        String t = s.trim();
        if (!t.startsWith("(") || !t.endsWith(")")) {
            throw new IllegalArgumentException("expected a tuple like (1, 2)");
        }
        t = t.substring(1, t.length() - 1).trim();
        List<Integer> out = new ArrayList<>();
        for (String p : t.split(",")) {
            if (!p.isBlank()) {
                out.add(Integer.parseInt(p.trim()));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
