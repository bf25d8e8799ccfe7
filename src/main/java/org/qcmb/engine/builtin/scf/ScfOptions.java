package org.qcmb.engine.builtin.scf;

/** Convergence and resource settings of an SCF (Psi4 keyword names in comments). */
public record ScfOptions(
        double energyConvergence,   // e_convergence
        double densityConvergence,  // d_convergence
        int maxIterations,          // maxiter
        long memoryBytes,           // memory: budget for in-core integrals
        int threads) {              // num_threads

    public static ScfOptions defaults() {
        return new ScfOptions(1e-10, 1e-8, 100, Runtime.getRuntime().maxMemory() / 4, 1);
    }

    public ScfOptions withConvergence(double e, double d) {
        return new ScfOptions(e, d, maxIterations, memoryBytes, threads);
    }
}
