package org.qcmb.molecule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qcmb.common.InputException;

class MoleculeBuilderTest {
    static MoleculeBuilder water2() {
        return new MoleculeBuilder().symbols(List.of("O", "H", "H", "O", "H", "H"))
                .geometryBohr(new double[] {0, 0, 0, 1.8, 0, 0, 0, 1.8, 0, 6, 0, 0, 7.8, 0, 0, 6, 1.8, 0})
                .fragments(List.of(new int[] {0, 1, 2}, new int[] {3, 4, 5}));
    }

    @Test
    void fillsChargesAndMultiplicities() {
        Molecule m = water2().build();
        assertThat(m.fragmentCharges()).containsExactly(0, 0);
        assertThat(m.fragmentMultiplicities()).containsExactly(1, 1);
        assertThat(m.molecularMultiplicity()).isEqualTo(1);
        Molecule cation = water2().molecularCharge(1).molecularMultiplicity(2).build();
        assertThat(cation.fragmentCharges()).containsExactly(1, 0);
        assertThat(cation.fragmentMultiplicities()).containsExactly(2, 1);
    }

    @Test
    void unknownElement() {
        assertThatThrownBy(() -> new MoleculeBuilder().symbols(List.of("A")).geometryBohr(new double[3]).build())
                .isInstanceOf(InputException.class).hasMessageContaining("molecule.symbols[0]")
                .hasMessageContaining("unknown element symbol 'A'");
    }

    @Test
    void nonContiguousOverlappingOrMissingFragments() {
        assertThatThrownBy(() -> water2().fragments(List.of(new int[] {0, 1, 3}, new int[] {2, 4, 5})).build())
                .isInstanceOf(InputException.class).hasMessageContaining("'molecule.fragments'")
                .hasMessageContaining("would need to reorder atoms");
        assertThatThrownBy(() -> water2().fragments(List.of(new int[] {0, 1, 2}, new int[] {2, 3, 4, 5})).build())
                .hasMessageContaining("'molecule.fragments'").hasMessageContaining("overlapping");
        assertThatThrownBy(() -> water2().fragments(List.of(new int[] {0, 1, 2}, new int[] {3, 4})).build())
                .hasMessageContaining("atoms 5..5 belong to no fragment");
        assertThatThrownBy(() -> water2().fragments(List.of(new int[] {0, 1, 2}, new int[] {3, 4, 9})).build())
                .hasMessageContaining("atom index 9 is outside 0..5");
    }

    /** Probe finding: two atoms 0.113 bohr apart passed the old 0.1 bohr check and gave +431 Eh. */
    @Test
    void atomsCloserThanHalfAnAngstromAreRejected() {
        assertThatThrownBy(() -> new MoleculeBuilder().symbols(List.of("He", "He", "He"))
                .geometryBohr(new double[] {0, 0, 0, 5, 0, 0, 5, 0, 0.113}).build())
                .hasMessageContaining("'molecule.geometry'")
                .hasMessageContaining("atoms 1 and 2 (0-based) are 0.0598 angstrom (0.1130 bohr) apart")
                .hasMessageContaining("physical minimum of 0.5 angstrom");
        // H2 at its bond length (0.74 A) and a ghost 0.51 A from a real atom are fine
        new MoleculeBuilder().symbols(List.of("H", "H")).geometryBohr(new double[] {0, 0, 0, 0, 0, 1.4}).build();
        new MoleculeBuilder().symbols(List.of("He", "He")).real(new boolean[] {true, false})
                .geometryBohr(new double[] {0, 0, 0, 0, 0, 0.51 / 0.52917721067}).build();
    }

    @Test
    void nonFiniteAndAbsurdCoordinatesNameTheAtom() {
        assertThatThrownBy(() -> new MoleculeBuilder().symbols(List.of("He", "Ne"))
                .geometryBohr(new double[] {0, 0, 0, 0, Double.NaN, 3}).build())
                .hasMessageContaining("'molecule.geometry': atom 1 (Ne, 0-based) has a non-finite y coordinate");
        assertThatThrownBy(() -> new MoleculeBuilder().symbols(List.of("He", "Ne"))
                .geometryBohr(new double[] {0, 0, 0, 1e308, 0, 3}).build())
                .hasMessageContaining("atom 1 (Ne, 0-based) has x = 1.00000e+308 bohr, beyond the limit of 1e+05");
    }

    /** Probe finding: a 600k-atom geometry spent minutes in an all-pairs distance check. */
    @Test
    void distanceCheckScalesToSixHundredThousandAtoms() {
        int n = 600_000;
        int side = (int) Math.ceil(Math.cbrt(n));
        double[] g = new double[3 * n];
        for (int a = 0; a < n; a++) { // a simple cubic lattice, 2 bohr apart
            g[3 * a] = 2.0 * (a % side);
            g[3 * a + 1] = 2.0 * ((a / side) % side);
            g[3 * a + 2] = 2.0 * (a / (side * side));
        }
        List<String> he = java.util.Collections.nCopies(n, "He");
        // the only close pair is the last one, so the whole geometry is checked (seconds, not minutes)
        g[3 * (n - 1)] = g[3 * (n - 2)] + 0.3; // the last atom moves next to its neighbour
        g[3 * (n - 1) + 1] = g[3 * (n - 2) + 1];
        g[3 * (n - 1) + 2] = g[3 * (n - 2) + 2];
        assertThatThrownBy(() -> new MoleculeBuilder().symbols(he).geometryBohr(g).build())
                .hasMessageContaining("atoms " + (n - 2) + " and " + (n - 1) + " (0-based)");
    }

    @Test
    void impossibleChargeOrMultiplicity() {
        assertThatThrownBy(() -> water2().fragmentMultiplicities(new int[] {2, 1}).build())
                .hasMessageContaining("fragment 1").hasMessageContaining("multiplicity 2 are impossible with 10"
                        + " electrons");
        assertThatThrownBy(() -> water2().molecularMultiplicity(2).build())
                .hasMessageContaining("'molecule.molecular_multiplicity'");
        assertThatThrownBy(() -> water2().fragmentCharges(new int[] {1, 0}).molecularCharge(0).build())
                .hasMessageContaining("'molecule.molecular_charge'").hasMessageContaining("add up to 1");
        assertThatThrownBy(() -> new MoleculeBuilder().symbols(List.of("H")).geometryBohr(new double[3])
                .molecularCharge(2).build()).hasMessageContaining("leaves -1 electrons");
    }

    @Test
    void geometryLength() {
        assertThatThrownBy(() -> new MoleculeBuilder().symbols(List.of("H", "H")).geometryBohr(new double[4])
                .build()).hasMessageContaining("has 4 numbers but 2 atoms need 6");
    }
}
