package org.qcmb.engine.builtin.bench;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Two builds of the builtin engine side by side in one JVM: each build (a classes directory or jar) gets its own
 * class loader, and the two alternate call batches on the same thread, so machine load hits both alike. Cases:
 * water monomer, dimer and trimer (the bench-engine geometry) at STO-3G and 6-31G*, HF energy and gradient, the
 * MP2 energy of the dimer, and with --water16 XYZ a sample of the trimers of a 16-water MBE3 (every 20th of the
 * 560, HF/6-31G* energies), all with the engine defaults (scf_type pk, e/d_convergence 1e-10/1e-8, as an MBE run
 * uses them). Prints the best CPU time per call of each build, old/new, SCF iterations and the largest energy and
 * gradient differences between the builds.
 * Usage: EngineAbBenchmark OLD_CLASSES NEW_CLASSES DEPENDENCY_CLASSPATH [--only SUBSTRING] [--rounds N]
 * [--water16 XYZ] (submit-scripts/bench-engine --against OLD_CLASSES).
 */
public final class EngineAbBenchmark {
    private static final double BOHR_PER_ANGSTROM = 1 / 0.52917721067;

    private record Case(String system, double[][] geometries, String basis, String driver, String method) {
        String label() {
            return String.format(Locale.ROOT, "%-10s %-7s %-4s %-8s", system, basis, method, driver);
        }

        /** Calls per batch: about 0.2-1 s of work per batch for the old build. */
        int calls() {
            int atoms = 0;
            for (double[] g : geometries) {
                atoms += g.length / 3;
            }
            int waters = Math.max(1, atoms / 3 / geometries.length);
            int c = basis.equals("sto-3g") ? 200 : 40;
            return Math.max(1, c / (waters * waters * geometries.length * (driver.equals("gradient") ? 2 : 1)));
        }
    }

    public static void main(String[] args) throws Exception {
        String only = null, water16 = null;
        int rounds = 3;
        for (int i = 3; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--only" -> only = args[i + 1];
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--water16" -> water16 = args[i + 1];
                default -> { }
            }
        }
        URL bench = AbSide.class.getProtectionDomain().getCodeSource().getLocation();
        List<URL> deps = new ArrayList<>();
        for (String p : args[2].split(File.pathSeparator)) {
            if (!p.isBlank()) {
                deps.add(new File(p).toURI().toURL());
            }
        }
        Function<Object[], double[]> oldSide = side(args[0], bench, deps);
        Function<Object[], double[]> newSide = side(args[1], bench, deps);
        List<Case> cases = new ArrayList<>();
        for (String basis : List.of("sto-3g", "6-31g*")) {
            for (int n = 1; n <= 3; n++) {
                String sys = n == 1 ? "monomer" : n == 2 ? "dimer" : "trimer";
                double[][] g = {Arrays.copyOf(EngineBenchmark.TRIMER, 9 * n)};
                for (String d : List.of("energy", "gradient")) {
                    cases.add(new Case(sys, g, basis, d, "hf"));
                }
            }
            cases.add(new Case("dimer", new double[][] {Arrays.copyOf(EngineBenchmark.TRIMER, 18)}, basis, "energy",
                    "mp2"));
        }
        if (water16 != null) {
            cases.add(new Case("w16-3mers", water16Trimers(Path.of(water16), 20), "6-31g*", "energy", "hf"));
        }
        final String filter = only;
        cases.removeIf(c -> filter != null && !c.label().contains(filter));
        // warm-up: both builds JIT the same code paths before anything is timed
        for (Case c : cases) {
            oldSide.apply(input(c, Math.max(2, c.calls() / 2)));
            newSide.apply(input(c, Math.max(2, c.calls() / 2)));
        }
        System.out.printf(Locale.ROOT, "%-32s %6s %11s %11s %8s %11s %10s %10s%n", "case", "calls", "old_cpu_s",
                "new_cpu_s", "old/new", "iter o/n", "max|dE|", "max|dG|");
        double sumOld = 0, sumNew = 0;
        for (Case c : cases) {
            double bestOld = Double.MAX_VALUE, bestNew = Double.MAX_VALUE;
            double[] ro = null, rn = null;
            for (int r = 0; r < rounds; r++) {
                ro = oldSide.apply(input(c, c.calls()));
                rn = newSide.apply(input(c, c.calls()));
                bestOld = Math.min(bestOld, ro[0]);
                bestNew = Math.min(bestNew, rn[0]);
            }
            int m = (int) ro[2];
            double de = 0, dg = 0;
            for (int i = 3; i < ro.length; i++) {
                double d = Math.abs(ro[i] - rn[i]);
                if (i < 3 + m) {
                    de = Math.max(de, d);
                } else {
                    dg = Math.max(dg, d);
                }
            }
            sumOld += bestOld;
            sumNew += bestNew;
            System.out.printf(Locale.ROOT, "%-32s %6d %11.5f %11.5f %8.2f %5d/%-5d %10.1e %10.1e%n", c.label(),
                    c.calls(), bestOld, bestNew, bestOld / bestNew, (int) ro[1], (int) rn[1], de,
                    ro.length > 3 + m ? dg : Double.NaN);
        }
        System.out.printf(Locale.ROOT, "%-32s %6s %11.5f %11.5f %8.2f%n", "sum of the rows", "", sumOld, sumNew,
                sumOld / sumNew);
    }

    /** Every stride-th trimer (i < j < k, lexicographic) of a water cluster XYZ (angstrom, O H H per water). */
    static double[][] water16Trimers(Path xyz, int stride) throws Exception {
        List<String> lines = Files.readAllLines(xyz);
        List<double[]> atoms = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] t = line.trim().split("\\s+");
            if (t.length == 4 && t[0].matches("[A-Za-z]+")) {
                atoms.add(new double[] {Double.parseDouble(t[1]) * BOHR_PER_ANGSTROM,
                    Double.parseDouble(t[2]) * BOHR_PER_ANGSTROM, Double.parseDouble(t[3]) * BOHR_PER_ANGSTROM});
            }
        }
        int nw = atoms.size() / 3;
        List<double[]> out = new ArrayList<>();
        int k = 0;
        for (int a = 0; a < nw; a++) {
            for (int b = a + 1; b < nw; b++) {
                for (int c = b + 1; c < nw; c++) {
                    if (k++ % stride != 0) {
                        continue;
                    }
                    double[] g = new double[27];
                    int o = 0;
                    for (int w : new int[] {a, b, c}) {
                        for (int at = 0; at < 3; at++) {
                            System.arraycopy(atoms.get(3 * w + at), 0, g, o, 3);
                            o += 3;
                        }
                    }
                    out.add(g);
                }
            }
        }
        return out.toArray(double[][]::new);
    }

    private static Object[] input(Case c, int calls) {
        return new Object[] {c.geometries(), c.basis(), c.driver(), c.method(), calls};
    }

    @SuppressWarnings("unchecked")
    private static Function<Object[], double[]> side(String classes, URL bench, List<URL> deps) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(new File(classes).toURI().toURL()); // first: this build's engine classes win over the bench's
        urls.add(bench);
        urls.addAll(deps);
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return (Function<Object[], double[]>) loader.loadClass(AbSide.class.getName()).getConstructor().newInstance();
    }

    private EngineAbBenchmark() {
    }
}
