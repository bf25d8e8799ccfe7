package org.qcmb.engine.builtin.mp2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qcmb.engine.builtin.ReferenceCases;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.Charges;
import org.qcmb.engine.builtin.scf.RhfSolver;
import org.qcmb.engine.builtin.scf.ScfOptions;
import org.qcmb.engine.builtin.scf.ScfResult;

/** Conventional all-electron MP2 energies against Psi4 (mp2_type conv). */
class Mp2ReferenceTest {
    static Stream<ReferenceCases.Case> cases() {
        return ReferenceCases.all().stream().filter(c -> c.method().equals("mp2"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPsi4(ReferenceCases.Case c) {
        BasisSet bs = BasisSet.of(c.molecule(), c.basis(), null);
        ScfOptions opt = ScfOptions.defaults().withConvergence(1e-11, 1e-10);
        ScfResult r = new RhfSolver(bs, Charges.of(c.molecule(), List.of()), c.molecule().electronCount(), opt, null)
                .solve();
        double e = r.energy() + new Mp2(r, 0, opt.memoryBytes()).correlationEnergy();
        assertThat(e).as(c.name()).isCloseTo(c.energy(), within(1e-8));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void batchingOverOccupiedGivesTheSameEnergy(ReferenceCases.Case c) {
        BasisSet bs = BasisSet.of(c.molecule(), c.basis(), null);
        ScfOptions opt = ScfOptions.defaults().withConvergence(1e-11, 1e-10);
        ScfResult r = new RhfSolver(bs, Charges.of(c.molecule(), List.of()), c.molecule().electronCount(), opt, null)
                .solve();
        double full = new Mp2(r, 0, opt.memoryBytes()).correlationEnergy();
        double tiny = new Mp2(r, 0, 1000).correlationEnergy();
        assertThat(tiny).isCloseTo(full, within(1e-11));
    }
}
