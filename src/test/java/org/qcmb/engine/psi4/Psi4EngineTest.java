package org.qcmb.engine.psi4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.common.Driver;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Model;
import org.qcmb.qcschema.PointCharge;

/**
 * Runs the real psi4 program. Skipped when psi4 is not installed, except under CI=true, where a missing psi4 is a
 * failure (CI installs it with scripts/install-test-deps.sh).
 */
class Psi4EngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The settings of psi4-exact.json: "scf_type pk, mp2_type conv, e_conv 1e-11, d_conv 1e-10". */
    private static final Map<String, Object> EXACT = Map.of(
            "scf_type", "pk", "mp2_type", "conv", "e_convergence", 1e-11, "d_convergence", 1e-10);

    private static JsonNode reference;

    @TempDir
    Path scratchRoot;

    @BeforeAll
    static void psi4Installed() throws IOException {
        if (Psi4Engine.locate(new Psi4Engine().executable()) == null) {
            String why = "psi4 not installed: run scripts/install-test-deps.sh (apt-get install psi4) or set "
                    + Psi4Engine.EXECUTABLE_ENV;
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " (CI=true: the psi4 tests must run in CI)");
            }
            System.err.println("Psi4EngineTest skipped: " + why); // surefire does not print class-level skips
            Assumptions.assumeTrue(false, why);
        }
        try (InputStream in = Psi4EngineTest.class.getResourceAsStream("/reference/psi4-exact.json")) {
            reference = JSON.readTree(in);
        }
    }

    /** Warm workers (the default mode); Psi4WorkerTest compares them with a process per calculation. */
    private Psi4Engine engine() {
        return new Psi4Engine(Psi4Engine.Settings.defaults().withScratchRoot(scratchRoot.toString()));
    }

    @AfterEach
    void closeWorkers() {
        engine().closeWorkers(); // the same settings: the same pool
    }

    @Test
    void waterHfSto3gEnergyAndGradientMatchExactReference() {
        JsonNode ref = referenceCase("h2o-sto-3g-hf");
        Psi4Engine engine = engine();
        AtomicResult r = engine.compute(input(ref, Driver.GRADIENT, EXACT));
        engine.closeWorkers();

        assertThat(r.success()).as("%s", r.error()).isTrue();
        assertThat(r.energy()).isCloseTo(ref.get("energy").asDouble(), within(1e-8));
        assertClose(r.gradient(), Psi4Json.doubles(ref.get("gradient")), 1e-7);
        assertThat(r.properties().returnEnergy()).isEqualTo(r.energy());
        assertThat(r.properties().scfTotalEnergy()).isCloseTo(r.energy(), within(1e-12));
        assertThat(r.properties().mp2TotalEnergy()).isNull();
        assertThat(r.properties().nuclearRepulsionEnergy())
                .isCloseTo(ref.get("nuclear_repulsion_energy").asDouble(), within(1e-10));
        assertThat(r.properties().nbasis()).isEqualTo(ref.get("nbasis").asInt());
        assertThat(r.properties().natom()).isEqualTo(3);
        assertThat(r.properties().scfIterations()).isPositive();
        assertThat(r.provenance().program()).isEqualTo("psi4");
        assertThat(r.provenance().version()).startsWith("1.");
        assertThat(r.provenance().wallTime()).isPositive();
        assertThat(scratchRoot).isEmptyDirectory(); // the per-task and the worker's directories are gone
    }

    @Test
    void ghostAtomsGiveBasisFunctionsOnlyAndKeepTheirGradientRows() {
        JsonNode ref = referenceCase("h2o-in-dimer-basis-sto-3g-hf");
        AtomicResult r = engine().compute(input(ref, Driver.GRADIENT, EXACT));

        assertThat(r.success()).as("%s", r.error()).isTrue();
        assertThat(r.energy()).isCloseTo(ref.get("energy").asDouble(), within(1e-8));
        assertClose(r.gradient(), Psi4Json.doubles(ref.get("gradient")), 1e-7);
        assertThat(r.gradient()).hasSize(18);
        assertThat(r.properties().nbasis()).isEqualTo(14);
        assertThat(r.properties().nuclearRepulsionEnergy())
                .isCloseTo(ref.get("nuclear_repulsion_energy").asDouble(), within(1e-10));
    }

    @Test
    void mp2EnergyMatchesExactReference() {
        JsonNode ref = referenceCase("he2-aug-cc-pvdz-mp2");
        AtomicResult r = engine().compute(input(ref, Driver.ENERGY, EXACT));

        assertThat(r.success()).as("%s", r.error()).isTrue();
        assertThat(r.energy()).isCloseTo(ref.get("energy").asDouble(), within(1e-8));
        assertThat(r.properties().mp2TotalEnergy()).isCloseTo(ref.get("energy").asDouble(), within(1e-8));
        assertThat(r.properties().scfTotalEnergy()).isCloseTo(ref.get("scf_energy").asDouble(), within(1e-8));
        assertThat(r.gradient()).isNull();
    }

    @Test
    void hessianDriverReturnsHessianAndGradientMatchingQcManyBodyComponent() throws IOException {
        JsonNode c = conformance("single_hessian_1.json");
        JsonNode component = c.get("component_results").get("[\"h_scf\", [1], [1]]");
        AtomicResult r = engine().compute(trimerComponent(c, List.of(0), Driver.HESSIAN));

        assertThat(r.success()).as("%s", r.error()).isTrue();
        assertThat(r.hessian()).hasSize(81);
        assertThat(r.energy()).isCloseTo(component.get("energy").asDouble(), within(1e-9));
        assertClose(r.gradient(), flatten(component.get("gradient")), 1e-8);
        assertClose(r.hessian(), flatten(component.get("hessian")), 1e-6);
        assertThat(r.properties().hessianByFiniteDifference()).isFalse();
    }

    /**
     * The conformance requirement: Psi4's default density-fitted HF/STO-3G with e/d_convergence 1e-10 reproduces
     * QCManyBody's component energies (monomer 1 in its own basis and in the basis of monomers 1 and 2).
     */
    @Test
    void trimerComponentsReproduceQcManyBodyEnergies() throws IOException {
        JsonNode c = conformance("single_energy_1.json");
        double monomer = c.get("component_results").get("[\"e_scf\", [1], [1]]").get("energy").asDouble();
        double ghosted = c.get("component_results").get("[\"e_scf\", [1], [1, 2]]").get("energy").asDouble();

        AtomicResult r1 = engine().compute(trimerComponent(c, List.of(0), Driver.ENERGY));
        AtomicResult r12 = engine().compute(trimerComponent(c, List.of(0, 1), Driver.ENERGY));

        assertThat(r1.success()).as("%s", r1.error()).isTrue();
        assertThat(r12.success()).as("%s", r12.error()).isTrue();
        System.out.printf("psi4 vs QCManyBody: [1]@[1] diff %.3e, [1]@[1,2] diff %.3e%n",
                r1.energy() - monomer, r12.energy() - ghosted);
        assertThat(r1.energy()).isCloseTo(monomer, within(1e-9));
        assertThat(r12.energy()).isCloseTo(ghosted, within(1e-9));
    }

    /** A water in the field of a second water's point charges (bohr). */
    private static final List<PointCharge> CHARGES = List.of(
            new PointCharge(-0.8, 2.46924614, -1.75437739, -0.17092884),
            new PointCharge(0.4, 3.7636826, -2.21425403, 1.00846104),
            new PointCharge(0.4, 2.3059833, 0.07098445, -0.03942473));
    private static final Map<String, Object> TIGHT = Map.of("scf_type", "pk", "e_convergence", 1e-12,
            "d_convergence", 1e-10);

    /** The water of psi4-exact's h2o-sto-3g-hf with its oxygen moved by dx along x, embedded in CHARGES. */
    private static AtomicInput embeddedWater(Driver driver, double dx) {
        Molecule water = molecule(referenceCase("h2o-sto-3g-hf"));
        double[] geometry = water.geometry().clone();
        geometry[0] += dx;
        return new AtomicInput(Molecule.of(water.symbols(), geometry, 0, 1), driver, new Model("hf", "sto-3g"),
                TIGHT, CHARGES);
    }

    @Test
    void externalPointChargesEnterEnergyAndGradient() {
        Psi4Engine engine = engine();
        AtomicResult r = engine.compute(embeddedWater(Driver.GRADIENT, 0));
        assertThat(r.success()).as("%s", r.error()).isTrue();
        assertThat(r.energy()).isNotCloseTo(referenceCase("h2o-sto-3g-hf").get("energy").asDouble(), within(1e-3));

        // dE/dx(O) by central differences of embedded energies (the charges stay put)
        double h = 1e-4;
        double ep = engine.compute(embeddedWater(Driver.ENERGY, h)).energy();
        double em = engine.compute(embeddedWater(Driver.ENERGY, -h)).energy();
        assertThat(r.gradient()[0]).isCloseTo((ep - em) / (2 * h), within(1e-7));
    }

    /** Psi4 1.3.2's analytic SCF Hessian ignores the charges (off by 4e-3 here): worker.py must avoid it. */
    @Test
    void embeddedHessianIsTheDerivativeOfEmbeddedGradients() {
        Psi4Engine engine = engine();
        AtomicResult r = engine.compute(embeddedWater(Driver.HESSIAN, 0));
        assertThat(r.success()).as("%s", r.error()).isTrue();
        assertThat(r.properties().hessianByFiniteDifference()).isTrue();

        double h = 1e-4;
        double[] gp = engine.compute(embeddedWater(Driver.GRADIENT, h)).gradient();
        double[] gm = engine.compute(embeddedWater(Driver.GRADIENT, -h)).gradient();
        double[] row = new double[9];
        for (int k = 0; k < 9; k++) {
            row[k] = (gp[k] - gm[k]) / (2 * h);
        }
        assertClose(Arrays.copyOf(r.hessian(), 9), row, 2e-5);
    }

    @Test
    void unknownBasisIsAnInputErrorNamingTheBasis() {
        JsonNode ref = referenceCase("h2o-sto-3g-hf");
        AtomicResult r = engine().compute(new AtomicInput(molecule(ref), Driver.ENERGY,
                new Model("hf", "no-such-basis"), Map.of(), null));

        assertThat(r.success()).isFalse();
        assertThat(r.error().errorClass()).isEqualTo(ErrorClass.INPUT_ERROR);
        assertThat(r.error().message()).contains("BasisSetNotFound").containsIgnoringCase("no-such-basis");
        assertThat(Double.isNaN(r.energy())).isTrue();
    }

    @Test
    void unknownKeywordAndMethodAreInputErrors() {
        JsonNode ref = referenceCase("h2o-sto-3g-hf");
        AtomicResult badKeyword = engine().compute(new AtomicInput(molecule(ref), Driver.ENERGY, model(ref),
                Map.of("no_such_keyword", 3), null));
        AtomicResult badMethod = engine().compute(new AtomicInput(molecule(ref), Driver.ENERGY,
                new Model("no-such-method", "sto-3g"), Map.of(), null));

        assertThat(badKeyword.error().errorClass()).isEqualTo(ErrorClass.INPUT_ERROR);
        assertThat(badKeyword.error().message()).contains("NO_SUCH_KEYWORD is not a valid option");
        assertThat(badMethod.error().errorClass()).isEqualTo(ErrorClass.INPUT_ERROR);
        assertThat(badMethod.error().message()).contains("no-such-method");
    }

    @Test
    void scfThatDoesNotConvergeIsAConvergenceFailure() {
        JsonNode ref = referenceCase("h2o-sto-3g-hf");
        AtomicResult r = engine().compute(new AtomicInput(molecule(ref), Driver.ENERGY, model(ref),
                Map.of("maxiter", 2, "fail_on_maxiter", true), null));

        assertThat(r.success()).isFalse();
        assertThat(r.error().errorClass()).isEqualTo(ErrorClass.CONVERGENCE_FAILURE);
        assertThat(r.error().message()).contains("Could not converge");
    }

    @Test
    void timeoutKillsPsi4AndIsAnEngineCrash() throws IOException {
        // a process per calculation (a worker's timeout is in Psi4WorkerTest)
        JsonNode ref = referenceCase("h2o-sto-3g-hf");
        Psi4Engine engine = new Psi4Engine(Psi4Engine.Settings.defaults().withMode(Psi4Engine.Mode.PROCESS)
                .withScratchRoot(scratchRoot.toString()).withTimeout(Duration.ofMillis(100)));
        long start = System.nanoTime();
        AtomicResult r = engine.compute(input(ref, Driver.ENERGY, EXACT));

        assertThat(r.success()).isFalse();
        assertThat(r.error().errorClass()).isEqualTo(ErrorClass.ENGINE_CRASH);
        assertThat(r.error().message()).contains("timed out");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
        assertThat(scratchRoot).isEmptyDirectory();
    }

    // ---- helpers ----

    private static JsonNode referenceCase(String name) {
        for (JsonNode c : reference.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no case " + name + " in psi4-exact.json");
    }

    private static Molecule molecule(JsonNode c) {
        List<String> symbols = new ArrayList<>();
        c.get("symbols").forEach(s -> symbols.add(s.asText()));
        boolean[] real = new boolean[symbols.size()];
        for (int i = 0; i < real.length; i++) {
            real[i] = c.get("real").get(i).asBoolean();
        }
        int[] all = java.util.stream.IntStream.range(0, symbols.size()).toArray();
        int charge = c.get("charge").asInt();
        int mult = c.get("multiplicity").asInt();
        return new Molecule(symbols, Psi4Json.doubles(c.get("geometry")), real, List.of(all),
                new int[] {charge}, new int[] {mult}, charge, mult);
    }

    private static Model model(JsonNode c) {
        return new Model(c.get("method").asText(), c.get("basis").asText());
    }

    private static AtomicInput input(JsonNode c, Driver driver, Map<String, Object> keywords) {
        return new AtomicInput(molecule(c), driver, model(c), keywords, null);
    }

    /** The QCManyBody conformance cases, bundled as test resources (a clone has no ../shared). */
    private static JsonNode conformance(String file) throws IOException {
        try (var in = Psi4EngineTest.class.getResourceAsStream("/conformance/" + file)) {
            assertThat(in).as("test resource /conformance/" + file).isNotNull();
            return JSON.readTree(in);
        }
    }

    /** Fragment 1 (atoms 0-2) real, the other listed fragments as ghosts; HF/STO-3G, Psi4's default DF. */
    private static AtomicInput trimerComponent(JsonNode c, List<Integer> basisFragments, Driver driver) {
        JsonNode mol = c.get("input").get("molecule");
        List<String> symbols = new ArrayList<>();
        List<Double> geometry = new ArrayList<>();
        List<Boolean> real = new ArrayList<>();
        for (int f : basisFragments) {
            for (JsonNode atom : mol.get("fragments").get(f)) {
                int a = atom.asInt();
                symbols.add(mol.get("symbols").get(a).asText());
                for (int k = 0; k < 3; k++) {
                    geometry.add(mol.get("geometry").get(3 * a + k).asDouble());
                }
                real.add(f == 0);
            }
        }
        boolean[] realArray = new boolean[real.size()];
        for (int i = 0; i < realArray.length; i++) {
            realArray[i] = real.get(i);
        }
        int[] all = java.util.stream.IntStream.range(0, symbols.size()).toArray();
        Molecule m = new Molecule(symbols, geometry.stream().mapToDouble(Double::doubleValue).toArray(), realArray,
                List.of(all), new int[] {0}, new int[] {1}, 0, 1);
        return new AtomicInput(m, driver, new Model("hf", "sto-3g"),
                Map.of("e_convergence", 1e-10, "d_convergence", 1e-10), null);
    }

    private static double[] flatten(JsonNode nested) {
        return Stream.of(nested).flatMap(Psi4EngineTest::leaves).mapToDouble(JsonNode::asDouble).toArray();
    }

    private static Stream<JsonNode> leaves(JsonNode n) {
        if (!n.isArray()) {
            return Stream.of(n);
        }
        List<JsonNode> children = new ArrayList<>();
        n.forEach(children::add);
        return children.stream().flatMap(Psi4EngineTest::leaves);
    }

    private static void assertClose(double[] actual, double[] expected, double tol) {
        assertThat(actual).as("length").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d of %s", i, Arrays.toString(actual)).isCloseTo(expected[i], within(tol));
        }
    }
}
