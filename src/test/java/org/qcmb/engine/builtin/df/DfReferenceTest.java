package org.qcmb.engine.builtin.df;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.common.Driver;
import org.qcmb.qcschema.Model;
import org.qcmb.engine.builtin.BuiltinEngine;
import org.qcmb.engine.builtin.ReferenceCases;

/**
 * Every case of psi4-df.json and psi4-df-extra.json (Psi4 1.3.2 defaults: scf_type df, mp2_type df, auxiliary sets as Psi4 picks them;
 * e_conv 1e-11, d_conv 1e-10) through {@link BuiltinEngine#compute} with the builtin defaults: energy within
 * 1e-8 Eh, nbasis and nuclear repulsion; gradient components within 1e-7 Eh/bohr.
 */
class DfReferenceTest {
    static Stream<ReferenceCases.Case> cases() {
        return Stream.concat(ReferenceCases.df().stream(), ReferenceCases.dfExtra().stream());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPsi4(ReferenceCases.Case c) {
        Map<String, Object> kw = new HashMap<>(Map.of("e_convergence", 1e-11, "d_convergence", 1e-10));
        kw.putAll(c.keywords());
        AtomicInput in = new AtomicInput(c.molecule(), Driver.ENERGY, new Model(c.method(), c.basis()), kw, List.of());
        AtomicResult r = new BuiltinEngine().compute(in);
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        assertThat(r.energy()).isCloseTo(c.energy(), within(1e-8));
        assertThat(r.properties().nbasis()).isEqualTo(c.nbasis());
        assertThat(r.properties().nuclearRepulsionEnergy()).isCloseTo(c.nuclearRepulsion(), within(1e-9));
        if (c.scfEnergy() != null) {
            assertThat(r.properties().scfTotalEnergy()).isCloseTo(c.scfEnergy(), within(1e-8));
        }
    }

    static Stream<ReferenceCases.Case> mp2Cases() {
        return cases().filter(c -> c.method().equalsIgnoreCase("mp2"));
    }

    /** Two threads split the three-index work, the J/K builds and the pair energies: the same Psi4 numbers. */
    @ParameterizedTest
    @MethodSource("mp2Cases")
    void twoThreadsMatchPsi4(ReferenceCases.Case c) {
        Map<String, Object> kw = new HashMap<>(Map.of("e_convergence", 1e-11, "d_convergence", 1e-10,
                "num_threads", 2));
        kw.putAll(c.keywords());
        AtomicInput in = new AtomicInput(c.molecule(), Driver.ENERGY, new Model(c.method(), c.basis()), kw, List.of());
        AtomicResult r = new BuiltinEngine().compute(in);
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        assertThat(r.energy()).isCloseTo(c.energy(), within(1e-8));
        if (c.scfEnergy() != null) {
            assertThat(r.properties().scfTotalEnergy()).isCloseTo(c.scfEnergy(), within(1e-8));
        }
    }

    static Stream<ReferenceCases.Case> gradientCases() {
        return cases().filter(c -> c.gradient() != null);
    }

    @ParameterizedTest
    @MethodSource("gradientCases")
    void gradientMatchesPsi4(ReferenceCases.Case c) {
        Map<String, Object> kw = new HashMap<>(Map.of("e_convergence", 1e-11, "d_convergence", 1e-10));
        kw.putAll(c.keywords());
        AtomicInput in = new AtomicInput(c.molecule(), Driver.GRADIENT, new Model(c.method(), c.basis()), kw,
                List.of());
        AtomicResult r = new BuiltinEngine().compute(in);
        assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
        assertThat(r.energy()).isCloseTo(c.energy(), within(1e-8));
        assertThat(r.gradient()).hasSize(c.gradient().length);
        for (int i = 0; i < r.gradient().length; i++) {
            assertThat(r.gradient()[i]).as("component " + i).isCloseTo(c.gradient()[i], within(1e-7));
        }
    }
}
