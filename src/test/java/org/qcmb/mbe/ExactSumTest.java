package org.qcmb.mbe;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ExactSum is the correctly rounded sum (as Python's math.fsum), whatever the order. */
class ExactSumTest {
    @Test
    void matchesCorrectlyRoundedBigDecimalSum() {
        Random r = new Random(42);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + r.nextInt(40);
            ExactSum s = new ExactSum();
            ExactSum rev = new ExactSum();
            double[] v = new double[n];
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                v[i] = (r.nextBoolean() ? -1 : 1) * r.nextDouble() * Math.pow(10, r.nextInt(33) - 16);
                if (r.nextInt(5) == 0 && i > 0) {
                    v[i] = -v[i - 1]; // cancellations
                }
                exact = exact.add(new BigDecimal(v[i]));
            }
            for (int i = 0; i < n; i++) {
                s.add(v[i]);
                rev.add(v[n - 1 - i]);
            }
            assertThat(s.value()).isEqualTo(exact.doubleValue());
            assertThat(rev.value()).isEqualTo(s.value());
        }
        ExactSum t = new ExactSum();
        t.add(1e16);
        t.add(1.0);
        t.add(1e-16);
        assertThat(t.value()).isEqualTo(10000000000000002.0);
    }
}
