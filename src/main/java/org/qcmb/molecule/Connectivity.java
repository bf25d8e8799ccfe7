package org.qcmb.molecule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fragments from covalent connectivity: atoms i and j are bonded if their distance is below
 * {@value #BOND_FACTOR} x (r_i + r_j) with covalent radii r; fragments are the connected components, ordered by
 * their lowest atom index.
 */
public final class Connectivity {
    public static final double BOND_FACTOR = 1.2;

    private Connectivity() {
    }

    /** Connected components of the bond graph (0-based atoms, ascending within and ordered by first atom). */
    public static List<int[]> fragments(List<String> symbols, double[] geometryBohr) {
        int n = symbols.size();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = CovalentRadii.bohr(Element.of(symbols.get(i)));
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        double rmax = 0;
        for (double ri : r) {
            rmax = Math.max(rmax, ri);
        }
        // a cell list with the longest possible bond as its edge: linear in the atom count, not all pairs
        CellList cells = new CellList(geometryBohr, Math.max(BOND_FACTOR * 2 * rmax, 1e-3));
        for (int i = 0; i < n; i++) {
            final int ii = i;
            cells.neighbours(i, j -> {
                double lim = BOND_FACTOR * (r[ii] + r[j]);
                if (j < ii && cells.distance2(ii, j) < lim * lim) {
                    int a = find(parent, ii), b = find(parent, j);
                    if (a != b) {
                        parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            });
        }
        int[] compOf = new int[n];
        Arrays.fill(compOf, -1);
        List<List<Integer>> comps = new ArrayList<>();
        int[] rootComp = new int[n];
        Arrays.fill(rootComp, -1);
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (rootComp[root] < 0) {
                rootComp[root] = comps.size();
                comps.add(new ArrayList<>());
            }
            comps.get(rootComp[root]).add(i);
        }
        List<int[]> out = new ArrayList<>(comps.size());
        for (List<Integer> c : comps) {
            out.add(c.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
