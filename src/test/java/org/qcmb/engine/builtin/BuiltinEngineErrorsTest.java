package org.qcmb.engine.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qcmb.common.Driver;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Model;

/** Bad inputs give failed results (never exceptions) whose messages name the problem. */
class BuiltinEngineErrorsTest {
    private static final double[] WATER = {0, 0, 0, 1.43, 1.1, 0, -1.43, 1.1, 0};

    private static AtomicResult run(List<String> symbols, double[] geom, int charge, int mult, String method,
                                    String basis, Driver driver, Map<String, Object> kw) {
        Molecule m = Molecule.of(symbols, geom, charge, mult);
        return new BuiltinEngine().compute(new AtomicInput(m, driver, new Model(method, basis), kw, List.of()));
    }

    private static AtomicResult water(String method, String basis, Map<String, Object> kw) {
        return run(List.of("O", "H", "H"), WATER, 0, 1, method, basis, Driver.ENERGY, kw);
    }

    private static void assertInputError(AtomicResult r, String... fragments) {
        assertThat(r.success()).isFalse();
        assertThat(r.error().errorClass()).isEqualTo(ErrorClass.INPUT_ERROR);
        for (String f : fragments) {
            assertThat(r.error().message()).containsIgnoringCase(f);
        }
    }

    @Test
    void unknownElement() {
        assertInputError(run(List.of("O", "Xx", "H"), WATER, 0, 1, "hf", "sto-3g", Driver.ENERGY, Map.of()),
                "unknown element", "Xx");
    }

    @Test
    void basisNotFound() {
        assertInputError(water("hf", "cc-pv7z", Map.of()), "basis set 'cc-pv7z' not found");
    }

    @Test
    void elementMissingFromBasis() {
        // the bundled cc-pVDZ has no potassium
        assertInputError(run(List.of("K", "H"), new double[] {0, 0, 0, 0, 0, 4.2}, 0, 1, "hf", "cc-pVDZ",
                Driver.ENERGY, Map.of()), "element K", "basis set 'cc-pVDZ'");
    }

    @Test
    void overlappingNuclei() {
        assertInputError(run(List.of("H", "H"), new double[] {0, 0, 0, 0, 0, 0.05}, 0, 1, "hf", "sto-3g",
                Driver.ENERGY, Map.of()), "overlap", "atoms 1 (H) and 2 (H)");
    }

    @Test
    void oddElectronCount() {
        assertInputError(run(List.of("O", "H", "H"), WATER, 1, 1, "hf", "sto-3g", Driver.ENERGY, Map.of()),
                "odd number of electrons (9");
    }

    @Test
    void openShellNamesMultiplicityAndPsi4() {
        assertInputError(run(List.of("O", "H", "H"), WATER, 1, 2, "hf", "sto-3g", Driver.ENERGY, Map.of()),
                "multiplicity 2", "psi4");
    }

    @Test
    void negativeMultiplicity() {
        assertInputError(run(List.of("O", "H", "H"), WATER, 0, -1, "hf", "sto-3g", Driver.ENERGY, Map.of()),
                "multiplicity", "-1");
    }

    @Test
    void unknownKeyword() {
        assertInputError(water("hf", "sto-3g", Map.of("guess", "sad")), "keyword 'guess'", "psi4");
    }

    @Test
    void choleskyAndUnknownAlgorithmsSayWhatToUse() {
        assertInputError(water("hf", "sto-3g", Map.of("scf_type", "cd")),
                "scf_type cd is not supported by the builtin engine: use scf_type df (density fitting, the default), "
                        + "pk (exact) or program psi4");
        assertInputError(water("mp2", "sto-3g", Map.of("mp2_type", "cd")), "mp2_type cd", "mp2_type df", "conv");
        assertInputError(water("mp2", "sto-3g", Map.of("mp2_type", "dfx")), "mp2_type 'dfx'", "df or conv");
        assertThat(water("hf", "sto-3g", Map.of("scf_type", "mem_df")).success()).isTrue();
    }

    @Test
    void unknownFittingBasisIsAnInputErrorNamingTheKeyword() {
        assertInputError(water("hf", "cc-pvdz", Map.of("df_basis_scf", "no-such-jkfit")),
                "df_basis_scf 'no-such-jkfit'", "cc-pvdz-jkfit");
        assertInputError(water("mp2", "cc-pvdz", Map.of("df_basis_mp2", "cc-pvqz-ri")), "df_basis_mp2 'cc-pvqz-ri'");
    }

    @Test
    void fittingSetLackingAnElementNamesTheSetAndTheElement() {
        assertInputError(run(List.of("He", "He"), new double[] {0, 0, 0, 0, 0, 5.6}, 0, 1, "hf", "aug-cc-pvdz",
                Driver.ENERGY, Map.of("df_basis_scf", "aug-cc-pvdz-jkfit")), "element He", "'aug-cc-pvdz-jkfit'");
    }

    @Test
    void conventionalMp2GradientIsNotAvailable() {
        assertInputError(run(List.of("O", "H", "H"), WATER, 0, 1, "mp2", "sto-3g", Driver.GRADIENT,
                Map.of("mp2_type", "conv")), "MP2 gradients with mp2_type conv are not available", "mp2_type df",
                "psi4");
        assertInputError(run(List.of("O", "H", "H"), WATER, 0, 1, "mp2", "sto-3g", Driver.HESSIAN,
                Map.of("mp2_type", "conv")), "not available");
        assertInputError(run(List.of("O", "H", "H"), WATER, 0, 1, "mp2", "sto-3g", Driver.GRADIENT,
                Map.of("scf_type", "pk")), "density-fitted reference", "scf_type df");
    }

    @Test
    void openShellReferenceIsRejected() {
        assertInputError(water("hf", "sto-3g", Map.of("reference", "uhf")), "reference uhf", "psi4");
        assertThat(water("hf", "sto-3g", Map.of("reference", "RHF")).success()).isTrue();
    }

    @Test
    void missingMoleculeIsAnInputError() {
        AtomicResult r = new BuiltinEngine().compute(new AtomicInput(null, Driver.ENERGY, new Model("hf", "sto-3g"),
                Map.of(), List.of()));
        assertInputError(r, "molecule is missing");
    }

    @Test
    void unknownMethod() {
        assertInputError(water("ccsd", "sto-3g", Map.of()), "method 'ccsd'");
    }

    @Test
    void nonConvergenceIsAConvergenceFailureWithTheIterationCount() {
        AtomicResult r = water("hf", "cc-pvdz", Map.of("maxiter", 2));
        assertThat(r.success()).isFalse();
        assertThat(r.error().errorClass()).isEqualTo(ErrorClass.CONVERGENCE_FAILURE);
        assertThat(r.error().message()).contains("2 iterations");
    }

    @Test
    void memoryStringsAreParsedPsi4Style() {
        assertThat(BuiltinKeywords.memory("2 GiB")).isEqualTo(2L << 30);
        assertThat(BuiltinKeywords.memory("500 mb")).isEqualTo(500_000_000L);
        assertThat(BuiltinKeywords.memory(1_000_000)).isEqualTo(1_000_000L);
        assertInputError(water("hf", "sto-3g", Map.of("memory", "lots")), "memory 'lots'");
    }

    @Test
    void directAndInCoreGiveTheSameEnergy() {
        AtomicResult a = water("hf", "6-31g*", Map.of("scf_type", "direct"));
        AtomicResult b = water("hf", "6-31G(d)", Map.of("scf_type", "pk", "num_threads", 2));
        // a budget for part of the integrals: semi-direct (dearest quartets stored, the rest recomputed)
        AtomicResult c = water("hf", "6-31g*", Map.of("scf_type", "pk", "memory", "40 kb"));
        assertThat(a.energy()).isCloseTo(b.energy(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(c.energy()).isCloseTo(b.energy(), org.assertj.core.api.Assertions.within(1e-9));
    }
}
