package org.qcmb.engine.builtin.bench;

import java.util.List;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.gradient.RhfGradient;
import org.qcmb.engine.builtin.integrals.Charges;
import org.qcmb.engine.builtin.integrals.ShellQuartets;
import org.qcmb.engine.builtin.scf.JKBuilder;
import org.qcmb.engine.builtin.scf.RhfSolver;
import org.qcmb.engine.builtin.scf.ScfOptions;
import org.qcmb.engine.builtin.scf.ScfResult;
import org.qcmb.molecule.Molecule;

/** Times the phases of one calculation (developer tool): PhaseProfile NWATERS BASIS. */
public final class PhaseProfile {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        String basis = args[1];
        Molecule m = EngineBenchmark.water(n);
        for (int rep = 0; rep < Integer.parseInt(args.length > 2 ? args[2] : "2"); rep++) {
            long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            BasisSet bs = BasisSet.of(m, basis, null);
            ShellQuartets q = new ShellQuartets(bs, false);
            long t1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            JKBuilder jk = new JKBuilder(q, Long.MAX_VALUE, 1, null);
            double[] d = new double[bs.cartesianCount() * bs.cartesianCount()];
            jk.build(d);
            long t2 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            jk.build(d);
            long t3 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            ScfResult r = new RhfSolver(bs, Charges.of(m, List.of()), m.electronCount(),
                    ScfOptions.defaults().withConvergence(1e-8, 1e-8), null).solve();
            long t4 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            new RhfGradient(r, m.atomCount(), 1, null).compute();
            long t5 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            System.out.printf("pairs %.3f  eri+store %.3f  replay %.3f  scf %.3f (%d it, stored %d MB)  grad %.3f%n",
                    (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, (t3 - t2) * 1e-9, (t4 - t3) * 1e-9, r.iterations(),
                    q.storedDoubles() * 8 / 1000000, (t5 - t4) * 1e-9);
        }
    }
}
