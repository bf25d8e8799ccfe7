package org.qcmb.engine.builtin.basis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qcmb.common.InputException;

/** The .gbs files bundled under resources/basis, looked up by name with Psi4's aliases. */
public final class BasisLibrary {
    /** Names of the bundled files (without .gbs). */
    public static final java.util.List<String> AVAILABLE = java.util.List.of("sto-3g", "3-21g", "6-31g", "6-31gs",
            "6-31gss", "6-31pgs", "cc-pvdz", "aug-cc-pvdz", "cc-pvtz", "aug-cc-pvtz", "def2-svp", "def2-tzvp");

    // Parsed files are immutable, so one cache per JVM (executor) saves re-parsing for every fragment.
    private static final Map<String, GbsFile> CACHE = new ConcurrentHashMap<>();

    private BasisLibrary() {
    }

    /** Psi4's file name for a basis name: lower case, "(d,p)" and "**" to "ss", "(d)" and "*" to "s", "+" to "p". */
    public static String canonicalName(String name) {
        String s = name.strip().toLowerCase(Locale.ROOT);
        s = s.replace("(d,p)", "ss").replace("(d)", "s").replace("*", "s").replace("+", "p");
        return s;
    }

    public static GbsFile load(String name) {
        if (name == null || name.isBlank()) {
            throw new InputException("model.basis is empty: give a basis set name such as cc-pvdz");
        }
        String canon = canonicalName(name);
        GbsFile f = CACHE.get(canon);
        if (f != null) {
            return f;
        }
        try (InputStream in = BasisLibrary.class.getResourceAsStream("/basis/" + canon + ".gbs")) {
            if (in == null) {
                throw new InputException("basis set '" + name + "' not found in the builtin engine: available are "
                        + AVAILABLE + " (or use program psi4)");
            }
            f = GbsFile.parse(canon, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read basis file " + canon + ".gbs", e);
        }
        CACHE.putIfAbsent(canon, f);
        return f;
    }
}
