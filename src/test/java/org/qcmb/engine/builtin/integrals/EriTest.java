package org.qcmb.engine.builtin.integrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qcmb.engine.builtin.basis.Shell;

/**
 * Eri.quartet against a plain McMurchie-Davidson sum over primitive quartets with the Boys function from its
 * series (no orientation choice, no special cases, no far-field collapse), for s to f shells, one-centre pairs,
 * contracted shells, and pairs far enough apart that most primitive quartets lie in the Boys function's
 * asymptotic range.
 */
class EriTest {
    private static final double[] TIGHT = {40.0, 9.0, 2.5, 0.7};

    @Test
    void everyQuartetClassMatchesThePlainSum() {
        Random rnd = new Random(7);
        List<Shell> shells = new ArrayList<>();
        double[][] centres = {{0, 0, 0}, {1.1, -0.4, 0.7}, {-0.9, 1.3, -0.2}};
        for (int l = 0; l <= 3; l++) {
            double[] c = centres[l % centres.length];
            shells.add(shell(0, l, c, 1 + rnd.nextInt(3), rnd));
        }
        shells.add(shell(1, 1, centres[0], 2, rnd));
        Eri eri = new Eri();
        for (Shell a : shells) {
            for (Shell b : shells) {
                for (Shell c : shells) {
                    for (Shell d : shells) {
                        if (a.l() + b.l() + c.l() + d.l() <= 6) {
                            check(eri, a, b, c, d);
                        }
                    }
                }
            }
        }
    }

    @Test
    void farApartOneCentrePairsMatchThePlainSum() {
        // contracted tight shells 9 bohr apart: many primitive quartets beyond the asymptotic range, so the
        // one-centre pairs' multipole sums stand in for part of each quartet
        double[] a = {0, 0, 0}, c = {6.0, -5.0, 4.0}, b = {0.8, 0.3, -0.2};
        Shell s0 = Shell.normalised(0, 0, a[0], a[1], a[2], TIGHT, new double[] {0.1, 0.3, 0.5, 0.3}, false);
        Shell p0 = Shell.normalised(0, 1, a[0], a[1], a[2], TIGHT, new double[] {0.2, 0.4, 0.4, 0.2}, false);
        Shell d0 = Shell.normalised(0, 2, a[0], a[1], a[2], new double[] {12, 1.2}, new double[] {0.5, 0.6}, false);
        Shell s1 = Shell.normalised(1, 0, c[0], c[1], c[2], TIGHT, new double[] {0.2, 0.3, 0.4, 0.3}, false);
        Shell p1 = Shell.normalised(1, 1, c[0], c[1], c[2], TIGHT, new double[] {0.3, 0.3, 0.4, 0.2}, false);
        Shell f1 = Shell.normalised(1, 3, c[0], c[1], c[2], new double[] {6}, new double[] {1}, false);
        Shell sb = Shell.normalised(2, 0, b[0], b[1], b[2], new double[] {3.0, 0.5}, new double[] {0.4, 0.7}, false);
        Eri eri = new Eri();
        Shell[] all = {s0, p0, d0, s1, p1, f1, sb};
        for (Shell x : all) {
            for (Shell y : all) {
                for (Shell z : all) {
                    for (Shell w : all) {
                        if (x.l() + y.l() + z.l() + w.l() <= 5) {
                            check(eri, x, y, z, w);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shellGroupsGiveTheIntegralsOfTheirShells() {
        // an SP shell (s and p with one set of exponents), a generally contracted pair of s shells far away, and
        // a single d shell: grouped pairs against the plain sums of the member shells
        double[] a = {0, 0, 0}, c = {5.0, -4.0, 3.0}, b = {0.9, 0.4, -0.3};
        double[] sp = {5.0, 1.2, 0.3};
        Shell[] g1 = {Shell.normalised(0, 0, a[0], a[1], a[2], sp, new double[] {-0.1, 0.4, 0.7}, false),
            Shell.normalised(0, 1, a[0], a[1], a[2], sp, new double[] {0.2, 0.5, 0.6}, false)};
        Shell[] g2 = {Shell.normalised(1, 0, c[0], c[1], c[2], TIGHT, new double[] {0.1, 0.3, 0.5, 0.3}, false),
            Shell.normalised(1, 0, c[0], c[1], c[2], TIGHT, new double[] {-0.1, -0.2, 0.3, 0.9}, false)};
        Shell[] g3 = {Shell.normalised(2, 2, b[0], b[1], b[2], new double[] {0.8}, new double[] {1}, false)};
        Shell[][] groups = {g1, g2, g3};
        Eri eri = new Eri();
        for (Shell[] w : groups) {
            for (Shell[] x : groups) {
                for (Shell[] y : groups) {
                    for (Shell[] z : groups) {
                        ShellPair bra = new ShellPair(w, x), ket = new ShellPair(y, z);
                        double[] out = new double[bra.na * bra.nb * ket.na * ket.nb];
                        eri.quartet(bra, ket, out);
                        assertGroupBlock(out, w, x, y, z);
                    }
                }
            }
        }
    }

    /** out (components of the groups in shell order) against the plain sums of every shell quartet. */
    private static void assertGroupBlock(double[] out, Shell[] w, Shell[] x, Shell[] y, Shell[] z) {
        int nx = count(x), ny = count(y), nz = count(z);
        int ow = 0;
        for (Shell sw : w) {
            int ox = 0;
            for (Shell sx : x) {
                int oy = 0;
                for (Shell sy : y) {
                    int oz = 0;
                    for (Shell sz : z) {
                        double[] ref = plain(sw, sx, sy, sz);
                        int k = 0;
                        for (int i = 0; i < sw.cartesianCount(); i++) {
                            for (int j = 0; j < sx.cartesianCount(); j++) {
                                for (int m = 0; m < sy.cartesianCount(); m++) {
                                    for (int q = 0; q < sz.cartesianCount(); q++) {
                                        double v = out[(((ow + i) * nx + ox + j) * ny + oy + m) * nz + oz + q];
                                        assertThat(v).isCloseTo(ref[k], within(1e-14 + 1e-12 * Math.abs(ref[k])));
                                        k++;
                                    }
                                }
                            }
                        }
                        oz += sz.cartesianCount();
                    }
                    oy += sy.cartesianCount();
                }
                ox += sx.cartesianCount();
            }
            ow += sw.cartesianCount();
        }
    }

    private static int count(Shell[] g) {
        int n = 0;
        for (Shell s : g) {
            n += s.cartesianCount();
        }
        return n;
    }

    private static Shell shell(int atom, int l, double[] c, int nprim, Random rnd) {
        double[] e = new double[nprim], k = new double[nprim];
        for (int i = 0; i < nprim; i++) {
            e[i] = 0.2 + 15 * rnd.nextDouble() * (i + 1);
            k[i] = 0.2 + rnd.nextDouble();
        }
        return Shell.normalised(atom, l, c[0], c[1], c[2], e, k, false);
    }

    private static void check(Eri eri, Shell a, Shell b, Shell c, Shell d) {
        ShellPair bra = new ShellPair(a, b, false), ket = new ShellPair(c, d, false);
        double[] ref = plain(a, b, c, d);
        double[] out = new double[ref.length];
        eri.quartet(bra, ket, out);
        for (int x = 0; x < ref.length; x++) {
            assertThat(out[x]).as("(%d%d|%d%d) #%d", a.l(), b.l(), c.l(), d.l(), x)
                    .isCloseTo(ref[x], within(1e-14 + 1e-12 * Math.abs(ref[x])));
        }
    }

    /** The Cartesian block as the textbook quadruple sum over primitives. */
    private static double[] plain(Shell a, Shell b, Shell c, Shell d) {
        int[][] ca = Shell.cartesianComponents(a.l()), cb = Shell.cartesianComponents(b.l());
        int[][] cc = Shell.cartesianComponents(c.l()), cd = Shell.cartesianComponents(d.l());
        double[] out = new double[ca.length * cb.length * cc.length * cd.length];
        int lsum = a.l() + b.l() + c.l() + d.l();
        for (int i = 0; i < a.primitiveCount(); i++) {
            for (int j = 0; j < b.primitiveCount(); j++) {
                double[][] eab = new double[3][];
                double ea = a.exponents()[i], eb = b.exponents()[j], p = ea + eb;
                double[] pc = new double[3];
                double kab = a.coefficients()[i] * b.coefficients()[j];
                for (int x = 0; x < 3; x++) {
                    double ax = coord(a, x), bx = coord(b, x);
                    pc[x] = (ea * ax + eb * bx) / p;
                    kab *= Math.exp(-ea * eb / p * (ax - bx) * (ax - bx));
                    eab[x] = Hermite.table(a.l(), b.l(), p, pc[x] - ax, pc[x] - bx);
                }
                for (int k = 0; k < c.primitiveCount(); k++) {
                    for (int l = 0; l < d.primitiveCount(); l++) {
                        double[][] ecd = new double[3][];
                        double ec = c.exponents()[k], ed = d.exponents()[l], q = ec + ed;
                        double[] qc = new double[3];
                        double kcd = c.coefficients()[k] * d.coefficients()[l];
                        for (int x = 0; x < 3; x++) {
                            double cx = coord(c, x), dx = coord(d, x);
                            qc[x] = (ec * cx + ed * dx) / q;
                            kcd *= Math.exp(-ec * ed / q * (cx - dx) * (cx - dx));
                            ecd[x] = Hermite.table(c.l(), d.l(), q, qc[x] - cx, qc[x] - dx);
                        }
                        double alpha = p * q / (p + q);
                        double[] pq = {pc[0] - qc[0], pc[1] - qc[1], pc[2] - qc[2]};
                        double[][][] r = rTable(lsum, alpha, pq);
                        double pref = 2 * Math.pow(Math.PI, 2.5) / (p * q * Math.sqrt(p + q)) * kab * kcd;
                        int o = 0;
                        for (int[] ia : ca) {
                            for (int[] ib : cb) {
                                for (int[] ic : cc) {
                                    for (int[] id : cd) {
                                        out[o++] += pref * hermiteSum(eab, ecd, a.l(), b.l(), c.l(), d.l(), ia, ib, ic,
                                                id, r);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double hermiteSum(double[][] eab, double[][] ecd, int la, int lb, int lc, int ld, int[] ia,
                                     int[] ib, int[] ic, int[] id, double[][][] r) {
        double v = 0;
        for (int t = 0; t <= ia[0] + ib[0]; t++) {
            for (int u = 0; u <= ia[1] + ib[1]; u++) {
                for (int w = 0; w <= ia[2] + ib[2]; w++) {
                    double e1 = e(eab[0], la, lb, ia[0], ib[0], t) * e(eab[1], la, lb, ia[1], ib[1], u)
                            * e(eab[2], la, lb, ia[2], ib[2], w);
                    for (int t2 = 0; t2 <= ic[0] + id[0]; t2++) {
                        for (int u2 = 0; u2 <= ic[1] + id[1]; u2++) {
                            for (int w2 = 0; w2 <= ic[2] + id[2]; w2++) {
                                double e2 = e(ecd[0], lc, ld, ic[0], id[0], t2) * e(ecd[1], lc, ld, ic[1], id[1], u2)
                                        * e(ecd[2], lc, ld, ic[2], id[2], w2);
                                double sign = (t2 + u2 + w2) % 2 == 0 ? 1 : -1;
                                v += e1 * e2 * sign * r[t + t2][u + u2][w + w2];
                            }
                        }
                    }
                }
            }
        }
        return v;
    }

    private static double coord(Shell s, int x) {
        return x == 0 ? s.x() : x == 1 ? s.y() : s.z();
    }

    private static double e(double[] tab, int imax, int jmax, int i, int j, int t) {
        return tab[(i * (jmax + 1) + j) * (imax + jmax + 1) + t];
    }

    /** R_{tuv} (t+u+v <= L) by the McMurchie-Davidson recursion from R^n_000 = (-2 alpha)^n F_n(alpha |PQ|^2). */
    private static double[][][] rTable(int lsum, double alpha, double[] pq) {
        double t2 = alpha * (pq[0] * pq[0] + pq[1] * pq[1] + pq[2] * pq[2]);
        double[][][][] rn = new double[lsum + 1][][][];
        for (int n = lsum; n >= 0; n--) {
            int top = lsum - n;
            double[][][] cur = new double[top + 1][top + 1][top + 1];
            // the series overflows far out; beyond T = 100 F_n is (2n-1)!! sqrt(pi) / (2^{n+1} T^{n+1/2}) to 1e-30
            double f = Boys.series(n, Math.min(t2, 100));
            if (t2 > 100) {
                f = Math.sqrt(Math.PI / t2) / 2;
                for (int m = 1; m <= n; m++) {
                    f *= (2 * m - 1) / (2 * t2);
                }
            }
            cur[0][0][0] = Math.pow(-2 * alpha, n) * f;
            double[][][] up = n < lsum ? rn[n + 1] : null;
            for (int t = 0; t <= top; t++) {
                for (int u = 0; u <= top - t; u++) {
                    for (int v = 0; v <= top - t - u; v++) {
                        if (t > 0) {
                            cur[t][u][v] = pq[0] * up[t - 1][u][v] + (t > 1 ? (t - 1) * up[t - 2][u][v] : 0);
                        } else if (u > 0) {
                            cur[t][u][v] = pq[1] * up[t][u - 1][v] + (u > 1 ? (u - 1) * up[t][u - 2][v] : 0);
                        } else if (v > 0) {
                            cur[t][u][v] = pq[2] * up[t][u][v - 1] + (v > 1 ? (v - 1) * up[t][u][v - 2] : 0);
                        }
                    }
                }
            }
            rn[n] = cur;
        }
        return rn[0];
    }
}
