package org.qcmb.engine.builtin.integrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.basis.Shell;

/**
 * Overlap, kinetic, nuclear-attraction and electron-repulsion integrals of single normalised primitives against
 * the closed forms of Gaussian integrals (Szabo and Ostlund, appendix A), derived by hand, not by this code:
 * with mu = ab/(a+b), p = a+b and R the distance between the centres,
 * <pre>
 * S = (4ab/p^2)^{3/4} exp(-mu R^2)            T = mu (3 - 2 mu R^2) S
 * V = -Z (2 pi / p) N_a N_b exp(-mu R^2) F0(p |P-C|^2)
 * (aa|bb) = 2 pi^{5/2} / (p q sqrt(p+q)) N_a^2 N_b^2 F0(pq/(p+q) |P-Q|^2),  N = (2a/pi)^{3/4}
 * </pre>
 * and for a normalised p_z primitive (N = (2a/pi)^{3/4} 2 sqrt(a)): &lt;p_z|s&gt; = N_p N_s (P_z - A_z) (pi/p)^{3/2}
 * exp(-mu R^2). F0 is integrated numerically here, independently of {@link Boys}.
 */
class IntegralsTest {
    static final double A = 0.8;
    static final double B = 1.3;
    static final double R = 1.4;

    static Shell s(double exponent, double z) {
        return Shell.normalised(0, 0, 0, 0, z, new double[] {exponent}, new double[] {1.0}, false);
    }

    static Shell pShell(double exponent, double z) {
        return Shell.normalised(0, 1, 0, 0, z, new double[] {exponent}, new double[] {1.0}, false);
    }

    static double norm(double a) {
        return Math.pow(2 * a / Math.PI, 0.75);
    }

    /** F0(t) = integral_0^1 exp(-t u^2) du by Simpson's rule on 2000 intervals. */
    static double f0(double t) {
        int n = 2000;
        double h = 1.0 / n;
        double sum = 1 + Math.exp(-t);
        for (int i = 1; i < n; i++) {
            double u = i * h;
            sum += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * u * u);
        }
        return sum * h / 3;
    }

    static final BasisSet TWO_S = new BasisSet("two s", List.of(s(A, 0), s(B, R)));

    @Test
    void overlapAndKineticOfTwoSFunctions() {
        double mu = A * B / (A + B);
        double overlap = Math.pow(4 * A * B / ((A + B) * (A + B)), 0.75) * Math.exp(-mu * R * R);
        double[] s = OneElectron.overlap(TWO_S);
        double[] t = OneElectron.kinetic(TWO_S);
        assertThat(s[0]).isCloseTo(1.0, within(1e-14));
        assertThat(s[1]).isCloseTo(overlap, within(1e-14));
        assertThat(s[2]).isEqualTo(s[1]);
        assertThat(t[1]).isCloseTo(mu * (3 - 2 * mu * R * R) * overlap, within(1e-14));
        assertThat(t[0]).isCloseTo(1.5 * A, within(1e-14)); // <s|-1/2 nabla^2|s> = 3a/2 for a normalised s
    }

    @Test
    void nuclearAttractionOfTwoSFunctions() {
        double mu = A * B / (A + B);
        double p = A + B;
        double pz = B * R / p;
        double cz = 0.5; // a unit charge on the axis, between the centres
        double expected = -2 * Math.PI / p * norm(A) * norm(B) * Math.exp(-mu * R * R)
                * f0(p * (pz - cz) * (pz - cz));
        double[] v = OneElectron.potential(TWO_S, new double[] {1.0}, new double[] {0, 0, cz});
        assertThat(v[1]).isCloseTo(expected, within(1e-10));
        // on its own centre: -Z 2 pi / (2a) N^2 = -2 sqrt(2a/pi)
        double[] own = OneElectron.potential(TWO_S, new double[] {1.0}, new double[] {0, 0, 0});
        assertThat(own[0]).isCloseTo(-2 * Math.sqrt(2 * A / Math.PI), within(1e-12));
    }

    @Test
    void coulombIntegralOfTwoSDistributions() {
        double p = 2 * A;
        double q = 2 * B;
        double expected = 2 * Math.pow(Math.PI, 2.5) / (p * q * Math.sqrt(p + q)) * Math.pow(norm(A) * norm(B), 2)
                * f0(p * q / (p + q) * R * R);
        double[] out = new double[1];
        new Eri().quartet(new ShellPair(s(A, 0), s(A, 0), false), new ShellPair(s(B, R), s(B, R), false), out);
        assertThat(out[0]).isCloseTo(expected, within(1e-10));
        // one centre: (aa|aa) = 2 sqrt(a / pi) for a normalised s
        new Eri().quartet(new ShellPair(s(A, 0), s(A, 0), false), new ShellPair(s(A, 0), s(A, 0), false), out);
        assertThat(out[0]).isCloseTo(2 * Math.sqrt(A / Math.PI), within(1e-13));
    }

    @Test
    void overlapOfAPFunctionWithAnSFunction() {
        BasisSet ps = new BasisSet("p and s", List.of(pShell(A, 0), s(B, R)));
        int[][] components = Shell.cartesianComponents(1);
        int zIndex = -1;
        for (int i = 0; i < components.length; i++) {
            if (components[i][2] == 1) {
                zIndex = i;
            }
        }
        double mu = A * B / (A + B);
        double p = A + B;
        double pz = B * R / p;
        double expected = norm(A) * 2 * Math.sqrt(A) * norm(B) * pz * Math.pow(Math.PI / p, 1.5)
                * Math.exp(-mu * R * R);
        double[] s = OneElectron.overlap(ps);
        int n = ps.cartesianCount();
        assertThat(s[zIndex * n + 3]).isCloseTo(expected, within(1e-14));
        assertThat(s[zIndex * n + zIndex]).isCloseTo(1.0, within(1e-14));
        assertThat(s[(zIndex + 1) % 3 * n + 3]).isCloseTo(0.0, within(1e-15)); // p_x, p_y are orthogonal to s on z
    }
}
