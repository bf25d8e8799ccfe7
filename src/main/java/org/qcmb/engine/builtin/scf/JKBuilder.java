package org.qcmb.engine.builtin.scf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.qcmb.engine.builtin.integrals.Eri;
import org.qcmb.engine.builtin.integrals.ShellPair;
import org.qcmb.engine.builtin.integrals.ShellQuartets;

/**
 * Coulomb and exchange matrices J_ij = sum (ij|kl) D_kl, K_ik = sum (ij|kl) D_jl over Cartesian functions from
 * the unique (8-fold symmetric) shell quartets. The integrals are kept in memory when they fit the budget
 * (first build computes and stores them), otherwise recomputed on every build (direct SCF). Work is split over
 * threads by bra pair (round robin); each thread keeps its own stored blocks and accumulators.
 */
public final class JKBuilder {
    private static final int CHUNK = 1 << 24;

    private final ShellQuartets quartets;
    private final int threads;
    private final ExecutorService pool;
    private final boolean inCore;
    /** Per thread: stored integral blocks in visiting order, split in chunks of CHUNK doubles. */
    private final List<List<double[]>> stored;
    private boolean filled;
    /** Doubles the stored quartets need: chunks are sized from it (no 128 MB chunk for a 1 MB atom). */
    private final long storedTotal;
    /**
     * Quartets whose cost bin is at least this are stored (semi-direct when the budget holds only part of the
     * integrals); MIN_VALUE: all (in core), MAX_VALUE: none (direct).
     */
    private final int storeBin;
    /** Quartets contributing less than this (Schwarz bound times density) to J or K are skipped. */
    static final double DENSITY_THRESHOLD = 1e-13;
    /** Every RESET-th build is a full (non-incremental) build. */
    static final int RESET = 8;
    private double[] dPrev;
    private double[] jPrev;
    private double[] kPrev;
    private int builds;

    public JKBuilder(ShellQuartets quartets, long memoryBytes, int threads, ExecutorService pool) {
        this.quartets = quartets;
        this.threads = Math.max(1, threads);
        this.pool = pool;
        long all = quartets.storedDoubles();
        this.inCore = all * 8 <= memoryBytes;
        if (inCore) {
            storeBin = Integer.MIN_VALUE;
            storedTotal = all;
        } else {
            long[] bins = new long[BINS];
            forEachQuartet((ij, kl, size, bin) -> bins[bin] += size);
            // keep the quartets that are dearest to compute per stored double, as many as the budget holds
            long budget = memoryBytes / 8, sum = 0;
            int b = BINS;
            while (b > 0 && sum + bins[b - 1] <= budget) {
                sum += bins[--b];
            }
            storeBin = sum == 0 ? Integer.MAX_VALUE : b;
            storedTotal = sum;
        }
        stored = new ArrayList<>();
        for (int t = 0; t < this.threads; t++) {
            stored.add(new ArrayList<>());
        }
    }

    public boolean inCore() {
        return inCore;
    }

    private static final int BINS = 256;

    /** Histogram bin of a quartet's compute cost per integral: 4 bins per factor of two. */
    private static int bin(ShellPair bra, ShellPair ket, int size) {
        double ratio = (double) Eri.cost(bra, ket) / size;
        int b = (int) Math.floor(4 * Math.log(Math.max(ratio, 1)) / Math.log(2));
        return Math.min(b, BINS - 1);
    }

    private interface QuartetVisitor {
        void visit(int ij, int kl, int size, int bin);
    }

    private void forEachQuartet(QuartetVisitor v) {
        for (int ij = 0; ij < quartets.pairCount(); ij++) {
            ShellPair bra = quartets.pair(ij);
            for (int kl = 0; kl <= ij; kl++) {
                if (quartets.significant(ij, kl)) {
                    ShellPair ket = quartets.pair(kl);
                    int size = bra.na * bra.nb * ket.na * ket.nb;
                    v.visit(ij, kl, size, bin(bra, ket, size));
                }
            }
        }
    }

    /**
     * Returns {J, K} for the symmetric Cartesian density d (n x n). After the first build the matrices are
     * updated incrementally from the density change (J(D) = J(D_prev) + J(D - D_prev)), skipping quartets whose
     * contribution bound Q_ij Q_kl max|dD| is below {@link #DENSITY_THRESHOLD}; every {@link #RESET} builds a full
     * build removes accumulated screening error.
     */
    public double[][] build(double[] d) {
        int n = quartets.basis().cartesianCount();
        boolean incremental = dPrev != null && builds % RESET != 0;
        builds++;
        double[] use = d;
        if (incremental) {
            use = new double[n * n];
            for (int i = 0; i < n * n; i++) {
                use[i] = d[i] - dPrev[i];
            }
        }
        double[][] jk = buildFor(use, filled);
        if (incremental) {
            for (int i = 0; i < n * n; i++) {
                jk[0][i] += jPrev[i];
                jk[1][i] += kPrev[i];
            }
        }
        dPrev = d.clone();
        jPrev = jk[0];
        kPrev = jk[1];
        return new double[][] {jk[0].clone(), jk[1].clone()};
    }


    private double[][] buildFor(double[] d, boolean screen) {
        int n = quartets.basis().cartesianCount();
        double[] dmax = screen ? quartets.basis().shellBlockMaxima(d, n) : null;
        double[][][] parts = new double[threads][][];
        if (threads == 1 || pool == null) {
            for (int t = 0; t < threads; t++) {
                parts[t] = work(t, d, n, dmax);
            }
        } else {
            List<Future<double[][]>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int tt = t;
                fs.add(pool.submit(() -> work(tt, d, n, dmax)));
            }
            for (int t = 0; t < threads; t++) {
                try {
                    parts[t] = fs.get(t).get();
                } catch (Exception e) {
                    throw new IllegalStateException("Fock build failed: " + e.getMessage(), e);
                }
            }
        }
        filled = true;
        double[] j = new double[n * n], k = new double[n * n];
        for (int t = 0; t < threads; t++) {
            for (int x = 0; x < n * n; x++) {
                j[x] += parts[t][0][x];
                k[x] += parts[t][1][x];
            }
        }
        double[] js = new double[n * n], ks = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                js[a * n + b] = j[a * n + b] + j[b * n + a];
                ks[a * n + b] = k[a * n + b] + k[b * n + a];
            }
        }
        return new double[][] {js, ks};
    }

    private double[][] work(int thread, double[] d, int n, double[] dmax) {
        int ns = quartets.basis().shellCount();
        double[] j = new double[n * n], k = new double[n * n];
        Eri eri = new Eri();
        List<double[]> store = stored.get(thread);
        int chunk = 0, pos = 0;
        double[] cur = filled && !store.isEmpty() ? store.get(0) : null;
        double[] blk = new double[0];
        var basis = quartets.basis();
        for (int ij = thread; ij < quartets.pairCount(); ij += threads) {
            ShellPair bra = quartets.pair(ij);
            int nab = bra.na * bra.nb;
            int si = quartets.firstShell(ij), sj = quartets.secondShell(ij);
            int oi = basis.cartesianOffset(si), oj = basis.cartesianOffset(sj);
            for (int kl = 0; kl <= ij; kl++) {
                if (!quartets.significant(ij, kl)) {
                    continue;
                }
                ShellPair ket = quartets.pair(kl);
                int ncd = ket.na * ket.nb;
                int size = nab * ncd;
                int sk = quartets.firstShell(kl), sl = quartets.secondShell(kl);
                boolean skip = false;
                if (dmax != null) {
                    double m = Math.max(Math.max(dmax[si * ns + sj], dmax[sk * ns + sl]),
                            Math.max(Math.max(dmax[si * ns + sk], dmax[sj * ns + sl]),
                                    Math.max(dmax[si * ns + sl], dmax[sj * ns + sk])));
                    skip = m * quartets.bound(ij) * quartets.bound(kl) < DENSITY_THRESHOLD;
                }
                boolean keep = storeBin == Integer.MIN_VALUE
                        || (storeBin != Integer.MAX_VALUE && bin(bra, ket, size) >= storeBin);
                boolean replay = keep && filled;
                if (skip) {
                    if (replay) {
                        if (pos + size > cur.length) {
                            cur = store.get(++chunk);
                            pos = 0;
                        }
                        pos += size;
                    }
                    continue;
                }
                double[] src;
                int off;
                if (replay) {
                    if (pos + size > cur.length) {
                        cur = store.get(++chunk);
                        pos = 0;
                    }
                    src = cur;
                    off = pos;
                    pos += size;
                } else {
                    if (blk.length < size) {
                        blk = new double[size];
                    }
                    eri.quartet(bra, ket, blk);
                    src = blk;
                    off = 0;
                    if (keep) {
                        if (cur == null || pos + size > cur.length) {
                            cur = new double[(int) Math.max(size, Math.min(CHUNK, storedTotal / threads + 1024))];
                            store.add(cur);
                            pos = 0;
                        }
                        System.arraycopy(blk, 0, cur, pos, size);
                        pos += size;
                    }
                }
                double f = (si == sj ? 0.5 : 1) * (sk == sl ? 0.5 : 1) * (ij == kl ? 0.5 : 1);
                digest(src, off, f, oi, bra.na, oj, bra.nb, basis.cartesianOffset(sk), ket.na,
                        basis.cartesianOffset(sl), ket.nb, d, j, k, n);
            }
        }
        return new double[][] {j, k};
    }

    /**
     * Adds one block of unique integrals w = f (ij|kl) (f undoes double counting of equal shell indices) for all
     * 8 permutations: J_ij += 2 w D_kl, J_kl += 2 w D_ij, K_ik += w D_jl, K_jk += w D_il, K_il += w D_jk,
     * K_jl += w D_ik; the transposed halves come from symmetrising at the end.
     */
    private static void digest(double[] v, int off, double f, int oi, int ni, int oj, int nj, int ok, int nk, int ol,
                               int nl, double[] d, double[] jm, double[] km, int n) {
        int x = off;
        for (int a = 0; a < ni; a++) {
            int i = oi + a;
            int rowI = i * n;
            for (int b = 0; b < nj; b++) {
                int jj = oj + b;
                int rowJ = jj * n;
                double dij2 = 2 * d[rowI + jj];
                double jij = 0;
                for (int c = 0; c < nk; c++) {
                    int kk = ok + c;
                    int rowK = kk * n;
                    double dik = d[rowI + kk], djk = d[rowJ + kk];
                    double kik = 0, kjk = 0;
                    for (int e = 0; e < nl; e++) {
                        int l = ol + e;
                        double w = f * v[x++];
                        jij += w * d[rowK + l];
                        jm[rowK + l] += w * dij2;
                        kik += w * d[rowJ + l];
                        kjk += w * d[rowI + l];
                        km[rowI + l] += w * djk;
                        km[rowJ + l] += w * dik;
                    }
                    km[rowI + kk] += kik;
                    km[rowJ + kk] += kjk;
                }
                jm[rowI + jj] += 2 * jij;
            }
        }
    }
}
