package org.qcmb.engine.builtin.scf;

import java.util.concurrent.ExecutorService;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.engine.EngineException;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.Charges;
import org.qcmb.engine.builtin.integrals.OneElectron;
import org.qcmb.engine.builtin.integrals.ShellQuartets;

/**
 * Closed-shell Hartree-Fock (Roothaan-Hall) with DIIS and a SAD guess (the core Hamiltonian when SAD cannot be
 * built). Integrals are over Cartesian functions; the Fock matrix is brought to the working (pure or Cartesian)
 * basis by F = T F_cart T^T.
 * Convergence: |dE| < e_convergence and RMS of the orthogonalised error FDS - SDF < d_convergence.
 */
public final class RhfSolver {
    /** Overlap eigenvalues below this are dropped (canonical orthogonalisation), as Psi4's S_TOLERANCE. */
    private static final double S_TOLERANCE = 1e-7;

    private final BasisSet basis;
    private final Charges charges;
    private final int electrons;
    private final ScfOptions options;
    private final ExecutorService pool;
    private boolean useSad = true;
    private double[] guessDensity;
    private FockBuilder fockBuilder;
    private SpareWork spare = SpareWork.NONE;
    private boolean sad;
    /** C' of the core-Hamiltonian guess (null for SAD or a given density). */
    private double[] guessOrth;

    public RhfSolver(BasisSet basis, Charges charges, int electrons, ScfOptions options, ExecutorService pool) {
        this.basis = basis;
        this.charges = charges;
        this.electrons = electrons;
        this.options = options;
        this.pool = pool;
    }

    /**
     * Starts from a given density (working basis, n x n, half the total), e.g. the converged density of a nearby
     * geometry in finite-difference Hessians: a few iterations instead of a dozen.
     */
    public RhfSolver guessDensity(double[] d) {
        this.guessDensity = d == null ? null : d.clone();
        return this;
    }

    /** Builds 2J - K with this builder (e.g. density fitting) instead of the exact integrals. */
    public RhfSolver fockBuilder(FockBuilder builder) {
        this.fockBuilder = builder;
        return this;
    }

    /** Runs this work on a spare thread during the serial steps (paused for every Fock build). */
    public RhfSolver spareWork(SpareWork work) {
        this.spare = work;
        return this;
    }

    /** Starts from the core-Hamiltonian guess instead of SAD. */
    public RhfSolver coreGuess() {
        useSad = false;
        return this;
    }

    public ScfResult solve() {
        spare.resume();
        try {
            return iterate();
        } finally {
            spare.pause();
        }
    }

    private ScfResult iterate() {
        int n = basis.functionCount(), nc = basis.cartesianCount();
        int nocc = electrons / 2;
        double[] t = basis.toWorking();
        // one thread and room for it: the PK supermatrix (cheap Fock builds) over shell groups (SP shells as one);
        // else stored or recomputed quartets
        long pkDoubles = PkSupermatrix.doubles(nc);
        boolean usePk = fockBuilder == null && options.threads() <= 1 && pkDoubles * 8 <= options.memoryBytes()
                && pkDoubles < Integer.MAX_VALUE - 16;
        ShellQuartets quartets = usePk ? ShellQuartets.grouped(basis) : new ShellQuartets(basis, false);
        double[][] st = OneElectron.overlapAndKinetic(basis);
        double[] sCart = st[0];
        double[] hCart = st[1];
        double[] v = OneElectron.potential(quartets, charges.q(), charges.xyz());
        for (int i = 0; i < hCart.length; i++) {
            hCart[i] += v[i];
        }
        double[] s = Matrices.sandwich(t, n, nc, sCart);
        double[] h = Matrices.sandwich(t, n, nc, hCart);

        Matrices.Eigen se = Matrices.symmetricEigen(s, n);
        int nmo = 0;
        for (double ev : se.values()) {
            if (ev > S_TOLERANCE) {
                nmo++;
            }
        }
        if (nmo < nocc) {
            throw new EngineException(ErrorClass.INPUT_ERROR, "basis set is linearly dependent: only " + nmo
                    + " independent functions for " + nocc + " doubly occupied orbitals");
        }
        // X (n x nmo): columns u_k / sqrt(s_k) of the kept eigenvalues
        double[] x = new double[n * nmo];
        int skip = n - nmo;
        for (int k = 0; k < nmo; k++) {
            double f = 1 / Math.sqrt(se.values()[skip + k]);
            for (int r = 0; r < n; r++) {
                x[r * nmo + k] = se.vectors()[r * n + skip + k] * f;
            }
        }

        double enuc = charges.nuclearEnergy();
        PkSupermatrix pk = usePk ? new PkSupermatrix(quartets) : null;
        JKBuilder jk = usePk || fockBuilder != null ? null
                : new JKBuilder(quartets, options.memoryBytes(), options.threads(), pool);
        Diis diis = new Diis(10); // Psi4's DIIS_MAX_VECS

        boolean cartesian = basis.isCartesianOnly();
        double[] orbitals = null; // the AO coefficients d was built from (null for the guess)
        double[] d = guess(h, x, n, nmo, nocc);
        // orbitals in the orthogonal basis (C = X C') of the density d; null for a SAD or given guess
        double[] cOrth = guessOrth;
        int cols = nmo; // the columns of orbitals and cOrth: all (the core guess) or the occupied ones
        double eOld = 0;
        for (int iter = 1; iter <= options.maxIterations(); iter++) {
            double[] f;
            spare.pause();
            if (fockBuilder != null) {
                f = fockBuilder.twoElectron(d, orbitals, cols, nocc);
            } else {
                double[] dCart = cartesian ? d : Matrices.sandwichT(t, n, nc, d);
                double[] g = pk != null ? pk.twoElectron(dCart) : twoElectron(jk.build(dCart));
                f = cartesian ? g : Matrices.sandwich(t, n, nc, g);
            }
            spare.resume();
            double e = enuc;
            for (int i = 0; i < n * n; i++) {
                f[i] += h[i];
                e += d[i] * (h[i] + f[i]);
            }
            // F' = X^T F X; the error X^T (FDS - SDF) X is F'D' - D'F' with D' = C'_occ C'_occ^T (X^T S X = 1)
            double[] fo = Matrices.sandwichT(x, n, nmo, f);
            // the SAD density is not idempotent: its error vector would mislead DIIS, and iteration 1 never ends
            boolean first = iter == 1 && sad;
            double[] errOrth = new double[nmo * nmo];
            if (!first) {
                double[] fd = cOrth != null ? Matrices.mult(fo, nmo, nmo, density(cOrth, nmo, cols, nocc), nmo)
                        : Matrices.sandwichT(x, n, nmo, Matrices.mult(Matrices.mult(f, n, n, d, n), n, n, s, n));
                for (int i = 0; i < nmo; i++) {
                    for (int j = 0; j < nmo; j++) {
                        errOrth[i * nmo + j] = fd[i * nmo + j] - fd[j * nmo + i];
                    }
                }
            }
            double rms = Math.sqrt(Matrices.dot(errOrth, errOrth) / errOrth.length);
            boolean converged = iter > 1 && Math.abs(e - eOld) < options.energyConvergence()
                    && rms < options.densityConvergence();
            if (converged) {
                // as Psi4, the final orbitals diagonalise the DIIS-extrapolated Fock matrix: a better estimate of
                // the converged orbitals than F(D) itself (it matters to 1e-8 for MP2 at d_convergence 1e-8)
                double[][] orb = diagonalise(diis.extrapolate(fo, errOrth), x, n, nmo);
                return new ScfResult(basis, charges, e, enuc, orb[0], orb[1], nmo, nocc, iter);
            }
            eOld = e;
            double[] fx = first ? fo : diis.extrapolate(fo, errOrth);
            // the next density needs the occupied orbitals only (the converged ones above are all computed)
            Matrices.Eigen occ = LowestEigenpairs.of(fx, nmo, nocc);
            cols = nocc;
            cOrth = occ.vectors();
            orbitals = Matrices.mult(x, n, nmo, cOrth, nocc);
            d = density(orbitals, n, nocc, nocc);
        }
        throw new EngineException(ErrorClass.CONVERGENCE_FAILURE, "RHF did not converge in "
                + options.maxIterations() + " iterations (maxiter); raise maxiter or loosen e_convergence/d_convergence");
    }

    /** G = 2J - K. */
    private static double[] twoElectron(double[][] jk) {
        double[] g = new double[jk[0].length];
        for (int i = 0; i < g.length; i++) {
            g[i] = 2 * jk[0][i] - jk[1][i];
        }
        return g;
    }

    /** SAD density when it can be built, else the core-Hamiltonian density. */
    private double[] guess(double[] h, double[] x, int n, int nmo, int nocc) {
        sad = false;
        guessOrth = null;
        if (guessDensity != null && guessDensity.length == n * n) {
            sad = true; // like SAD: not idempotent in this geometry's metric, keep it out of DIIS
            return guessDensity.clone();
        }
        int[] z = charges.atomicNumbers(natom());
        boolean any = false;
        for (int v : z) {
            any |= v > 0;
        }
        if (useSad && any) {
            try {
                double[] d = SadGuess.density(basis, z);
                sad = true;
                return d;
            } catch (RuntimeException e) {
                // fall back to the core guess: the guess only affects the iteration count
            }
        }
        double[][] orb = diagonalise(Matrices.sandwichT(x, n, nmo, h), x, n, nmo);
        guessOrth = orb[2];
        return density(orb[1], n, nmo, nocc);
    }

    private int natom() {
        int m = 0;
        for (var sh : basis.shells()) {
            m = Math.max(m, sh.atom() + 1);
        }
        return m;
    }

    /** Solves F C = S C eps from F' = X^T F X: returns {eps (nmo), C = X C' (n x nmo), C' (nmo x nmo)}. */
    private static double[][] diagonalise(double[] fo, double[] x, int n, int nmo) {
        Matrices.Eigen fe = Matrices.symmetricEigen(fo, nmo);
        double[] c = Matrices.mult(x, n, nmo, fe.vectors(), nmo);
        return new double[][] {fe.values(), c, fe.vectors()};
    }

    private static double[] density(double[] c, int n, int nmo, int nocc) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int o = 0; o < nocc; o++) {
                    s += c[i * nmo + o] * c[j * nmo + o];
                }
                d[i * n + j] = s;
                d[j * n + i] = s;
            }
        }
        return d;
    }
}
