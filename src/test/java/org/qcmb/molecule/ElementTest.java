package org.qcmb.molecule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ElementTest {
    @Test
    void periodsAndFrozenCoresFollowTheNobleGases() {
        assertThat(Element.He.period()).isEqualTo(1);
        assertThat(Element.Li.period()).isEqualTo(2);
        assertThat(Element.Ne.period()).isEqualTo(2);
        assertThat(Element.Na.period()).isEqualTo(3);
        assertThat(Element.K.period()).isEqualTo(4);
        // Psi4 freeze_core true: He core for Li-Ne, Ne core (1s 2s 2p) for Na-Ar, Ar core for K-Kr
        assertThat(Element.H.coreOrbitals()).isZero();
        assertThat(Element.O.coreOrbitals()).isEqualTo(1);
        assertThat(Element.Cl.coreOrbitals()).isEqualTo(5);
        assertThat(Element.Kr.coreOrbitals()).isEqualTo(9);
    }
}
