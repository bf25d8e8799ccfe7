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
    private static final double INV_STEP = 1 / STEP;
    /** 1/(2m+1): the downward recursion multiplies instead of dividing. */
    private static final double[] INV_ODD = new double[NM];
    /** ASYMPTOTIC[m]: from this T on, F_0..F_m equal their asymptotic forms to 1e-17 relative (see below). */
    private static final double[] ASYMPTOTIC = new double[MAX_M + 1];

    static {
        for (int m = 0; m < NM; m++) {
            INV_ODD[m] = 1.0 / (2 * m + 1);
        }
        // F_n(T) = (2n-1)!! sqrt(pi) / (2^{n+1} T^{n+1/2}) - Gamma(n+1/2, T) / (2 T^{n+1/2}), and the incomplete
        // gamma is about T^{n-1/2} e^{-T}: relative size e^{-T} 2^n T^{n-1/2} / ((2n-1)!! sqrt(pi)), kept below
        // 1e-17 with a factor 2 to spare
        for (int m = 0; m <= MAX_M; m++) {
            double t = T_MAX;
            while (true) {
                boolean ok = true;
                double dfact = 1;
                for (int n = 0; n <= m; n++) {
                    if (n > 0) {
                        dfact *= 2 * n - 1;
                    }
                    double rel = 2 * Math.exp(-t) * Math.pow(2, n) * Math.pow(t, n - 0.5) / (dfact * Math.sqrt(Math.PI));
                    ok &= rel < 1e-17;
                }
                if (ok) {
                    break;
                }
                t += 1;
            }
            ASYMPTOTIC[m] = t;
        }
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

    /**
     * The T from which F_0..F_mmax are their asymptotic forms (2m-1)!! sqrt(pi) / (2^{m+1} T^{m+1/2}) to 1e-17
     * relative: 40 for mmax = 0, 62 for 8, 94 for 24.
     */
    static double asymptoticFrom(int mmax) {
        return ASYMPTOTIC[mmax];
    }

    /**
     * out[off + n] = scale * m2a^n * F_n(t) for n = 0..mmax (McMurchie-Davidson's R^n_000 with m2a = -2 alpha).
     * The table and recursions of {@link #compute}, with multiplications by reciprocals instead of divisions, one
     * Taylor series per order up to order 3 (short dependency chains), and no e^{-t} once t is past
     * {@link #asymptoticFrom}; the values agree with compute to about 1e-16 relative. Small methods, so that the
     * JIT inlines them into the integral loops.
     */
    static void scaled(int mmax, double t, double scale, double m2a, double[] out, int off) {
        if (t < T_MAX && mmax <= 3) {
            int i = (int) (t * INV_STEP + 0.5);
            double dt = i * STEP - t;
            int b = i * NM;
            double fac = scale;
            for (int m = 0; m <= mmax; m++) {
                out[off + m] = fac * taylor(b + m, dt);
                fac *= m2a;
            }
        } else {
            general(mmax, t, out, off);
            double fac = scale;
            for (int n = 0; n <= mmax; n++) {
                out[off + n] *= fac;
                fac *= m2a;
            }
        }
    }

    /** F_m(t) about the grid point below T_MAX: b = i * NM + m for i = round(t / STEP), dt = i STEP - t. */
    private static double taylor(int b, double dt) {
        double[] f = TABLE;
        return f[b] + dt * (f[b + 1] + dt * (f[b + 2] * INV_FACT[2] + dt * (f[b + 3] * INV_FACT[3] + dt * (f[b + 4]
                * INV_FACT[4] + dt * (f[b + 5] * INV_FACT[5] + dt * f[b + 6] * INV_FACT[6])))));
    }

    /** F_0(t) and F_1(t) into f[0], f[1]. */
    static void zeroOne(double t, double[] f) {
        if (t < T_MAX) {
            int i = (int) (t * INV_STEP + 0.5);
            double dt = i * STEP - t;
            int b = i * NM;
            f[0] = taylor(b, dt);
            f[1] = taylor(b + 1, dt);
        } else {
            double inv2t = 0.5 / t;
            double f0 = Math.sqrt(Math.PI * inv2t * 0.5);
            f[0] = f0;
            f[1] = (t < ASYMPTOTIC[1] ? f0 - Math.exp(-t) : f0) * inv2t;
        }
    }

    /** F_0(t). */
    static double zero(double t) {
        if (t < T_MAX) {
            int i = (int) (t * INV_STEP + 0.5);
            return taylor(i * NM, i * STEP - t);
        }
        return Math.sqrt(Math.PI / t) * 0.5;
    }

    /** F_0..F_mmax(t) into out[off..]: Taylor at the top order and downward recursion, or asymptotic. */
    private static void general(int mmax, double t, double[] out, int off) {
        if (t < T_MAX) {
            int i = (int) (t * INV_STEP + 0.5);
            double dt = i * STEP - t;
            out[off + mmax] = taylor(i * NM + mmax, dt);
            double ex = 1 + dt * (1 + dt * (0.5 + dt * (1 / 6.0 + dt * (1 / 24.0 + dt * (1 / 120.0
                    + dt * (1 / 720.0))))));
            double e = EXP[i] * ex;
            double t2 = 2 * t;
            for (int m = mmax - 1; m >= 0; m--) {
                out[off + m] = (t2 * out[off + m + 1] + e) * INV_ODD[m];
            }
            return;
        }
        double inv2t = 0.5 / t;
        out[off] = Math.sqrt(Math.PI * inv2t * 0.5);
        double e = t < ASYMPTOTIC[mmax] ? Math.exp(-t) : 0;
        for (int m = 0; m < mmax; m++) {
            out[off + m + 1] = ((2 * m + 1) * out[off + m] - e) * inv2t;
        }
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
                    out[m] = (t2 * out[m + 1] + e) / (2 * m + 1);
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
