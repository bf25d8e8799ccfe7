package org.qcmb.mbe;

import java.util.Arrays;

/**
 * Exactly rounded floating-point sum (Shewchuk's algorithm, the same result as Python's {@code math.fsum}), which
 * QCManyBody uses for scalar level sums. Independent of the order values are added in.
 */
final class ExactSum {
    private double[] partials = new double[8];
    private int n;
    private boolean nonFinite;
    private double special;

    void add(double x) {
        if (!Double.isFinite(x)) {
            nonFinite = true;
            special += x;
            return;
        }
        int i = 0;
        for (int j = 0; j < n; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[i++] = lo;
            }
            x = hi;
        }
        if (i >= partials.length) {
            partials = Arrays.copyOf(partials, partials.length * 2);
        }
        partials[i] = x;
        n = i + 1;
    }

    double value() {
        if (nonFinite) {
            return special;
        }
        if (n == 0) {
            return 0.0;
        }
        int k = n - 1;
        double hi = partials[k];
        double lo = 0.0;
        while (k > 0) {
            double x = hi;
            k--;
            double y = partials[k];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        if (k > 0 && ((lo < 0.0 && partials[k - 1] < 0.0) || (lo > 0.0 && partials[k - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        return hi;
    }
}
