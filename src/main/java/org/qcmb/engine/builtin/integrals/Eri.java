package org.qcmb.engine.builtin.integrals;

/**
 * Electron repulsion integrals (ab|cd) over Cartesian shell quartets by McMurchie-Davidson:
 * (ab|cd) = 2 pi^{5/2} / (p q sqrt(p+q)) sum_{tuv} E^{ab}_{tuv} sum_{t'u'v'} (-1)^{t'+u'+v'} E^{cd}_{t'u'v'}
 * R_{t+t',u+u',v+v'}. The ket is summed over its primitives first for each bra primitive (Gsum), so the
 * bra contraction runs once per bra primitive. One instance per thread (scratch buffers).
 */
public final class Eri {
    private static final double TWO_PI_POW_2_5 = 2 * Math.pow(Math.PI, 2.5);
    private final HermiteCoulomb coulomb = new HermiteCoulomb();
    private double[] r = new double[64];
    private double[] gsum = new double[64];
    private double[] z = new double[64];
    private int[] braOff = new int[64];
    private int[] ketOff = new int[64];
    private double[] ketSign = new double[64];
    private double[] swap = new double[64];
    private double[] bmat = new double[64];
    private int[] braOff0 = new int[64];

    /**
     * Fills out[(a*nb+b)*ncd + c*nd+d] with the Cartesian integrals of the quartet. The Hermite contraction is
     * run in whichever orientation, (ab|cd) or (cd|ab), costs fewer operations; the result is transposed back.
     */
    public void quartet(ShellPair bra, ShellPair ket, double[] out) {
        if (orientedCost(ket, bra) < orientedCost(bra, ket)) {
            int nab = bra.na * bra.nb, ncd = ket.na * ket.nb;
            if (swap.length < nab * ncd) {
                swap = new double[nab * ncd];
            }
            oriented(ket, bra, swap);
            for (int cd = 0; cd < ncd; cd++) {
                for (int ab = 0; ab < nab; ab++) {
                    out[ab * ncd + cd] = swap[cd * nab + ab];
                }
            }
        } else {
            oriented(bra, ket, out);
        }
    }

    /** Operation count of {@link #quartet} (the cheaper orientation). */
    public static long cost(ShellPair bra, ShellPair ket) {
        return Math.min(orientedCost(bra, ket), orientedCost(ket, bra));
    }

    /** Operation count of the ket-first contraction with this bra and ket. */
    private static long orientedCost(ShellPair bra, ShellPair ket) {
        long nh = Hermite.count(bra.la + bra.lb);
        return (long) bra.nprim * ket.nprim * ket.e.size * nh + (long) bra.nprim * bra.e.size * ket.na * ket.nb;
    }

    private void oriented(ShellPair bra, ShellPair ket, double[] out) {
        int nab = bra.na * bra.nb, ncd = ket.na * ket.nb;
        java.util.Arrays.fill(out, 0, nab * ncd, 0.0);
        PairExpansion be = bra.e;
        int lbra = be.l;
        int nh = Hermite.count(lbra);
        prepare(lbra, ket.e, ncd);
        for (int p = 0; p < bra.nprim; p++) {
            ketSum(bra, p, ket, ket.e, lbra + ket.e.l, ncd, nh);
            int base = p * be.size;
            for (int ab = 0; ab < nab; ab++) {
                int o = ab * ncd;
                for (int k = be.start[ab]; k < be.start[ab + 1]; k++) {
                    double ev = be.values[base + k];
                    int h = be.hermite[k];
                    for (int cd = 0; cd < ncd; cd++) {
                        out[o + cd] += ev * gsum[cd * nh + h];
                    }
                }
            }
        }
    }

    /**
     * Adds to grad[0..5] the derivatives sum_{abcd} gamma[(ab)*ncd+cd] d(ab|cd)/dX for X = A_x, A_y, A_z, B_x,
     * B_y, B_z (the bra centres). {@code bra} must have been built with derivatives.
     */
    public void braDerivative(ShellPair bra, ShellPair ket, double[] gamma, double[] grad) {
        int nab = bra.na * bra.nb, ncd = ket.na * ket.nb;
        PairExpansion shape = bra.dA[0];
        int lb1 = shape.l;
        int nh = Hermite.count(lb1);
        if (z.length < nab * nh) {
            z = new double[nab * nh];
        }
        prepare(lb1, ket.e, ncd);
        for (int p = 0; p < bra.nprim; p++) {
            ketSum(bra, p, ket, ket.e, lb1 + ket.e.l, ncd, nh);
            contractGamma(gamma, nab, ncd, nh, gsum);
            for (int d = 0; d < 3; d++) {
                contractZ(bra.dA[d], bra.dB[d], p, nab, nh, grad, d);
            }
        }
    }

    /**
     * Like {@link #braDerivative} and, from the same Hermite integrals, the ket-centre derivative: grad[0..8] +=
     * d/dA, d/dB, d/dC (x, y, z each); d/dD follows by translational invariance. Both pairs need derivatives.
     * The ket term uses B[cd][h] = sum_ab gamma[ab][cd] E^p_ab[h] contracted with the derivative ket expansion.
     */
    public void quartetDerivative(ShellPair bra, ShellPair ket, double[] gamma, double[] grad) {
        int nab = bra.na * bra.nb, ncd = ket.na * ket.nb;
        int lab = bra.e.l;
        int lb1 = bra.dA[0].l;
        int nh = Hermite.count(lb1);
        int nh0 = Hermite.count(lab);
        if (z.length < nab * nh) {
            z = new double[nab * nh];
        }
        if (bmat.length < ncd * nh0) {
            bmat = new double[ncd * nh0];
        }
        int lmax = lb1 + ket.e.l;
        prepare(lb1, ket.e, ncd);
        int s = lmax + 1;
        Hermite.Index i0 = Hermite.Index.of(lab);
        if (braOff0.length < nh0) {
            braOff0 = new int[nh0];
        }
        for (int h = 0; h < nh0; h++) {
            braOff0[h] = (i0.t[h] * s + i0.u[h]) * s + i0.v[h];
        }
        PairExpansion be = bra.e;
        PairExpansion ke = ket.e;
        double[] g = gsum;
        double[] rr = r;
        for (int p = 0; p < bra.nprim; p++) {
            // B[cd][h] = sum_ab gamma[ab][cd] E^p_ab[h]
            java.util.Arrays.fill(bmat, 0, ncd * nh0, 0.0);
            int bb = p * be.size;
            for (int ab = 0; ab < nab; ab++) {
                for (int k = be.start[ab]; k < be.start[ab + 1]; k++) {
                    double ev = be.values[bb + k];
                    int h = be.hermite[k];
                    int go = ab * ncd;
                    for (int cd = 0; cd < ncd; cd++) {
                        bmat[cd * nh0 + h] += ev * gamma[go + cd];
                    }
                }
            }
            double pe = bra.p[p];
            java.util.Arrays.fill(g, 0, ncd * nh, 0.0);
            for (int q = 0; q < ket.nprim; q++) {
                double qe = ket.p[q];
                double sum = pe + qe;
                double alpha = pe * qe / sum;
                double pref = TWO_PI_POW_2_5 / (pe * qe * Math.sqrt(sum)) * bra.pref[p] * ket.pref[q];
                coulomb.compute(lmax, alpha, bra.px[p] - ket.px[q], bra.py[p] - ket.py[q], bra.pz[p] - ket.pz[q],
                        pref, rr);
                int kb = q * ke.size;
                for (int cd = 0; cd < ncd; cd++) {
                    int go = cd * nh;
                    for (int k = ke.start[cd]; k < ke.start[cd + 1]; k++) {
                        double w = ketSign[k] * ke.values[kb + k];
                        int off = ketOff[k];
                        for (int h = 0; h < nh; h++) {
                            g[go + h] += w * rr[braOff[h] + off];
                        }
                    }
                }
                for (int d = 0; d < 3; d++) {
                    PairExpansion kd = ket.dA[d];
                    int kdb = q * kd.size;
                    double[] ks = kd.sign;
                    int[] kt = kd.t, ku = kd.u, kv = kd.v;
                    double acc = 0;
                    for (int cd = 0; cd < ncd; cd++) {
                        int bo = cd * nh0;
                        for (int k = kd.start[cd]; k < kd.start[cd + 1]; k++) {
                            double w = ks[k] * kd.values[kdb + k];
                            if (w == 0) {
                                continue;
                            }
                            int off = (kt[k] * s + ku[k]) * s + kv[k];
                            double t = 0;
                            for (int h = 0; h < nh0; h++) {
                                t += bmat[bo + h] * rr[braOff0[h] + off];
                            }
                            acc += w * t;
                        }
                    }
                    grad[6 + d] += acc;
                }
            }
            contractGamma(gamma, nab, ncd, nh, g);
            for (int d = 0; d < 3; d++) {
                contractZ(bra.dA[d], bra.dB[d], p, nab, nh, grad, d);
            }
        }
    }

    /** Operation count of {@link #quartetDerivative} with this orientation. */
    public static long derivativeCost(ShellPair bra, ShellPair ket) {
        long nh1 = Hermite.count(bra.la + bra.lb + 1), nh0 = Hermite.count(bra.la + bra.lb);
        long ncd = (long) ket.na * ket.nb, nab = (long) bra.na * bra.nb;
        long kd = ket.dA[0].size + ket.dA[1].size + ket.dA[2].size;
        return (long) bra.nprim * ket.nprim * (ket.e.size * nh1 + kd * nh0 + 4L * Hermite.count(bra.la + bra.lb
                + ket.la + ket.lb + 1)) + (long) bra.nprim * (bra.e.size * ncd + nab * ncd * nh1 + 6L * bra.dA[0].size);
    }

    /** grad[d] += sum dA Z, grad[3+d] += sum dB Z: dA and dB share one structure, so one sweep serves both. */
    private void contractZ(PairExpansion xa, PairExpansion xb, int p, int nab, int nh, double[] grad, int d) {
        int base = p * xa.size;
        double sa = 0, sb = 0;
        double[] va = xa.values, vb = xb.values;
        int[] herm = xa.hermite;
        for (int ab = 0; ab < nab; ab++) {
            int zo = ab * nh;
            for (int k = xa.start[ab]; k < xa.start[ab + 1]; k++) {
                double zz = z[zo + herm[k]];
                sa += va[base + k] * zz;
                sb += vb[base + k] * zz;
            }
        }
        grad[d] += sa;
        grad[3 + d] += sb;
    }

    /** Sets up the cube offsets of the bra Hermite triples (order lbra) and of the ket entries, and buffers. */
    private void prepare(int lbra, PairExpansion ke, int ncd) {
        int lmax = lbra + ke.l;
        int s = lmax + 1;
        int cube = s * s * s;
        if (r.length < cube) {
            r = new double[cube];
        }
        Hermite.Index bidx = Hermite.Index.of(lbra);
        int nh = bidx.size();
        if (gsum.length < ncd * nh) {
            gsum = new double[ncd * nh];
        }
        if (braOff.length < nh) {
            braOff = new int[nh];
        }
        for (int h = 0; h < nh; h++) {
            braOff[h] = (bidx.t[h] * s + bidx.u[h]) * s + bidx.v[h];
        }
        if (ketOff.length < ke.size) {
            ketOff = new int[ke.size];
            ketSign = new double[ke.size];
        }
        for (int k = 0; k < ke.size; k++) {
            ketOff[k] = (ke.t[k] * s + ke.u[k]) * s + ke.v[k];
            ketSign[k] = ((ke.t[k] + ke.u[k] + ke.v[k]) & 1) == 0 ? 1 : -1;
        }
    }

    /**
     * gsum[cd][h] = sum_q pref_pq sum_{k in cd} sign_k E^q_k R_{h + k} for bra primitive p, h over the Hermite
     * triples of the bra order used in {@link #prepare}.
     */
    private void ketSum(ShellPair bra, int p, ShellPair ket, PairExpansion ke, int lmax, int ncd, int nh) {
        double[] g = gsum;
        double[] rr = r;
        int[] bo = braOff;
        double pe = bra.p[p];
        double ppx = bra.px[p], ppy = bra.py[p], ppz = bra.pz[p], ppref = bra.pref[p];
        java.util.Arrays.fill(g, 0, ncd * nh, 0.0);
        for (int q = 0; q < ket.nprim; q++) {
            double qe = ket.p[q];
            double sum = pe + qe;
            double alpha = pe * qe / sum;
            double pref = TWO_PI_POW_2_5 / (pe * qe * Math.sqrt(sum)) * ppref * ket.pref[q];
            coulomb.compute(lmax, alpha, ppx - ket.px[q], ppy - ket.py[q], ppz - ket.pz[q], pref, rr);
            int kb = q * ke.size;
            if (nh == 1) {
                for (int cd = 0; cd < ncd; cd++) {
                    double acc = 0;
                    for (int k = ke.start[cd]; k < ke.start[cd + 1]; k++) {
                        acc += ketSign[k] * ke.values[kb + k] * rr[ketOff[k]];
                    }
                    g[cd] += acc;
                }
                continue;
            }
            for (int cd = 0; cd < ncd; cd++) {
                int go = cd * nh;
                for (int k = ke.start[cd]; k < ke.start[cd + 1]; k++) {
                    double w = ketSign[k] * ke.values[kb + k];
                    int off = ketOff[k];
                    for (int h = 0; h < nh; h++) {
                        g[go + h] += w * rr[bo[h] + off];
                    }
                }
            }
        }
    }

    /** Z[ab][h] = sum_cd gamma[ab][cd] G[cd][h]: the two-particle density contracted with ket Hermite sums. */
    private void contractGamma(double[] gamma, int nab, int ncd, int nh, double[] gKet) {
        for (int ab = 0; ab < nab; ab++) {
            int zo = ab * nh;
            for (int h = 0; h < nh; h++) {
                z[zo + h] = 0;
            }
            int go = ab * ncd;
            for (int cd = 0; cd < ncd; cd++) {
                double g = gamma[go + cd];
                if (g == 0) {
                    continue;
                }
                int so = cd * nh;
                for (int h = 0; h < nh; h++) {
                    z[zo + h] += g * gKet[so + h];
                }
            }
        }
    }
}
