package org.qcmb.engine.builtin.gradient;

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

/** RHF gradients against Psi4 for the HF gradient reference cases. */
class RhfGradientReferenceTest {
    static Stream<ReferenceCases.Case> cases() {
        return ReferenceCases.all().stream().filter(c -> c.method().equals("hf") && c.gradient() != null);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPsi4(ReferenceCases.Case c) {
        BasisSet bs = BasisSet.of(c.molecule(), c.basis(), null);
        ScfOptions opt = ScfOptions.defaults().withConvergence(1e-11, 1e-10);
        ScfResult r = new RhfSolver(bs, Charges.of(c.molecule(), List.of()), c.molecule().electronCount(), opt, null)
                .solve();
        double[] g = new RhfGradient(r, c.molecule().atomCount(), 1, null).compute();
        for (int i = 0; i < g.length; i++) {
            assertThat(g[i]).as(c.name() + " component " + i).isCloseTo(c.gradient()[i], within(1e-7));
        }
    }
}
