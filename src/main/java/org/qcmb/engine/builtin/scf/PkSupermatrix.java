package org.qcmb.engine.builtin.scf;

import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.Eri;
import org.qcmb.engine.builtin.integrals.ShellPair;
import org.qcmb.engine.builtin.integrals.ShellQuartets;

/**
 * The closed-shell two-electron matrix G = 2J - K (J, K as {@link JKBuilder} defines them) as one symmetric matrix
 * over pairs of Cartesian functions, Raffenetti's "PK supermatrix": G_p = sum_q S_pq D'_q for pairs p = (mu nu),
 * q = (lambda sigma), mu >= nu, with S_pq = 2 (mu nu|lambda sigma) - (mu lambda|nu sigma)/2 - (mu sigma|nu lambda)/2
 * and D'_q = D_q, doubled off the diagonal. S is built once from the unique shell quartets; a Fock build is then
 * one pass over its packed triangle, instead of a sweep over stored quartets with six scattered J and K updates per
 * integral. It takes about as much memory as storing the integrals (n^4/8 doubles). Works over shell groups
 * ({@link ShellQuartets#grouped}) as well as shells. Not thread-safe.
 */
final class PkSupermatrix {
    private final int n;
    private final int pairs;
    /** Packed lower triangle: S_pq at tri[p] + q, q <= p. */
    private final double[] s;
    private final int[] tri;

    /** Doubles the supermatrix of a basis with n Cartesian functions takes. */
    static long doubles(int n) {
        long np = (long) n * (n + 1) / 2;
        return np * (np + 1) / 2;
    }

    PkSupermatrix(ShellQuartets quartets) {
        BasisSet basis = quartets.basis();
        n = basis.cartesianCount();
        pairs = n * (n + 1) / 2;
        s = new double[(int) doubles(n)];
        tri = new int[pairs];
        for (int p = 0; p < pairs; p++) {
            tri[p] = (int) ((long) p * (p + 1) / 2);
        }
        Eri eri = new Eri();
        double[] blk = new double[0];
        for (int ij = 0; ij < quartets.pairCount(); ij++) {
            ShellPair bra = quartets.pair(ij);
            int si = quartets.firstShell(ij), sj = quartets.secondShell(ij);
            int oi = quartets.groupOffset(si), oj = quartets.groupOffset(sj);
            for (int kl = 0; kl <= ij; kl++) {
                if (!quartets.significant(ij, kl)) {
                    continue;
                }
                ShellPair ket = quartets.pair(kl);
                int size = bra.na * bra.nb * ket.na * ket.nb;
                if (blk.length < size) {
                    blk = new double[size];
                }
                eri.quartet(bra, ket, blk);
                int sk = quartets.firstShell(kl), sl = quartets.secondShell(kl);
                double f = (si == sj ? 0.5 : 1) * (sk == sl ? 0.5 : 1) * (ij == kl ? 0.5 : 1);
                add(blk, f, oi, bra.na, oj, bra.nb, quartets.groupOffset(sk), ket.na, quartets.groupOffset(sl),
                        ket.nb);
            }
        }
        // off the diagonal every S_pq arrived twice: from the terms of G_p in D_q and of G_q in D_p
        for (int p = 0; p < pairs; p++) {
            int o = tri[p];
            for (int q = 0; q < p; q++) {
                s[o + q] *= 0.5;
            }
        }
    }

    /**
     * Adds one block of unique integrals w = f (ij|kl) through the terms of JKBuilder's digest (J_ij += 2w D_kl,
     * J_kl += 2w D_ij, K_ik += w D_jl, K_jk += w D_il, K_il += w D_jk, K_jl += w D_ik, then G = 2(J + J^T) -
     * (K + K^T)): a term X_xy += c D_uv adds c (2 if x = y) / (2 if u != v) to the cell of pairs (xy), (uv).
     * The six terms meet in three cells: {ij, kl}, {ik, jl}, {jk, il}.
     */
    private void add(double[] v, double f, int oi, int ni, int oj, int nj, int ok, int nk, int ol, int nl) {
        int[] t = tri;
        int x = 0;
        for (int a = 0; a < ni; a++) {
            int i = oi + a;
            for (int b = 0; b < nj; b++) {
                int j = oj + b;
                int pij = pair(i, j);
                // (2 if the target pair is diagonal) and (1/2 if the density pair is not)
                double hij = i == j ? 2 : 1, oij = i == j ? 1 : 0.5;
                for (int c = 0; c < nk; c++) {
                    int k = ok + c;
                    int pik = pair(i, k), pjk = pair(j, k);
                    double hik = i == k ? 2 : 1, oik = i == k ? 1 : 0.5;
                    double hjk = j == k ? 2 : 1, ojk = j == k ? 1 : 0.5;
                    for (int e = 0; e < nl; e++) {
                        int l = ol + e;
                        double w = f * v[x++];
                        int pkl = pair(k, l), pil = pair(i, l), pjl = pair(j, l);
                        double hkl = k == l ? 2 : 1, okl = k == l ? 1 : 0.5;
                        double hil = i == l ? 2 : 1, oil = i == l ? 1 : 0.5;
                        double hjl = j == l ? 2 : 1, ojl = j == l ? 1 : 0.5;
                        double w4 = 4 * w;
                        s[t[Math.max(pij, pkl)] + Math.min(pij, pkl)] += w4 * (hij * okl + hkl * oij);
                        s[t[Math.max(pik, pjl)] + Math.min(pik, pjl)] -= w * (hik * ojl + hjl * oik);
                        s[t[Math.max(pjk, pil)] + Math.min(pjk, pil)] -= w * (hjk * oil + hil * ojk);
                    }
                }
            }
        }
    }

    private static int pair(int x, int y) {
        return x >= y ? x * (x + 1) / 2 + y : y * (y + 1) / 2 + x;
    }

    /** G = 2J - K (n x n, symmetric) for the symmetric Cartesian density d (half the total density). */
    double[] twoElectron(double[] d) {
        double[] dp = new double[pairs];
        for (int x = 0; x < n; x++) {
            for (int y = 0; y <= x; y++) {
                dp[x * (x + 1) / 2 + y] = x == y ? d[x * n + y] : 2 * d[x * n + y];
            }
        }
        double[] gp = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            int o = tri[p];
            double xp = dp[p], acc = 0;
            for (int q = 0; q < p; q++) {
                double v = s[o + q];
                acc += v * dp[q];
                gp[q] += v * xp;
            }
            gp[p] += acc + s[o + p] * xp;
        }
        double[] g = new double[n * n];
        for (int x = 0; x < n; x++) {
            for (int y = 0; y <= x; y++) {
                double v = gp[x * (x + 1) / 2 + y];
                g[x * n + y] = v;
                g[y * n + x] = v;
            }
        }
        return g;
    }
}
