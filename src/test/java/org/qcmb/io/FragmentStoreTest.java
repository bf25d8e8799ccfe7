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

    static FragmentStore.Entry entry(String label, AtomicResult r) {
        return new FragmentStore.Entry(label, "hash-of-" + label, r);
    }

    @Test
    void readsBackBitwiseWhatItWrote() {
        FragmentStore store = FragmentStore.create(FragmentStore.location(out, "abc"), "abc");
        store.append(1, List.of(entry("[\"(auto)\", [1], [1]]", gradientResult(-74.96331507916572))));
        store.append(2, List.of(entry("[\"(auto)\", [1, 2], [1, 2]]", gradientResult(-149.1 / 7)),
                entry("[\"(auto)\", [2], [1, 2]]", AtomicResult.failure(Driver.GRADIENT,
                        new EngineError(ErrorClass.CONVERGENCE_FAILURE, "no"), null))));

        FragmentStore again = FragmentStore.existing(FragmentStore.location(out, "abc"));
        assertThat(again.fingerprint()).isEqualTo("abc");
        Map<String, AtomicResult> back = again.load();
        assertThat(back).containsOnlyKeys("[\"(auto)\", [1], [1]]", "[\"(auto)\", [1, 2], [1, 2]]");
        AtomicResult r = back.get("[\"(auto)\", [1, 2], [1, 2]]");
        assertThat(r.energy()).isEqualTo(-149.1 / 7);
        assertThat(r.gradient()).containsExactly(0.1 / 3, -1e-17, 2.0 / 7);
        assertThat(r.properties().scfIterations()).isEqualTo(12);
        assertThat(r.provenance().program()).isEqualTo("builtin");
        assertThat(again.entries()).extracting(FragmentStore.Entry::hash)
                .containsExactly("hash-of-[\"(auto)\", [1], [1]]", "hash-of-[\"(auto)\", [1, 2], [1, 2]]");
        assertThat(again.count()).isEqualTo(2);
    }

    @Test
    void oneStorePerInputAndAStoreOfAnotherInputIsRefused() throws Exception {
        FragmentStore.create(FragmentStore.location(out, "first"), "first").append(1,
                List.of(entry("x", gradientResult(-1))));
        FragmentStore.create(FragmentStore.location(out, "second"), "second");
        assertThat(FragmentStore.all(out)).extracting(FragmentStore::fingerprint).containsExactly("first", "second");
        assertThat(FragmentStore.all(out).get(1).hasResults()).isFalse();
        assertThatThrownBy(() -> FragmentStore.create(FragmentStore.location(out, "first"), "other"))
                .isInstanceOf(InputException.class).hasMessageContaining("another input");
        assertThat(FragmentStore.location(out, "0123456789abcdef0123"))
                .isEqualTo(out.resolve("fragments/0123456789abcdef"));
    }

    @Test
    void skipsALineCutShortByACrash() throws Exception {
        FragmentStore store = FragmentStore.create(out.resolve("s"), "fp");
        store.append(1, List.of(entry("a", gradientResult(-2))));
        Files.writeString(out.resolve("s/level-001.jsonl"), "{\"label\":\"b\",\"ene",
                java.nio.file.StandardOpenOption.APPEND);
        FragmentStore resumed = FragmentStore.existing(out.resolve("s"));
        assertThat(resumed.load()).containsOnlyKeys("a");
        resumed.append(1, List.of(entry("b", gradientResult(-3))));
        assertThat(resumed.load()).containsOnlyKeys("a", "b");
    }

    @Test
    void remembersWhichResultIsItsInputs() {
        FragmentStore store = FragmentStore.create(out.resolve("s"), "fp");
        assertThat(store.resultSha256()).isNull();
        store.markResult("00ff");
        assertThat(FragmentStore.existing(out.resolve("s")).resultSha256()).isEqualTo("00ff");
    }
}
