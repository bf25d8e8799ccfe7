package org.qcmb.engine.builtin.integrals;

/**
 * The Boys function F_m(T) = int_0^1 t^(2m) exp(-T t^2) dt. Below T = 40: a 7-term Taylor expansion about a
 * grid point (spacing 0.05) for the highest order, then downward recursion (stable); above: the asymptotic
 * F_0 and upward recursion (stable for large T). Accurate to about 1e-14 relative.
 */
public final class Boys {
    /** Highest order callers may ask for: (4 g shells + 1 derivative) -> 17, with margin. */
    public static final int MAX_M = 24;
    private static final int TAYLOR = 7;
    private static final double STEP = 0.05;
    private static final double T_MAX = 40.0;
    private static final int NGRID = (int) Math.round(T_MAX / STEP) + 2;
    private static final int NM = MAX_M + TAYLOR + 1;
    /** TABLE[i * NM + m] = F_m(i * STEP). */
    private static final double[] TABLE = buildTable();
    private static final double[] INV_FACT = {1, 1, 1 / 2.0, 1 / 6.0, 1 / 24.0, 1 / 120.0, 1 / 720.0, 1 / 5040.0};
    /** EXP[i] = exp(-i * STEP): exp(-T) = EXP[i] exp(dt) with |dt| <= STEP/2 by a short series (no Math.exp). */
    private static final double[] EXP = buildExp();
    /** 1/(2m+1): the downward recursion multiplies instead of dividing. */
    private static final double[] INV_2M1 = buildInverses();

    private static double[] buildInverses() {
        double[] v = new double[MAX_M + 2];
        for (int m = 0; m < v.length; m++) {
            v[m] = 1.0 / (2 * m + 1);
        }
        return v;
    }

    private static double[] buildExp() {
        double[] e = new double[NGRID];
        for (int i = 0; i < NGRID; i++) {
            e[i] = Math.exp(-i * STEP);
        }
        return e;
    }

    private Boys() {
    }

    private static double[] buildTable() {
        double[] t = new double[NGRID * NM];
        for (int i = 0; i < NGRID; i++) {
            double x = i * STEP;
            for (int m = 0; m < NM; m++) {
                t[i * NM + m] = series(m, x);
            }
        }
        return t;
    }

    /** exp(-T) sum_k (2T)^k / ((2m+1)(2m+3)...(2m+2k+1)): all terms positive, so no cancellation. */
    static double series(int m, double x) {
        double term = 1.0 / (2 * m + 1);
        double sum = term;
        for (int k = 1; k < 2000; k++) {
            term *= 2 * x / (2 * m + 2 * k + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return Math.exp(-x) * sum;
    }

    /** Fills out[0..mmax] with F_m(t). */
    public static void compute(int mmax, double t, double[] out) {
        if (t < T_MAX) {
            int i = (int) (t / STEP + 0.5);
            double dt = i * STEP - t;
            int base = i * NM + mmax;
            double f = 0;
            double pw = 1;
            for (int k = 0; k < TAYLOR; k++) {
                f += TABLE[base + k] * pw * INV_FACT[k];
                pw *= dt;
            }
            out[mmax] = f;
            if (mmax > 0) {
                // exp(dt), |dt| <= 0.025: 7 terms leave a relative error below 1e-15
                double ex = 1 + dt * (1 + dt * (0.5 + dt * (1 / 6.0 + dt * (1 / 24.0 + dt * (1 / 120.0
                        + dt * (1 / 720.0))))));
                double e = EXP[i] * ex;
                double t2 = 2 * t;
                for (int m = mmax - 1; m >= 0; m--) {
                    out[m] = (t2 * out[m + 1] + e) * INV_2M1[m];
                }
            }
        } else {
            out[0] = 0.5 * Math.sqrt(Math.PI / t);
            if (mmax > 0) {
                double e = Math.exp(-t);
                double inv2t = 0.5 / t;
                for (int m = 0; m < mmax; m++) {
                    out[m + 1] = ((2 * m + 1) * out[m] - e) * inv2t;
                }
            }
        }
    }
}
