package org.qcmb.engine.builtin.df;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qcmb.engine.builtin.ReferenceCases;
import org.qcmb.engine.builtin.basis.BasisLibrary;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.common.InputException;
import org.qcmb.molecule.Molecule;

/** The fitting sets, their sizes and spherical/Cartesian choice against what Psi4 1.3.2 used (psi4-df.json). */
class FittingBasisTest {
    private static final Molecule WATER = Molecule.of(List.of("O", "H", "H"),
            new double[] {0, 0, 0, 1.43, 1.1, 0, -1.43, 1.1, 0}, 0, 1);

    static Stream<ReferenceCases.Case> cases() {
        return ReferenceCases.df().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void choosesWhatPsi4Chose(ReferenceCases.Case c) {
        BasisSet orbital = BasisSet.of(c.molecule(), c.basis(), null);
        boolean orbitalPure = !orbital.isCartesianOnly() || BasisLibrary.load(c.basis()).pure();
        FittingBasis jk = FittingBasis.choose(c.molecule(), c.basis(), FittingBasis.Role.JKFIT, null, null,
                orbitalPure);
        assertThat(jk.name()).isEqualTo(c.fitting().scfName());
        assertThat(jk.size()).isEqualTo(c.fitting().scfSize());
        assertThat(jk.pure()).isEqualTo(c.fitting().scfPure());
        if (c.fitting().mp2Name() != null) {
            FittingBasis ri = FittingBasis.choose(c.molecule(), c.basis(), FittingBasis.Role.RIFIT, null, null,
                    orbitalPure);
            assertThat(ri.name()).isEqualTo(c.fitting().mp2Name());
            assertThat(ri.size()).isEqualTo(c.fitting().mp2Size());
            assertThat(ri.pure()).isEqualTo(c.fitting().mp2Pure());
        }
    }

    @Test
    void minimalBasisMp2FallsBackToTheUniversalSetBecausePsi4HasNoDef2SvpRifit() {
        FittingBasis ri = FittingBasis.choose(WATER, "STO-3G", FittingBasis.Role.RIFIT, null, null, true);
        assertThat(ri.name()).isEqualTo("def2-qzvpp-ri");
    }

    @Test
    void heliumFallsBackPerElementAndTheNameListsBothSets() {
        Molecule hew = Molecule.of(List.of("He", "O", "H", "H"),
                new double[] {0, 0, 6, 0, 0, 0, 1.43, 1.1, 0, -1.43, 1.1, 0}, 0, 1);
        FittingBasis jk = FittingBasis.choose(hew, "aug-cc-pVDZ", FittingBasis.Role.JKFIT, null, null, true);
        assertThat(jk.name()).isEqualTo("aug-cc-pvdz-jkfit + def2-qzvpp-jkfit");
        assertThat(jk.size()).isEqualTo(150 + 23);
    }

    @Test
    void requestedSetIsUsedForEveryAtomAndPureamKeywordWins() {
        FittingBasis jk = FittingBasis.choose(WATER, "6-31G*", FittingBasis.Role.JKFIT, "def2-SVP-JKFIT", null,
                false);
        assertThat(jk.name()).isEqualTo("def2-svp-jkfit");
        assertThat(jk.pure()).isFalse();
        FittingBasis ri = FittingBasis.choose(WATER, "cc-pvdz", FittingBasis.Role.RIFIT, "cc-pvtz-ri", false, true);
        assertThat(ri.pure()).isFalse();
        assertThat(ri.size()).isGreaterThan(FittingBasis.choose(WATER, "cc-pvdz", FittingBasis.Role.RIFIT,
                "cc-pvtz-ri", null, true).size());
    }

    @Test
    void requestedSetLackingAnElementNamesTheSetAndTheElement() {
        Molecule he = Molecule.of(List.of("He"), new double[] {0, 0, 0}, 0, 1);
        assertThatThrownBy(() -> FittingBasis.choose(he, "aug-cc-pvdz", FittingBasis.Role.JKFIT,
                "aug-cc-pvdz-jkfit", null, true)).isInstanceOf(InputException.class)
                .hasMessageContaining("element He").hasMessageContaining("'aug-cc-pvdz-jkfit'")
                .hasMessageContaining("df_basis_scf");
    }

    @Test
    void unknownRequestedSetIsAClearError() {
        assertThatThrownBy(() -> FittingBasis.choose(WATER, "cc-pvdz", FittingBasis.Role.RIFIT, "cc-pvqz-ri", null,
                true)).isInstanceOf(InputException.class).hasMessageContaining("df_basis_mp2 'cc-pvqz-ri'")
                .hasMessageContaining("def2-qzvpp-ri");
    }

    @Test
    void everyFamilySetIsBundledOrAbsentFromPsi4Too() {
        for (FittingBasis.Family f : FittingBasis.FAMILIES.values()) {
            assertThat(FittingBasis.AVAILABLE).contains(f.jkfit());
            if (!f.rifit().equals("def2-svp-rifit")) {
                assertThat(FittingBasis.AVAILABLE).contains(f.rifit());
            }
        }
        for (String name : FittingBasis.AVAILABLE) {
            assertThat(BasisLibrary.load(name).shells("O")).as(name).isNotNull();
        }
    }
}
