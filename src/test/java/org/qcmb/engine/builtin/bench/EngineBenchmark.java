package org.qcmb.engine.builtin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicCodec;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.Model;
import org.qcmb.qcschema.QcJson;

/**
 * Wall time of the builtin engine next to a Psi4 process ({@code psi4 --json in.json -n 1}, scf_type pk) for
 * water monomer, dimer and trimer (QCManyBody's trimer, bohr) at STO-3G, 6-31G*, cc-pVDZ and aug-cc-pVDZ,
 * energy and gradient. Builtin times are for a warmed-up JVM (as on a Spark executor), one thread. Wall times
 * (builtin_s, psi4_s, ratio) and CPU times (main-thread CPU of the builtin calculation; user+sys of the whole
 * Psi4 process by /usr/bin/time) are both printed: on a shared machine CPU times are the steadier comparison.
 * Usage: EngineBenchmark [--no-psi4] [--only SUBSTRING] [--repeat N] (best of N for both programs). Run with
 * submit-scripts/bench-engine.
 */
public final class EngineBenchmark {
    /** Water trimer of shared/conformance/qcmanybody-h2o-trimer (input.molecule), bohr. */
    static final double[] TRIMER = {-2.76373224, -1.24377706, -0.15444566, -1.12357791, -2.0622797, -0.05243799,
        -3.80792362, -2.08705525, 1.06090407, 2.46924614, -1.75437739, -0.17092884, 3.7636826, -2.21425403,
        1.00846104, 2.3059833, 0.07098445, -0.03942473, 0.2912793, 3.00875625, 0.20308515, -1.21253048, 1.958209,
        0.10303324, 0.10002049, 4.24958115, -1.10222079};

    public static void main(String[] args) throws Exception {
        boolean psi4 = !Arrays.asList(args).contains("--no-psi4");
        String only = null;
        int repeat = 1;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--only")) {
                only = args[i + 1];
            }
            if (args[i].equals("--repeat")) {
                repeat = Integer.parseInt(args[i + 1]);
            }
        }
        Map<String, Object> kw = Map.of("scf_type", "pk", "e_convergence", 1e-8, "d_convergence", 1e-8);
        BuiltinEngine engine = new BuiltinEngine();
        // warm-up: JIT the integral code as a long-running executor would have
        for (String b : List.of("sto-3g", "cc-pvdz", "aug-cc-pvdz")) {
            engine.compute(new AtomicInput(water(2), Driver.GRADIENT, new Model("hf", b), kw, List.of()));
        }
        Path dir = Files.createTempDirectory("bench-engine");
        System.out.printf(Locale.ROOT, "%-8s %-12s %-8s %5s %10s %10s %8s %10s %10s %8s %10s%n", "system", "basis",
                "driver", "nbf", "builtin_s", "psi4_s", "ratio", "b_cpu_s", "p_cpu_s", "cpu_rat", "|dE| Eh");
        for (int n = 1; n <= 3; n++) {
            for (String basis : List.of("sto-3g", "6-31g*", "cc-pvdz", "aug-cc-pvdz")) {
                for (Driver d : List.of(Driver.ENERGY, Driver.GRADIENT)) {
                    String sys = n == 1 ? "monomer" : n == 2 ? "dimer" : "trimer";
                    String label = sys + " " + basis + " " + d.schemaName();
                    if (only != null && !label.contains(only)) {
                        continue;
                    }
                    AtomicInput in = new AtomicInput(water(n), d, new Model("hf", basis), kw, List.of());
                    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                    AtomicResult r = null;
                    double tb = Double.MAX_VALUE, cb = Double.MAX_VALUE;
                    for (int rep = 0; rep < repeat; rep++) {
                        long c0 = mx.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        r = engine.compute(in);
                        tb = Math.min(tb, (System.nanoTime() - t0) * 1e-9);
                        cb = Math.min(cb, (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
                    }
                    if (!r.success()) {
                        System.out.println(label + " failed: " + r.error());
                        continue;
                    }
                    double tp = Double.NaN, de = Double.NaN, cp = Double.NaN;
                    if (psi4) {
                        File f = dir.resolve(sys + "-" + basis.replace("*", "s") + "-" + d.schemaName() + ".json")
                                .toFile();
                        ObjectNode json = AtomicCodec.writeInput(in);
                        QcJson.mapper().writeValue(f, json);
                        int rc = 0;
                        tp = Double.MAX_VALUE;
                        cp = Double.MAX_VALUE;
                        for (int rep = 0; rep < repeat; rep++) {
                            QcJson.mapper().writeValue(f, json); // psi4 --json overwrites its input
                            long p0 = System.nanoTime();
                            Process p = new ProcessBuilder("/usr/bin/time", "-f", "%U %S", "-o",
                                    dir.resolve("psi4.cpu").toString(), "psi4", "--json", f.getPath(), "-n", "1")
                                    .directory(dir.toFile()).redirectErrorStream(true)
                                    .redirectOutput(dir.resolve("psi4.log").toFile()).start();
                            rc = p.waitFor();
                            tp = Math.min(tp, (System.nanoTime() - p0) * 1e-9);
                            String[] cpu = Files.readString(dir.resolve("psi4.cpu")).trim().split("\\s+");
                            cp = Math.min(cp, Double.parseDouble(cpu[cpu.length - 2])
                                    + Double.parseDouble(cpu[cpu.length - 1]));
                        }
                        JsonNode out = QcJson.mapper().readTree(f);
                        if (rc == 0 && out.path("success").asBoolean()) {
                            de = Math.abs(out.path("properties").path("return_energy").asDouble() - r.energy());
                        }
                    }
                    System.out.printf(Locale.ROOT, "%-8s %-12s %-8s %5d %10.3f %10.3f %8.2f %10.3f %10.3f %8.2f %10.2e%n",
                            sys, basis, d.schemaName(), r.properties().nbasis(), tb, tp, tb / tp, cb, cp, cb / cp, de);
                }
            }
        }
    }

    static Molecule water(int n) {
        List<String> sym = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sym.addAll(List.of("O", "H", "H"));
        }
        return Molecule.of(sym, Arrays.copyOf(TRIMER, 9 * n), 0, 1);
    }
}
