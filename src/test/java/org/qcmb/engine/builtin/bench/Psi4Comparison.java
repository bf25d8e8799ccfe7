package org.qcmb.engine.builtin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.qcschema.AtomicCodec;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.Model;
import org.qcmb.qcschema.QcJson;

/**
 * Developer check against an installed Psi4 for cases outside psi4-exact.json (f functions, MP2 frozen core):
 * Psi4Comparison NWATERS METHOD BASIS DRIVER [key=value ...]. Prints |dE| and max |dG|.
 */
public final class Psi4Comparison {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Map<String, Object> kw = new java.util.LinkedHashMap<>(Map.of("scf_type", "pk", "mp2_type", "conv",
                "e_convergence", 1e-10, "d_convergence", 1e-10));
        for (int i = 4; i < args.length; i++) {
            String[] p = args[i].split("=", 2);
            kw.put(p[0], p[1].equals("true") || p[1].equals("false") ? (Object) Boolean.valueOf(p[1]) : p[1]);
        }
        AtomicInput in = new AtomicInput(EngineBenchmark.water(n), Driver.parse(args[3]), new Model(args[1], args[2]),
                kw, List.of());
        long t0 = System.nanoTime();
        AtomicResult r = new BuiltinEngine().compute(in);
        double tb = (System.nanoTime() - t0) * 1e-9;
        if (!r.success()) {
            System.out.println("builtin failed: " + r.error());
            return;
        }
        Path dir = Files.createTempDirectory("psi4cmp");
        File f = dir.resolve("in.json").toFile();
        QcJson.mapper().writeValue(f, AtomicCodec.writeInput(in));
        long p0 = System.nanoTime();
        int rc = new ProcessBuilder("psi4", "--json", f.getPath(), "-n", "1").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start().waitFor();
        double tp = (System.nanoTime() - p0) * 1e-9;
        JsonNode out = QcJson.mapper().readTree(f);
        if (rc != 0 || !out.path("success").asBoolean()) {
            System.out.println("psi4 failed: " + out.path("error"));
            return;
        }
        AtomicResult p = AtomicCodec.readResult(out);
        double dg = 0;
        if (r.gradient() != null && p.gradient() != null) {
            for (int i = 0; i < r.gradient().length; i++) {
                dg = Math.max(dg, Math.abs(r.gradient()[i] - p.gradient()[i]));
            }
        }
        System.out.printf(Locale.ROOT, "%s nbf %d/%s E %.10f psi4 %.10f |dE| %.2e max|dG| %.2e  time %.2f s vs %.2f s%n",
                String.join(" ", args), r.properties().nbasis(), out.path("properties").path("calcinfo_nbasis"),
                r.energy(), p.energy(), Math.abs(r.energy() - p.energy()), dg, tb, tp);
    }
}
