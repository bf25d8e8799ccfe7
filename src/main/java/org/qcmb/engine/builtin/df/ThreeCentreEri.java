package org.qcmb.engine.builtin.df;

import org.qcmb.engine.builtin.basis.Shell;
import org.qcmb.engine.builtin.basis.SphericalTransform;
import org.qcmb.engine.builtin.integrals.Hermite;
import org.qcmb.engine.builtin.integrals.HermiteCoulomb;

/**
 * Three-centre integrals (P|ab) by McMurchie-Davidson, written for one-centre fitting functions:
 * (P|ab) = 2 pi^{5/2} / (p g sqrt(p+g)) sum_h E^{ab}_h sum_e w^P_e R_{h+e}(p g/(p+g), R_P - C).
 * A pure fitting function S_lm(r) e^{-g r^2} needs Hermite functions of order l only (Hobson's theorem:
 * S_lm(r) e^{-g r^2} = (2g)^{-l} S_lm(Lambda)), so its expansion w^P has (l+1)(l+2)/2 entries and no
 * transformation to spherical functions is needed afterwards. One instance per thread (scratch buffers).
 */
final class ThreeCentreEri {
    /** Primitive pairs whose |prefactor| (pi/p)^{3/2} falls below this are dropped (as the four-centre code). */
    static final double PRIMITIVE_CUTOFF = 1e-15;
    private static final double TWO_PI_POW_2_5 = 2 * Math.pow(Math.PI, 2.5);

    /**
     * An orbital shell pair, or a pair of shell families (shells on one atom with the same l and exponents, e.g.
     * the 1s and 2s of oxygen in Dunning sets): the significant primitive pairs, their Gaussian-product factor
     * exp(-mu AB^2) in {@code pref}, the contraction weight c_a c_b of each member pair in {@code weight}, and
     * the sparse Hermite expansion of each component pair (shared by the members, computed once).
     */
    static final class Pair {
        final Shell a;
        final Shell b;
        final int na;
        final int nb;
        /** la + lb: the Hermite order of the pair. */
        final int l;
        final int nh;
        final int nprim;
        final double[] p;
        final double[] px;
        final double[] py;
        final double[] pz;
        final double[] pref;
        /** weight[m][k]: c_a c_b of member pair m (memberA[m], memberB[m] index the shell arrays). */
        final double[][] weight;
        final int[] memberA;
        final int[] memberB;
        /** Exponent of the A primitive of each primitive pair (for derivatives). */
        final double[] expA;
        /** Component pair ab has entries start[ab] .. start[ab+1]-1: Hermite index hIdx, values[k * size + e]. */
        final int[] start;
        final int[] hIdx;
        final double[] values;
        final int size;

        Pair(Shell a, Shell b) {
            this(new Shell[] {a}, new Shell[] {b}, false);
        }

        /**
         * Members: every (as[x], bs[y]), or with {@code diagonal} (the same family twice) those with y <= x.
         * A primitive pair is kept when any member's weight makes it significant.
         */
        Pair(Shell[] as, Shell[] bs, boolean diagonal) {
            Shell a = as[0], b = bs[0];
            this.a = a;
            this.b = b;
            int nm = 0;
            int[] ma = new int[as.length * bs.length], mb = new int[as.length * bs.length];
            for (int x = 0; x < as.length; x++) {
                for (int y = 0; y < bs.length; y++) {
                    if (!diagonal || y <= x) {
                        ma[nm] = x;
                        mb[nm] = y;
                        nm++;
                    }
                }
            }
            memberA = java.util.Arrays.copyOf(ma, nm);
            memberB = java.util.Arrays.copyOf(mb, nm);
            int la = a.l(), lb = b.l();
            int[][] ca = Shell.cartesianComponents(la), cb = Shell.cartesianComponents(lb);
            na = ca.length;
            nb = cb.length;
            l = la + lb;
            nh = Hermite.count(l);
            Hermite.Index idx = Hermite.Index.of(l);
            double abx = a.x() - b.x(), aby = a.y() - b.y(), abz = a.z() - b.z();
            double ab2 = abx * abx + aby * aby + abz * abz;
            int max = a.primitiveCount() * b.primitiveCount();
            int[] ia = new int[max], ib = new int[max];
            double[] pp = new double[max], kk = new double[max];
            int n = 0;
            for (int i = 0; i < a.primitiveCount(); i++) {
                for (int j = 0; j < b.primitiveCount(); j++) {
                    double ea = a.exponents()[i], eb = b.exponents()[j], sum = ea + eb;
                    double k = Math.exp(-ea * eb / sum * ab2);
                    double w = 0;
                    for (int m = 0; m < nm; m++) {
                        w = Math.max(w, Math.abs(as[ma[m]].coefficients()[i] * bs[mb[m]].coefficients()[j]));
                    }
                    if (w * k * Math.pow(Math.PI / sum, 1.5) < PRIMITIVE_CUTOFF) {
                        continue;
                    }
                    ia[n] = i;
                    ib[n] = j;
                    pp[n] = sum;
                    kk[n] = k;
                    n++;
                }
            }
            nprim = n;
            p = java.util.Arrays.copyOf(pp, n);
            pref = java.util.Arrays.copyOf(kk, n);
            weight = new double[nm][n];
            for (int m = 0; m < nm; m++) {
                for (int k = 0; k < n; k++) {
                    weight[m][k] = as[ma[m]].coefficients()[ia[k]] * bs[mb[m]].coefficients()[ib[k]];
                }
            }
            expA = new double[n];
            for (int k = 0; k < n; k++) {
                expA[k] = a.exponents()[ia[k]];
            }
            px = new double[n];
            py = new double[n];
            pz = new double[n];
            start = new int[na * nb + 1];
            int total = 0;
            for (int x = 0; x < na; x++) {
                for (int y = 0; y < nb; y++) {
                    start[x * nb + y] = total;
                    total += (ca[x][0] + cb[y][0] + 1) * (ca[x][1] + cb[y][1] + 1) * (ca[x][2] + cb[y][2] + 1);
                }
            }
            start[na * nb] = total;
            size = total;
            hIdx = new int[total];
            values = new double[n * total];
            int e = 0;
            for (int x = 0; x < na; x++) {
                for (int y = 0; y < nb; y++) {
                    for (int t = 0; t <= ca[x][0] + cb[y][0]; t++) {
                        for (int u = 0; u <= ca[x][1] + cb[y][1]; u++) {
                            for (int v = 0; v <= ca[x][2] + cb[y][2]; v++) {
                                hIdx[e++] = idx.indexOf(t, u, v);
                            }
                        }
                    }
                }
            }
            for (int k = 0; k < n; k++) {
                double ea = a.exponents()[ia[k]], eb = b.exponents()[ib[k]], sum = p[k];
                px[k] = (ea * a.x() + eb * b.x()) / sum;
                py[k] = (ea * a.y() + eb * b.y()) / sum;
                pz[k] = (ea * a.z() + eb * b.z()) / sum;
                fill(k, ca, cb, lb, Hermite.table(la, lb, sum, px[k] - a.x(), px[k] - b.x()),
                        Hermite.table(la, lb, sum, py[k] - a.y(), py[k] - b.y()),
                        Hermite.table(la, lb, sum, pz[k] - a.z(), pz[k] - b.z()));
            }
        }

        /**
         * The Hermite coefficients of primitive pair k (a method of its own: small methods are compiled once and
         * early by the JIT, a constructor with long loops only by several on-stack replacements).
         */
        private void fill(int k, int[][] ca, int[][] cb, int lb, double[] tx, double[] ty, double[] tz) {
            int nt = l + 1;
            int o = k * size;
            for (int x = 0; x < na; x++) {
                for (int y = 0; y < nb; y++) {
                    int bx = (ca[x][0] * (lb + 1) + cb[y][0]) * nt, by = (ca[x][1] * (lb + 1) + cb[y][1]) * nt,
                            bz = (ca[x][2] * (lb + 1) + cb[y][2]) * nt;
                    for (int t = 0; t <= ca[x][0] + cb[y][0]; t++) {
                        for (int u = 0; u <= ca[x][1] + cb[y][1]; u++) {
                            double exy = tx[bx + t] * ty[by + u];
                            for (int v = 0; v <= ca[x][2] + cb[y][2]; v++) {
                                values[o++] = exy * tz[bz + v];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A fitting shell: for each of its working functions f, entries start[f] .. start[f+1]-1 with Hermite triple
     * (t, u, v) and per primitive q the weight w[q * size + e] (contraction coefficient, expansion coefficient and
     * the ket sign (-1)^{t+u+v}).
     */
    static final class Aux {
        final Shell s;
        final int l;
        final int nf;
        final int nprim;
        final int[] start;
        final int[] t;
        final int[] u;
        final int[] v;
        final double[] w;
        final int size;

        Aux(Shell s) {
            this.s = s;
            l = s.l();
            nprim = s.primitiveCount();
            int[][] comps = Shell.cartesianComponents(l);
            int nc = comps.length;
            double sign = (l & 1) == 0 ? 1 : -1;
            if (s.pure()) {
                double[][] tr = SphericalTransform.matrix(l);
                nf = tr.length;
                start = new int[nf + 1];
                int total = 0;
                for (int f = 0; f < nf; f++) {
                    start[f] = total;
                    for (int c = 0; c < nc; c++) {
                        if (tr[f][c] != 0) {
                            total++;
                        }
                    }
                }
                start[nf] = total;
                size = total;
                t = new int[total];
                u = new int[total];
                v = new int[total];
                w = new double[nprim * total];
                int e = 0;
                for (int f = 0; f < nf; f++) {
                    for (int c = 0; c < nc; c++) {
                        if (tr[f][c] == 0) {
                            continue;
                        }
                        t[e] = comps[c][0];
                        u[e] = comps[c][1];
                        v[e] = comps[c][2];
                        for (int q = 0; q < nprim; q++) {
                            double g = s.exponents()[q];
                            w[q * total + e] = sign * s.coefficients()[q] * Math.pow(2 * g, -l) * tr[f][c];
                        }
                        e++;
                    }
                }
            } else {
                nf = nc;
                start = new int[nf + 1];
                int total = 0;
                for (int f = 0; f < nf; f++) {
                    start[f] = total;
                    total += (comps[f][0] / 2 + 1) * (comps[f][1] / 2 + 1) * (comps[f][2] / 2 + 1);
                }
                start[nf] = total;
                size = total;
                t = new int[total];
                u = new int[total];
                v = new int[total];
                w = new double[nprim * total];
                for (int q = 0; q < nprim; q++) {
                    double g = s.exponents()[q];
                    // one-centre Hermite coefficients E^{i0}_t (t = i, i-2, ...)
                    double[] e1 = Hermite.table(l, 0, g, 0, 0);
                    int e = 0;
                    for (int f = 0; f < nf; f++) {
                        int[] c = comps[f];
                        for (int tt = c[0] % 2; tt <= c[0]; tt += 2) {
                            for (int uu = c[1] % 2; uu <= c[1]; uu += 2) {
                                for (int vv = c[2] % 2; vv <= c[2]; vv += 2) {
                                    t[e] = tt;
                                    u[e] = uu;
                                    v[e] = vv;
                                    double sg = ((tt + uu + vv) & 1) == 0 ? 1 : -1;
                                    w[q * total + e] = sg * s.coefficients()[q] * e1[c[0] * (l + 1) + tt]
                                            * e1[c[1] * (l + 1) + uu] * e1[c[2] * (l + 1) + vv];
                                    e++;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * An orbital shell pair for gradients: per primitive pair k the dense Hermite tables of the component pairs,
     * e[k][ab][h] (order la+lb) and d/dA_x,y,z ea[d][k][ab][h'] (order la+lb+1, from
     * d/dA_x x_A^i e^{-a x_A^2} = 2a x_A^{i+1} e^{..} - i x_A^{i-1} e^{..}).
     */
    static final class DerivativePair {
        final Pair base;
        final int nh1;
        final double[] e;
        final double[][] ea;

        DerivativePair(Shell a, Shell b) {
            base = new Pair(a, b);
            int la = a.l(), lb = b.l(), l = la + lb;
            int[][] ca = Shell.cartesianComponents(la), cb = Shell.cartesianComponents(lb);
            int nab = ca.length * cb.length, nh = base.nh;
            nh1 = Hermite.count(l + 1);
            Hermite.Index i0 = Hermite.Index.of(l), i1 = Hermite.Index.of(l + 1);
            int n = base.nprim;
            e = new double[n * nab * nh];
            ea = new double[][] {new double[n * nab * nh1], new double[n * nab * nh1], new double[n * nab * nh1]};
            int nt = la + 1 + lb + 1;
            for (int k = 0; k < n; k++) {
                double eaExp = base.expA[k];
                double sum = base.p[k];
                double[][] tab = {
                    Hermite.table(la + 1, lb, sum, base.px[k] - a.x(), base.px[k] - b.x()),
                    Hermite.table(la + 1, lb, sum, base.py[k] - a.y(), base.py[k] - b.y()),
                    Hermite.table(la + 1, lb, sum, base.pz[k] - a.z(), base.pz[k] - b.z())};
                for (int x = 0; x < ca.length; x++) {
                    for (int y = 0; y < cb.length; y++) {
                        int ab = x * cb.length + y;
                        int[] ia = ca[x], ib = cb[y];
                        for (int h = 0; h < nh; h++) {
                            int[] t = {i0.t[h], i0.u[h], i0.v[h]};
                            double v = 1;
                            for (int d = 0; d < 3; d++) {
                                v *= e1(tab[d], ia[d], ib[d], t[d], lb, nt);
                            }
                            e[(k * nab + ab) * nh + h] = v;
                        }
                        for (int dir = 0; dir < 3; dir++) {
                            for (int h = 0; h < nh1; h++) {
                                int[] t = {i1.t[h], i1.u[h], i1.v[h]};
                                double v = 1;
                                for (int d = 0; d < 3; d++) {
                                    if (d == dir) {
                                        v *= 2 * eaExp * e1(tab[d], ia[d] + 1, ib[d], t[d], lb, nt)
                                                - ia[d] * e1(tab[d], ia[d] - 1, ib[d], t[d], lb, nt);
                                    } else {
                                        v *= e1(tab[d], ia[d], ib[d], t[d], lb, nt);
                                    }
                                }
                                ea[dir][(k * nab + ab) * nh1 + h] = v;
                            }
                        }
                    }
                }
            }
        }

        /** E^{ij}_t from a table of imax = la+1, jmax = lb; 0 outside the valid range. */
        private static double e1(double[] tab, int i, int j, int t, int jmax, int nt) {
            if (i < 0 || t > i + j) {
                return 0;
            }
            return tab[(i * (jmax + 1) + j) * nt + t];
        }
    }

    private double[] xs = new double[256];
    private double[] ys = new double[768];

    /**
     * Adds to g9 the derivatives sum_{f,ab} gamma[f * nab + ab] d(f|ab)/dX for X = A (0..2), B (3..5) and the
     * fitting function's centre C (6..8); gamma over the fitting shell's working functions and Cartesian ab.
     */
    void derivative(DerivativePair dp, Aux aux, double[] gamma, double[] g9) {
        Pair mn = dp.base;
        int nab = mn.na * mn.nb, nf = aux.nf, nh = mn.nh, nh1 = dp.nh1;
        if (mn.nprim == 0) {
            return;
        }
        int lmax = mn.l + 1 + aux.l;
        int s = lmax + 1;
        if (r.length < s * s * s) {
            r = new double[s * s * s];
        }
        if (g.length < nf * nh1) {
            g = new double[nf * nh1];
        }
        if (xs.length < nf * nh) {
            xs = new double[nf * nh];
        }
        if (ys.length < 3 * nf * nh1) {
            ys = new double[3 * nf * nh1];
        }
        if (offH.length < nh1) {
            offH = new int[nh1];
        }
        if (offE.length < aux.size) {
            offE = new int[aux.size];
        }
        Hermite.Index i1 = Hermite.Index.of(mn.l + 1), i0 = Hermite.Index.of(mn.l);
        for (int h = 0; h < nh1; h++) {
            offH[h] = (i1.t[h] * s + i1.u[h]) * s + i1.v[h];
        }
        for (int e = 0; e < aux.size; e++) {
            offE[e] = (aux.t[e] * s + aux.u[e]) * s + aux.v[e];
        }
        // the index in order l+1 of each order-l triple shifted by one in x, y, z
        int[][] shift = new int[3][nh];
        for (int h = 0; h < nh; h++) {
            shift[0][h] = i1.indexOf(i0.t[h] + 1, i0.u[h], i0.v[h]);
            shift[1][h] = i1.indexOf(i0.t[h], i0.u[h] + 1, i0.v[h]);
            shift[2][h] = i1.indexOf(i0.t[h], i0.u[h], i0.v[h] + 1);
        }
        double cx = aux.s.x(), cy = aux.s.y(), cz = aux.s.z();
        double[] rr = r, gg = g, x = xs, y = ys;
        double ax = 0, ay = 0, az = 0, ccx = 0, ccy = 0, ccz = 0;
        for (int k = 0; k < mn.nprim; k++) {
            // X[f][h] = sum_ab gamma[f][ab] E_k[ab][h]; Y_d[f][h'] likewise with d/dA_d
            int eo = k * nab * nh, ao = k * nab * nh1;
            for (int f = 0; f < nf; f++) {
                for (int h = 0; h < nh; h++) {
                    double acc = 0;
                    for (int ab = 0; ab < nab; ab++) {
                        acc += gamma[f * nab + ab] * dp.e[eo + ab * nh + h];
                    }
                    x[f * nh + h] = acc;
                }
                for (int d = 0; d < 3; d++) {
                    double[] ead = dp.ea[d];
                    for (int h = 0; h < nh1; h++) {
                        double acc = 0;
                        for (int ab = 0; ab < nab; ab++) {
                            acc += gamma[f * nab + ab] * ead[ao + ab * nh1 + h];
                        }
                        y[(d * nf + f) * nh1 + h] = acc;
                    }
                }
            }
            double pe = mn.p[k];
            for (int q = 0; q < aux.nprim; q++) {
                double ga = aux.s.exponents()[q], sum = pe + ga;
                double pref = TWO_PI_POW_2_5 / (pe * ga * Math.sqrt(sum)) * mn.pref[k] * mn.weight[0][k];
                coulomb.compute(lmax, pe * ga / sum, mn.px[k] - cx, mn.py[k] - cy, mn.pz[k] - cz, pref, rr);
                int wq = q * aux.size;
                for (int f = 0; f < nf; f++) {
                    int go = f * nh1;
                    int e0 = aux.start[f], e1 = aux.start[f + 1];
                    for (int h = 0; h < nh1; h++) {
                        int base = offH[h];
                        double acc = 0;
                        for (int e = e0; e < e1; e++) {
                            acc += aux.w[wq + e] * rr[base + offE[e]];
                        }
                        gg[go + h] = acc;
                    }
                }
                for (int f = 0; f < nf; f++) {
                    int go = f * nh1;
                    for (int h = 0; h < nh1; h++) {
                        double gv = gg[go + h];
                        ax += y[(f) * nh1 + h] * gv;
                        ay += y[(nf + f) * nh1 + h] * gv;
                        az += y[(2 * nf + f) * nh1 + h] * gv;
                    }
                    for (int h = 0; h < nh; h++) {
                        double xv = x[f * nh + h];
                        ccx += xv * gg[go + shift[0][h]];
                        ccy += xv * gg[go + shift[1][h]];
                        ccz += xv * gg[go + shift[2][h]];
                    }
                }
            }
        }
        // d/dC R_{tuv}(P - C) = -R_{t+1,u,v}; B by translational invariance
        g9[0] += ax;
        g9[1] += ay;
        g9[2] += az;
        g9[6] -= ccx;
        g9[7] -= ccy;
        g9[8] -= ccz;
        g9[3] += -ax + ccx;
        g9[4] += -ay + ccy;
        g9[5] += -az + ccz;
    }

    private final HermiteCoulomb coulomb = new HermiteCoulomb();
    private double[] r = new double[512];
    private double[] g = new double[256];
    private int[] offH = new int[64];
    private int[] offE = new int[64];

    /** out[f * na*nb + ab] = (f|ab) for a single shell pair (one member). */
    void compute(Pair mn, Aux aux, double[] out) {
        compute(mn, aux, new double[][] {out});
    }

    private double[] tblk = new double[64];

    /**
     * outs[m][f * na*nb + ab] = (f|ab) for each member pair m: working functions f of the fitting shell,
     * Cartesian component pairs ab. The Hermite integrals and their contraction are shared by the members.
     */
    void compute(Pair mn, Aux aux, double[][] outs) {
        int nab = mn.na * mn.nb, nf = aux.nf, nh = mn.nh;
        int nm = mn.memberA.length;
        for (int m = 0; m < nm; m++) {
            java.util.Arrays.fill(outs[m], 0, nf * nab, 0.0);
        }
        if (mn.nprim == 0) {
            return;
        }
        if (tblk.length < nf * nab) {
            tblk = new double[nf * nab];
        }
        double[] tb = tblk;
        int lmax = mn.l + aux.l;
        int s = lmax + 1;
        if (r.length < s * s * s) {
            r = new double[s * s * s];
        }
        if (g.length < nf * nh) {
            g = new double[nf * nh];
        }
        if (offH.length < nh) {
            offH = new int[nh];
        }
        if (offE.length < aux.size) {
            offE = new int[aux.size];
        }
        Hermite.Index hi = Hermite.Index.of(mn.l);
        for (int h = 0; h < nh; h++) {
            offH[h] = (hi.t[h] * s + hi.u[h]) * s + hi.v[h];
        }
        for (int e = 0; e < aux.size; e++) {
            offE[e] = (aux.t[e] * s + aux.u[e]) * s + aux.v[e];
        }
        double cx = aux.s.x(), cy = aux.s.y(), cz = aux.s.z();
        double[] rr = r, gg = g;
        int[] oh = offH, oe = offE, start = aux.start, hIdx = mn.hIdx, pst = mn.start;
        double[] vals = mn.values, aw = aux.w;
        for (int q = 0; q < aux.nprim; q++) {
            double ga = aux.s.exponents()[q];
            int wq = q * aux.size;
            for (int k = 0; k < mn.nprim; k++) {
                double pe = mn.p[k], sum = pe + ga;
                double pref = TWO_PI_POW_2_5 / (pe * ga * Math.sqrt(sum)) * mn.pref[k];
                coulomb.compute(lmax, pe * ga / sum, mn.px[k] - cx, mn.py[k] - cy, mn.pz[k] - cz, pref, rr);
                for (int f = 0; f < nf; f++) {
                    int go = f * nh;
                    int e0 = start[f], e1 = start[f + 1];
                    for (int h = 0; h < nh; h++) {
                        int base = oh[h];
                        double acc = 0;
                        for (int e = e0; e < e1; e++) {
                            acc += aw[wq + e] * rr[base + oe[e]];
                        }
                        gg[go + h] = acc;
                    }
                }
                int vo = k * mn.size;
                for (int ab = 0; ab < nab; ab++) {
                    int a0 = pst[ab], a1 = pst[ab + 1];
                    for (int f = 0; f < nf; f++) {
                        int go = f * nh;
                        double acc = 0;
                        for (int e = a0; e < a1; e++) {
                            acc += vals[vo + e] * gg[go + hIdx[e]];
                        }
                        tb[f * nab + ab] = acc;
                    }
                }
                for (int m = 0; m < nm; m++) {
                    double w = mn.weight[m][k];
                    double[] out = outs[m];
                    for (int x = 0; x < nf * nab; x++) {
                        out[x] += w * tb[x];
                    }
                }
            }
        }
    }
}
