package org.qcmb.engine.builtin.df;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.Charges;
import org.qcmb.engine.builtin.scf.RhfSolver;
import org.qcmb.engine.builtin.scf.ScfOptions;
import org.qcmb.engine.builtin.scf.ScfResult;
import org.qcmb.molecule.Molecule;

/**
 * Main-thread CPU time of each phase of a DF-MP2 energy (fitting-basis choice, 3-index integrals, metric, fitting, SCF,
 * MP2), for the first N waters of an XYZ file (angstrom), aug-cc-pVDZ, repeated to separate JIT warm-up.
 * Usage: DfPhaseProfile XYZ N [REPEATS] [THREADS]. A development aid; the benchmark is bench-engine.
 */
public final class DfPhaseProfile {
    private DfPhaseProfile() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        int nw = Integer.parseInt(args[1]);
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        List<String> sym = new ArrayList<>();
        List<Double> xyz = new ArrayList<>();
        for (String l : lines.subList(2, lines.size())) {
            String[] t = l.trim().split("\\s+");
            if (t.length < 4 || sym.size() >= 3 * nw) {
                continue;
            }
            sym.add(t[0]);
            for (int k = 1; k < 4; k++) {
                xyz.add(Double.parseDouble(t[k]) / 0.52917721067);
            }
        }
        double[] g = xyz.stream().mapToDouble(Double::doubleValue).toArray();
        Molecule mol = Molecule.of(sym, g, 0, 1);
        java.util.concurrent.ExecutorService pool = threads > 1
                ? java.util.concurrent.Executors.newFixedThreadPool(threads) : null;
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < reps; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = mx.getCurrentThreadCpuTime();
            BasisSet bs = BasisSet.of(mol, "aug-cc-pvdz", null);
            FittingBasis jk = FittingBasis.choose(mol, "aug-cc-pvdz", FittingBasis.Role.JKFIT, null, null, true);
            FittingBasis ri = FittingBasis.choose(mol, "aug-cc-pvdz", FittingBasis.Role.RIFIT, null, null, true);
            long t1 = mx.getCurrentThreadCpuTime();
            double[] a = ThreeCentre.integrals(jk.basis(), bs, threads, pool);
            long t2 = mx.getCurrentThreadCpuTime();
            CoulombMetric m = CoulombMetric.of(jk.basis());
            long t3 = mx.getCurrentThreadCpuTime();
            int n = bs.functionCount();
            m.fit(a, n * (n + 1) / 2, threads, pool);
            long t4 = mx.getCurrentThreadCpuTime();
            DfFock fock = new DfFock(DfTensor.expand(jk.basis(), n, a, m, threads, pool), threads, pool);
            long[] inFock = new long[1];
            org.qcmb.engine.builtin.scf.FockBuilder timed = (dd, orbs, nmo, nocc) -> {
                long f0 = mx.getCurrentThreadCpuTime();
                double[] gm = fock.twoElectron(dd, orbs, nmo, nocc);
                inFock[0] += mx.getCurrentThreadCpuTime() - f0;
                return gm;
            };
            ScfResult scf = new RhfSolver(bs, Charges.of(mol, List.of()), mol.electronCount(),
                    new ScfOptions(1e-10, 1e-8, 100, 1L << 30, threads), pool).fockBuilder(timed).solve();
            long t5 = mx.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "  scf: %.3f s in J/K builds%n", inFock[0] * 1e-9);
            double e2 = new DfMp2(scf, ri.basis(), 0, threads, pool).correlationEnergy();
            long t6 = mx.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "rep %d nbf %d naux %d/%d: bases %.3f  3c-ints %.3f  metric %.3f  fit %.3f  "
                    + "scf %.3f (%d it)  mp2 %.3f  total %.3f  E=%.10f%n", r, n, jk.size(), ri.size(),
                    (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, (t3 - t2) * 1e-9, (t4 - t3) * 1e-9, (t5 - t4) * 1e-9,
                    scf.iterations(), (t6 - t5) * 1e-9, (t6 - t0) * 1e-9, scf.energy() + e2);
            System.out.printf(Locale.ROOT, "  main-thread CPU %.3f s%n", (mx.getCurrentThreadCpuTime() - c0) * 1e-9);
            long r0 = mx.getCurrentThreadCpuTime();
            ThreeCentre.integrals(ri.basis(), bs, threads, pool);
            long r1 = mx.getCurrentThreadCpuTime();
            CoulombMetric.of(ri.basis());
            long r2 = mx.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "  (within mp2: RI 3c-ints %.3f, RI metric %.3f)%n", (r1 - r0) * 1e-9,
                    (r2 - r1) * 1e-9);
        }
        if (pool != null) {
            pool.shutdown();
        }
    }
}
