package org.qcmb.engine.builtin.integrals;

/**
 * The McMurchie-Davidson recursion for the Hermite Coulomb integrals R_{tuv}, t+u+v <= L, unrolled into a list of
 * steps r[dst] = d[dir] r[src1] + coef r[src2] (d = the components X, Y, Z of PQ) over one flat array: auxiliary
 * orders n >= 1 in their own blocks, R^0 in the cube r[(t*S + u)*S + v], S = L+1 (so bra and ket Hermite offsets
 * add). The caller stores R^n_000 at {@link #baseSlot}[n] and zeroes {@link #zeroSlot} first. Immutable; one per L.
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
}
