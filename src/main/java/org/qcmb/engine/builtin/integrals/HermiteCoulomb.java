package org.qcmb.engine.builtin.integrals;

/**
 * The Hermite Coulomb integrals R_{tuv}(alpha, PC) for t+u+v <= L, by the McMurchie-Davidson recursion
 * R^n_{t+1,u,v} = t R^{n+1}_{t-1,u,v} + X R^{n+1}_{t,u,v}, with R^n_{000} = (-2 alpha)^n F_n(alpha |PC|^2).
 * Results go into a cube r[(t*S + u)*S + v], S = L+1. Not thread-safe (scratch buffers): one per thread.
 */
final class HermiteCoulomb {
    private final double[] boys = new double[Boys.MAX_M + 2];
    private double[] cur = new double[0];
    private double[] prev = new double[0];
    private final double[] fac = new double[Boys.MAX_M + 2];

    /** Fills r (size >= S^3) with scale * R_{tuv}. */
    void compute(int lmax, double alpha, double x, double y, double z, double scale, double[] r) {
        int s = lmax + 1;
        double t2 = alpha * (x * x + y * y + z * z);
        Boys.compute(lmax, t2, boys);
        if (lmax == 0) {
            r[0] = scale * boys[0];
            return;
        }
        int cube = s * s * s;
        if (cur.length < cube) {
            cur = new double[cube];
            prev = new double[cube];
        }
        double m2a = -2 * alpha;
        double[] fac = this.fac;
        fac[0] = scale;
        for (int n = 1; n <= lmax; n++) {
            fac[n] = fac[n - 1] * m2a;
        }
        double[] c = cur, pv = prev;
        int ss = s * s;
        for (int n = lmax; n >= 0; n--) {
            double[] dst = n == 0 ? r : c;
            int top = lmax - n;
            dst[0] = fac[n] * boys[n];
            for (int t = 0; t <= top; t++) {
                for (int u = 0; u <= top - t; u++) {
                    int base = t * ss + u * s;
                    for (int v = (t == 0 && u == 0) ? 1 : 0; v <= top - t - u; v++) {
                        double val;
                        if (t > 0) {
                            val = x * pv[base - ss + v];
                            if (t > 1) {
                                val += (t - 1) * pv[base - 2 * ss + v];
                            }
                        } else if (u > 0) {
                            val = y * pv[base - s + v];
                            if (u > 1) {
                                val += (u - 1) * pv[base - 2 * s + v];
                            }
                        } else {
                            val = z * pv[base + v - 1];
                            if (v > 1) {
                                val += (v - 1) * pv[base + v - 2];
                            }
                        }
                        dst[base + v] = val;
                    }
                }
            }
            if (n > 0) {
                double[] tmp = pv;
                pv = c;
                c = tmp;
            }
        }
    }
}
