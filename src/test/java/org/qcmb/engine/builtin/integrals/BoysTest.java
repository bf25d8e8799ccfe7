package org.qcmb.engine.builtin.integrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoysTest {
    @Test
    void matchesTheSeriesAcrossTheRangeAndOrders() {
        double[] out = new double[Boys.MAX_M + 1];
        for (double t = 0; t < 60; t += 0.0137) {
            Boys.compute(Boys.MAX_M, t, out);
            for (int m = 0; m <= Boys.MAX_M; m++) {
                double ref = Boys.series(m, t);
                assertThat(out[m]).as("F_%d(%f)", m, t).isCloseTo(ref, within(1e-14 + 1e-13 * ref));
            }
        }
    }

    @Test
    void zeroArgumentIsOneOverTwoMPlusOne() {
        double[] out = new double[5];
        Boys.compute(4, 0, out);
        for (int m = 0; m <= 4; m++) {
            assertThat(out[m]).isCloseTo(1.0 / (2 * m + 1), within(1e-15));
        }
    }

    @Test
    void scaledVariantsMatchTheSeriesIncludingTheAsymptoticRange() {
        double[] out = new double[Boys.MAX_M + 1];
        double[] two = new double[2];
        for (double t = 0; t < 95; t += 0.0173) {
            for (int mmax : new int[] {0, 1, 2, 3, 4, 8, Boys.MAX_M}) {
                // scale 2, m2a -3: out[n] = 2 (-3)^n F_n(t)
                Boys.scaled(mmax, t, 2, -3, out, 0);
                double fac = 2;
                for (int m = 0; m <= mmax; m++) {
                    double ref = fac * Boys.series(m, t);
                    assertThat(out[m]).as("%d F_%d(%f)", mmax, m, t)
                            .isCloseTo(ref, within(1e-14 * Math.abs(fac) + 1e-13 * Math.abs(ref)));
                    fac *= -3;
                }
            }
            Boys.zeroOne(t, two);
            assertThat(two[0]).isCloseTo(Boys.series(0, t), within(1e-14 + 1e-13 * Boys.series(0, t)));
            assertThat(two[1]).isCloseTo(Boys.series(1, t), within(1e-14 + 1e-13 * Boys.series(1, t)));
            assertThat(Boys.zero(t)).isCloseTo(Boys.series(0, t), within(1e-14 + 1e-13 * Boys.series(0, t)));
        }
    }

    @Test
    void asymptoticRangeStartsWhereTheExponentialTermVanishes() {
        assertThat(Boys.asymptoticFrom(0)).isEqualTo(40.0);
        for (int m = 1; m <= Boys.MAX_M; m++) {
            double t = Boys.asymptoticFrom(m);
            assertThat(t).isGreaterThanOrEqualTo(Boys.asymptoticFrom(m - 1));
            // asymptotic form minus F_m = Gamma(m+1/2, t) / (2 t^{m+1/2}), the incomplete gamma by its asymptotic
            // series t^{s-1} e^{-t} sum_k (s-1)...(s-k) / t^k, s = m + 1/2
            double asym = Math.sqrt(Math.PI / t) / 2;
            for (int n = 1; n <= m; n++) {
                asym *= (2 * n - 1) / (2 * t);
            }
            double s = m + 0.5, term = 1, sum = 1;
            for (int k = 1; k < 12; k++) {
                term *= (s - k) / t;
                sum += term;
            }
            double gap = Math.exp(-t) / (2 * t) * sum;
            assertThat(gap / asym).as("m = %d, t = %f", m, t).isLessThan(1e-17);
        }
    }
}
