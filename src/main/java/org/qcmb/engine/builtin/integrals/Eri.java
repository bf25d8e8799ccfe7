package org.qcmb.engine.builtin.integrals;

/**
 * Electron repulsion integrals (ab|cd) over Cartesian shell quartets by McMurchie-Davidson:
 * (ab|cd) = 2 pi^{5/2} / (p q sqrt(p+q)) sum_{tuv} E^{ab}_{tuv} sum_{t'u'v'} (-1)^{t'+u'+v'} E^{cd}_{t'u'v'}
 * R_{t+t',u+u',v+v'}. The ket is summed over its primitives first for each bra primitive (Gsum), so the
 * bra contraction runs once per bra primitive. One instance per thread (scratch buffers).
 */
public final class Eri {
    private static final double TWO_PI_POW_2_5 = 2 * Math.pow(Math.PI, 2.5);
    private double[] r = new double[64];
    private double[] gsum = new double[64];
    private double[] z = new double[64];
    private int[] braOff = new int[64];
    private int[] ketOff = new int[64];
    private double[] ketSign = new double[64];
    private double[] swap = new double[64];
    private int[] tightAB = new int[16];
    private int[] tightBA = new int[16];
    private double[] termX = new double[0];
    private double[] termY = new double[0];
    private double[] termZ = new double[0];
    private double[] termT = new double[0];
    private double[] termPref = new double[0];
    private double[] termM2a = new double[0];
    private double[] base = new double[0];
    private double[] gsumT = new double[0];
    private double[] bmat = new double[64];
    private int[] braOff0 = new int[64];

    /**
     * Fills out[(a*nb+b)*ncd + c*nd+d] with the Cartesian integrals of the quartet. The Hermite contraction is
     * run in whichever orientation, (ab|cd) or (cd|ab), costs fewer operations; the result is transposed back.
     */
    public void quartet(ShellPair bra, ShellPair ket, double[] out) {
        int most = Math.max(bra.nprim, ket.nprim);
        if (tightAB.length < most) {
            tightAB = new int[most];
            tightBA = new int[most];
        }
        // a single s-s component pair (not a group of s shells) on one side: its ket sums in registers
        boolean braS = bra.e.l == 0 && bra.na * bra.nb == 1, ketS = ket.e.l == 0 && ket.na * ket.nb == 1;
        if ((braS && (ket.e.l == 1 || ket.e.l == 2)) || (ketS && (bra.e.l == 1 || bra.e.l == 2))) {
            // the s-s pair as the ket; a 1 x n block reads the same either way round
            ShellPair other = ketS ? bra : ket, ss = ketS ? ket : bra;
            plannedCost(other, ss, tightAB);
            if (other.e.l == 1) {
                psss(other, ss, tightAB, out);
            } else {
                dsss(other, ss, tightAB, out);
            }
            return;
        }
        long direct = plannedCost(bra, ket, tightAB);
        long swapped = plannedCost(ket, bra, tightBA);
        if (swapped < direct) {
            int nab = bra.na * bra.nb, ncd = ket.na * ket.nb;
            if (swap.length < nab * ncd) {
                swap = new double[nab * ncd];
            }
            contract(ket, bra, tightBA, swap);
            for (int cd = 0; cd < ncd; cd++) {
                for (int ab = 0; ab < nab; ab++) {
                    out[ab * ncd + cd] = swap[cd * nab + ab];
                }
            }
        } else {
            contract(bra, ket, tightAB, out);
        }
    }

    /** Operation count of {@link #quartet} (the cheaper orientation), without the far-field collapse. */
    public static long cost(ShellPair bra, ShellPair ket) {
        return Math.min(orientedCost(bra, ket), orientedCost(ket, bra));
    }

    /** Operation count of the ket-first contraction with this bra and ket. */
    private static long orientedCost(ShellPair bra, ShellPair ket) {
        long nh = Hermite.count(bra.la + bra.lb);
        return (long) bra.nprim * ket.nprim * ket.e.size * nh + (long) bra.nprim * bra.e.size * ket.na * ket.nb;
    }

    /**
     * Operation count of {@link #contract} with this orientation; for a one-centre ket also fills tight[p] with
     * the number of ket primitive pairs (the most compact ones) that bra primitive p meets beyond the Boys
     * function's asymptotic range, where they collapse into one multipole term.
     */
    private static long plannedCost(ShellPair bra, ShellPair ket, int[] tight) {
        int lsum = bra.e.l + ket.e.l;
        long nh = Hermite.count(bra.e.l);
        long perTerm = ket.e.size * nh + HermitePlan.of(lsum).dst.length + 24;
        long terms = (long) bra.nprim * ket.nprim;
        if (ket.oneCentre) {
            terms = 0;
            double tmin = Boys.asymptoticFrom(lsum);
            double cx = ket.a.x(), cy = ket.a.y(), cz = ket.a.z();
            for (int p = 0; p < bra.nprim; p++) {
                double x = bra.px[p] - cx, y = bra.py[p] - cy, z = bra.pz[p] - cz;
                double r2 = x * x + y * y + z * z;
                double pe = bra.p[p];
                // T = alpha r2 >= tmin with alpha = p q / (p+q): q >= p theta / (p - theta), theta = tmin / r2
                double theta = tmin / r2;
                int j = 0;
                if (pe > theta) {
                    double qmin = pe * theta / (pe - theta);
                    while (j < ket.nprim && ket.p[j] >= qmin) {
                        j++;
                    }
                }
                tight[p] = j;
                terms += ket.nprim - j + (j > 0 ? 1 : 0);
            }
        }
        return terms * perTerm + (long) bra.nprim * bra.e.size * ket.na * ket.nb;
    }

    /**
     * (ab|cd) into out[ab*ncd + cd], ket-first: for each bra primitive p, the ket primitives ("terms") give
     * G[cd][h] = sum_q sum_k sign_k E^q_{cd,k} R_{h+k}(p, q) over the bra Hermite functions h, then
     * out[ab][cd] += sum_h E^p_{ab,h} G[cd][h]. With tight[p] > 0 the first tight[p] ket primitive pairs (all at
     * the ket's one centre C, all with T past the asymptotic range) enter as one term: their charge-weighted
     * Hermite sums (ShellPair.multipoles) times the derivatives of 1/|P - C|, which is what the asymptotic Boys
     * function makes of each of them.
     */
    private void contract(ShellPair bra, ShellPair ket, int[] tight, double[] out) {
        int nab = bra.na * bra.nb, ncd = ket.na * ket.nb;
        PairExpansion be = bra.e, ke = ket.e;
        int lsum = be.l + ke.l;
        if (lsum == 0 && nab == 1 && ncd == 1) {
            out[0] = ssss(bra, ket, tight);
            return;
        }
        java.util.Arrays.fill(out, 0, nab * ncd, 0.0);
        int nb1 = lsum + 1;
        int s = lsum + 1;
        HermitePlan plan = HermitePlan.of(lsum);
        int nh = Hermite.count(be.l);
        Hermite.Index bidx = Hermite.Index.of(be.l);
        int ksize = ke.size;
        if (braOff.length < nh) {
            braOff = new int[nh];
        }
        for (int h = 0; h < nh; h++) {
            braOff[h] = (bidx.t[h] * s + bidx.u[h]) * s + bidx.v[h];
        }
        if (ketOff.length < ksize) {
            ketOff = new int[ksize];
            ketSign = new double[ksize];
        }
        for (int k = 0; k < ksize; k++) {
            ketOff[k] = (ke.t[k] * s + ke.u[k]) * s + ke.v[k];
            ketSign[k] = ke.sign[k];
        }
        if (r.length < plan.size) {
            r = new double[plan.size];
        }
        if (gsum.length < ncd * nh) {
            gsum = new double[ncd * nh];
        }
        if (gsumT.length < ncd * nh) {
            gsumT = new double[ncd * nh];
        }
        int nq = ket.nprim;
        if (termX.length < nq + 1) {
            termX = new double[nq + 1];
            termY = new double[nq + 1];
            termZ = new double[nq + 1];
            termT = new double[nq + 1];
            termPref = new double[nq + 1];
            termM2a = new double[nq + 1];
        }
        if (base.length < (nq + 1) * nb1) {
            base = new double[(nq + 1) * nb1];
        }
        double[] g = gsum;
        boolean collapse = ket.oneCentre;
        for (int p = 0; p < bra.nprim; p++) {
            java.util.Arrays.fill(g, 0, ncd * nh, 0.0);
            double pe = bra.p[p];
            double ppx = bra.px[p], ppy = bra.py[p], ppz = bra.pz[p];
            int j0 = collapse ? tight[p] : 0;
            if (j0 > 0) {
                double x = ppx - ket.a.x(), y = ppy - ket.a.y(), z = ppz - ket.a.z();
                double inv2 = 1 / (x * x + y * y + z * z);
                // R^n_000 = charge_p (-1)^n (2n-1)!! / R^{2n+1}: the asymptotic pf (-2 alpha)^n F_n without alpha
                double f = bra.pref[p] * Math.pow(Math.PI / pe, 1.5) * Math.sqrt(inv2);
                for (int n = 0; n <= lsum; n++) {
                    base[n] = f;
                    f *= -(2 * n + 1) * inv2;
                }
                hermite(plan, x, y, z, base, 0);
                addTerm(ket.multipoles, (j0 - 1) * ksize, ncd, nh, ke.start);
            }
            double cb = TWO_PI_POW_2_5 * bra.prefOverP[p];
            int nt = nq - j0;
            for (int i = 0; i < nt; i++) {
                int q = j0 + i;
                double qe = ket.p[q];
                double inv = 1 / (pe + qe);
                double alpha = pe * qe * inv;
                double x = ppx - ket.px[q], y = ppy - ket.py[q], z = ppz - ket.pz[q];
                termX[i] = x;
                termY[i] = y;
                termZ[i] = z;
                termT[i] = alpha * (x * x + y * y + z * z);
                termPref[i] = cb * ket.prefOverP[q] * Math.sqrt(inv);
                termM2a[i] = -2 * alpha;
            }
            for (int i = 0; i < nt; i++) {
                Boys.scaled(lsum, termT[i], termPref[i], termM2a[i], base, i * nb1);
            }
            addTerms(plan, nt, nb1, ke.values, j0 * ksize, ksize, ncd, nh, ke.start);
            braContract(be, p, nab, ncd, nh, out);
        }
    }

    /** Terms 0..nt-1 of one bra primitive (R^n_000 at base[i * nb1 + n], PQ in termX/Y/Z) into G. */
    private void addTerms(HermitePlan plan, int nt, int nb1, double[] values, int off, int ksize, int ncd, int nh,
                          int[] start) {
        for (int i = 0; i < nt; i++) {
            hermite(plan, termX[i], termY[i], termZ[i], base, i * nb1);
            addTerm(values, off + i * ksize, ncd, nh, start);
        }
    }

    /** out[ab][cd] += sum_h E^p_{ab,h} G[cd][h] over G^T, so that the innermost loop runs over contiguous cd. */
    private void braContract(PairExpansion be, int p, int nab, int ncd, int nh, double[] out) {
        double[] g = gsum, gt = gsumT;
        int bb = p * be.size;
        if (ncd <= 4) {
            // few ket components: one dot product per (ab, cd) over the row G[cd], no transpose
            for (int cd = 0; cd < ncd; cd++) {
                int go = cd * nh;
                for (int ab = 0; ab < nab; ab++) {
                    double v = 0;
                    for (int k = be.start[ab]; k < be.start[ab + 1]; k++) {
                        v += be.values[bb + k] * g[go + be.hermite[k]];
                    }
                    out[ab * ncd + cd] += v;
                }
            }
            return;
        }
        for (int cd = 0; cd < ncd; cd++) {
            for (int h = 0; h < nh; h++) {
                gt[h * ncd + cd] = g[cd * nh + h];
            }
        }
        for (int ab = 0; ab < nab; ab++) {
            int o = ab * ncd;
            for (int k = be.start[ab]; k < be.start[ab + 1]; k++) {
                double ev = be.values[bb + k];
                int go = be.hermite[k] * ncd;
                for (int cd = 0; cd < ncd; cd++) {
                    out[o + cd] += ev * gt[go + cd];
                }
            }
        }
    }

    /** {@link #contract} for four s shells: R = R_000 only, so every term is one Boys value. */
    private static double ssss(ShellPair bra, ShellPair ket, int[] tight) {
        double[] kp = ket.p, kx = ket.px, ky = ket.py, kz = ket.pz, kc = ket.prefOverP, kv = ket.e.values;
        double sum = 0;
        for (int p = 0; p < bra.nprim; p++) {
            double pe = bra.p[p];
            double ppx = bra.px[p], ppy = bra.py[p], ppz = bra.pz[p];
            int j0 = ket.oneCentre ? tight[p] : 0;
            double acc = 0;
            if (j0 > 0) {
                double x = ppx - ket.a.x(), y = ppy - ket.a.y(), z = ppz - ket.a.z();
                acc = bra.pref[p] * Math.pow(Math.PI / pe, 1.5) * ket.multipoles[j0 - 1]
                        / Math.sqrt(x * x + y * y + z * z);
            }
            double cb = TWO_PI_POW_2_5 * bra.prefOverP[p];
            double accq = 0;
            for (int q = j0; q < ket.nprim; q++) {
                double qe = kp[q];
                double inv = 1 / (pe + qe);
                double x = ppx - kx[q], y = ppy - ky[q], z = ppz - kz[q];
                double t = pe * qe * inv * (x * x + y * y + z * z);
                accq += kc[q] * kv[q] * Math.sqrt(inv) * Boys.zero(t);
            }
            sum += bra.e.values[p] * (acc + cb * accq);
        }
        return sum;
    }

    /**
     * {@link #contract} for one p shell in the bra pair and s shells in the ket: the ket sums of R_000 and
     * R_100, R_010, R_001 (Hermite order 1: index 0 = 000, 1 = 001, 2 = 010, 3 = 100) in registers.
     */
    private void psss(ShellPair bra, ShellPair ket, int[] tight, double[] out) {
        double[] kp = ket.p, kx = ket.px, ky = ket.py, kz = ket.pz, kc = ket.prefOverP, kv = ket.e.values;
        double[] f = base.length >= 2 ? base : (base = new double[2]);
        PairExpansion be = bra.e;
        int nab = bra.na * bra.nb;
        java.util.Arrays.fill(out, 0, nab, 0.0);
        double[] g = gsum.length >= 4 ? gsum : (gsum = new double[4]);
        for (int p = 0; p < bra.nprim; p++) {
            double pe = bra.p[p];
            double ppx = bra.px[p], ppy = bra.py[p], ppz = bra.pz[p];
            int j0 = ket.oneCentre ? tight[p] : 0;
            double g0 = 0, gx = 0, gy = 0, gz = 0;
            if (j0 > 0) {
                double x = ppx - ket.a.x(), y = ppy - ket.a.y(), z = ppz - ket.a.z();
                double inv2 = 1 / (x * x + y * y + z * z);
                double b0 = bra.pref[p] * Math.pow(Math.PI / pe, 1.5) * Math.sqrt(inv2) * ket.multipoles[j0 - 1];
                double b1 = -b0 * inv2;
                g0 = b0;
                gx = x * b1;
                gy = y * b1;
                gz = z * b1;
            }
            double cb = TWO_PI_POW_2_5 * bra.prefOverP[p];
            for (int q = j0; q < ket.nprim; q++) {
                double qe = kp[q];
                double inv = 1 / (pe + qe);
                double alpha = pe * qe * inv;
                double x = ppx - kx[q], y = ppy - ky[q], z = ppz - kz[q];
                Boys.zeroOne(alpha * (x * x + y * y + z * z), f);
                double pf = cb * kc[q] * kv[q] * Math.sqrt(inv);
                double b1 = -2 * alpha * pf * f[1];
                g0 += pf * f[0];
                gx += x * b1;
                gy += y * b1;
                gz += z * b1;
            }
            g[0] = g0;
            g[1] = gz;
            g[2] = gy;
            g[3] = gx;
            int bb = p * be.size;
            for (int ab = 0; ab < nab; ab++) {
                double v = 0;
                for (int k = be.start[ab]; k < be.start[ab + 1]; k++) {
                    v += be.values[bb + k] * g[be.hermite[k]];
                }
                out[ab] += v;
            }
        }
    }

    /**
     * {@link #contract} for a bra pair of Hermite order 2 (d-s or p-p) and s shells in the ket: the ten ket sums of
     * R_tuv in registers (Hermite order 2: 000, 001, 002, 010, 011, 020, 100, 101, 110, 200).
     */
    private void dsss(ShellPair bra, ShellPair ket, int[] tight, double[] out) {
        double[] kp = ket.p, kx = ket.px, ky = ket.py, kz = ket.pz, kc = ket.prefOverP, kv = ket.e.values;
        double[] f = base.length >= 3 ? base : (base = new double[3]);
        PairExpansion be = bra.e;
        int nab = bra.na * bra.nb;
        java.util.Arrays.fill(out, 0, nab, 0.0);
        double[] g = gsum.length >= 10 ? gsum : (gsum = new double[10]);
        for (int p = 0; p < bra.nprim; p++) {
            double pe = bra.p[p];
            double ppx = bra.px[p], ppy = bra.py[p], ppz = bra.pz[p];
            int j0 = ket.oneCentre ? tight[p] : 0;
            double r000 = 0, r001 = 0, r002 = 0, r010 = 0, r011 = 0, r020 = 0, r100 = 0, r101 = 0, r110 = 0;
            double r200 = 0;
            if (j0 > 0) {
                double x = ppx - ket.a.x(), y = ppy - ket.a.y(), z = ppz - ket.a.z();
                double inv2 = 1 / (x * x + y * y + z * z);
                double b0 = bra.pref[p] * Math.pow(Math.PI / pe, 1.5) * Math.sqrt(inv2) * ket.multipoles[j0 - 1];
                double b1 = -b0 * inv2, b2 = -3 * b1 * inv2;
                r000 = b0;
                r001 = z * b1;
                r002 = z * z * b2 + b1;
                r010 = y * b1;
                r011 = y * z * b2;
                r020 = y * y * b2 + b1;
                r100 = x * b1;
                r101 = x * z * b2;
                r110 = x * y * b2;
                r200 = x * x * b2 + b1;
            }
            double cb = TWO_PI_POW_2_5 * bra.prefOverP[p];
            for (int q = j0; q < ket.nprim; q++) {
                double qe = kp[q];
                double inv = 1 / (pe + qe);
                double alpha = pe * qe * inv;
                double x = ppx - kx[q], y = ppy - ky[q], z = ppz - kz[q];
                Boys.scaled(2, alpha * (x * x + y * y + z * z), cb * kc[q] * kv[q] * Math.sqrt(inv), -2 * alpha, f,
                        0);
                double b1 = f[1], b2 = f[2];
                double xb = x * b2, yb = y * b2;
                r000 += f[0];
                r001 += z * b1;
                r002 += z * z * b2 + b1;
                r010 += y * b1;
                r011 += z * yb;
                r020 += y * yb + b1;
                r100 += x * b1;
                r101 += z * xb;
                r110 += y * xb;
                r200 += x * xb + b1;
            }
            g[0] = r000;
            g[1] = r001;
            g[2] = r002;
            g[3] = r010;
            g[4] = r011;
            g[5] = r020;
            g[6] = r100;
            g[7] = r101;
            g[8] = r110;
            g[9] = r200;
            int bb = p * be.size;
            for (int ab = 0; ab < nab; ab++) {
                double v = 0;
                for (int k = be.start[ab]; k < be.start[ab + 1]; k++) {
                    v += be.values[bb + k] * g[be.hermite[k]];
                }
                out[ab] += v;
            }
        }
    }

    /** R_{tuv} of one term into the cube r, from R^n_000 at base[off + n]. */
    private void hermite(HermitePlan plan, double x, double y, double z, double[] base, int off) {
        plan.evaluate(r, x, y, z, base, off);
    }

    /** G[cd][h] += sum_{k in cd} sign_k values[off + k] R_{h+k}: one ket term. */
    private void addTerm(double[] values, int off, int ncd, int nh, int[] start) {
        switch (nh) {
            case 1 -> addTerm1(values, off, ncd, start);
            case 4 -> addTerm4(values, off, ncd, start);
            case 10 -> addTerm10(values, off, ncd, start);
            default -> addTermAny(values, off, ncd, nh, start);
        }
    }

    /** {@link #addTerm} for an s-s bra (one Hermite function). */
    private void addTerm1(double[] values, int off, int ncd, int[] start) {
        double[] g = gsum, rr = r, ks = ketSign;
        int[] ko = ketOff;
        for (int cd = 0; cd < ncd; cd++) {
            double acc = 0;
            for (int k = start[cd]; k < start[cd + 1]; k++) {
                acc += ks[k] * values[off + k] * rr[ko[k]];
            }
            g[cd] += acc;
        }
    }

    /** {@link #addTerm} for a bra of Hermite order 1: the four sums in registers. */
    private void addTerm4(double[] values, int off, int ncd, int[] start) {
        double[] g = gsum, rr = r, ks = ketSign;
        int[] ko = ketOff, bo = braOff;
        int b0 = bo[0], b1 = bo[1], b2 = bo[2], b3 = bo[3];
        for (int cd = 0; cd < ncd; cd++) {
            double g0 = 0, g1 = 0, g2 = 0, g3 = 0;
            for (int k = start[cd]; k < start[cd + 1]; k++) {
                double w = ks[k] * values[off + k];
                int o = ko[k];
                g0 += w * rr[b0 + o];
                g1 += w * rr[b1 + o];
                g2 += w * rr[b2 + o];
                g3 += w * rr[b3 + o];
            }
            int go = cd * 4;
            g[go] += g0;
            g[go + 1] += g1;
            g[go + 2] += g2;
            g[go + 3] += g3;
        }
    }

    /** {@link #addTerm} for a bra of Hermite order 2: the ten sums in registers. */
    private void addTerm10(double[] values, int off, int ncd, int[] start) {
        double[] g = gsum, rr = r, ks = ketSign;
        int[] ko = ketOff, bo = braOff;
        int b0 = bo[0], b1 = bo[1], b2 = bo[2], b3 = bo[3], b4 = bo[4];
        int b5 = bo[5], b6 = bo[6], b7 = bo[7], b8 = bo[8], b9 = bo[9];
        for (int cd = 0; cd < ncd; cd++) {
            double g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0, g8 = 0, g9 = 0;
            for (int k = start[cd]; k < start[cd + 1]; k++) {
                double w = ks[k] * values[off + k];
                int o = ko[k];
                g0 += w * rr[b0 + o];
                g1 += w * rr[b1 + o];
                g2 += w * rr[b2 + o];
                g3 += w * rr[b3 + o];
                g4 += w * rr[b4 + o];
                g5 += w * rr[b5 + o];
                g6 += w * rr[b6 + o];
                g7 += w * rr[b7 + o];
                g8 += w * rr[b8 + o];
                g9 += w * rr[b9 + o];
            }
            int go = cd * 10;
            g[go] += g0;
            g[go + 1] += g1;
            g[go + 2] += g2;
            g[go + 3] += g3;
            g[go + 4] += g4;
            g[go + 5] += g5;
            g[go + 6] += g6;
            g[go + 7] += g7;
            g[go + 8] += g8;
            g[go + 9] += g9;
        }
    }

    private void addTermAny(double[] values, int off, int ncd, int nh, int[] start) {
        double[] g = gsum, rr = r, ks = ketSign;
        int[] bo = braOff, ko = ketOff;
        for (int cd = 0; cd < ncd; cd++) {
            int go = cd * nh;
            for (int k = start[cd]; k < start[cd + 1]; k++) {
                double w = ks[k] * values[off + k];
                int o = ko[k];
                for (int h = 0; h < nh; h++) {
                    g[go + h] += w * rr[bo[h] + o];
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
        HermitePlan plan = HermitePlan.of(lmax);
        if (base.length < lmax + 1) {
            base = new double[lmax + 1];
        }
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
                double inv = 1 / (pe + qe);
                double alpha = pe * qe * inv;
                double x = bra.px[p] - ket.px[q], y = bra.py[p] - ket.py[q], zz = bra.pz[p] - ket.pz[q];
                Boys.scaled(lmax, alpha * (x * x + y * y + zz * zz), TWO_PI_POW_2_5 * bra.prefOverP[p]
                        * ket.prefOverP[q] * Math.sqrt(inv), -2 * alpha, base, 0);
                hermite(plan, x, y, zz, base, 0);
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
        if (r.length < HermitePlan.of(lmax).size) {
            r = new double[HermitePlan.of(lmax).size];
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
     * triples of the bra order used in {@link #prepare}; a one-centre ket's compact primitive pairs beyond the
     * asymptotic range enter as one multipole term, as in {@link #contract}.
     */
    private void ketSum(ShellPair bra, int p, ShellPair ket, PairExpansion ke, int lmax, int ncd, int nh) {
        java.util.Arrays.fill(gsum, 0, ncd * nh, 0.0);
        HermitePlan plan = HermitePlan.of(lmax);
        if (base.length < lmax + 1) {
            base = new double[lmax + 1];
        }
        double pe = bra.p[p];
        double ppx = bra.px[p], ppy = bra.py[p], ppz = bra.pz[p];
        int j0 = 0;
        if (ket.oneCentre) {
            double x = ppx - ket.a.x(), y = ppy - ket.a.y(), z = ppz - ket.a.z();
            double r2 = x * x + y * y + z * z;
            double theta = Boys.asymptoticFrom(lmax) / r2;
            if (pe > theta) {
                double qmin = pe * theta / (pe - theta);
                while (j0 < ket.nprim && ket.p[j0] >= qmin) {
                    j0++;
                }
            }
            if (j0 > 0) {
                double inv2 = 1 / r2;
                double f = bra.pref[p] * Math.pow(Math.PI / pe, 1.5) * Math.sqrt(inv2);
                for (int n = 0; n <= lmax; n++) {
                    base[n] = f;
                    f *= -(2 * n + 1) * inv2;
                }
                hermite(plan, x, y, z, base, 0);
                addTerm(ket.multipoles, (j0 - 1) * ke.size, ncd, nh, ke.start);
            }
        }
        double cb = TWO_PI_POW_2_5 * bra.prefOverP[p];
        for (int q = j0; q < ket.nprim; q++) {
            double qe = ket.p[q];
            double inv = 1 / (pe + qe);
            double alpha = pe * qe * inv;
            double x = ppx - ket.px[q], y = ppy - ket.py[q], z = ppz - ket.pz[q];
            Boys.scaled(lmax, alpha * (x * x + y * y + z * z), cb * ket.prefOverP[q] * Math.sqrt(inv), -2 * alpha,
                    base, 0);
            hermite(plan, x, y, z, base, 0);
            addTerm(ke.values, q * ke.size, ncd, nh, ke.start);
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
