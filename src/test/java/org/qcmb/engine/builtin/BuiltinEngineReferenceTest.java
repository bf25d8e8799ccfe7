package org.qcmb.engine.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qcmb.common.Driver;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.Model;

/**
 * Every case of psi4-exact.json (Psi4 1.3.2, scf_type pk, mp2_type conv, no frozen core), plus psi4-extra.json
 * (same Psi4: cc-pVTZ and def2-TZVP f functions, aug-cc-pVDZ ghosts, 6-31+G*, frozen-core MP2), through
 * {@link BuiltinEngine#compute}: energy within 1e-8 Eh, gradient components within 1e-7 Eh/bohr, nbasis and
 * nuclear repulsion energy.
 */
class BuiltinEngineReferenceTest {
    static Stream<ReferenceCases.Case> cases() {
        return Stream.concat(ReferenceCases.all().stream(), ReferenceCases.extra().stream());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPsi4(ReferenceCases.Case c) {
        Map<String, Object> kw = new java.util.HashMap<>(Map.of("e_convergence", 1e-11, "d_convergence", 1e-10,
                "scf_type", "pk", "mp2_type", "conv"));
        kw.putAll(c.keywords());
        AtomicInput in = new AtomicInput(c.molecule(), Driver.parse(c.driver()), new Model(c.method(), c.basis()), kw,
                List.of());
        AtomicResult r = new BuiltinEngine().compute(in);
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        assertThat(r.energy()).isCloseTo(c.energy(), within(1e-8));
        assertThat(r.properties().returnEnergy()).isEqualTo(r.energy());
        assertThat(r.properties().nbasis()).isEqualTo(c.nbasis());
        assertThat(r.properties().natom()).isEqualTo(c.molecule().atomCount());
        assertThat(r.properties().nuclearRepulsionEnergy()).isCloseTo(c.nuclearRepulsion(), within(1e-9));
        if (c.scfEnergy() != null) {
            assertThat(r.properties().scfTotalEnergy()).isCloseTo(c.scfEnergy(), within(1e-8));
            assertThat(r.properties().mp2TotalEnergy()).isEqualTo(r.energy());
        }
        if (c.gradient() != null) {
            assertThat(r.gradient()).hasSize(c.gradient().length);
            for (int i = 0; i < r.gradient().length; i++) {
                assertThat(r.gradient()[i]).as("component " + i).isCloseTo(c.gradient()[i], within(1e-7));
            }
        }
        assertThat(r.provenance().program()).isEqualTo("builtin");
        assertThat(r.provenance().wallTime()).isPositive();
    }
}
