package org.qcmb.engine.builtin.integrals;

/**
 * The McMurchie-Davidson recursion for the Hermite Coulomb integrals R_{tuv}, t+u+v <= L, unrolled into a list of
 * steps r[dst] = d[dir] r[src1] + coef r[src2] (d = the components X, Y, Z of PQ) over one flat array: auxiliary
 * orders n >= 1 in their own blocks, R^0 in the cube r[(t*S + u)*S + v], S = L+1 (so bra and ket Hermite offsets
 * add). {@link #evaluate} runs it from R^n_000 (orders up to 3 written out instead). Immutable; one per L.
 */
final class HermitePlan {
    private static final HermitePlan[] PLANS = new HermitePlan[Boys.MAX_M + 1];

    static {
        for (int l = 0; l < PLANS.length; l++) {
            PLANS[l] = new HermitePlan(l);
        }
    }

    final int l;
    final int size;
    final int zeroSlot;
    final int[] baseSlot;
    final int[] dst;
    final int[] src1;
    final int[] src2;
    final int[] dir;
    final double[] coef;

    static HermitePlan of(int l) {
        return PLANS[l];
    }

    private HermitePlan(int l) {
        this.l = l;
        int[] offset = new int[l + 2];
        int total = 0;
        for (int n = 0; n <= l; n++) {
            offset[n] = total;
            int side = l - n + 1;
            total += side * side * side;
        }
        zeroSlot = total;
        size = total + 1;
        baseSlot = new int[l + 1];
        for (int n = 0; n <= l; n++) {
            baseSlot[n] = offset[n];
        }
        int steps = 0;
        for (int n = 0; n < l; n++) {
            steps += Hermite.count(l - n) - 1;
        }
        dst = new int[steps];
        src1 = new int[steps];
        src2 = new int[steps];
        dir = new int[steps];
        coef = new double[steps];
        int k = 0;
        for (int n = l - 1; n >= 0; n--) {
            int top = l - n;
            for (int t = 0; t <= top; t++) {
                for (int u = 0; u <= top - t; u++) {
                    for (int v = 0; v <= top - t - u; v++) {
                        if (t + u + v == 0) {
                            continue;
                        }
                        int[] c = {t, u, v};
                        int d = t > 0 ? 0 : u > 0 ? 1 : 2;
                        int m = c[d];
                        dst[k] = slot(offset, l, n, c);
                        c[d] = m - 1;
                        src1[k] = slot(offset, l, n + 1, c);
                        if (m >= 2) {
                            c[d] = m - 2;
                            src2[k] = slot(offset, l, n + 1, c);
                            coef[k] = m - 1;
                        } else {
                            src2[k] = zeroSlot;
                        }
                        dir[k] = d;
                        k++;
                    }
                }
            }
        }
    }

    /** Position of R^n_{tuv} (order-n block is a cube of side L-n+1). */
    private static int slot(int[] offset, int l, int n, int[] c) {
        int side = l - n + 1;
        return offset[n] + (c[0] * side + c[1]) * side + c[2];
    }

    /**
     * R_{tuv} into the cube rr (length >= {@link #size}) from R^n_000 at base[off + n]: orders up to 3 written
     * out, higher orders by the steps.
     */
    void evaluate(double[] rr, double x, double y, double z, double[] base, int off) {
        switch (l) {
            case 0 -> rr[0] = base[off];
            case 1 -> hermite1(rr, x, y, z, base, off);
            case 2 -> hermite2(rr, x, y, z, base, off);
            case 3 -> hermite3(rr, x, y, z, base, off);
            default -> planned(rr, x, y, z, base, off);
        }
    }

    /** Order 1, cube side 2: r[(t*2 + u)*2 + v]. */
    private static void hermite1(double[] rr, double x, double y, double z, double[] base, int off) {
        double b1 = base[off + 1];
        rr[0] = base[off];
        rr[4] = x * b1;
        rr[2] = y * b1;
        rr[1] = z * b1;
    }

    /** Order 2, cube side 3: r[(t*3 + u)*3 + v]. */
    private static void hermite2(double[] rr, double x, double y, double z, double[] base, int off) {
        double b1 = base[off + 1], b2 = base[off + 2];
        double xb = x * b2, yb = y * b2;
        rr[0] = base[off];
        rr[9] = x * b1;
        rr[3] = y * b1;
        rr[1] = z * b1;
        rr[18] = x * xb + b1;
        rr[12] = y * xb;
        rr[10] = z * xb;
        rr[6] = y * yb + b1;
        rr[4] = z * yb;
        rr[2] = z * z * b2 + b1;
    }

    /** Order 3, cube side 4: r[(t*4 + u)*4 + v]; e.g. R_300 = x^3 b3 + 3x b2, R_210 = x^2 y b3 + y b2. */
    private static void hermite3(double[] rr, double x, double y, double z, double[] base, int off) {
        double b1 = base[off + 1], b2 = base[off + 2], b3 = base[off + 3];
        double xx = x * x, yy = y * y, zz = z * z;
        double xb2 = x * b2, yb2 = y * b2, zb2 = z * b2;
        double xb3 = x * b3, yb3 = y * b3, zb3 = z * b3;
        rr[0] = base[off];
        rr[16] = x * b1;
        rr[4] = y * b1;
        rr[1] = z * b1;
        rr[32] = xx * b2 + b1;
        rr[20] = x * yb2;
        rr[17] = x * zb2;
        rr[8] = yy * b2 + b1;
        rr[5] = y * zb2;
        rr[2] = zz * b2 + b1;
        rr[48] = xx * xb3 + 3 * xb2;
        rr[36] = xx * yb3 + yb2;
        rr[33] = xx * zb3 + zb2;
        rr[24] = yy * xb3 + xb2;
        rr[21] = x * y * zb3;
        rr[18] = zz * xb3 + xb2;
        rr[12] = yy * yb3 + 3 * yb2;
        rr[9] = yy * zb3 + zb2;
        rr[6] = zz * yb3 + yb2;
        rr[3] = zz * zb3 + 3 * zb2;
    }

    /** R_{tuv} by the steps (orders 4 and up). */
    private void planned(double[] rr, double x, double y, double z, double[] base, int off) {
        int[] bs = baseSlot;
        for (int n = 0; n < bs.length; n++) {
            rr[bs[n]] = base[off + n];
        }
        rr[zeroSlot] = 0;
        int[] s1 = src1, s2 = src2;
        for (int i = 0; i < dst.length; i++) {
            int d = dir[i];
            double c = d == 0 ? x : d == 1 ? y : z;
            rr[dst[i]] = c * rr[s1[i]] + coef[i] * rr[s2[i]];
        }
    }
}
