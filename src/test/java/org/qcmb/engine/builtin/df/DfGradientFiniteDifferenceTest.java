package org.qcmb.engine.builtin.df;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.common.Driver;
import org.qcmb.qcschema.Model;
import org.qcmb.qcschema.PointCharge;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.molecule.Molecule;

/**
 * The density-fitted analytic gradients (DF-HF; relaxed DF-MP2, all-electron and frozen-core) are derivatives of
 * the density-fitted energies: central differences (h = 1e-4 bohr) agree to 1e-6 Eh/bohr, for a water with a
 * ghost helium (whose orbital and fitting functions move; He falls back to def2-qzvpp fitting sets) in the field of
 * two external point charges.
 */
class DfGradientFiniteDifferenceTest {
    private static final double[] GEOM = {0.1, -0.05, 0.02, 1.5, 1.1, 0.1, -1.4, 1.0, -0.2, 0.3, 0.4, 3.1};
    private static final List<PointCharge> CHARGES = List.of(new PointCharge(-0.8, 2.5, -2.0, 1.5),
            new PointCharge(0.4, -3.0, -1.0, -2.0));

    private static Molecule waterWithGhost(double[] g) {
        boolean[] real = {true, true, true, false};
        Molecule m = Molecule.of(List.of("O", "H", "H", "He"), g, 0, 1);
        return new Molecule(m.symbols(), g, real, m.fragments(), m.fragmentCharges(), m.fragmentMultiplicities(), 0,
                1);
    }

    private static AtomicResult run(double[] g, Driver d, String method, String basis, Map<String, Object> extra) {
        Map<String, Object> kw = new HashMap<>(Map.of("e_convergence", 1e-12, "d_convergence", 1e-10));
        kw.putAll(extra);
        AtomicResult r = new BuiltinEngine().compute(new AtomicInput(waterWithGhost(g), d, new Model(method, basis),
                kw, CHARGES));
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        return r;
    }

    private static void checkAgainstFiniteDifferences(String method, String basis, Map<String, Object> kw,
                                                      int[] coordinates) {
        double[] g = run(GEOM, Driver.GRADIENT, method, basis, kw).gradient();
        double h = 1e-4;
        for (int k : coordinates) {
            double[] p = GEOM.clone(), m = GEOM.clone();
            p[k] += h;
            m[k] -= h;
            double fd = (run(p, Driver.ENERGY, method, basis, kw).energy()
                    - run(m, Driver.ENERGY, method, basis, kw).energy()) / (2 * h);
            assertThat(g[k]).as(method + "/" + basis + " coordinate " + k).isCloseTo(fd, within(1e-6));
        }
        // the ghost atom's row is nonzero: its basis and fitting functions move
        assertThat(Math.abs(g[9]) + Math.abs(g[10]) + Math.abs(g[11])).isGreaterThan(1e-6);
    }

    @Test
    void hfGradientCartesianBasisAllCoordinates() {
        checkAgainstFiniteDifferences("hf", "6-31g*", Map.of(), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    }

    @Test
    void mp2GradientCartesianBasisAllCoordinates() {
        checkAgainstFiniteDifferences("mp2", "6-31g*", Map.of(), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    }

    @Test
    void frozenCoreMp2GradientPureBasisDiffuseFunctions() {
        checkAgainstFiniteDifferences("mp2", "aug-cc-pvdz", Map.of("freeze_core", true), new int[] {0, 4, 8, 11});
    }

    @Test
    void mp2HessianIsTheSymmetrisedDifferenceOfAnalyticGradients() {
        Molecule w = Molecule.of(List.of("O", "H", "H"), new double[] {0, 0, 0, 1.43, 1.1, 0, -1.43, 1.1, 0.1}, 0, 1);
        Map<String, Object> kw = Map.of("e_convergence", 1e-12, "d_convergence", 1e-10, "num_threads", 2);
        AtomicResult r = new BuiltinEngine().compute(new AtomicInput(w, Driver.HESSIAN, new Model("mp2", "6-31g*"),
                kw, List.of()));
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        assertThat(r.properties().hessianByFiniteDifference()).isTrue();
        double[] hs = r.hessian();
        double step = 0.005;
        for (int k : new int[] {0, 4}) {
            double[] gp = w.geometry().clone(), gm = w.geometry().clone();
            gp[k] += step;
            gm[k] -= step;
            double[] plus = gradientAt(w, gp, kw), minus = gradientAt(w, gm, kw);
            for (int x = 0; x < 9; x++) {
                assertThat(hs[x * 9 + k]).isCloseTo(hs[k * 9 + x], within(1e-12));
                // the reported (symmetrised) element lies within the asymmetry of the raw differences
                double raw = (plus[x] - minus[x]) / (2 * step);
                assertThat(hs[k * 9 + x]).as("H[%d][%d]", k, x).isCloseTo(raw, within(2e-5));
            }
        }
    }

    private static double[] gradientAt(Molecule w, double[] g, Map<String, Object> kw) {
        Molecule m = new Molecule(w.symbols(), g, w.real(), w.fragments(), w.fragmentCharges(),
                w.fragmentMultiplicities(), 0, 1);
        AtomicResult r = new BuiltinEngine().compute(new AtomicInput(m, Driver.GRADIENT, new Model("mp2", "6-31g*"),
                kw, List.of()));
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        return r.gradient();
    }

    @Test
    void hfGradientPureBasisDiffuseFunctions() {
        checkAgainstFiniteDifferences("hf", "aug-cc-pvdz", Map.of(), new int[] {0, 4, 8, 11});
    }
}
