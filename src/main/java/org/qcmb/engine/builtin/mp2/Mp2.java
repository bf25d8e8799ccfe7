package org.qcmb.engine.builtin.mp2;

import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.Eri;
import org.qcmb.engine.builtin.integrals.ShellPair;
import org.qcmb.engine.builtin.integrals.ShellQuartets;
import org.qcmb.engine.builtin.scf.Matrices;
import org.qcmb.engine.builtin.scf.ScfResult;

/**
 * Conventional closed-shell MP2 on canonical RHF orbitals:
 * E2 = sum_{ijab} (ia|jb) [2 (ia|jb) - (ib|ja)] / (e_i + e_j - e_a - e_b), i,j over active occupied orbitals.
 * (ia|jb) comes from AO integrals recomputed per bra shell pair (shell groups: SP shells as one) and transformed
 * one index at a time, occupied j first (the cheapest order); the j range is split into batches when the
 * half-transformed array exceeds the memory budget.
 */
public final class Mp2 {
    private final ScfResult scf;
    private final int frozen;
    private final long memoryBytes;

    public Mp2(ScfResult scf, int frozenCore, long memoryBytes) {
        this.scf = scf;
        this.frozen = frozenCore;
        this.memoryBytes = memoryBytes;
    }

    /** The MP2 correlation energy. */
    public double correlationEnergy() {
        BasisSet bs = scf.basis();
        int n = bs.cartesianCount();
        int nmo = scf.nmo();
        int nocc = scf.occupied();
        int no = nocc - frozen;
        int nv = nmo - nocc;
        if (no <= 0 || nv <= 0) {
            return 0;
        }
        double[] c = scf.cartesianCoefficients();
        double[] eps = scf.orbitalEnergies();
        // column blocks: active occupied (n x no), virtual (n x nv)
        double[] co = new double[n * no], cv = new double[n * nv];
        for (int m = 0; m < n; m++) {
            for (int i = 0; i < no; i++) {
                co[m * no + i] = c[m * nmo + frozen + i];
            }
            for (int a = 0; a < nv; a++) {
                cv[m * nv + a] = c[m * nmo + nocc + a];
            }
        }
        // W[i][nu][b][j] and (ia|jb) for a batch of nj occupied j: keep both below the budget
        long perJ = 8L * ((long) no * n * nv + (long) no * nv * nv);
        int batch = (int) Math.max(1, Math.min(no, memoryBytes / 2 / Math.max(1, perJ)));
        ShellQuartets quartets = ShellQuartets.grouped(bs);
        double e2 = 0;
        for (int j0 = 0; j0 < no; j0 += batch) {
            int nj = Math.min(batch, no - j0);
            double[] w = halfTransform(quartets, co, cv, n, no, nv, j0, nj);
            e2 += batchEnergy(w, cv, eps, n, no, nv, j0, nj);
        }
        return e2;
    }

    /** W[((i*n + nu)*nv + b)*nj + j] = sum_{mu,lambda,sigma} C_mu,i C_lambda,b C_sigma,j (mu nu|lambda sigma). */
    private double[] halfTransform(ShellQuartets q, double[] co, double[] cv, int n, int no, int nv, int j0, int nj) {
        double[] w = new double[no * n * nv * nj];
        Eri eri = new Eri();
        double[] blk = new double[0];
        for (int ij = 0; ij < q.pairCount(); ij++) {
            ShellPair bra = q.pair(ij);
            int nab = bra.na * bra.nb;
            int om = q.groupOffset(q.firstShell(ij)), on = q.groupOffset(q.secondShell(ij));
            // Y[mn][lambda][j]
            double[] y = new double[nab * n * nj];
            for (int kl = 0; kl < q.pairCount(); kl++) {
                if (!q.significant(ij, kl)) {
                    continue;
                }
                ShellPair ket = q.pair(kl);
                int ncd = ket.na * ket.nb;
                if (blk.length < nab * ncd) {
                    blk = new double[nab * ncd];
                }
                eri.quartet(bra, ket, blk);
                int sr = q.firstShell(kl), ss = q.secondShell(kl);
                int or = q.groupOffset(sr), os = q.groupOffset(ss);
                for (int mn = 0; mn < nab; mn++) {
                    int yb = mn * n * nj;
                    for (int r = 0; r < ket.na; r++) {
                        int lam = or + r;
                        for (int s = 0; s < ket.nb; s++) {
                            int sig = os + s;
                            double v = blk[mn * ncd + r * ket.nb + s];
                            if (v == 0) {
                                continue;
                            }
                            int cs = sig * no + j0, cl = lam * no + j0;
                            int yl = yb + lam * nj, ys = yb + sig * nj;
                            for (int j = 0; j < nj; j++) {
                                y[yl + j] += v * co[cs + j];
                            }
                            if (sr != ss) {
                                for (int j = 0; j < nj; j++) {
                                    y[ys + j] += v * co[cl + j];
                                }
                            }
                        }
                    }
                }
            }
            boolean same = q.firstShell(ij) == q.secondShell(ij);
            double[] z = new double[nv * nj];
            for (int m = 0; m < bra.na; m++) {
                int mu = om + m;
                for (int nn = 0; nn < bra.nb; nn++) {
                    int nu = on + nn;
                    int mn = m * bra.nb + nn;
                    // Z[b][j] = sum_lambda C_lambda,b Y[mn][lambda][j]
                    java.util.Arrays.fill(z, 0);
                    int yb = mn * n * nj;
                    for (int lam = 0; lam < n; lam++) {
                        int yl = yb + lam * nj;
                        for (int b = 0; b < nv; b++) {
                            double cb = cv[lam * nv + b];
                            int zb = b * nj;
                            for (int j = 0; j < nj; j++) {
                                z[zb + j] += cb * y[yl + j];
                            }
                        }
                    }
                    // W[i][nu] += C_mu,i Z ; and the swapped (nu mu) when the shells differ
                    int vj = nv * nj;
                    for (int i = 0; i < no; i++) {
                        double cmi = co[mu * no + i];
                        int wb = (i * n + nu) * vj;
                        for (int x = 0; x < vj; x++) {
                            w[wb + x] += cmi * z[x];
                        }
                        if (!same) {
                            double cni = co[nu * no + i];
                            int wb2 = (i * n + mu) * vj;
                            for (int x = 0; x < vj; x++) {
                                w[wb2 + x] += cni * z[x];
                            }
                        }
                    }
                }
            }
        }
        return w;
    }

    private double batchEnergy(double[] w, double[] cv, double[] eps, int n, int no, int nv, int j0, int nj) {
        int vj = nv * nj;
        int occ0 = frozen;
        int nocc = scf.occupied();
        // iajb[i][a][b][j] = sum_nu C_nu,a W[i][nu][b][j]
        double[] iajb = new double[no * nv * vj];
        for (int i = 0; i < no; i++) {
            double[] wi = java.util.Arrays.copyOfRange(w, i * n * vj, (i + 1) * n * vj);
            double[] r = Matrices.multTransA(cv, n, nv, wi, vj);
            System.arraycopy(r, 0, iajb, i * nv * vj, nv * vj);
        }
        double e = 0;
        for (int i = 0; i < no; i++) {
            double ei = eps[occ0 + i];
            for (int j = 0; j < nj; j++) {
                int jj = j0 + j;
                double ej = eps[occ0 + jj];
                for (int a = 0; a < nv; a++) {
                    double ea = eps[nocc + a];
                    for (int b = 0; b < nv; b++) {
                        double eb = eps[nocc + b];
                        double iajbv = iajb[((i * nv + a) * nv + b) * nj + j];
                        double ibja = iajb[((i * nv + b) * nv + a) * nj + j];
                        e += iajbv * (2 * iajbv - ibja) / (ei + ej - ea - eb);
                    }
                }
            }
        }
        return e;
    }
}
