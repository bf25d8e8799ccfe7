package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error a user can fix is one {@code qcmb: error:} line naming the field or option, exit code 2, and nothing
 * written: the probe findings of issue 12. None of these runs reaches Spark (no spark-events folder appears; the
 * output folder is not even created).
 */
class UserErrorsTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    Outcome qcmb(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Runs INPUT into dir/out and checks: exit 2, one stderr line with every fragment, no output folder. */
    void refusedBeforeSpark(Path input, String... expect) {
        Path out = dir.resolve("out-" + input.getFileName());
        String[] base = {"run", input.toString(), "--out", out.toString(), "--no-tables", "--master", "local[1]"};
        refused(base, expect);
        assertThat(out).doesNotExist();
    }

    void refused(String[] args, String... expect) {
        Outcome o = qcmb(args);
        assertThat(o.code()).as(o.err()).isEqualTo(Main.EXIT_INPUT);
        assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
        assertThat(o.err()).startsWith("qcmb: error: ");
        for (String e : expect) {
            assertThat(o.err()).contains(e);
        }
    }

    static final String WATERS = """
            "molecule": {"symbols": ["O", "H", "H", "O", "H", "H"], "units": "angstrom",
              "geometry": [0, 0, 0, 0.7572, 0.5865, 0, -0.7572, 0.5865, 0, 0, 0, 3, 0.7572, 0.5865, 3,
                           -0.7572, 0.5865, 3], "fragments": [[0, 1, 2], [3, 4, 5]] %s}""";

    Path json(String name, String molecule, String driver, String method, String basis, String keywords)
            throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "{" + molecule + """
                , "specification": {"driver": "%s", "keywords": {"bsse_type": ["cp"]},
                  "specification": {"program": "builtin", "model": {"method": "%s", "basis": "%s"},
                                    "keywords": %s}}}
                """.formatted(driver, method, basis, keywords));
        return p;
    }

    Path waters(String name, String driver, String method, String basis, String keywords) throws Exception {
        return json(name, WATERS.formatted(""), driver, method, basis, keywords);
    }

    @Test
    void whatTheBuiltinEngineCannotDoIsRefusedBeforeSparkStarts() throws Exception {
        refusedBeforeSpark(waters("b3lyp.json", "energy", "b3lyp", "sto-3g", "{}"), "method 'b3lyp' is not"
                + " supported by the builtin engine", "program psi4");
        refusedBeforeSpark(waters("qzvp.json", "energy", "hf", "def2-qzvp", "{}"), "basis set 'def2-qzvp' not"
                + " found in the builtin engine");
        refusedBeforeSpark(waters("mp2grad.json", "gradient", "mp2", "sto-3g", "{\"mp2_type\": \"conv\"}"),
                "MP2 gradients with mp2_type conv are not available in the builtin engine", "mp2_type df");
        refusedBeforeSpark(waters("dfbasis.json", "energy", "hf", "sto-3g", "{\"df_basis_scf\": \"def2-foo-jkfit\"}"),
                "df_basis_scf 'def2-foo-jkfit' is not a fitting basis set bundled with the builtin engine");
        refusedBeforeSpark(waters("kw.json", "energy", "hf", "sto-3g", "{\"scf_typo\": \"pk\"}"),
                "keyword 'scf_typo' is not supported by the builtin engine");
        // the dimer of two open-shell fragments: every sub-molecule must be a singlet for RHF
        Path openShell = json("open.json", WATERS.formatted(", \"fragment_charges\": [1, -1], "
                + "\"fragment_multiplicities\": [2, 2]"), "energy", "hf", "sto-3g", "{}");
        refusedBeforeSpark(openShell, "multiplicity 2 of fragment 1", "closed-shell RHF only");
        // potassium is not in the bundled cc-pVDZ, also as a ghost-only fragment's atom
        Path potassium = dir.resolve("k.json");
        Files.writeString(potassium, """
                {"molecule": {"symbols": ["K", "H", "H", "H"], "geometry": [0, 0, 0, 0, 0, 4, 0, 8, 0, 0, 9.4, 0],
                  "fragments": [[0, 1], [2, 3]]},
                 "specification": {"driver": "energy", "keywords": {"bsse_type": "cp"},
                   "specification": {"program": "builtin", "model": {"method": "hf", "basis": "cc-pvdz"}}}}
                """);
        refusedBeforeSpark(potassium, "element K is not in basis set 'cc-pvdz'");
    }

    @Test
    void aMissingMethodOrBasisNamesTheOptionAndPlanWarns() throws Exception {
        Path xyz = dir.resolve("w.xyz");
        Files.writeString(xyz, "O 0 0 0\nH 0.7572 0.5865 0\nH -0.7572 0.5865 0\n--\nO 0 0 3\nH 0.7572 0.5865 3\n"
                + "H -0.7572 0.5865 3\n");
        refusedBeforeSpark(xyz, "--method and --basis are missing");
        refused(new String[] {"run", xyz.toString(), "--method", "hf", "--no-tables", "--out",
                dir.resolve("o").toString()}, "--basis is missing");
        Outcome plan = qcmb("plan", xyz.toString());
        assertThat(plan.code()).isZero();
        assertThat(plan.err()).contains("qcmb: warning: --method and --basis not given")
                .contains("nothing can run without --method and --basis");
        // a JSON input names the field
        refusedBeforeSpark(waters("nomethod.json", "energy", "", "sto-3g", "{}"),
                "'specification.specification.model.method': is missing");
        // --keyword reaches the engine: an unknown one is refused by name, before Spark
        refused(new String[] {"run", xyz.toString(), "--method", "hf", "--basis", "sto-3g", "--keyword",
                "scf_type=pk", "--keyword", "bogus=1", "--no-tables", "--out", dir.resolve("o2").toString()},
                "keyword 'bogus' is not supported");
        Outcome planned = qcmb("plan", xyz.toString(), "--method", "b3lyp", "--basis", "sto-3g");
        assertThat(planned.code()).isZero();
        assertThat(planned.err()).contains("qcmb: warning: run would refuse this input: ")
                .contains("method 'b3lyp' is not supported");
    }

    @Test
    void xyzHeadersAreCheckedAndTheBadLineIsNamed() throws Exception {
        String atoms = "O 0 0 0\nH 0.7572 0.5865 0\nH -0.7572 0.5865 0\n--\nO 0 0 3\nH 0.7572 0.5865 3\n";
        Path noComment = dir.resolve("nocomment.xyz");
        Files.writeString(noComment, "6\n" + atoms + "H -0.7572 0.5865 3\n");
        refused(new String[] {"plan", noComment.toString()}, "nocomment.xyz line 2: expected the comment line",
                "found an atom 'O 0 0 0'");
        Path fewer = dir.resolve("fewer.xyz");
        Files.writeString(fewer, "6\nwater dimer, one atom lost\n" + atoms);
        refused(new String[] {"plan", fewer.toString()}, "fewer.xyz line 1: the count line says 6 atoms but the"
                + " file has 5 atom lines");
        Path more = dir.resolve("more.xyz");
        Files.writeString(more, "4\ncomment\n" + atoms + "H -0.7572 0.5865 3\n");
        refused(new String[] {"plan", more.toString()}, "line 1: the count line says 4 atoms but the file has 6");
        Path truncated = dir.resolve("truncated.xyz");
        Files.writeString(truncated, "O 0 0 0\nH 0.7572 0.5865 0\nH -0.7572 0.5865 0\nO 0 0 3\nH 0.7572 0.5865 3\n"
                + "H -0.75");
        refused(new String[] {"plan", truncated.toString()}, "truncated.xyz line 6: expected 'Symbol x y z'");
        Path nan = dir.resolve("nan.xyz");
        Files.writeString(nan, atoms.replace("H 0.7572 0.5865 3", "H NaN 0.5865 3") + "H 1 1 3\n");
        refused(new String[] {"plan", nan.toString()}, "nan.xyz line 6: 'NaN' is not a number");
        Path huge = dir.resolve("huge.xyz");
        Files.writeString(huge, atoms.replace("H 0.7572 0.5865 3", "H 1e400 0.5865 3") + "H 1 1 3\n");
        refused(new String[] {"plan", huge.toString()}, "huge.xyz line 6: '1e400' is too large");
        Path far = dir.resolve("far.xyz");
        Files.writeString(far, atoms.replace("H 0.7572 0.5865 3", "H 1e300 0.5865 3") + "H 1 1 3\n");
        refused(new String[] {"plan", far.toString()}, "far.xyz line 6: coordinate 1.0E300 angstrom is beyond the"
                + " limit");
        // a standard header that is right is still read
        Path good = dir.resolve("good.xyz");
        Files.writeString(good, "6\n\n" + atoms + "H -0.7572 0.5865 3\n");
        assertThat(qcmb("plan", good.toString()).code()).isZero();
    }

    @Test
    void coordinatesAreFiniteAndPhysical() throws Exception {
        refused(new String[] {"plan", json("close.json", WATERS.formatted("").replace("0, 0, 3, 0.7572",
                "0, 0, 0.3, 0.7572").replace("\"angstrom\"", "\"bohr\""), "energy", "hf", "sto-3g", "{}")
                .toString()}, "closer than the physical minimum of 0.5 angstrom");
        Path inf = dir.resolve("inf.json"); // JSON has no NaN, but 1e400 overflows to infinity
        Files.writeString(inf, """
                {"molecule": {"symbols": ["He", "He"], "geometry": [0, 0, 0, 0, 1e400, 5], "fragments": [[0], [1]]},
                 "specification": {"specification": {"model": {"method": "hf", "basis": "sto-3g"}}}}
                """);
        refused(new String[] {"plan", inf.toString()}, "atom 1 (He, 0-based) has a non-finite y coordinate");
        refused(new String[] {"plan", json("1e308.json", WATERS.formatted("").replace("0, 0, 3, 0.7572",
                "0, 0, 1e308, 0.7572"), "energy", "hf", "sto-3g", "{}").toString()}, "beyond the limit of");
    }

    @Test
    void outputFolderAndMasterProblemsAreInputErrors() throws Exception {
        Path in = waters("ok.json", "energy", "hf", "sto-3g", "{}");
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        refused(new String[] {"run", in.toString(), "--out", file.toString(), "--no-tables"}, "is a file, not a"
                + " directory");
        refused(new String[] {"run", in.toString(), "--out", "/proc/qcmb-test-out", "--no-tables"},
                "--out /proc/qcmb-test-out");
        refused(new String[] {"run", in.toString(), "--out", dir.resolve("m").toString(), "--no-tables", "--master",
                "garbage"}, "--master 'garbage' is not a Spark master URL");
        refused(new String[] {"run", in.toString(), "--out", dir.resolve("m").toString(), "--no-tables", "--master",
                "spark://127.0.0.1:1"}, "--master spark://127.0.0.1:1: no Spark master answers there");
        assertThat(dir.resolve("m")).doesNotExist();
        refused(new String[] {"run", in.toString(), "--resume", "--overwrite", "--no-tables"}, "exclude each other");
        // Spark itself refuses to start (two cores per task on one): one line, and the new folder is gone again
        Path out = dir.resolve("never");
        refused(new String[] {"run", in.toString(), "--out", out.toString(), "--no-tables", "--master", "local[1]",
                "--engine-threads", "2"}, "Spark did not start with --master local[1]: ");
        assertThat(out).doesNotExist();
    }

    /** Probe finding: a huge unscreened expansion hung in the planner; it is refused before planning. */
    @Test
    void anExpansionTooLargeToPlanIsRefusedAtOnce() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 700; i++) {
            sb.append(i == 0 ? "" : "--\n").append("He ").append(3.0 * (i % 30)).append(' ')
                    .append(3.0 * (i / 30)).append(" 0\n");
        }
        Path xyz = dir.resolve("he700.xyz");
        Files.writeString(xyz, sb.toString());
        refused(new String[] {"plan", xyz.toString(), "--max-nbody", "4", "--bsse", "nocp"}, "max_nbody"
                + " (--max-nbody for XYZ input): 700 fragments through 4-body ask for about 9.",
                "more than the limit of 20000000");
    }

    @Test
    void aValidFileBeyondTheParsersStringLimitIsReportedAsASizeLimit() throws Exception {
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"molecule\": {\"name\": \"" + "x".repeat(20_000_001) + "\"}}");
        refused(new String[] {"plan", big.toString()}, "big.json: too large for the JSON reader",
                "String value length (20000001) exceeds the maximum allowed (20000000)", "a size limit, not a"
                        + " syntax error");
    }
}
