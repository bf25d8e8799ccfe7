package org.qcmb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The workload that `mvn package` runs once (submit-scripts/make-class-archive) to record which classes the
 * commands load, into the class-data-sharing archive the launchers then map at start-up instead of loading and
 * verifying those classes again: `plan`, `run` with tables and plots, and `sql`, on the bundled water trimer
 * (HF/STO-3G, cp + nocp, 3-body), in one JVM, in temporary folders that are removed afterwards. Usage:
 * {@code ClassDataTraining} (no arguments); exits non-zero if a command failed.
 */
public final class ClassDataTraining {
    private static final String EXAMPLE = "/examples/water-trimer-input.json";

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("qcmb-class-training");
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        int failed = 0;
        try {
            Path input = work.resolve("water-trimer-input.json");
            try (InputStream in = ClassDataTraining.class.getResourceAsStream(EXAMPLE)) {
                Files.copy(in, input);
            }
            String tables = work.resolve("tables").toString();
            for (List<String> command : List.of(
                    List.of("plan", input.toString()),
                    List.of("run", input.toString(), "--master", "local[2]", "--out", work.resolve("out").toString(),
                            "--tables", tables, "--plots"),
                    List.of("sql", "SELECT r.run_id, count(*) AS n, max(f.engine_time_s) FROM runs r JOIN fragments f"
                            + " USING (run_id) WHERE f.success GROUP BY r.run_id ORDER BY n DESC", "--tables", tables,
                            "--master", "local[2]"))) {
                int code = Main.execute(command.toArray(String[]::new));
                if (code != 0) {
                    failed++;
                    System.err.println("qcmb: class-data training: '" + command.get(0) + "' exited " + code);
                }
            }
        } finally {
            System.setOut(out);
            delete(work);
        }
        if (failed > 0) {
            System.exit(1);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
