package org.qcmb.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.common.Driver;
import org.qcmb.mbe.ManyBodyInput;

/** The bundled examples (documented in docs/input-and-results.md) read and plan as documented (run/ExamplesRunTest runs them). */
class ExamplesTest {
    @TempDir
    Path dir;

    Path copy(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        try (InputStream in = getClass().getResourceAsStream("/examples/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void jsonYamlAndXyzExamples() throws Exception {
        ManyBodyInput json = InputReader.read(copy("water-trimer-input.json"), null);
        assertThat(json.plan().taskCount()).isEqualTo(13);
        ManyBodyInput yaml = InputReader.read(copy("water-trimer.yaml"), null);
        assertThat(yaml.driver()).isEqualTo(Driver.GRADIENT);
        assertThat(yaml.plan().taskCount()).isEqualTo(21);
        assertThat(yaml.specification("mp2").method()).isEqualTo("mp2");
        ManyBodyInput xyz = InputReader.read(copy("water-trimer.xyz"), new XyzOptions(List.of("cp"), null, "hf",
                "sto-3g", null, null, false, true));
        assertThat(xyz.plan().taskCount()).isEqualTo(10);
        for (int i = 0; i < 27; i++) {
            assertThat(xyz.molecule().geometry()[i]).isCloseTo(json.molecule().geometry()[i],
                    org.assertj.core.api.Assertions.within(1e-7));
        }
        assertThat(AnalysisCase.read(copy("analyze/water-trimer-case.json")).results()).hasSize(19);
    }
}
