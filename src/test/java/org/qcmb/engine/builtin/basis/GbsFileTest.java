package org.qcmb.engine.builtin.basis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Elements are parsed on demand from the index built when the file is read; the values are the file's. */
class GbsFileTest {
    @Test
    void oxygenOfAugCcPvdzAsWrittenInTheFile() {
        List<GbsFile.RawShell> o = BasisLibrary.load("aug-cc-pVDZ").shells("o");
        // S8 S8 S1 P3 P1 D1 S1 P1 D1 (aug-cc-pvdz.gbs)
        assertThat(o).extracting(GbsFile.RawShell::l).containsExactly(0, 0, 0, 1, 1, 2, 0, 1, 2);
        assertThat(o.get(0).exponents()).hasSize(8).startsWith(11720.0, 1759.0);
        assertThat(o.get(1).coefficients()[7]).isEqualTo(0.557368);
        assertThat(o.get(8).exponents()).containsExactly(0.332);
        assertThat(BasisLibrary.load("aug-cc-pvdz").pure()).isTrue();
        assertThat(BasisLibrary.load("6-31g*").pure()).isFalse();
    }

    @Test
    void aMalformedEntryLeavesItsElementOutAndTheOthersIn() {
        GbsFile ri = BasisLibrary.load("def2-svp-ri");
        assertThat(ri.shells("Sr")).isNull(); // a stray "*" line in the file, as Psi4 rejects it
        assertThat(ri.shells("Rb")).isNotEmpty();
        assertThat(ri.shells("Xx")).isNull();
    }

    @Test
    void splitShellsCommentsAndTheEndOfTheFile() throws Exception {
        String text = """
                ! a comment
                cartesian
                ****
                C     0
                SP   2   1.00
                      3.0D+00   0.1   0.2
                      1.0D+00   0.3   0.4
                ****
                H     0
                S   1   1.00
                      0.5   1.0
                ****
                C     0
                S   1   1.00
                      9.0   1.0
                ****
                """;
        GbsFile f = GbsFile.parse("test", new BufferedReader(new StringReader(text)));
        assertThat(f.pure()).isFalse();
        List<GbsFile.RawShell> c = f.shells("C");
        assertThat(c).extracting(GbsFile.RawShell::l).containsExactly(0, 1);
        assertThat(c.get(0).exponents()).containsExactly(3.0, 1.0);
        assertThat(c.get(1).coefficients()).containsExactly(0.2, 0.4);
        assertThat(f.shells("h").get(0).exponents()).containsExactly(0.5);
        // a second C entry ends the file (as Psi4 reads only the first)
        assertThat(f.shells("C")).hasSize(2);
    }
}
