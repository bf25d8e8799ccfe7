package org.qcmb.molecule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubMoleculeTest {
    static final double[] TRIMER = {
        -2.76373224, -1.24377706, -0.15444566, -1.12357791, -2.06227970, -0.05243799, -3.80792362, -2.08705525,
        1.06090407, 2.46924614, -1.75437739, -0.17092884, 3.76368260, -2.21425403, 1.00846104, 2.30598330,
        0.07098445, -0.03942473, 0.29127930, 3.00875625, 0.20308515, -1.21253048, 1.95820900, 0.10303324,
        0.10002049, 4.24958115, -1.10222079};

    static Molecule trimer() {
        return new MoleculeBuilder().symbols(List.of("O", "H", "H", "O", "H", "H", "O", "H", "H"))
                .geometryBohr(TRIMER)
                .fragments(List.of(new int[] {0, 1, 2}, new int[] {3, 4, 5}, new int[] {6, 7, 8})).build();
    }

    @Test
    void ghostsKeepParentOrderAndFrame() {
        Molecule m = trimer();
        Molecule s = m.subMolecule(new int[] {2}, new int[] {1, 2, 3});
        assertThat(s.atomCount()).isEqualTo(9);
        assertThat(s.real()).containsExactly(false, false, false, true, true, true, false, false, false);
        assertThat(s.geometry()).containsExactly(TRIMER);
        assertThat(s.molecularCharge()).isZero();
        assertThat(s.molecularMultiplicity()).isEqualTo(1);
        assertThat(s.electronCount()).isEqualTo(10);
        Molecule d = m.subMolecule(new int[] {1, 3}, new int[] {1, 3});
        assertThat(d.atomCount()).isEqualTo(6);
        assertThat(d.x(3)).isEqualTo(TRIMER[18]);
        assertThat(d.fragments()).hasSize(2);
        assertThat(d.fragments().get(1)).containsExactly(3, 4, 5);
    }

    @Test
    void chargeIsSumOfRealFragmentsAndMultiplicityHighSpin() {
        // two H atoms as doublet fragments plus a charged F- : P10
        Molecule m = new MoleculeBuilder().symbols(List.of("H", "H", "F"))
                .geometryBohr(new double[] {0, 0, 0, 0, 0, 5, 0, 5, 0})
                .fragments(List.of(new int[] {0}, new int[] {1}, new int[] {2}))
                .fragmentCharges(new int[] {0, 0, -1}).build();
        assertThat(m.fragmentMultiplicities()).containsExactly(2, 2, 1);
        assertThat(m.molecularCharge()).isEqualTo(-1);
        Molecule hh = m.subMolecule(new int[] {1, 2}, new int[] {1, 2});
        assertThat(hh.molecularMultiplicity()).isEqualTo(3);
        Molecule hGhosts = m.subMolecule(new int[] {1}, new int[] {1, 2, 3});
        assertThat(hGhosts.molecularCharge()).isZero();
        assertThat(hGhosts.molecularMultiplicity()).isEqualTo(2);
        assertThat(hGhosts.fragmentCharges()).containsExactly(0, 0, 0);
        Molecule f = m.subMolecule(new int[] {3}, new int[] {2, 3});
        assertThat(f.molecularCharge()).isEqualTo(-1);
        assertThat(f.electronCount()).isEqualTo(10);
        assertThat(f.molecularMultiplicity()).isEqualTo(1);
    }

    @Test
    void rejectsRealOutsideBasis() {
        assertThatThrownBy(() -> trimer().subMolecule(new int[] {1}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
