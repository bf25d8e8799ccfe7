package org.qcmb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.ScreeningSpec;
import org.qcmb.common.InputException;

/** The screening block read from JSON and YAML inputs; without it nothing changes. */
class ScreeningInputTest {
    @TempDir
    Path dir;

    static final String MOL = """
            "molecule": {"symbols": ["He", "He", "He", "He"], "geometry": [0, 0, 0, 0, 0, 4, 0, 4, 0, 0, 30, 0],
                         "fragments": [[0], [1], [2], [3]]}""";

    ManyBodyInput read(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return InputReader.read(p, null);
    }

    static String json(String screening) {
        return "{" + MOL + ", \"specification\": {\"keywords\": {\"bsse_type\": \"nocp\", \"max_nbody\": 3"
                + (screening == null ? "" : ", \"screening\": " + screening) + "},"
                + " \"specification\": {\"program\": \"builtin\", \"model\": {\"method\": \"hf\", \"basis\": \"sto-3g\"}}}}";
    }

    @Test
    void jsonAndYamlCarryTheBlock() throws Exception {
        ManyBodyInput in = read("in.json", json("{\"distance\": {\"2\": 3.0}, \"metric\": \"centers_of_mass\"}"));
        assertThat(in.screening().distance()).containsEntry(2, 3.0);
        assertThat(in.screening().metric()).isEqualTo(ScreeningSpec.Metric.CENTERS_OF_MASS);
        // bohr geometry: He 4 is 30 bohr (15.9 A) away, so its dimers go and so do the trimers holding it
        assertThat(in.plan().kept().kept(2)).isEqualTo(3);
        assertThat(in.plan().kept().kept(3)).isEqualTo(1);

        ManyBodyInput yaml = read("in.yaml", """
                molecule:
                  symbols: [He, He, He, He]
                  geometry: [0, 0, 0, 0, 0, 4, 0, 4, 0, 0, 30, 0]
                  fragments: [[0], [1], [2], [3]]
                specification:
                  keywords:
                    bsse_type: nocp
                    max_nbody: 3
                    screening:
                      distance: {2: 3.0}
                      energy: {3: 1.0e-4}
                  specification: {program: builtin, model: {method: hf, basis: sto-3g}}
                """);
        assertThat(yaml.screening().energy()).containsEntry(3, 1.0e-4);
        assertThat(yaml.plan().complete()).isFalse();
    }

    @Test
    void withoutTheBlockNothingIsScreenedAndErrorsNameFileAndField() throws Exception {
        ManyBodyInput plain = read("plain.json", json(null));
        assertThat(plain.screening()).isNull();
        assertThat(plain.plan().kept()).isNull();
        assertThat(plain.plan().taskCount()).isEqualTo(4 + 6 + 4);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, json("{\"distance\": {\"2\": 3.0}, \"cutoff\": 1}"));
        assertThatThrownBy(() -> InputReader.read(bad, null)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(bad.toString())
                .hasMessageContaining("'specification.keywords.screening.cutoff': unknown field");
    }
}
