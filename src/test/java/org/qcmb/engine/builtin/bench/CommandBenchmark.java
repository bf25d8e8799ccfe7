package org.qcmb.engine.builtin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicCodec;
import org.qcmb.qcschema.QcJson;
import org.qcmb.common.Driver;
import org.qcmb.qcschema.Model;
import org.qcmb.molecule.Molecule;

/**
 * Whole commands side by side, in one run: the builtin engine's {@code submit-scripts/qcmb compute in.json} (a fresh
 * JVM: start-up, JIT warm-up and the calculation) against {@code psi4 --json in.json -n 1}, both with Psi4's
 * defaults (no keywords: scf_type df, mp2_type df). Waters 1..N of water16-conformer002 (the MBE workload's
 * geometry). Columns: wall time of each command (best of --repeat), their ratio, CPU time (user+sys of the whole
 * process, /usr/bin/time), |dE| and max |dG| between the programs. Extra rows: the builtin tetramer MP2 with
 * num_threads 2 (ratio against its one-thread row) and with a 1 GB heap (-Xmx1g: it must complete); last, the same
 * num_threads 2 against 1 in one warmed-up JVM ({@link WarmThreads}, as on a Spark executor).
 * Usage: CommandBenchmark [--no-psi4] [--only SUBSTRING] [--repeat N]; run with submit-scripts/bench-engine.
 */
public final class CommandBenchmark {
    /** The first four waters of shared/inputs/water16-conformer002.xyz, angstrom. */
    static final double[] WATERS_ANGSTROM = {
        -3.907819, -4.170752, 3.453443, -4.322974, -3.501216, 2.974724, -3.126272, -3.742276, 3.835890,
        -3.479767, -1.338075, -1.687071, -3.425770, -1.031531, -0.808126, -2.811748, -0.861264, -2.087279,
        -0.644461, -0.489171, 0.653661, -0.888670, 0.449128, 0.618408, -1.173338, -0.931285, -0.039847,
        -3.866717, -1.393770, 2.068426, -3.727784, -0.448569, 1.816448, -4.780618, -1.470139, 1.942182};
    private static final double BOHR = 0.52917721067;
    private static final String[] NAMES = {"", "monomer", "dimer", "trimer", "tetramer"};

    private record Case(int waters, String method, String basis, Driver driver, Map<String, Object> keywords,
                        String javaOpts, String note) {
        String label() {
            return String.format(Locale.ROOT, "%-8s %-3s %-11s %-8s%s", NAMES[waters], method, basis,
                    driver.schemaName(), note.isEmpty() ? "" : " " + note);
        }
    }

    private record Run(double wall, double cpu, JsonNode result) {
    }

    private CommandBenchmark() {
    }

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
        Path root = Path.of(System.getProperty("qcmb.home", ".")).toAbsolutePath();
        Path launcher = root.resolve("submit-scripts/qcmb");
        List<Case> cases = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            for (String basis : List.of("sto-3g", "6-31g*", "cc-pvdz", "aug-cc-pvdz")) {
                for (Driver d : List.of(Driver.ENERGY, Driver.GRADIENT)) {
                    cases.add(new Case(n, "hf", basis, d, Map.of(), null, ""));
                }
            }
        }
        for (int n = 1; n <= 4; n++) {
            cases.add(new Case(n, "mp2", "aug-cc-pvdz", Driver.ENERGY, Map.of(), null, ""));
        }
        cases.add(new Case(4, "hf", "aug-cc-pvdz", Driver.ENERGY, Map.of(), null, ""));
        cases.add(new Case(3, "mp2", "aug-cc-pvdz", Driver.GRADIENT, Map.of(), null, ""));
        cases.add(new Case(4, "mp2", "aug-cc-pvdz", Driver.ENERGY, Map.of("num_threads", 2), null,
                "num_threads 2"));
        cases.add(new Case(4, "mp2", "aug-cc-pvdz", Driver.ENERGY, Map.of(), "-Xmx1g", "heap 1 GB"));

        Path dir = Files.createTempDirectory("bench-engine");
        System.out.printf(Locale.ROOT, "# %s; load average at start %s; builtin: %s compute (fresh JVM each run), "
                + "psi4: psi4 --json -n 1; best of %d%n", java.time.LocalDateTime.now().withNano(0), load(), launcher,
                repeat);
        System.out.printf(Locale.ROOT, "%-45s %4s %9s %9s %7s %9s %9s %9s %9s%n", "case", "nbf", "builtin_s",
                "psi4_s", "ratio", "b_cpu_s", "p_cpu_s", "|dE|", "max|dG|");
        Map<String, Double> oneThread = new HashMap<>();
        for (Case c : cases) {
            if (only != null && !c.label().contains(only)) {
                continue;
            }
            AtomicInput in = new AtomicInput(waters(c.waters()), c.driver(), new Model(c.method(), c.basis()),
                    c.keywords(), List.of());
            ObjectNode json = AtomicCodec.writeInput(in);
            String stem = (NAMES[c.waters()] + "-" + c.method() + "-" + c.basis() + "-" + c.driver().schemaName() + "-"
                    + c.note()).replaceAll("[^A-Za-z0-9.-]", "_");
            File inFile = dir.resolve(stem + ".json").toFile();
            Run b = null;
            for (int r = 0; r < repeat; r++) {
                QcJson.mapper().writeValue(inFile, json);
                Run x = timed(dir, c.javaOpts(), launcher.toString(), "compute", inFile.getPath(), "--output",
                        dir.resolve(stem + ".out.json").toString());
                if (b == null || x.wall() < b.wall()) {
                    b = new Run(x.wall(), x.cpu(), QcJson.mapper().readTree(dir.resolve(stem + ".out.json")
                            .toFile()));
                }
            }
            if (!b.result().path("success").asBoolean()) {
                System.out.println(c.label() + " builtin failed: " + b.result().path("error"));
                continue;
            }
            String key = c.waters() + c.method() + c.basis() + c.driver();
            Run p = null;
            if (c.note().isEmpty()) {
                oneThread.put(key, b.wall());
                if (psi4) {
                    for (int r = 0; r < repeat; r++) {
                        QcJson.mapper().writeValue(inFile, json); // psi4 --json overwrites its input
                        Run x = timed(dir, null, "psi4", "--json", inFile.getPath(), "-n", "1");
                        JsonNode out = QcJson.mapper().readTree(inFile);
                        if (p == null || x.wall() < p.wall()) {
                            p = new Run(x.wall(), x.cpu(), out);
                        }
                    }
                }
            }
            double de = Double.NaN, dg = Double.NaN, ratio = Double.NaN, pw = Double.NaN, pc = Double.NaN;
            if (p != null && p.result().path("success").asBoolean()) {
                pw = p.wall();
                pc = p.cpu();
                ratio = b.wall() / p.wall();
                de = Math.abs(p.result().path("properties").path("return_energy").asDouble()
                        - b.result().path("properties").path("return_energy").asDouble());
                if (c.driver() == Driver.GRADIENT) {
                    dg = maxDiff(p.result().path("return_result"), b.result().path("return_result"));
                }
            } else if (c.note().startsWith("num_threads") && oneThread.containsKey(key)) {
                ratio = b.wall() / oneThread.get(key); // against the one-thread builtin run
            }
            System.out.printf(Locale.ROOT, "%-45s %4d %9.2f %9.2f %7.2f %9.2f %9.2f %9.1e %9.1e%n", c.label(),
                    b.result().path("properties").path("calcinfo_nbasis").asInt(), b.wall(), pw, ratio, b.cpu(), pc,
                    de, dg);
        }
        if (only == null || "warm num_threads 2".contains(only)) {
            warmThreads();
        }
        System.out.printf(Locale.ROOT, "# load average at end %s; ratio = builtin / psi4 wall (num_threads 2 row: "
                + "2-thread / 1-thread builtin wall)%n", load());
    }

    /** {@link WarmThreads} in a JVM of its own with the launcher's Vector API module: the executor's view. */
    private static void warmThreads() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx4g", "--add-modules=jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), WarmThreads.class.getName()).redirectErrorStream(true).start();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            if (!line.startsWith("WARNING: Using incubator modules")) {
                System.out.println(line);
            }
        }
        if (p.waitFor() != 0) {
            System.out.println("  warm num_threads run failed (exit " + p.exitValue() + ")");
        }
    }

    /** Runs a command under /usr/bin/time; returns wall and user+sys CPU seconds. */
    private static Run timed(Path dir, String javaOpts, String... cmd) throws Exception {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o",
                dir.resolve("cpu.txt").toString()));
        full.addAll(List.of(cmd));
        ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile());
        if (javaOpts != null) {
            pb.environment().put("QCMB_JAVA_OPTS", javaOpts);
        }
        long t0 = System.nanoTime();
        int rc = pb.start().waitFor();
        double wall = (System.nanoTime() - t0) * 1e-9;
        String[] cpu = Files.readString(dir.resolve("cpu.txt")).trim().split("\\s+");
        double c = Double.parseDouble(cpu[cpu.length - 2]) + Double.parseDouble(cpu[cpu.length - 1]);
        if (rc != 0 && !cmd[0].equals("psi4")) {
            System.out.println("  command failed (" + rc + "): " + Files.readString(dir.resolve("log.txt")).trim());
        }
        return new Run(wall, c, null);
    }

    private static double maxDiff(JsonNode a, JsonNode b) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        flatten(a, x);
        flatten(b, y);
        double m = 0;
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            m = Math.max(m, Math.abs(x.get(i) - y.get(i)));
        }
        return x.size() == y.size() ? m : Double.NaN;
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(e -> flatten(e, out));
        } else if (n.isNumber()) {
            out.add(n.asDouble());
        }
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    /** Waters 1..n of water16-conformer002, bohr. */
    static Molecule waters(int n) {
        List<String> sym = new ArrayList<>();
        double[] g = new double[9 * n];
        for (int i = 0; i < n; i++) {
            sym.addAll(List.of("O", "H", "H"));
        }
        for (int k = 0; k < 9 * n; k++) {
            g[k] = WATERS_ANGSTROM[k] / BOHR;
        }
        return Molecule.of(sym, g, 0, 1);
    }
}
