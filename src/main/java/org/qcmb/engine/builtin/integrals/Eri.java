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

    /** Fills out[(a*nb+b)*ncd + c*nd+d] with the Cartesian integrals of the quartet. */
    public void quartet(ShellPair bra, ShellPair ket, double[] out) {
        int nab = bra.na * bra.nb, ncd = ket.na * ket.nb;
        java.util.Arrays.fill(out, 0, nab * ncd, 0.0);
        contractKet(bra, bra.e, ket, ket.e, (p, nh) -> {
            PairExpansion be = bra.e;
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
        });
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
        contractKet(bra, shape, ket, ket.e, (p, nhh) -> {
            // Z[ab][h] = sum_cd gamma[ab][cd] Gsum[cd][h]
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
                        z[zo + h] += g * gsum[so + h];
                    }
                }
            }
            for (int d = 0; d < 3; d++) {
                grad[d] += contractZ(bra.dA[d], p, nab, nh, lb1);
                grad[3 + d] += contractZ(bra.dB[d], p, nab, nh, lb1);
            }
        });
    }

    private double contractZ(PairExpansion x, int p, int nab, int nh, int lb1) {
        Hermite.Index idx = Hermite.Index.of(lb1);
        int base = p * x.size;
        double s = 0;
        for (int ab = 0; ab < nab; ab++) {
            int zo = ab * nh;
            for (int k = x.start[ab]; k < x.start[ab + 1]; k++) {
                s += x.values[base + k] * z[zo + idx.indexOf(x.t[k], x.u[k], x.v[k])];
            }
        }
        return s;
    }

    /** Called once per bra primitive after gsum[cd*nh + h] holds the ket-contracted Hermite integrals. */
    private interface BraStep {
        void apply(int braPrimitive, int nh);
    }

    /**
     * For each bra primitive p: gsum[cd][h] = sum_q pref_pq sum_{k in cd} sign_k E^q_k R_{h + k}, h over the
     * Hermite triples of order braShape.l, then calls step.
     */
    private void contractKet(ShellPair bra, PairExpansion braShape, ShellPair ket, PairExpansion ke, BraStep step) {
        int lbra = braShape.l;
        int lket = ke.l;
        int lmax = lbra + lket;
        int s = lmax + 1;
        int cube = s * s * s;
        if (r.length < cube) {
            r = new double[cube];
        }
        Hermite.Index bidx = Hermite.Index.of(lbra);
        int nh = bidx.size();
        int ncd = ket.na * ket.nb;
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
        double[] g = gsum;
        double[] rr = r;
        for (int p = 0; p < bra.nprim; p++) {
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
            }
            step.apply(p, nh);
        }
    }
}
