package org.qcmb.engine.builtin.bench;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Two builds of the builtin engine side by side in one JVM: each build (a classes directory or jar) gets its own
 * class loader, and the two alternate call batches on the same thread, so machine load hits both alike. Cases:
 * water monomer, dimer and trimer (the bench-engine geometry) at STO-3G and 6-31G*, HF energy and gradient, plus
 * the MP2 energy of the dimer, with the engine defaults (scf_type pk, e/d_convergence 1e-10/1e-8, as an MBE run
 * uses them). Prints the best CPU time per call of each build, old/new, SCF iterations and the largest energy and
 * gradient differences between the builds.
 * Usage: EngineAbBenchmark OLD_CLASSES NEW_CLASSES DEPENDENCY_CLASSPATH [--only SUBSTRING] [--rounds N]
 * (submit-scripts/bench-engine --against OLD_CLASSES).
 */
public final class EngineAbBenchmark {
    private record Case(int nwater, String basis, String driver, String method) {
        String label() {
            String sys = nwater == 1 ? "monomer" : nwater == 2 ? "dimer" : "trimer";
            return String.format(Locale.ROOT, "%-8s %-7s %-4s %-8s", sys, basis, method, driver);
        }

        /** Calls per batch: about 0.2-1 s of work per batch for the old build. */
        int calls() {
            int c = basis.equals("sto-3g") ? 200 : 40;
            return Math.max(1, c / (nwater * nwater * (driver.equals("gradient") ? 2 : 1)));
        }
    }

    public static void main(String[] args) throws Exception {
        String only = null;
        int rounds = 3;
        for (int i = 3; i < args.length - 1; i++) {
            if (args[i].equals("--only")) {
                only = args[i + 1];
            }
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[i + 1]);
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
                for (String d : List.of("energy", "gradient")) {
                    cases.add(new Case(n, basis, d, "hf"));
                }
            }
            cases.add(new Case(2, basis, "energy", "mp2"));
        }
        final String filter = only;
        cases.removeIf(c -> filter != null && !c.label().contains(filter));
        // warm-up: both builds JIT the same code paths before anything is timed
        for (Case c : cases) {
            oldSide.apply(input(c, Math.max(2, c.calls() / 2)));
            newSide.apply(input(c, Math.max(2, c.calls() / 2)));
        }
        System.out.printf(Locale.ROOT, "%-30s %6s %11s %11s %8s %9s %10s %10s%n", "case", "calls", "old_cpu_s",
                "new_cpu_s", "old/new", "iter o/n", "|dE|", "max|dG|");
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
            double dg = 0;
            for (int i = 3; i < ro.length; i++) {
                dg = Math.max(dg, Math.abs(ro[i] - rn[i]));
            }
            sumOld += bestOld;
            sumNew += bestNew;
            System.out.printf(Locale.ROOT, "%-30s %6d %11.5f %11.5f %8.2f %4d/%-4d %10.1e %10.1e%n", c.label(),
                    c.calls(), bestOld, bestNew, bestOld / bestNew, (int) ro[1], (int) rn[1], Math.abs(ro[2] - rn[2]),
                    ro.length > 3 ? dg : Double.NaN);
        }
        System.out.printf(Locale.ROOT, "%-30s %6s %11.5f %11.5f %8.2f%n", "sum of the rows", "", sumOld, sumNew,
                sumOld / sumNew);
    }

    private static Object[] input(Case c, int calls) {
        return new Object[] {c.nwater(), c.basis(), c.driver(), c.method(), calls};
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
