package org.qcmb.engine.builtin.integrals;

/**
 * McMurchie-Davidson Hermite expansion of a product of two 1D Cartesian Gaussians:
 * x_A^i x_B^j exp(-a x_A^2 - b x_B^2) = exp(-mu X_AB^2) sum_t E^{ij}_t Lambda_t(x_P).
 * The exp(-mu X_AB^2) factor is left out (it goes into the pair prefactor).
 */
public final class Hermite {
    private Hermite() {
    }

    /** E^{ij}_t for i <= imax, j <= jmax, t <= imax+jmax at index (i*(jmax+1)+j)*(imax+jmax+1)+t. */
    public static double[] table(int imax, int jmax, double p, double xpa, double xpb) {
        int nt = imax + jmax + 1;
        double[] e = new double[(imax + 1) * (jmax + 1) * nt];
        double h = 0.5 / p;
        e[0] = 1;
        for (int j = 0; j < jmax; j++) {
            int src = j * nt, dst = (j + 1) * nt;
            for (int t = 0; t <= j + 1; t++) {
                double v = xpb * e[src + t];
                if (t > 0) {
                    v += h * e[src + t - 1];
                }
                if (t + 1 <= j) {
                    v += (t + 1) * e[src + t + 1];
                }
                e[dst + t] = v;
            }
        }
        for (int j = 0; j <= jmax; j++) {
            for (int i = 0; i < imax; i++) {
                int src = (i * (jmax + 1) + j) * nt, dst = ((i + 1) * (jmax + 1) + j) * nt;
                for (int t = 0; t <= i + j + 1; t++) {
                    double v = xpa * e[src + t];
                    if (t > 0) {
                        v += h * e[src + t - 1];
                    }
                    if (t + 1 <= i + j) {
                        v += (t + 1) * e[src + t + 1];
                    }
                    e[dst + t] = v;
                }
            }
        }
        return e;
    }

    /** Number of Hermite functions (t,u,v) with t+u+v <= l. */
    public static int count(int l) {
        return (l + 1) * (l + 2) * (l + 3) / 6;
    }

    /** The Hermite triples with t+u+v <= l, in a fixed order, and the inverse map. */
    public static final class Index {
        private static final Index[] CACHE = new Index[40];

        static {
            for (int l = 0; l < CACHE.length; l++) {
                CACHE[l] = new Index(l);
            }
        }

        public final int l;
        public final int[] t;
        public final int[] u;
        public final int[] v;
        /** position[(t*(l+1)+u)*(l+1)+v] = index, or -1. */
        private final int[] position;

        private Index(int l) {
            this.l = l;
            int n = count(l);
            t = new int[n];
            u = new int[n];
            v = new int[n];
            position = new int[(l + 1) * (l + 1) * (l + 1)];
            java.util.Arrays.fill(position, -1);
            int k = 0;
            for (int a = 0; a <= l; a++) {
                for (int b = 0; b <= l - a; b++) {
                    for (int c = 0; c <= l - a - b; c++) {
                        t[k] = a;
                        u[k] = b;
                        v[k] = c;
                        position[(a * (l + 1) + b) * (l + 1) + c] = k;
                        k++;
                    }
                }
            }
        }

        public static Index of(int l) {
            return CACHE[l];
        }

        public int indexOf(int a, int b, int c) {
            return position[(a * (l + 1) + b) * (l + 1) + c];
        }

        public int size() {
            return t.length;
        }
    }
}
