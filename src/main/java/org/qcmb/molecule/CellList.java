package org.qcmb.molecule;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Atoms binned into cubic cells of a given edge, so that every atom closer to a given atom than the edge is found
 * in the 27 cells around it: neighbour searches cost O(n) for physical geometries instead of the O(n^2) of all
 * pairs (a 600,000-atom geometry takes about a second). Coordinates must be finite and bounded (|x| below
 * {@link #MAX_COORDINATE_BOHR}, which {@link MoleculeBuilder} checks first).
 */
public final class CellList {
    /** Coordinates are bounded by this (bohr) so cell indices fit 21 bits each. */
    public static final double MAX_COORDINATE_BOHR = 1e5;
    private static final long OFFSET = 1L << 20;

    private final double[] geometry;
    private final double edge;
    /** Atom indices sorted by cell key (then index), and the cell key of each. */
    private final int[] sorted;
    private final long[] sortedKeys;

    /**
     * @param geometryBohr flat [x0, y0, z0, x1, ...]
     * @param edge         cell edge (bohr), at least the largest distance that neighbour searches look for
     */
    public CellList(double[] geometryBohr, double edge) {
        if (!(edge > 0) || MAX_COORDINATE_BOHR / edge >= OFFSET - 2) {
            throw new IllegalArgumentException("cell edge " + edge + " bohr is not usable");
        }
        this.geometry = geometryBohr;
        this.edge = edge;
        int n = geometryBohr.length / 3;
        long[] keys = new long[n];
        for (int a = 0; a < n; a++) {
            keys[a] = key(cell(a, 0), cell(a, 1), cell(a, 2));
        }
        // sort atom indices by cell key without boxing: rank the distinct keys, then sort (rank, index) pairs
        long[] distinct = keys.clone();
        Arrays.sort(distinct);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || distinct[i] != distinct[i - 1]) {
                distinct[m++] = distinct[i];
            }
        }
        long[] keyed = new long[n];
        for (int a = 0; a < n; a++) {
            keyed[a] = ((long) Arrays.binarySearch(distinct, 0, m, keys[a]) << 32) | a;
        }
        Arrays.sort(keyed);
        sorted = new int[n];
        sortedKeys = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = (int) keyed[i];
            sortedKeys[i] = keys[sorted[i]];
        }
    }

    private long cell(int atom, int axis) {
        return (long) Math.floor(geometry[3 * atom + axis] / edge);
    }

    private static long key(long cx, long cy, long cz) {
        return ((cx + OFFSET) << 42) | ((cy + OFFSET) << 21) | (cz + OFFSET);
    }

    /** Every atom in the 27 cells around atom's (itself included): a superset of the atoms within one edge. */
    public void neighbours(int atom, IntConsumer visit) {
        long cx = cell(atom, 0), cy = cell(atom, 1), cz = cell(atom, 2);
        for (long dx = -1; dx <= 1; dx++) {
            for (long dy = -1; dy <= 1; dy++) {
                // cells (cx+dx, cy+dy, cz-1..cz+1) are adjacent in key order: one range
                int from = lowerBound(key(cx + dx, cy + dy, cz - 1));
                int to = lowerBound(key(cx + dx, cy + dy, cz + 2));
                for (int i = from; i < to; i++) {
                    visit.accept(sorted[i]);
                }
            }
        }
    }

    private int lowerBound(long key) {
        int lo = 0, hi = sortedKeys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedKeys[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Squared distance between two atoms (bohr^2). */
    public double distance2(int i, int j) {
        double dx = geometry[3 * i] - geometry[3 * j];
        double dy = geometry[3 * i + 1] - geometry[3 * j + 1];
        double dz = geometry[3 * i + 2] - geometry[3 * j + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    /**
     * The closest-contact violation with the lowest second atom: {i, j} with i < j and distance below {@code min}
     * (bohr, at most the edge), j as small as possible, then i; null when no two atoms are that close.
     */
    public int[] firstPairCloserThan(double min) {
        double min2 = min * min;
        int n = geometry.length / 3;
        int[] best = {-1};
        for (int j = 0; j < n; j++) {
            final int jj = j;
            best[0] = -1;
            neighbours(j, i -> {
                if (i < jj && (best[0] < 0 || i < best[0]) && distance2(i, jj) < min2) {
                    best[0] = i;
                }
            });
            if (best[0] >= 0) {
                return new int[] {best[0], j};
            }
        }
        return null;
    }
}
