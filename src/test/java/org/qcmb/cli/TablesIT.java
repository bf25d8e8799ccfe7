package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tables through the launcher, as a user meets them (runs after packaging, with the class-data archive): a bad
 * --tables is refused before any work; two runs at once into one tables folder both land completely, and a piped
 * sql session sees them; a table failure after a correct result keeps the result and exits 3.
 */
class TablesIT {
    static final Path HOME = Path.of(System.getProperty("user.dir"));
    static final Path WORK = HOME.resolve("target/tables-it");
    static final Path INPUT = HOME.resolve("src/main/resources/examples/water-trimer-input.json");

    @BeforeAll
    static void clean() throws IOException {
        ClusterIT.deleteTree(WORK);
        Files.createDirectories(WORK);
    }

    /** Runs submit-scripts/qcmb with the given stdin; returns {exit code, stdout, stderr}. */
    static String[] qcmb(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HOME.resolve("submit-scripts/qcmb").toString()));
        cmd.addAll(List.of(args));
        String name = "cmd" + System.nanoTime();
        Path out = WORK.resolve(name + ".out");
        Path err = WORK.resolve(name + ".err");
        Path in = Files.writeString(WORK.resolve(name + ".in"), stdin);
        Process p = new ProcessBuilder(cmd).directory(WORK.toFile()).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), Files.readString(out), Files.readString(err)};
    }

    static List<String> qcmbLines(String stderr) {
        return stderr.lines().filter(l -> l.startsWith("qcmb:")).toList();
    }

    @Test
    void aTablesPathThatIsAFileIsRefusedBeforeAnyWork() throws Exception {
        Path file = Files.writeString(WORK.resolve("not-a-folder"), "x");
        String[] r = qcmb("", "run", INPUT.toString(), "--out", WORK.resolve("refused").toString(), "--tables",
                file.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2].strip()).isEqualTo("qcmb: error: --tables " + file + " is a file, not a directory");
        assertThat(r[1]).isEmpty();
        assertThat(WORK.resolve("refused")).doesNotExist();
    }

    @Test
    void twoRunsAtOnceIntoOneTablesFolderBothLandAndAPipedSqlSessionSeesThem() throws Exception {
        Path tables = WORK.resolve("shared-tables");
        List<Process> runs = new ArrayList<>();
        for (String name : List.of("one", "two")) {
            runs.add(new ProcessBuilder(HOME.resolve("submit-scripts/qcmb").toString(), "run", INPUT.toString(),
                    "--master", "local[1]", "--out", WORK.resolve("out-" + name).toString(), "--tables",
                    tables.toString()).directory(WORK.toFile()).redirectErrorStream(true)
                    .redirectOutput(WORK.resolve(name + ".log").toFile()).start());
        }
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).waitFor(600, TimeUnit.SECONDS)).isTrue();
            assertThat(runs.get(i).exitValue()).as(Files.readString(WORK.resolve(List.of("one", "two").get(i)
                    + ".log"))).isZero();
        }
        String[] r = qcmb(String.join("\n",
                "SELECT count(*) AS runs, min(status) AS status FROM runs;",
                "SELECT run_id, count(*) AS n",
                "  FROM fragments GROUP BY run_id ORDER BY run_id;",
                "SELECT count(*) AS rows FROM benchmarks;"), "sql", "--tables", tables.toString(), "--format", "csv");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        List<String> lines = r[1].lines().toList();
        assertThat(lines.subList(0, 2)).containsExactly("runs,status", "2,success");
        assertThat(lines.get(2)).isEqualTo("run_id,n");
        assertThat(lines.subList(3, 5)).allSatisfy(l -> assertThat(l).endsWith(",13")); // cp + nocp with total data
        assertThat(lines.subList(5, 7)).containsExactly("rows", "0");
        assertThat(qcmbLines(r[2])).isEmpty();
    }

    @Test
    void aTableFailureAfterACorrectResultKeepsItAndExits3() throws Exception {
        Path tables = WORK.resolve("broken-tables");
        Files.createDirectories(tables);
        Files.writeString(tables.resolve("fragments"), "a file where the fragments folder should be");
        Path out = WORK.resolve("out-broken");
        String[] r = qcmb("", "run", INPUT.toString(), "--master", "local[1]", "--out", out.toString(), "--tables",
                tables.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("3");
        assertThat(out.resolve("result.json")).isNotEmptyFile();
        assertThat(r[1]).contains("Return energy").doesNotContain("Tables:");
        assertThat(qcmbLines(r[2])).singleElement().asString()
                .startsWith("qcmb: tables not written (the result is kept; exit code 3): cannot write the tables in "
                        + tables);
    }
}
