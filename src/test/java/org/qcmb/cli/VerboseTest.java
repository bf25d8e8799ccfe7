package org.qcmb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --verbose is one shared option, read from the parse result: a stack trace with it, one line without. */
class VerboseTest {
    @TempDir
    Path dir;

    String stderrOf(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute(args)).isEqualTo(Main.EXIT_INPUT);
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verboseAddsTheStackTraceOfAnInputError() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"molecule\": {}}");
        String quiet = stderrOf("plan", bad.toString());
        assertThat(quiet.strip().lines()).hasSize(1);
        assertThat(quiet).startsWith("qcmb: error: ");
        String verbose = stderrOf("plan", bad.toString(), "--verbose");
        assertThat(verbose).contains("\tat org.qcmb.").contains("qcmb: error: ");
        // after "--", "--verbose" is the INPUT argument (a missing file), not the option: no stack trace
        assertThat(stderrOf("plan", "--", "--verbose")).contains("no such file").doesNotContain("\tat ");
    }
}
