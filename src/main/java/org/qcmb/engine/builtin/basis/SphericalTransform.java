package org.qcmb.engine.builtin.basis;

/**
 * Real solid harmonics as combinations of Cartesian monomials x^i y^j z^k (Helgaker, Jorgensen, Olsen,
 * eq. 6.4.47). Row m (m = -l..l in order 0..2l) gives the coefficients over {@link Shell#cartesianComponents}.
 * The overall scale of each row does not matter for energies; only the spanned space does.
 */
public final class SphericalTransform {
    private SphericalTransform() {
    }

    /** [2l+1][(l+1)(l+2)/2] coefficients. */
    public static double[][] matrix(int l) {
        int[][] comps = Shell.cartesianComponents(l);
        double[][] t = new double[2 * l + 1][comps.length];
        for (int m = -l; m <= l; m++) {
            int am = Math.abs(m);
            double norm = 1.0 / (Math.pow(2, am) * factorial(l))
                    * Math.sqrt(2 * factorial(l + am) * factorial(l - am) / (m == 0 ? 2.0 : 1.0));
            int vmTwice = m < 0 ? 1 : 0;
            for (int tt = 0; tt <= (l - am) / 2; tt++) {
                for (int u = 0; u <= tt; u++) {
                    int vvMax = m < 0 ? 2 * ((am - 1) / 2) + 1 : 2 * (am / 2);
                    for (int vv = vmTwice; vv <= vvMax; vv += 2) {
                        int signExp = tt + (vv - vmTwice) / 2;
                        double c = ((signExp % 2 == 0) ? 1 : -1) * Math.pow(0.25, tt) * binom(l, tt)
                                * binom(l - tt, am + tt) * binom(tt, u) * binom(am, vv);
                        // exponents: x^(2t+|m|-2(u+v)) y^(2(u+v)) z^(l-2t-|m|); 2(u+v) = 2u + vv
                        int py = 2 * u + vv;
                        int px = 2 * tt + am - py;
                        int pz = l - 2 * tt - am;
                        t[m + l][indexOf(comps, px, py, pz)] += norm * c;
                    }
                }
            }
        }
        return t;
    }

    private static int indexOf(int[][] comps, int px, int py, int pz) {
        for (int k = 0; k < comps.length; k++) {
            if (comps[k][0] == px && comps[k][1] == py && comps[k][2] == pz) {
                return k;
            }
        }
        throw new IllegalStateException("no Cartesian component " + px + "," + py + "," + pz);
    }

    private static double factorial(int n) {
        double r = 1;
        for (int k = 2; k <= n; k++) {
            r *= k;
        }
        return r;
    }

    private static double binom(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        return factorial(n) / (factorial(k) * factorial(n - k));
    }
}
