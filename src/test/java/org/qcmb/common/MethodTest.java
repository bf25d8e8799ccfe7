package org.qcmb.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MethodTest {
    @Test
    void aliasesNameOneFamilyWhateverTheirCase() {
        assertThat(Method.of("hf")).isEqualTo(Method.HF);
        assertThat(Method.of(" SCF ")).isEqualTo(Method.HF);
        assertThat(Method.of("rhf")).isEqualTo(Method.HF);
        assertThat(Method.of("MP2")).isEqualTo(Method.MP2);
        assertThat(Method.of("b3lyp")).isEqualTo(Method.OTHER);
        assertThat(Method.of(null)).isEqualTo(Method.OTHER);
    }

    @Test
    void onlyHartreeFockIsMeanField() {
        // the cost model once counted "rhf" as correlated while the builtin engine ran it as HF
        assertThat(Method.of("rhf").meanField()).isTrue();
        assertThat(Method.MP2.meanField()).isFalse();
        assertThat(Method.OTHER.meanField()).isFalse();
    }
}
