package org.qcmb.molecule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.qcmb.common.InputException;

class XyzReaderTest {
    static final String DIMER = """
            0 1
            O  0.000  0.000  0.000
            H  0.757  0.586  0.000
            H -0.757  0.586  0.000
            --
            1 2
            O  3.000  0.000  0.000
            H  3.757  0.586  0.000
            H  2.243  0.586  0.000
            """;

    @Test
    void psi4StyleFragmentsAndChargeLines() {
        Molecule m = XyzReader.read(DIMER, "d.xyz", false).molecule();
        assertThat(m.fragmentCount()).isEqualTo(2);
        assertThat(m.fragments().get(1)).containsExactly(3, 4, 5);
        assertThat(m.fragmentCharges()).containsExactly(0, 1);
        assertThat(m.fragmentMultiplicities()).containsExactly(1, 2);
        assertThat(m.molecularCharge()).isEqualTo(1);
        assertThat(m.molecularMultiplicity()).isEqualTo(2);
        assertThat(m.x(3)).isCloseTo(3.0 / Units.BOHR_TO_ANGSTROM, within(1e-12));
    }

    @Test
    void standardHeaderIsSkipped() {
        String text = "3\nwater dimer comment\nO 0 0 0\nH 0.757 0.586 0\nH -0.757 0.586 0\n";
        Molecule m = XyzReader.read(text, "w.xyz", false).molecule();
        assertThat(m.atomCount()).isEqualTo(3);
        assertThat(m.fragmentCount()).isEqualTo(1);
    }

    @Test
    void autoFragmentsReorderWhenNotContiguous() {
        String text = """
                O  0.000  0.000  0.000
                O  3.000  0.000  0.000
                H  0.757  0.586  0.000
                H -0.757  0.586  0.000
                H  3.757  0.586  0.000
                H  2.243  0.586  0.000
                """;
        XyzReader.Result r = XyzReader.read(text, "mix.xyz", true);
        Molecule m = r.molecule();
        assertThat(m.fragmentCount()).isEqualTo(2);
        assertThat(m.symbols()).containsExactly("O", "H", "H", "O", "H", "H");
        assertThat(m.x(3)).isCloseTo(3.0 / Units.BOHR_TO_ANGSTROM, within(1e-12));
        assertThat(r.notes()).anyMatch(n -> n.contains("reordered"));
    }

    @Test
    void autoFragmentsKeepContiguousOrder() {
        String text = DIMER.replace("--\n", "").replace("0 1\n", "").replace("1 2\n", "");
        XyzReader.Result r = XyzReader.read(text, "d.xyz", true);
        assertThat(r.molecule().fragmentCount()).isEqualTo(2);
        assertThat(r.notes()).noneMatch(n -> n.contains("reordered"));
    }

    @Test
    void badLines() {
        assertThatThrownBy(() -> XyzReader.read("O 0 0\n", "b.xyz", false))
                .isInstanceOf(InputException.class).hasMessageContaining("b.xyz line 1");
        assertThatThrownBy(() -> XyzReader.read("Xx 0 0 0\n", "b.xyz", false))
                .hasMessageContaining("unknown element symbol 'Xx'");
        assertThatThrownBy(() -> XyzReader.read("He 0 0 0\n--\n", "b.xyz", false))
                .hasMessageContaining("no atoms");
    }
}
