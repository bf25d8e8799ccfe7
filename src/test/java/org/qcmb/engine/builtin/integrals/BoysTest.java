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
}
