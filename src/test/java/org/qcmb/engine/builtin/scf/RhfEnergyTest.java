package org.qcmb.engine.builtin.scf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qcmb.engine.builtin.ReferenceCases;
import org.qcmb.engine.builtin.basis.BasisSet;
import org.qcmb.engine.builtin.integrals.Charges;

/** RHF energies against Psi4 (scf_type pk) for every reference case. */
class RhfEnergyTest {
    static Stream<ReferenceCases.Case> cases() {
        return ReferenceCases.all().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPsi4(ReferenceCases.Case c) {
        BasisSet bs = BasisSet.of(c.molecule(), c.basis(), null);
        assertThat(bs.functionCount()).isEqualTo(c.nbasis());
        ScfOptions opt = ScfOptions.defaults().withConvergence(1e-11, 1e-9);
        ScfResult r = new RhfSolver(bs, Charges.of(c.molecule(), List.of()), c.molecule().electronCount(), opt, null)
                .solve();
        assertThat(r.nuclearEnergy()).isCloseTo(c.nuclearRepulsion(), within(1e-9));
        double ref = c.scfEnergy() != null ? c.scfEnergy() : c.energy();
        assertThat(r.energy()).as(c.name()).isCloseTo(ref, within(1e-8));
    }
}
