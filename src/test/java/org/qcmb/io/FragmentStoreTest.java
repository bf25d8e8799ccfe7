package org.qcmb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.qcschema.AtomicProperties;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.EngineError;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Provenance;

class FragmentStoreTest {
    @TempDir
    Path out;

    static AtomicResult gradientResult(double e) {
        return new AtomicResult(true, Driver.GRADIENT, e, new double[] {0.1 / 3, -1e-17, 2.0 / 7}, null,
                new AtomicProperties(e, e, null, 9.119928278805013, 12, 7, 3, false),
                new Provenance("builtin", "0.1.0", 0.25), null);
    }

    @Test
    void readsBackBitwiseWhatItWrote() {
        FragmentStore store = FragmentStore.open(out, "abc", false);
        store.append(1, List.of(Map.entry("[\"(auto)\", [1], [1]]", gradientResult(-74.96331507916572))));
        store.append(2, List.of(Map.entry("[\"(auto)\", [1, 2], [1, 2]]", gradientResult(-149.1 / 7)),
                Map.entry("[\"(auto)\", [2], [1, 2]]", AtomicResult.failure(Driver.GRADIENT,
                        new EngineError(ErrorClass.CONVERGENCE_FAILURE, "no"), null))));

        Map<String, AtomicResult> back = FragmentStore.open(out, "abc", true).load();
        assertThat(back).containsOnlyKeys("[\"(auto)\", [1], [1]]", "[\"(auto)\", [1, 2], [1, 2]]");
        AtomicResult r = back.get("[\"(auto)\", [1, 2], [1, 2]]");
        assertThat(r.energy()).isEqualTo(-149.1 / 7);
        assertThat(r.gradient()).containsExactly(0.1 / 3, -1e-17, 2.0 / 7);
        assertThat(r.properties().scfIterations()).isEqualTo(12);
        assertThat(r.provenance().program()).isEqualTo("builtin");
    }

    @Test
    void refusesResultsOfAnotherInputAndRestartsWithoutResume() throws Exception {
        FragmentStore.open(out, "first", false).append(1, List.of(Map.entry("x", gradientResult(-1))));
        assertThatThrownBy(() -> FragmentStore.open(out, "second", true))
                .isInstanceOf(InputException.class).hasMessageContaining("different input");
        assertThatThrownBy(() -> FragmentStore.open(out, "second", false))
                .isInstanceOf(InputException.class).hasMessageContaining("different input");
        assertThat(FragmentStore.open(out, "first", false).load()).isEmpty();
        Files.writeString(out.resolve("unrelated.txt"), "kept");
        assertThat(FragmentStore.open(out, "first", true).load()).isEmpty();
        assertThat(out.resolve("unrelated.txt")).hasContent("kept");
    }

    @Test
    void skipsALineCutShortByACrash() throws Exception {
        FragmentStore store = FragmentStore.open(out, "fp", false);
        store.append(1, List.of(Map.entry("a", gradientResult(-2))));
        Files.writeString(out.resolve("fragments/level-001.jsonl"), "{\"label\":\"b\",\"ene",
                java.nio.file.StandardOpenOption.APPEND);
        FragmentStore resumed = FragmentStore.open(out, "fp", true);
        assertThat(resumed.load()).containsOnlyKeys("a");
        resumed.append(1, List.of(Map.entry("b", gradientResult(-3))));
        assertThat(resumed.load()).containsOnlyKeys("a", "b");
    }
}
