package org.qcmb.engine.builtin;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qcmb.engine.EngineException;
import org.qcmb.qcschema.ErrorClass;

/**
 * The keywords the builtin engine understands, with Psi4's names, meanings and defaults (scf_type df, mp2_type df:
 * density fitting). Anything else is an input error that says what to use instead.
 */
public record BuiltinKeywords(
        double eConvergence,
        double dConvergence,
        int maxIterations,
        boolean freezeCore,
        long memoryBytes,
        Boolean puream,
        int threads,
        boolean direct,
        boolean dfScf,
        boolean dfMp2,
        String dfBasisScf,
        String dfBasisMp2,
        boolean scfTypeGiven) {

    static final Set<String> KNOWN = Set.of("scf_type", "mp2_type", "e_convergence", "d_convergence", "maxiter",
            "freeze_core", "memory", "puream", "num_threads", "reference", "df_basis_scf", "df_basis_mp2");
    private static final Pattern MEMORY = Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\\s*([a-zA-Z]*)\\s*");

    public static BuiltinKeywords parse(Map<String, Object> keywords) {
        double e = 1e-10, d = 1e-8;
        int maxiter = 100;
        boolean fc = false;
        long memory = Runtime.getRuntime().maxMemory() / 4;
        Boolean puream = null;
        int threads = 1;
        boolean direct = false;
        boolean dfScf = true, dfMp2 = true;
        String dfBasisScf = null, dfBasisMp2 = null;
        for (Map.Entry<String, Object> kv : keywords.entrySet()) {
            String key = kv.getKey().toLowerCase(Locale.ROOT).strip();
            Object v = kv.getValue();
            switch (key) {
                case "scf_type" -> {
                    String s = text(v);
                    switch (s) {
                        case "pk", "conv", "out_of_core" -> {
                            direct = false;
                            dfScf = false;
                        }
                        case "direct" -> {
                            direct = true;
                            dfScf = false;
                        }
                        case "df", "mem_df", "disk_df" -> dfScf = true;
                        case "cd" -> throw input("scf_type cd is not supported by the builtin engine: use scf_type df "
                                + "(density fitting, the default), pk (exact) or program psi4");
                        default -> throw input("scf_type '" + s + "' is not known: use df, pk, direct, conv or "
                                + "out_of_core");
                    }
                }
                case "mp2_type" -> {
                    String s = text(v);
                    switch (s) {
                        case "df" -> dfMp2 = true;
                        case "conv" -> dfMp2 = false;
                        case "cd" -> throw input("mp2_type cd is not supported by the builtin engine: use mp2_type df "
                                + "(density fitting, the default), conv (exact) or program psi4");
                        default -> throw input("mp2_type '" + s + "' is not known: use df or conv");
                    }
                }
                case "reference" -> {
                    String s = text(v);
                    if (!s.equals("rhf")) {
                        throw input("reference " + s + " is not supported by the builtin engine (closed-shell RHF "
                                + "only): use reference rhf or program psi4");
                    }
                }
                case "e_convergence" -> e = positive(key, v);
                case "d_convergence" -> d = positive(key, v);
                case "maxiter" -> maxiter = (int) positive(key, v);
                case "freeze_core" -> fc = bool(key, v);
                case "memory" -> memory = memory(v);
                case "puream" -> puream = bool(key, v);
                case "num_threads" -> threads = (int) positive(key, v);
                case "df_basis_scf" -> dfBasisScf = name(v);
                case "df_basis_mp2" -> dfBasisMp2 = name(v);
                default -> throw input("keyword '" + kv.getKey() + "' is not supported by the builtin engine "
                        + "(supported: " + new TreeSet<>(KNOWN) + "): remove it or use program psi4");
            }
        }
        return new BuiltinKeywords(e, d, maxiter, fc, memory, puream, threads, direct, dfScf, dfMp2, dfBasisScf,
                dfBasisMp2, has(keywords, "scf_type"));
    }

    /**
     * The keywords for a method, with Psi4's default scf_type: density fitting, except that conventional MP2
     * (mp2_type conv) without an scf_type runs on an exact reference (Psi4's SCF_TYPE default is PK; only its
     * SCF and DF-MP2 procedures switch it to DF).
     */
    BuiltinKeywords forMethod(String method) {
        if (method.equals("mp2") && !dfMp2 && !scfTypeGiven) {
            return new BuiltinKeywords(eConvergence, dConvergence, maxIterations, freezeCore, memoryBytes, puream,
                    threads, direct, false, dfMp2, dfBasisScf, dfBasisMp2, false);
        }
        return this;
    }

    /** Whether the keywords set this one (names are case-insensitive). */
    static boolean has(Map<String, Object> keywords, String name) {
        for (String k : keywords.keySet()) {
            if (k.strip().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Psi4-style memory: a number of bytes, or a number with a unit (b, kb, mb, gb, tb, kib, mib, gib, tib). */
    static long memory(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        Matcher m = MEMORY.matcher(String.valueOf(v));
        if (!m.matches()) {
            throw input("memory '" + v + "' is not understood: give bytes or e.g. \"2 GiB\", \"500 mb\"");
        }
        double x = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        double f = switch (unit) {
            case "", "b" -> 1;
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "tb" -> 1e12;
            case "kib" -> 1024.0;
            case "mib" -> 1024.0 * 1024;
            case "gib" -> 1024.0 * 1024 * 1024;
            case "tib" -> 1024.0 * 1024 * 1024 * 1024;
            default -> throw input("memory unit '" + m.group(2) + "' is not known: use b, kb, mb, gb, kib, mib, gib");
        };
        return (long) (x * f);
    }

    /** A basis set name; blank means Psi4's default (as Psi4's own "" default). */
    private static String name(Object v) {
        String s = v == null ? "" : String.valueOf(v).strip();
        return s.isEmpty() ? null : s;
    }

    private static String text(Object v) {
        return String.valueOf(v).strip().toLowerCase(Locale.ROOT);
    }

    private static double positive(String key, Object v) {
        double x;
        try {
            x = v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).strip());
        } catch (NumberFormatException ex) {
            throw input(key + " must be a number, not '" + v + "'");
        }
        if (!(x > 0)) {
            throw input(key + " must be positive, not " + v);
        }
        return x;
    }

    private static boolean bool(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        return switch (text(v)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw input(key + " must be true or false, not '" + v + "'");
        };
    }

    private static EngineException input(String msg) {
        return new EngineException(ErrorClass.INPUT_ERROR, msg);
    }
}
