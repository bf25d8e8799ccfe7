package org.qcmb.engine.builtin.integrals;

/**
 * The sparse Hermite expansion of every Cartesian component pair (a,b) of a shell pair: for pair ab, entries
 * start[ab]..start[ab+1]-1 hold the Hermite triple (t,u,v), its index in {@link Hermite.Index} of order
 * {@code l}, and per primitive pair the coefficient values[prim * size + entry].
 */
final class PairExpansion {
    final int l;
    final int[] start;
    final int[] t;
    final int[] u;
    final int[] v;
    final int[] hermite;
    /** (-1)^(t+u+v): the sign of each entry when it stands in the ket. */
    final double[] sign;
    final double[] values;
    final int size;

    PairExpansion(int l, int[] start, int[] t, int[] u, int[] v, int nprim) {
        this.l = l;
        this.start = start;
        this.t = t;
        this.u = u;
        this.v = v;
        this.size = t.length;
        Hermite.Index idx = Hermite.Index.of(l);
        hermite = new int[size];
        sign = new double[size];
        for (int k = 0; k < size; k++) {
            hermite[k] = idx.indexOf(t[k], u[k], v[k]);
            sign[k] = ((t[k] + u[k] + v[k]) & 1) == 0 ? 1 : -1;
        }
        values = new double[nprim * size];
    }

    /**
     * The structure for component pairs of comps a x comps b where Hermite extent in direction dir grows by
     * one (dir = -1: none). Extent in x for ab is ax+bx (+1 if dir == 0).
     */
    static PairExpansion structure(int[][] ca, int[][] cb, int dir, int nprim) {
        int nab = ca.length * cb.length;
        int[] start = new int[nab + 1];
        int total = 0;
        for (int a = 0; a < ca.length; a++) {
            for (int b = 0; b < cb.length; b++) {
                int n = 1;
                for (int d = 0; d < 3; d++) {
                    n *= ca[a][d] + cb[b][d] + 1 + (d == dir ? 1 : 0);
                }
                start[a * cb.length + b] = total;
                total += n;
            }
        }
        start[nab] = total;
        int[] t = new int[total], u = new int[total], v = new int[total];
        int k = 0;
        for (int a = 0; a < ca.length; a++) {
            for (int b = 0; b < cb.length; b++) {
                int tx = ca[a][0] + cb[b][0] + (dir == 0 ? 1 : 0);
                int ty = ca[a][1] + cb[b][1] + (dir == 1 ? 1 : 0);
                int tz = ca[a][2] + cb[b][2] + (dir == 2 ? 1 : 0);
                for (int i = 0; i <= tx; i++) {
                    for (int j = 0; j <= ty; j++) {
                        for (int m = 0; m <= tz; m++) {
                            t[k] = i;
                            u[k] = j;
                            v[k] = m;
                            k++;
                        }
                    }
                }
            }
        }
        int lmax = 0;
        for (int a = 0; a < ca.length; a++) {
            for (int b = 0; b < cb.length; b++) {
                int s = 0;
                for (int d = 0; d < 3; d++) {
                    s += ca[a][d] + cb[b][d];
                }
                lmax = Math.max(lmax, s + (dir >= 0 ? 1 : 0));
            }
        }
        return new PairExpansion(lmax, start, t, u, v, nprim);
    }
}
