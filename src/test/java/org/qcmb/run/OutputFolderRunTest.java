package org.qcmb.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.common.InputException;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.synthetic.SyntheticEngine;
import org.qcmb.io.FragmentStore;
import org.qcmb.io.InputFingerprint;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.manybody.ManyBodyInputCodec;
import org.qcmb.spark.FaultyEngine;
import org.qcmb.testing.LocalSpark;
import org.qcmb.testing.Trimer;

/**
 * The output folder never loses data (probe findings of issue 12): results of the same input are refused without
 * --resume or --overwrite, --overwrite replaces them only once the new run succeeded, a lock keeps a second run out,
 * and --resume --accept-changed-input reuses exactly the fragments whose calculation is unchanged.
 */
class OutputFolderRunTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark("local[2,3]");

    static final EngineRegistry HEALTHY = new EngineRegistry().register("synthetic", SyntheticEngine::new);

    @TempDir
    Path tmp;

    static ManyBodyInput nocp() {
        return Trimer.input("energy", "[\"nocp\"]", "synthetic", "hf", "sto-3g", "{}");
    }

    /** The nocp trimer with fragment 3 (atoms 6-8) moved by dx bohr along x. */
    static ManyBodyInput moved(double dx) {
        ObjectNode mol = (ObjectNode) Trimer.molecule().deepCopy();
        ArrayNode g = (ArrayNode) mol.get("geometry");
        for (int a = 6; a < 9; a++) {
            g.set(3 * a, g.get(3 * a).asDouble() + dx);
        }
        ObjectNode root = QcJson.mapper().createObjectNode();
        root.set("molecule", mol);
        root.set("specification", QcJson.parse("""
                {"driver": "energy", "keywords": {"bsse_type": ["nocp"], "max_nbody": 3, "return_total_data": true},
                 "specification": {"program": "synthetic", "model": {"method": "hf", "basis": "sto-3g"}}}
                """, "moved"));
        return ManyBodyInputCodec.read(root, "moved").input();
    }

    ManyBodyRun.Result run(ManyBodyInput in, Path out, EngineRegistry engines, java.util.function.UnaryOperator<
            RunRequest.Builder> options) {
        return new ManyBodyRun().execute(options.apply(RunRequest.builder(in, engines).inputName("t").out(out))
                .build(), SPARK.session());
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedUntilItSaysResumeOrOverwrite() throws Exception {
        Path out = tmp.resolve("out");
        assertThat(run(nocp(), out, HEALTHY, b -> b).succeeded()).isTrue();
        byte[] first = Files.readAllBytes(out.resolve("result.json"));
        assertThatThrownBy(() -> run(nocp(), out, HEALTHY, b -> b)).isInstanceOf(InputException.class)
                .hasMessageContaining("already holds the result of this input").hasMessageContaining("--resume")
                .hasMessageContaining("--overwrite");
        assertThat(out.resolve("result.json")).hasBinaryContent(first);

        ManyBodyRun.Result resumed = run(nocp(), out, HEALTHY, b -> b.resume(true));
        assertThat(resumed.report().reused()).isEqualTo(7);
        assertThat(resumed.report().computed()).isZero();
        assertThat(out.resolve("result.json")).hasBinaryContent(first);

        ManyBodyRun.Result again = run(nocp(), out, HEALTHY, b -> b.overwrite(true));
        assertThat(again.report().computed()).isEqualTo(7);
        assertThat(out.resolve("result.json")).hasBinaryContent(first);
        assertThat(FragmentStore.all(out)).hasSize(1); // the replaced store went once the new result was written
        assertThat(Files.getPosixFilePermissions(out.resolve("result.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aFailedOverwriteKeepsTheOldResultAndFragments() throws Exception {
        Path out = tmp.resolve("out");
        run(nocp(), out, HEALTHY, b -> b);
        byte[] first = Files.readAllBytes(out.resolve("result.json"));
        EngineRegistry failing = new EngineRegistry().register("synthetic", () -> new FaultyEngine(Set.of(6),
                Set.of()));
        ManyBodyInput cp = Trimer.input("energy", "[\"cp\"]", "synthetic", "hf", "sto-3g", "{}");
        assertThatThrownBy(() -> run(cp, out, failing, b -> b)).hasMessageContaining("different input");
        ManyBodyRun.Result failed = run(cp, out, failing, b -> b.overwrite(true));
        assertThat(failed.succeeded()).isFalse();
        assertThat(out.resolve("result.json")).hasBinaryContent(first); // the old result is still there
        assertThat(FragmentStore.all(out)).extracting(FragmentStore::fingerprint)
                .contains(InputFingerprint.of(nocp()), InputFingerprint.of(cp));
        assertThat(Files.readString(out.resolve("failed-fragments.txt")))
                .contains("--resume --accept-changed-input");
    }

    @Test
    void aChangedInputReusesExactlyTheFragmentsWhoseCalculationIsUnchanged() throws Exception {
        Path out = tmp.resolve("out");
        run(nocp(), out, HEALTHY, b -> b);
        ManyBodyInput changed = moved(0.5);
        assertThatThrownBy(() -> run(changed, out, HEALTHY, b -> b.resume(true)))
                .isInstanceOf(InputException.class).hasMessageContaining("different input")
                .hasMessageContaining("--resume --accept-changed-input");

        ManyBodyRun.Result r = run(changed, out, HEALTHY, b -> b.resume(true).acceptChangedInput(true));
        assertThat(r.succeeded()).isTrue();
        // fragments 1, 2 and the 1-2 dimer are untouched by moving fragment 3
        assertThat(r.report().reused()).isEqualTo(3);
        assertThat(r.report().computed()).isEqualTo(4);
        assertThat(Files.readAllLines(out.resolve("reused-fragments.txt"))).contains("[\"(auto)\", [1], [1]]",
                "[\"(auto)\", [2], [2]]", "[\"(auto)\", [1, 2], [1, 2]]").hasSize(4);
        // bitwise what a fresh run of the changed input gives
        run(changed, tmp.resolve("fresh"), HEALTHY, b -> b);
        assertThat(out.resolve("result.json")).hasSameBinaryContentAs(tmp.resolve("fresh/result.json"));
        // the old input's store is gone and the reused results were copied: a plain --resume reuses all 7
        assertThat(FragmentStore.all(out)).extracting(FragmentStore::fingerprint)
                .containsExactly(InputFingerprint.of(changed));
        assertThat(run(changed, out, HEALTHY, b -> b.resume(true)).report().reused()).isEqualTo(7);
    }

    @Test
    void aLockKeepsASecondRunOutAndALockLeftByAKilledRunDoesNot() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        try (OutputLock held = OutputLock.acquire(out)) {
            assertThatThrownBy(() -> run(nocp(), out, HEALTHY, b -> b)).isInstanceOf(InputException.class)
                    .hasMessageContaining("is in use by another qcmb run (pid " + ProcessHandle.current().pid());
        }
        assertThat(out.resolve("result.json")).doesNotExist();
        // a killed run leaves its line in the lock file, but no lock: the next run takes over
        Files.writeString(out.resolve(".qcmb-lock"), "999999 some-host 2026-01-01T00:00:00Z\n");
        Files.writeString(out.resolve(".result.json.999999.abc.tmp"), "");
        assertThat(run(nocp(), out, HEALTHY, b -> b).succeeded()).isTrue();
        assertThat(out.resolve(".result.json.999999.abc.tmp")).doesNotExist();
        assertThat(out.resolve(".qcmb-lock")).isEmptyFile();
    }

    /** Another process holds the lock (as a second qcmb run would); killed with -9, it leaves no stale lock. */
    @Test
    void aLockHeldByAnotherProcessAndThatProcessKilled() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Path holder = tmp.resolve("Holder.java");
        Files.writeString(holder, """
                import java.nio.*; import java.nio.channels.*; import java.nio.file.*;
                public class Holder {
                    public static void main(String[] a) throws Exception {
                        FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                        ch.lock();
                        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " other-host 2026-11-30T12:00:00Z\\n")
                                .getBytes()));
                        System.out.println("locked");
                        System.out.flush();
                        Thread.sleep(120_000);
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), holder.toString(), out.resolve(".qcmb-lock").toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine())
                    .isEqualTo("locked");
            assertThatThrownBy(() -> run(nocp(), out, HEALTHY, b -> b)).isInstanceOf(InputException.class)
                    .hasMessageContaining("is in use by another qcmb run (pid " + p.pid() + " on host other-host");
        } finally {
            p.destroyForcibly().waitFor(); // SIGKILL: the lock dies with the process, its line stays
        }
        assertThat(Files.readString(out.resolve(".qcmb-lock"))).startsWith(p.pid() + " other-host");
        assertThat(run(nocp(), out, HEALTHY, b -> b).succeeded()).isTrue();
    }

    @Test
    void aFolderOfAnOlderVersionMovesToItsOwnStoreAndResumes() throws Exception {
        Path out = tmp.resolve("out");
        run(nocp(), out, HEALTHY, b -> b);
        // the layout before per-input stores: fragments/fingerprint and fragments/level-*.jsonl
        Path store = FragmentStore.location(out, InputFingerprint.of(nocp()));
        try (Stream<Path> files = Files.list(store)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("result.sha256")) {
                    Files.move(f, out.resolve("fragments").resolve(f.getFileName()));
                }
            }
        }
        Files.delete(store.resolve("result.sha256"));
        Files.delete(store);
        assertThatThrownBy(() -> run(nocp(), out, HEALTHY, b -> b)).hasMessageContaining("7 stored fragment results"
                + " of this input").hasMessageContaining("--resume");
        assertThat(run(nocp(), out, HEALTHY, b -> b.resume(true)).report().reused()).isEqualTo(7);
    }

    @Test
    void resultsOfAnotherEngineVersionAreComputedAgainOnResume() throws Exception {
        Path out = tmp.resolve("out");
        assertThat(run(nocp(), out, HEALTHY, b -> b).report().computed()).isEqualTo(7);
        // the synthetic engine is version "1": make two stored results look computed by version "0.9"
        Path level1 = FragmentStore.location(out, InputFingerprint.of(nocp())).resolve("level-001.jsonl");
        List<String> lines = Files.readAllLines(level1);
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 2; i++) {
            assertThat(lines.get(i)).contains("\"version\":\"1\"");
            lines.set(i, lines.get(i).replace("\"version\":\"1\"", "\"version\":\"0.9\""));
        }
        Files.write(level1, lines);
        List<Integer> noticed = new ArrayList<>();
        ManyBodyRun.Result r = run(nocp(), out, HEALTHY, b -> b.resume(true).observer(new RunObserver() {
            @Override
            public void otherEngineVersion(int count) {
                noticed.add(count);
            }
        }));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.report().reused()).isEqualTo(5);
        assertThat(r.report().computed()).isEqualTo(2);
        assertThat(noticed).containsExactly(2);
    }

    @Test
    void inconsistentFlagsAreInputErrors() {
        assertThatThrownBy(() -> RunRequest.builder(nocp(), HEALTHY).resume(true).overwrite(true).build())
                .isInstanceOf(InputException.class).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> RunRequest.builder(nocp(), HEALTHY).acceptChangedInput(true).build())
                .isInstanceOf(InputException.class).hasMessageContaining("goes with --resume");
    }
}
