package org.qcmb.engine.builtin.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qcmb.common.Driver;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.Model;
import org.qcmb.qcschema.PointCharge;

/**
 * The exact-integral (scf_type pk) analytic gradient is the derivative of the energy: central differences
 * (h = 1e-4 bohr) agree to 1e-6,
 * for a water with a ghost atom (basis functions that move) in the field of an external point charge. Also
 * checks the finite-difference Hessian and the Coulomb limit of a distant point charge.
 */
class GradientFiniteDifferenceTest {
    private static final Map<String, Object> TIGHT = Map.of("e_convergence", 1e-12, "d_convergence", 1e-10,
            "scf_type", "pk");

    private static Molecule waterWithGhost(double[] g) {
        boolean[] real = {true, true, true, false};
        Molecule m = Molecule.of(List.of("O", "H", "H", "He"), g, 0, 1);
        return new Molecule(m.symbols(), g, real, m.fragments(), m.fragmentCharges(), m.fragmentMultiplicities(), 0,
                1);
    }

    private static final double[] GEOM = {0.1, -0.05, 0.02, 1.5, 1.1, 0.1, -1.4, 1.0, -0.2, 0.3, 0.4, 3.1};
    private static final List<PointCharge> CHARGES = List.of(new PointCharge(-0.8, 2.5, -2.0, 1.5),
            new PointCharge(0.4, -3.0, -1.0, -2.0));

    private static AtomicResult run(double[] g, Driver d, String basis) {
        return new BuiltinEngine().compute(new AtomicInput(waterWithGhost(g), d, new Model("hf", basis), TIGHT,
                CHARGES));
    }

    @Test
    void analyticGradientMatchesFiniteDifferencesWithGhostAtomAndPointCharges() {
        AtomicResult r = run(GEOM, Driver.GRADIENT, "6-31g*");
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        double h = 1e-4;
        for (int k = 0; k < GEOM.length; k++) {
            double[] p = GEOM.clone(), m = GEOM.clone();
            p[k] += h;
            m[k] -= h;
            double fd = (run(p, Driver.ENERGY, "6-31g*").energy() - run(m, Driver.ENERGY, "6-31g*").energy()) / (2 * h);
            assertThat(r.gradient()[k]).as("coordinate " + k).isCloseTo(fd, within(1e-6));
        }
        // the ghost atom's row is kept and nonzero: its basis functions move
        assertThat(Math.abs(r.gradient()[9]) + Math.abs(r.gradient()[10]) + Math.abs(r.gradient()[11]))
                .isGreaterThan(1e-6);
    }

    @Test
    void pureDFunctionsGradientMatchesFiniteDifferences() {
        AtomicResult r = run(GEOM, Driver.GRADIENT, "cc-pvdz");
        double h = 1e-4;
        for (int k : new int[] {0, 4, 11}) {
            double[] p = GEOM.clone(), m = GEOM.clone();
            p[k] += h;
            m[k] -= h;
            double fd = (run(p, Driver.ENERGY, "cc-pvdz").energy() - run(m, Driver.ENERGY, "cc-pvdz").energy()) / (2 * h);
            assertThat(r.gradient()[k]).as("coordinate " + k).isCloseTo(fd, within(1e-6));
        }
    }

    @Test
    void hessianIsSymmetricAndItsGradientDifferencesAreConsistent() {
        Molecule w = Molecule.of(List.of("O", "H", "H"), new double[] {0, 0, 0, 1.43, 1.1, 0, -1.43, 1.1, 0.1}, 0, 1);
        AtomicResult r = new BuiltinEngine().compute(new AtomicInput(w, Driver.HESSIAN, new Model("hf", "sto-3g"),
                Map.of("e_convergence", 1e-12, "d_convergence", 1e-10, "num_threads", 2), List.of()));
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        assertThat(r.properties().hessianByFiniteDifference()).isTrue();
        assertThat(r.gradient()).hasSize(9);
        double[] hs = r.hessian();
        assertThat(hs).hasSize(81);
        for (int i = 0; i < 9; i++) {
            double rowSum = 0;
            for (int j = 0; j < 9; j++) {
                assertThat(hs[i * 9 + j]).isEqualTo(hs[j * 9 + i]);
                if (j % 3 == i % 3) {
                    rowSum += hs[i * 9 + j];
                }
            }
            // translational invariance: moving every atom along one axis changes no force
            assertThat(rowSum).isCloseTo(0, within(1e-5));
        }
        assertThat(hs[0]).isPositive();
        // a row equals central differences of independently computed gradients (fresh SCFs, SAD guess)
        double h = FiniteDifferenceHessian.STEP;
        double[] gp = w.geometry().clone(), gm = w.geometry().clone();
        gp[4] += h;
        gm[4] -= h;
        Map<String, Object> kw = Map.of("e_convergence", 1e-12, "d_convergence", 1e-10);
        double[] plus = new BuiltinEngine().compute(new AtomicInput(Molecule.of(w.symbols(), gp, 0, 1),
                Driver.GRADIENT, new Model("hf", "sto-3g"), kw, List.of())).gradient();
        double[] minus = new BuiltinEngine().compute(new AtomicInput(Molecule.of(w.symbols(), gm, 0, 1),
                Driver.GRADIENT, new Model("hf", "sto-3g"), kw, List.of())).gradient();
        // the diagonal is untouched by symmetrisation: same displaced gradients, so agreement to SCF precision
        assertThat(hs[4 * 9 + 4]).isCloseTo((plus[4] - minus[4]) / (2 * h), within(1e-7));
        for (int j = 0; j < 9; j++) {
            double fd = (plus[j] - minus[j]) / (2 * h);
            // off-diagonal: symmetrisation averages with the other row, which differs by O(h^2)
            assertThat(hs[4 * 9 + j]).as("H[4][%d]", j).isCloseTo(fd, within(2e-5));
        }
    }

    @Test
    void distantPointChargeGivesTheCoulombLimit() {
        // H3O+ (charge +1): E(q at R) - E(no q) -> q * Q / R, corrections O(q mu / R^2)
        Molecule h3o = Molecule.of(List.of("O", "H", "H", "H"),
                new double[] {0, 0, 0.12, 1.8, 0, -0.3, -0.9, 1.56, -0.3, -0.9, -1.56, -0.3}, 1, 1);
        Model model = new Model("hf", "sto-3g");
        double e0 = new BuiltinEngine().compute(new AtomicInput(h3o, Driver.ENERGY, model, TIGHT, List.of())).energy();
        double q = 0.5;
        for (double rr : new double[] {500, 1000}) {
            PointCharge pc = new PointCharge(q, rr * 0.6, rr * 0.8, 0.0);
            double e = new BuiltinEngine().compute(new AtomicInput(h3o, Driver.ENERGY, model, TIGHT, List.of(pc)))
                    .energy();
            assertThat(e - e0).as("R = " + rr).isCloseTo(q * 1 / rr, within(2e-6 * 500 * 500 / (rr * rr)));
        }
    }
}
