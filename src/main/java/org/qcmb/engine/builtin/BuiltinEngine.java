package org.qcmb.engine.builtin;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicProperties;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.common.Driver;
import org.qcmb.qcschema.EngineError;
import org.qcmb.engine.CalculationSpec;
import org.qcmb.engine.EngineException;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.engine.builtin.basis.BasisLibrary;
import org.qcmb.qcschema.Provenance;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.df.DfFock;
import org.qcmb.engine.builtin.df.DfGradient;
import org.qcmb.engine.builtin.df.DfMp2;
import org.qcmb.engine.builtin.df.DfMp2Gradient;
import org.qcmb.engine.builtin.df.FittingBasis;
import org.qcmb.engine.builtin.df.SpareIntegrals;
import org.qcmb.engine.builtin.gradient.FiniteDifferenceHessian;
import org.qcmb.engine.builtin.gradient.RhfGradient;
import org.qcmb.engine.builtin.integrals.Charges;
import org.qcmb.engine.builtin.mp2.Mp2;
import org.qcmb.engine.builtin.scf.RhfSolver;
import org.qcmb.engine.builtin.scf.ScfOptions;
import org.qcmb.engine.builtin.scf.ScfResult;
import org.qcmb.common.InputException;
import org.qcmb.common.Method;
import org.qcmb.molecule.CellList;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.MoleculeBuilder;

/**
 * The JVM quantum-chemistry engine: closed-shell RHF and conventional MP2 energies, analytic RHF gradients and
 * finite-difference RHF Hessians, over the Psi4 basis sets bundled as resources. Stateless and thread-safe;
 * register with {@code new EngineRegistry().register("builtin", BuiltinEngine::new)}.
 */
public final class BuiltinEngine implements FragmentEngine {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "builtin";
    /** 0.2.0: density fitting by default (Psi4's defaults) changed the numbers of inputs without scf_type. */
    public static final String VERSION = "0.2.0";
    /** The physical minimum distance of every input (see MoleculeBuilder), in bohr. */
    private static final double MIN_DISTANCE = MoleculeBuilder.MIN_DISTANCE_BOHR;
    /** Default d_convergence for MP2 (1e-8 for HF). */
    static final double MP2_D_CONVERGENCE = 1e-9;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public AtomicResult compute(AtomicInput input) {
        long t0 = System.nanoTime();
        Driver driver = input.driver() == null ? Driver.ENERGY : input.driver();
        ExecutorService pool = null;
        try {
            Molecule mol = input.molecule();
            validate(mol, input);
            BuiltinSupport.Checked checked = BuiltinSupport.check(CalculationSpec.of(input));
            BuiltinKeywords kw = checked.keywords();
            Method method = checked.method();
            if (kw.threads() > 1) {
                pool = Executors.newFixedThreadPool(kw.threads(), r -> {
                    Thread t = new Thread(r, "builtin-engine");
                    t.setDaemon(true);
                    return t;
                });
            }
            // MP2 energies are linear in the orbitals' error: a tighter default keeps them within 1e-10 of the
            // converged value (Psi4's d_convergence 1e-8 lands as close through its final DIIS step)
            double dConv = method == Method.MP2 && !BuiltinKeywords.has(input.keywords(), "d_convergence")
                    ? MP2_D_CONVERGENCE : kw.dConvergence();
            ScfOptions opt = new ScfOptions(kw.eConvergence(), dConv, kw.maxIterations(),
                    kw.direct() ? 0 : kw.memoryBytes(), kw.threads());
            final ExecutorService fpool = pool;
            // chosen before the SCF so that a bad df_basis_mp2 fails at once
            FittingBasis ri = method == Method.MP2 && kw.dfMp2() ? FittingBasis.choose(mol, input.model().basis(),
                    FittingBasis.Role.RIFIT, kw.dfBasisMp2(), kw.puream(), orbitalPure(input.model().basis(), kw)) : null;
            Reference ref = scf(mol, input, kw, opt, fpool, null, ri);
            ScfResult scf = ref.scf();
            Double mp2 = null;
            double energy = scf.energy();
            double[] gradient = null, hessian = null;
            boolean isMp2 = method == Method.MP2;
            int frozen = kw.freezeCore() ? frozenCore(mol) : 0;
            if (isMp2 && driver != Driver.ENERGY) {
                DfMp2Gradient.Result r = new DfMp2Gradient(scf, ref.fock(), ri.basis(), frozen, mol.atomCount(),
                        kw.threads(), fpool).integrals(ref.riIntegrals()).compute();
                mp2 = scf.energy() + r.correlationEnergy();
                gradient = r.gradient();
            } else if (isMp2) {
                double corr = ri != null
                        ? new DfMp2(scf, ri.basis(), frozen, kw.threads(), fpool).integrals(ref.riIntegrals())
                                .correlationEnergy()
                        : new Mp2(scf, frozen, kw.memoryBytes()).correlationEnergy();
                mp2 = scf.energy() + corr;
            } else if (driver != Driver.ENERGY) {
                gradient = ref.gradient(mol.atomCount(), kw.threads(), fpool);
            }
            if (mp2 != null) {
                energy = mp2;
            }
            if (driver == Driver.HESSIAN) {
                // displaced gradients run one per pool thread, each single-threaded inside
                ScfOptions single = new ScfOptions(opt.energyConvergence(), opt.densityConvergence(),
                        opt.maxIterations(), opt.memoryBytes() / Math.max(1, kw.threads()), 1);
                double[] d0 = scf.workingDensity();
                hessian = FiniteDifferenceHessian.compute(mol.geometry(), g -> {
                    Molecule m = withGeometry(mol, g);
                    Reference r = scf(m, input, kw, single, null, d0, null);
                    if (!isMp2) {
                        return r.gradient(m.atomCount(), 1, null);
                    }
                    BasisSet aux = FittingBasis.choose(m, input.model().basis(), FittingBasis.Role.RIFIT,
                            kw.dfBasisMp2(), kw.puream(), orbitalPure(input.model().basis(), kw)).basis();
                    return new DfMp2Gradient(r.scf(), r.fock(), aux, frozen, m.atomCount(), 1, null).compute()
                            .gradient();
                }, FiniteDifferenceHessian.STEP, fpool);
            }
            AtomicProperties props = new AtomicProperties(energy, scf.energy(), mp2, mol.nuclearRepulsionEnergy(),
                    scf.iterations(), scf.nbasis(), mol.atomCount(), driver == Driver.HESSIAN);
            return new AtomicResult(true, driver, energy, gradient, hessian, props, provenance(t0), null);
        } catch (EngineException e) {
            return fail(driver, e.errorClass(), e.getMessage(), t0);
        } catch (InputException e) {
            return fail(driver, ErrorClass.INPUT_ERROR, e.getMessage(), t0);
        } catch (OutOfMemoryError e) {
            return fail(driver, ErrorClass.ENGINE_CRASH, "out of memory (JVM heap " + Runtime.getRuntime().maxMemory()
                    / (1 << 20) + " MiB): lower the memory keyword to use direct SCF, or give executors more memory", t0);
        } catch (RuntimeException e) {
            return fail(driver, ErrorClass.ENGINE_CRASH, "builtin engine crashed: " + e, t0);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * A converged SCF; for scf_type df the density-fitted Fock builder it used (null for exact integrals); the MP2
     * fitting basis' (P|mn) begun on a spare thread during the SCF (null with one thread or no DF-MP2).
     */
    private record Reference(ScfResult scf, DfFock fock, SpareIntegrals riIntegrals) {
        double[] gradient(int natom, int threads, ExecutorService pool) {
            return fock != null ? DfGradient.rhf(scf, fock, natom, threads, pool)
                    : new RhfGradient(scf, natom, threads, pool).compute();
        }
    }

    private static Reference scf(Molecule mol, AtomicInput input, BuiltinKeywords kw, ScfOptions opt,
                                 ExecutorService pool, double[] guess, FittingBasis ri) {
        BasisSet bs = BasisSet.of(mol, input.model().basis(), kw.puream());
        Charges charges = Charges.of(mol, input.externalCharges());
        RhfSolver solver = new RhfSolver(bs, charges, mol.electronCount(), opt, pool).guessDensity(guess);
        DfFock fock = null;
        if (kw.dfScf()) {
            FittingBasis jk = FittingBasis.choose(mol, input.model().basis(), FittingBasis.Role.JKFIT,
                    kw.dfBasisScf(), kw.puream(), orbitalPure(input.model().basis(), kw));
            fock = DfFock.of(jk.basis(), bs, opt.threads(), pool);
            solver.fockBuilder(fock);
        }
        // DF-MP2 on more than one thread: its fitting integrals start during the SCF's serial steps (allocated
        // after the JK tensor's build, whose raw integrals are garbage by then: the heap peak stays as it was)
        SpareIntegrals spare = null;
        if (ri != null && pool != null && opt.threads() > 1) {
            spare = new SpareIntegrals(ri.basis(), bs, pool);
            solver.spareWork(spare);
        }
        return new Reference(solver.solve(), fock, spare);
    }

    /** Psi4's has_puream of the orbital basis: the puream keyword, else the basis file's header. */
    static boolean orbitalPure(String basis, BuiltinKeywords kw) {
        return kw.puream() != null ? kw.puream() : BasisLibrary.load(basis).pure();
    }

    /** {@link BuiltinSupport}: method, keywords, driver, basis, fitting sets and elements, closed shells. */
    @Override
    public void validate(CalculationSpec spec) {
        BuiltinSupport.check(spec);
    }

    /** Rejects what RHF cannot do or what is physically meaningless, with messages naming the problem. */
    static void validate(Molecule mol, AtomicInput input) {
        if (mol == null || mol.symbols() == null) {
            throw new InputException("molecule is missing");
        }
        if (mol.real() == null || mol.real().length != mol.atomCount()) {
            throw new InputException("molecule.real must have one entry per atom");
        }
        int n = mol.atomCount();
        if (n == 0) {
            throw new InputException("molecule has no atoms");
        }
        if (mol.geometry() == null || mol.geometry().length != 3 * n) {
            throw new InputException("molecule.geometry must have 3 x " + n + " numbers (bohr), found "
                    + (mol.geometry() == null ? 0 : mol.geometry().length));
        }
        for (double g : mol.geometry()) {
            if (!Double.isFinite(g)) {
                throw new InputException("molecule.geometry contains a non-finite number");
            }
        }
        for (int a = 0; a < n; a++) {
            try {
                mol.element(a);
            } catch (IllegalArgumentException e) {
                throw new InputException("unknown element '" + mol.symbols().get(a) + "' (atom " + (a + 1) + ")");
            }
        }
        int mult = mol.molecularMultiplicity();
        if (mult <= 0) {
            throw new InputException("molecular_multiplicity must be a positive integer (1 = singlet), not " + mult);
        }
        int ne = mol.electronCount();
        if (ne < 0) {
            throw new InputException("molecular_charge " + mol.molecularCharge() + " leaves " + ne + " electrons");
        }
        if (mult != 1) {
            throw new InputException("multiplicity " + mult + " (open shell) is not supported by the builtin engine, "
                    + "which does closed-shell RHF only: use program psi4");
        }
        if (ne % 2 != 0) {
            throw new InputException("odd number of electrons (" + ne + ", molecular_charge " + mol.molecularCharge()
                    + ") cannot be closed-shell RHF with multiplicity 1: fix the charge/multiplicity or use program psi4");
        }
        if (n > MoleculeBuilder.MAX_ATOMS) {
            throw new InputException("molecule has " + n + " atoms, more than the limit of " + MoleculeBuilder.MAX_ATOMS);
        }
        for (double g : mol.geometry()) {
            if (Math.abs(g) > CellList.MAX_COORDINATE_BOHR) {
                throw new InputException("molecule.geometry has a coordinate of " + g + " bohr, beyond the limit of "
                        + CellList.MAX_COORDINATE_BOHR + " bohr from the origin");
            }
        }
        CellList cells = new CellList(mol.geometry(), MIN_DISTANCE);
        int[] close = cells.firstPairCloserThan(MIN_DISTANCE);
        if (close != null) {
            int i = close[1], j = close[0];
            double r = Math.sqrt(cells.distance2(i, j));
            throw new InputException(String.format(Locale.ROOT, "atoms %d (%s) and %d (%s) overlap: %.4f bohr "
                    + "apart (minimum %.4f, %.1f angstrom); check the geometry units (bohr expected)", j + 1,
                    mol.symbols().get(j), i + 1, mol.symbols().get(i), r, MIN_DISTANCE,
                    MoleculeBuilder.MIN_DISTANCE_ANGSTROM));
        }
        for (int i = 0; i < n; i++) {
            if (mol.real()[i]) {
                for (var pc : input.externalCharges()) {
                    double dx = mol.x(i) - pc.x(), dy = mol.y(i) - pc.y(), dz = mol.z(i) - pc.z();
                    if (Math.sqrt(dx * dx + dy * dy + dz * dz) < MIN_DISTANCE) {
                        throw new InputException("an external point charge sits on atom " + (i + 1) + " ("
                                + mol.symbols().get(i) + "), closer than " + MIN_DISTANCE + " bohr");
                    }
                }
            }
        }
    }

    /** Psi4's freeze_core true: the previous noble-gas shell, 1 orbital per Li-Ne, 5 per Na-Ar, 9 per K-Kr. */
    static int frozenCore(Molecule mol) {
        int fc = 0;
        for (int a = 0; a < mol.atomCount(); a++) {
            if (!mol.real()[a]) {
                continue;
            }
            fc += mol.element(a).coreOrbitals();
        }
        return fc;
    }

    static Molecule withGeometry(Molecule m, double[] g) {
        return new Molecule(m.symbols(), g, m.real(), m.fragments(), m.fragmentCharges(), m.fragmentMultiplicities(),
                m.molecularCharge(), m.molecularMultiplicity());
    }

    private Provenance provenance(long t0) {
        return new Provenance(NAME, VERSION, (System.nanoTime() - t0) * 1e-9);
    }

    private AtomicResult fail(Driver driver, ErrorClass c, String msg, long t0) {
        return AtomicResult.failure(driver, new EngineError(c, msg), provenance(t0));
    }
}
