package org.qcmb.engine.builtin.integrals;

/**
 * The Hermite Coulomb integrals R_{tuv}(alpha, PC) for t+u+v <= L, by the McMurchie-Davidson recursion
 * R^n_{t+1,u,v} = t R^{n+1}_{t-1,u,v} + X R^{n+1}_{t,u,v}, with R^n_{000} = (-2 alpha)^n F_n(alpha |PC|^2).
 * Results go into a cube r[(t*S + u)*S + v], S = L+1. Not thread-safe (scratch buffers): one per thread.
 */
public final class HermiteCoulomb {
    private final double[] boys = new double[Boys.MAX_M + 2];
    private double[] cur = new double[0];
    private double[] prev = new double[0];
    private final double[] fac = new double[Boys.MAX_M + 2];

    /** Fills r (size >= S^3) with scale * R_{tuv}. */
    public void compute(int lmax, double alpha, double x, double y, double z, double scale, double[] r) {
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
            // branch-free sweeps: (0,0,v) by z, (0,u,v) by y, (t,u,v) by x
            for (int v = 1; v <= top; v++) {
                dst[v] = v > 1 ? z * pv[v - 1] + (v - 1) * pv[v - 2] : z * pv[0];
            }
            for (int u = 1; u <= top; u++) {
                int base = u * s;
                int vmax = top - u;
                if (u == 1) {
                    for (int v = 0; v <= vmax; v++) {
                        dst[base + v] = y * pv[v];
                    }
                } else {
                    double cu = u - 1;
                    int b1 = base - s, b2 = base - 2 * s;
                    for (int v = 0; v <= vmax; v++) {
                        dst[base + v] = y * pv[b1 + v] + cu * pv[b2 + v];
                    }
                }
            }
            for (int t = 1; t <= top; t++) {
                double ct = t - 1;
                for (int u = 0; u <= top - t; u++) {
                    int base = t * ss + u * s;
                    int b1 = base - ss;
                    int vmax = top - t - u;
                    if (t == 1) {
                        for (int v = 0; v <= vmax; v++) {
                            dst[base + v] = x * pv[b1 + v];
                        }
                    } else {
                        int b2 = base - 2 * ss;
                        for (int v = 0; v <= vmax; v++) {
                            dst[base + v] = x * pv[b1 + v] + ct * pv[b2 + v];
                        }
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
