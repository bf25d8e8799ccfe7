package org.qcmb.engine.psi4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.qcmb.engine.CalculationSpec;
import org.qcmb.molecule.Element;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qcmb.common.Driver;
import org.qcmb.engine.EngineException;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Model;

/** Names and keywords refused before Psi4 runs (no psi4 needed: nothing here reaches it). */
class Psi4SpecificationTest {
    private final Psi4Engine engine = new Psi4Engine();

    private static void assertRefused(Model model, Map<String, Object> keywords, String... messageParts) {
        assertThatThrownBy(() -> new Psi4Engine().validate(spec(Driver.ENERGY, model, keywords)))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.INPUT_ERROR))
                .message().contains(messageParts).doesNotContain("\n");
    }

    /** Every basis set of Psi4 1.3.2's library is a file named by make_filename: all such names pass. */
    @ParameterizedTest
    @ValueSource(strings = {"sto-3g", "6-31G*", "6-311++G(2d,2p)", "6-31+G**", "cc-pV(D+d)Z", "aug-cc-pVTZ",
            "def2-SVP", "heavy-aug-cc-pvdz", "cc-pvdz-decon", "cc-pvdz-jkfit", "pcseg-1", "6-311g(2df,2pd)"})
    void basisNamesOfPsi4sLibraryPass(String basis) {
        assertThatCode(() -> engine.validate(spec(Driver.GRADIENT, new Model("hf", basis), Map.of())))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hf", "mp2", "scf", "b3lyp-d3(bj)", "ccsd(t)", "mp2.5", "wb97x-d", "scs-omp2"})
    void methodNamesPass(String method) {
        assertThatCode(() -> engine.validate(spec(Driver.ENERGY, new Model(method, "cc-pvdz"), Map.of())))
                .doesNotThrowAnyException();
    }

    /** The probe's findings: Psi4 loaded ../rel/evil/mybasis.gbs relative to its scratch folder, and more. */
    @ParameterizedTest
    @ValueSource(strings = {"../rel/evil/mybasis", "../../etc/passwd", "/etc/passwd", "..\\x", "sto 3g",
            "cc-pvdz\n", "~/basis", "sto-3g.gbs", ""})
    void basisNamesWithPathCharactersAreRefused(String basis) {
        assertRefused(new Model("hf", basis), Map.of(), "model.basis");
    }

    @Test
    void methodNamesWithPathsAndTheCbsShorthandAreRefused() {
        assertRefused(new Model("mp2/cc-pv[dt]z", "cc-pvdz"), Map.of(), "model.method", "mp2/cc-pv[dt]z");
        assertRefused(new Model("../hf", "cc-pvdz"), Map.of(), "model.method");
        assertRefused(new Model("hf;import os", "cc-pvdz"), Map.of(), "model.method");
    }

    @Test
    void basisKeywordsAndTextValuesAreCheckedToo() {
        assertRefused(new Model("hf", "cc-pvdz"), Map.of("df_basis_scf", "../../x"), "keyword 'df_basis_scf'");
        assertRefused(new Model("hf", "cc-pvdz"), Map.of("writer_file_label", "/tmp/stolen"),
                "keyword 'writer_file_label'", "paths");
        assertRefused(new Model("hf", "cc-pvdz"), Map.of("docc", List.of("a/b")), "keyword 'docc'");
        assertRefused(new Model("hf", "cc-pvdz"), Map.of("function_kwargs", Map.of("x", "..")),
                "keyword 'function_kwargs'");
        assertRefused(new Model("hf", "cc-pvdz"), Map.of("scf type", "pk"), "'scf type'");
        assertThatCode(() -> engine.validate(spec(Driver.ENERGY, new Model("hf", "cc-pvdz"),
                Map.of("scf_type", "pk", "e_convergence", 1e-10, "basis_guess", true, "df_basis_scf",
                        "cc-pvdz-jkfit", "docc", List.of(3, 0, 1, 1)))))
                .doesNotThrowAnyException();
    }

    @Test
    void aBasisFileMustBeAnAbsolutePathToAReadableFile(@TempDir Path dir) throws IOException {
        Path gbs = Files.writeString(dir.resolve("mine.gbs"), "spherical\n****\n");
        assertThatCode(() -> engine.validate(spec(Driver.ENERGY, new Model("hf", "mine"),
                Map.of("basis_file", gbs.toString())))).doesNotThrowAnyException();
        assertRefused(new Model("hf", "mine"), Map.of("basis_file", "mine.gbs"), "'basis_file'", "absolute");
        assertRefused(new Model("hf", "mine"), Map.of("basis_file", dir.resolve("none.gbs").toString()),
                "not a readable file");
        assertRefused(new Model("hf", "mine"), Map.of("basis_file", dir.toString()), "not a readable file");
        assertRefused(new Model("hf", "mine"), Map.of("basis_file", 3), "'basis_file'");
    }

    /** qcdb BasisSet.make_filename, which Psi4 uses to look for a basis in its working directory. */
    @Test
    void fileNamesFollowPsi4() {
        assertThat(Psi4Specification.fileName("6-311++G(2d,2p)")).isEqualTo("6-311ppg_2d_2p_.gbs");
        assertThat(Psi4Specification.fileName("6-31G*")).isEqualTo("6-31gs.gbs");
        assertThat(Psi4Specification.fileName("cc-pVDZ-decon")).isEqualTo("cc-pvdz.gbs");
        try (Stream<Path> library = Files.list(Path.of("/usr/share/psi4/basis"))) {
            // when psi4's library is here, each of its files is the file name of its own name
            library.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gbs"))
                    .forEach(n -> assertThat(Psi4Specification.fileName(n.substring(0, n.length() - 4))).isEqualTo(n));
        } catch (IOException e) {
            // no Debian psi4 library on this machine: the three cases above stand
        }
    }

    @Test
    void computeRefusesAnUnsafeNameWithoutRunningPsi4(@TempDir Path root) {
        Psi4Engine e = new Psi4Engine(Psi4Engine.Settings.defaults().withScratchRoot(root.toString())
                .withExecutable("/nonexistent/psi4"));
        AtomicResult r = e.compute(new AtomicInput(Molecule.of(List.of("He"), new double[3], 0, 1), Driver.ENERGY,
                new Model("hf", "../../etc/passwd"), Map.of(), null));
        assertThat(r.success()).isFalse();
        assertThat(r.error().errorClass()).isEqualTo(ErrorClass.INPUT_ERROR);
        assertThat(r.error().message()).contains("model.basis").contains("not a basis set name");
        assertThat(root).isEmptyDirectory();
    }

    /** A one-calculation spec: a water molecule, singlet, no point charges. */
    private static CalculationSpec spec(Driver driver, Model model, Map<String, Object> keywords) {
        return new CalculationSpec(driver, model, keywords,
                new java.util.TreeSet<>(java.util.List.of(Element.of("O"), Element.of("H"))),
                java.util.List.of(new CalculationSpec.ChargeState(0, 1, "fragment 1")), false);
    }
}
