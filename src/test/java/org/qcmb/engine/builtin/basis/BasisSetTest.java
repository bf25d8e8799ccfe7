package org.qcmb.engine.builtin.basis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qcmb.common.InputException;
import org.qcmb.molecule.Molecule;

class BasisSetTest {
    private static final Molecule WATER = Molecule.of(List.of("O", "H", "H"),
            new double[] {0, 0, 0, 1.43, 1.1, 0, -1.43, 1.1, 0}, 0, 1);

    @Test
    void psi4AliasesNameTheSameFile() {
        assertThat(BasisLibrary.canonicalName("6-31G*")).isEqualTo("6-31gs");
        assertThat(BasisLibrary.canonicalName("6-31G(d)")).isEqualTo("6-31gs");
        assertThat(BasisLibrary.canonicalName("6-31g**")).isEqualTo("6-31gss");
        assertThat(BasisLibrary.canonicalName("6-31G(d,p)")).isEqualTo("6-31gss");
        assertThat(BasisLibrary.canonicalName("6-31+G*")).isEqualTo("6-31pgs");
        assertThat(BasisLibrary.canonicalName("cc-pVDZ")).isEqualTo("cc-pvdz");
    }

    @Test
    void functionCountsFollowTheFileHeader() {
        Map<String, Integer> expected = Map.of("sto-3g", 7, "6-31g*", 19, "6-31g**", 25, "6-31+g*", 23,
                "cc-pvdz", 24, "aug-cc-pvdz", 41, "cc-pvtz", 58, "aug-cc-pvtz", 92, "def2-svp", 24, "3-21g", 13);
        expected.forEach((name, n) -> assertThat(BasisSet.of(WATER, name, null).functionCount()).as(name)
                .isEqualTo(n));
        // 6-31G* is Cartesian (6 d functions), cc-pVDZ pure unless puream says otherwise
        assertThat(BasisSet.of(WATER, "cc-pvdz", false).functionCount()).isEqualTo(25);
    }

    @Test
    void everyBundledFileCoversHydrogenToArgon() {
        for (String name : BasisLibrary.AVAILABLE) {
            GbsFile f = BasisLibrary.load(name);
            for (String el : List.of("H", "C", "N", "O", "F", "Cl")) {
                assertThat(f.shells(el)).as(name + " " + el).isNotNull();
            }
        }
    }

    @Test
    void missingElementNamesElementAndBasis() {
        Molecule k = Molecule.of(List.of("K", "H"), new double[] {0, 0, 0, 0, 0, 4.2}, 0, 1);
        assertThatThrownBy(() -> BasisSet.of(k, "cc-pvdz", null)).isInstanceOf(InputException.class)
                .hasMessageContaining("element K").hasMessageContaining("'cc-pvdz'");
    }

    @Test
    void unknownBasisListsTheAvailableOnes() {
        assertThatThrownBy(() -> BasisSet.of(WATER, "nope-basis", null)).isInstanceOf(InputException.class)
                .hasMessageContaining("basis set 'nope-basis' not found").hasMessageContaining("cc-pvdz");
    }

    @Test
    void sphericalTransformOfDIsFiveIndependentFunctions() {
        double[][] t = SphericalTransform.matrix(2);
        assertThat(t).hasDimensions(5, 6);
        // d_z2 = z^2 - (x^2+y^2)/2 in the row m = 0
        assertThat(t[2][5]).isEqualTo(1.0);
        assertThat(t[2][0]).isEqualTo(-0.5);
    }
}
