package org.qcmb.bench;

import java.nio.file.Path;

/**
 * What every benchmark category may use: the suite's settings, the machine's cores, and the shared workloads
 * (warmed up once): ms-scale (HF/STO-3G), s-scale (HF/cc-pVDZ, or 6-31G* with --quick) and the SYNTHETIC
 * 100 ms-per-task engine.
 */
record BenchContext(boolean quick, boolean withCluster, Path home, int cores, Workload ms, Workload sec,
        Workload synthetic) {
}
