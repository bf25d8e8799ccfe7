package org.qcmb.mbe;

import java.util.function.Consumer;

/** k-subsets of {1..n} in lexicographic order, as fresh ascending 1-based arrays. */
final class Combinations {
    private Combinations() {
    }

    static void forEach(int n, int k, Consumer<int[]> action) {
        if (k < 1 || k > n) {
            return;
        }
        int[] c = new int[k];
        for (int i = 0; i < k; i++) {
            c[i] = i + 1;
        }
        while (true) {
            action.accept(c.clone());
            int i = k - 1;
            while (i >= 0 && c[i] == n - k + i + 1) {
                i--;
            }
            if (i < 0) {
                return;
            }
            c[i]++;
            for (int j = i + 1; j < k; j++) {
                c[j] = c[j - 1] + 1;
            }
        }
    }

    /** Non-empty subsets of the ascending set b: by size descending (x = B first), lexicographic within a size. */
    static void forEachSubset(int[] b, Consumer<int[]> action) {
        for (int j = b.length; j >= 1; j--) {
            forEach(b.length, j, idx -> {
                int[] x = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    x[i] = b[idx[i] - 1];
                }
                action.accept(x);
            });
        }
    }

    /** Binomial coefficient C(a, b); 0 when b > a or b < 0; a must be >= 0. */
    static long binomial(int a, int b) {
        if (a < 0) {
            throw new IllegalArgumentException("binomial with negative argument " + a);
        }
        if (b < 0 || b > a) {
            return 0;
        }
        long c = 1;
        for (int i = 0; i < b; i++) {
            c = Math.multiplyExact(c, a - i) / (i + 1);
        }
        return c;
    }

    static long count(int n, int k) {
        return binomial(n, k);
    }
}
