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

    @Test
    void atomsTooClose() {
        assertThatThrownBy(() -> new MoleculeBuilder().symbols(List.of("He", "He"))
                .geometryBohr(new double[] {0, 0, 0, 0, 0, 0.05}).build())
                .hasMessageContaining("'molecule.geometry'").hasMessageContaining("closer than 0.1 bohr");
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
