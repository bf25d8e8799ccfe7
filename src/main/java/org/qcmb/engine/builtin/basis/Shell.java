package org.qcmb.engine.builtin.basis;

/**
 * A contracted Gaussian shell of angular momentum l on one atom. {@code coefficients} already include the
 * primitive normalisation and the contracted normalisation of the x^l component; every Cartesian component
 * x^i y^j z^k of the shell shares that factor (as in Psi4), and pure shells are formed from these components by
 * {@link SphericalTransform}.
 */
public record Shell(int atom, int l, double x, double y, double z, double[] exponents, double[] coefficients,
                    boolean pure) {

    public int primitiveCount() {
        return exponents.length;
    }

    public int cartesianCount() {
        return (l + 1) * (l + 2) / 2;
    }

    /** Number of basis functions this shell contributes: 2l+1 if pure, else (l+1)(l+2)/2. */
    public int functionCount() {
        return pure ? 2 * l + 1 : cartesianCount();
    }

    /** Builds a shell from raw .gbs exponents and contraction coefficients, normalising it. */
    public static Shell normalised(int atom, int l, double x, double y, double z, double[] exps, double[] raw,
                                   boolean pure) {
        int n = exps.length;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = raw[i] * primitiveNorm(exps[i], l);
        }
        // <x^l|x^l> of the contraction: sum c_i c_j (pi/(a+b))^{3/2} (2l-1)!! / (2(a+b))^l
        double dfact = doubleFactorial(2 * l - 1);
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double p = exps[i] + exps[j];
                s += c[i] * c[j] * Math.pow(Math.PI / p, 1.5) * dfact / Math.pow(2 * p, l);
            }
        }
        double f = 1 / Math.sqrt(s);
        for (int i = 0; i < n; i++) {
            c[i] *= f;
        }
        return new Shell(atom, l, x, y, z, exps.clone(), c, pure);
    }

    /** Normalisation of the primitive x^l exp(-a r^2). */
    static double primitiveNorm(double a, int l) {
        return Math.pow(2 * a / Math.PI, 0.75) * Math.pow(4 * a, l / 2.0) / Math.sqrt(doubleFactorial(2 * l - 1));
    }

    static double doubleFactorial(int n) {
        double r = 1;
        for (int k = n; k > 1; k -= 2) {
            r *= k;
        }
        return r;
    }

    /** Cartesian exponents of the components in canonical order (xx, xy, xz, yy, yz, zz for d): [n][3]. */
    public static int[][] cartesianComponents(int l) {
        int[][] c = new int[(l + 1) * (l + 2) / 2][];
        int k = 0;
        for (int i = l; i >= 0; i--) {
            for (int j = l - i; j >= 0; j--) {
                c[k++] = new int[] {i, j, l - i - j};
            }
        }
        return c;
    }
}
