package org.qcmb.engine.builtin.scf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.basis.Shell;
import org.qcmb.engine.builtin.integrals.OneElectron;
import org.qcmb.engine.builtin.integrals.ShellQuartets;

/**
 * Superposition of atomic densities: a spin-averaged, fractionally occupied Hartree-Fock density for each
 * distinct real element (same basis), placed block-diagonally. Ghost atoms contribute nothing. Cuts the number of
 * SCF iterations against the core-Hamiltonian guess; the density does not have the molecular electron count
 * (ions), which the first diagonalisation fixes.
 */
final class SadGuess {
    /** Subshells in filling order: orbital count of each (1s, 2s, 2p, 3s, 3p, 4s, 3d, 4p). */
    private static final int[] SUBSHELL_ORBITALS = {1, 1, 3, 1, 3, 1, 5, 3};

    /**
     * Atomic densities by element and shells, for the life of the JVM: an MBE asks for the same few atoms thousands
     * of times. The arrays are never written after they are made.
     */
    private static final Map<AtomKey, double[]> ATOMS = new ConcurrentHashMap<>();

    /** An element with its shells (angular momentum, pure or not, exponents, coefficients), by value. */
    private record AtomKey(int z, List<List<Object>> shells) {
        static AtomKey of(int z, List<Shell> shells) {
            List<List<Object>> key = new ArrayList<>();
            for (Shell sh : shells) {
                key.add(List.of(sh.l(), sh.pure(), Arrays.stream(sh.exponents()).boxed().toList(),
                        Arrays.stream(sh.coefficients()).boxed().toList()));
            }
            return new AtomKey(z, key);
        }
    }

    private SadGuess() {
    }

    /** Half density (working basis, n x n) of the molecule; atomZ[atom] = 0 for ghosts. */
    static double[] density(BasisSet basis, int[] atomZ) {
        int n = basis.functionCount();
        double[] d = new double[n * n];
        int s = 0;
        while (s < basis.shellCount()) {
            int atom = basis.shell(s).atom();
            List<Shell> shells = new ArrayList<>();
            int first = s;
            while (s < basis.shellCount() && basis.shell(s).atom() == atom) {
                shells.add(basis.shell(s));
                s++;
            }
            int z = atomZ[atom];
            if (z == 0) {
                continue;
            }
            double[] da = ATOMS.computeIfAbsent(AtomKey.of(z, shells), k -> atomDensity(shells, z));
            int off = basis.functionOffset(first);
            int na = (int) Math.round(Math.sqrt(da.length));
            for (int i = 0; i < na; i++) {
                System.arraycopy(da, i * na, d, (off + i) * n + off, na);
            }
        }
        return d;
    }

    /** Occupation numbers (0..2) of the orbitals of a neutral atom, the open subshell spread evenly. */
    static double[] occupations(int z, int nmo) {
        double[] occ = new double[nmo];
        int left = z, orb = 0;
        for (int sub = 0; sub < SUBSHELL_ORBITALS.length && left > 0; sub++) {
            int k = SUBSHELL_ORBITALS[sub];
            int e = Math.min(left, 2 * k);
            for (int i = 0; i < k && orb + i < nmo; i++) {
                occ[orb + i] = (double) e / k;
            }
            orb += k;
            left -= e;
        }
        return occ;
    }

    private static double[] atomDensity(List<Shell> shells, int z) {
        List<Shell> moved = new ArrayList<>();
        for (Shell sh : shells) {
            moved.add(new Shell(0, sh.l(), 0, 0, 0, sh.exponents(), sh.coefficients(), sh.pure()));
        }
        BasisSet bs = new BasisSet("atom", moved);
        int n = bs.functionCount(), nc = bs.cartesianCount();
        double[] t = bs.toWorking();
        double[] hc = OneElectron.kinetic(bs);
        double[] v = OneElectron.potential(bs, new double[] {z}, new double[3]);
        for (int i = 0; i < hc.length; i++) {
            hc[i] += v[i];
        }
        double[] h = Matrices.sandwich(t, n, nc, hc);
        double[] s = Matrices.sandwich(t, n, nc, OneElectron.overlap(bs));
        Matrices.Eigen se = Matrices.symmetricEigen(s, n);
        int nmo = 0;
        for (double ev : se.values()) {
            if (ev > 1e-7) {
                nmo++;
            }
        }
        double[] x = new double[n * nmo];
        for (int k = 0; k < nmo; k++) {
            double f = 1 / Math.sqrt(se.values()[n - nmo + k]);
            for (int r = 0; r < n; r++) {
                x[r * nmo + k] = se.vectors()[r * n + n - nmo + k] * f;
            }
        }
        double[] occ = occupations(z, nmo);
        JKBuilder jk = new JKBuilder(new ShellQuartets(bs, false), 64L << 20, 1, null);
        Diis diis = new Diis(6);
        double[] f = h;
        double[] d = null;
        double eOld = 0;
        for (int iter = 0; iter < 60; iter++) {
            double[] fo = Matrices.sandwichT(x, n, nmo, f);
            Matrices.Eigen fe = Matrices.symmetricEigen(fo, nmo);
            double[] c = Matrices.mult(x, n, nmo, fe.vectors(), nmo);
            d = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int o = 0; o < nmo && occ[o] > 0; o++) {
                        sum += 0.5 * occ[o] * c[i * nmo + o] * c[j * nmo + o];
                    }
                    d[i * n + j] = sum;
                }
            }
            double[][] jkm = jk.build(Matrices.sandwichT(t, n, nc, d));
            double[] g = new double[nc * nc];
            for (int i = 0; i < g.length; i++) {
                g[i] = 2 * jkm[0][i] - jkm[1][i];
            }
            double[] fn = Matrices.sandwich(t, n, nc, g);
            double e = 0;
            for (int i = 0; i < n * n; i++) {
                fn[i] += h[i];
                e += d[i] * (h[i] + fn[i]);
            }
            double[] fds = Matrices.mult(Matrices.mult(fn, n, n, d, n), n, n, s, n);
            double[] err = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    err[i * n + j] = fds[i * n + j] - fds[j * n + i];
                }
            }
            f = diis.extrapolate(fn, Matrices.sandwichT(x, n, nmo, err));
            if (iter > 0 && Math.abs(e - eOld) < 1e-7) {
                break;
            }
            eOld = e;
        }
        return d;
    }
}
