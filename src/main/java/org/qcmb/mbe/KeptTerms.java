package org.qcmb.mbe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The terms (sets of fragments) a screened expansion keeps, order by order from 1 up to {@link #through()}: every
 * monomer, then at each order the kept n-mers as ascending 1-based arrays in lexicographic order. The set is
 * closed under subsets (every subset of a kept term is kept), which is what makes each kept term's increment a
 * plain inclusion-exclusion over computed terms. Immutable; callers must not modify the arrays.
 */
public final class KeptTerms {
    private final int nFragments;
    private final List<List<int[]>> orders; // index k-1
    private final Map<Key, Integer> ids;    // term -> index in order-then-lexicographic numbering

    private KeptTerms(int nFragments, List<List<int[]>> orders, Map<Key, Integer> ids) {
        this.nFragments = nFragments;
        this.orders = orders;
        this.ids = ids;
    }

    /** Order 1 only: every monomer. */
    static KeptTerms monomers(int nFragments) {
        List<int[]> mono = new ArrayList<>(nFragments);
        for (int i = 1; i <= nFragments; i++) {
            mono.add(new int[] {i});
        }
        return new KeptTerms(nFragments, List.of(), new HashMap<>()).plus(mono);
    }

    /**
     * These terms plus the next order's (lexicographic n-mers whose (n-1)-subsets are all kept; checked).
     */
    KeptTerms plus(List<int[]> next) {
        int k = orders.size() + 1;
        Map<Key, Integer> newIds = new HashMap<>(ids);
        int id = newIds.size();
        for (int[] s : next) {
            if (s.length != k) {
                throw new IllegalArgumentException("order " + k + " term " + Arrays.toString(s) + " has " + s.length
                        + " fragments");
            }
            if (k > 1) {
                int[] sub = new int[k - 1];
                for (int drop = 0; drop < k; drop++) {
                    for (int i = 0, j = 0; i < k; i++) {
                        if (i != drop) {
                            sub[j++] = s[i];
                        }
                    }
                    if (!ids.containsKey(new Key(sub))) {
                        throw new IllegalArgumentException("term " + Arrays.toString(s) + " has an unkept subset "
                                + Arrays.toString(sub));
                    }
                }
            }
            newIds.put(new Key(s), id++);
        }
        List<List<int[]>> newOrders = new ArrayList<>(orders);
        newOrders.add(Collections.unmodifiableList(new ArrayList<>(next)));
        return new KeptTerms(nFragments, Collections.unmodifiableList(newOrders), newIds);
    }

    /** The highest order decided so far. */
    public int through() {
        return orders.size();
    }

    /** The kept terms of order k (lexicographic); empty above {@link #through()}. */
    public List<int[]> order(int k) {
        return k >= 1 && k <= orders.size() ? orders.get(k - 1) : List.of();
    }

    /** Kept terms of order k. */
    public long kept(int k) {
        return order(k).size();
    }

    /** All k-subsets of N fragments, C(N, k): what an unscreened expansion computes at order k. */
    public long candidates(int k) {
        return Combinations.binomial(nFragments, k);
    }

    /** Whether the ascending set s is kept. */
    public boolean contains(int[] s) {
        return ids.containsKey(new Key(s));
    }

    /** Index of a kept term in order-then-lexicographic numbering, or -1. */
    int id(int[] s) {
        Integer i = ids.get(new Key(s));
        return i == null ? -1 : i;
    }

    /**
     * For each kept term U (by {@link #id}) and each order j in 0..through: how many kept terms of order j contain
     * U. These are the inclusion-exclusion weights of a screened expansion (docs/screening.md).
     */
    int[][] supersetCounts() {
        int top = through();
        int[][] counts = new int[ids.size()][top + 1];
        for (int k = 1; k <= top; k++) {
            for (int[] s : order(k)) {
                final int kk = k;
                Combinations.forEachSubset(s, u -> counts[ids.get(new Key(u))][kk]++);
            }
        }
        return counts;
    }

    /** An ascending fragment set as a hash key. */
    static final class Key {
        private final int[] f;
        private final int hash;

        Key(int[] f) {
            this.f = f;
            this.hash = Arrays.hashCode(f);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.f, f);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
