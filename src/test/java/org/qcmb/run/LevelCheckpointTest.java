package org.qcmb.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.common.Driver;
import org.qcmb.engine.synthetic.SyntheticEngine;
import org.qcmb.io.FragmentStore;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.EngineError;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.Provenance;
import org.qcmb.spark.FragmentContext;
import org.qcmb.spark.FragmentOutcome;
import org.qcmb.spark.ManyBodyJobTestData;

/** A running level's results reach the store as tasks finish, each exactly once, failures never. */
class LevelCheckpointTest {
    @TempDir
    Path dir;

    private static List<FragmentOutcome> level2(FragmentContext ctx) {
        List<FragmentOutcome> out = new ArrayList<>();
        for (FragmentTask t : ManyBodyJobTestData.plan().tasksByLevel().get(2)) {
            out.add(new FragmentOutcome(t, ctx.compute(t), 0, "driver", null));
        }
        return out;
    }

    private static void awaitLines(Path f, int n) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (lines(f).size() < n && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        assertThat(lines(f)).hasSize(n);
    }

    private static List<String> lines(Path f) throws Exception {
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void writesFinishedTasksAtOnceWithAZeroIntervalAndTheRestAtTheEndOfTheLevel() throws Exception {
        FragmentContext ctx = ManyBodyJobTestData.context(new SyntheticEngine());
        List<FragmentOutcome> all = level2(ctx);
        FragmentOutcome failed = new FragmentOutcome(all.get(1).task(), AtomicResult.failure(Driver.GRADIENT,
                new EngineError(ErrorClass.CONVERGENCE_FAILURE, "no convergence"), new Provenance("x", "1", 0)), 0,
                "driver", null);
        List<FragmentOutcome> outcomes = new ArrayList<>(all);
        outcomes.set(1, failed);
        FragmentStore store = FragmentStore.create(dir, "f".repeat(64));
        Path file = dir.resolve("level-002.jsonl");
        LevelCheckpoint checkpoint = new LevelCheckpoint(store, t -> "h-" + t.label(), 0);

        checkpoint.taskDone(2, List.of(outcomes.get(2), outcomes.get(0)));
        awaitLines(file, 2); // written by the background thread while the level still runs
        checkpoint.taskDone(2, List.of(failed));
        Thread.sleep(100);
        assertThat(lines(file)).hasSize(2);
        checkpoint.levelDone(2, outcomes);
        checkpoint.close();

        List<String> labels = store.entries().stream().map(FragmentStore.Entry::label).toList();
        List<String> expected = new ArrayList<>();
        outcomes.stream().filter(o -> o.result().success()).forEach(o -> expected.add(o.task().label()));
        assertThat(labels).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates()
                .doesNotContain(failed.task().label());
        assertThat(labels.subList(0, 2)).containsExactly(outcomes.get(2).task().label(),
                outcomes.get(0).task().label());
        assertThat(store.entries()).allMatch(e -> e.hash().equals("h-" + e.label()));
    }

    @Test
    void aLongIntervalWritesNothingUntilItHasPassed() throws Exception {
        FragmentContext ctx = ManyBodyJobTestData.context(new SyntheticEngine());
        List<FragmentOutcome> outcomes = level2(ctx);
        FragmentStore store = FragmentStore.create(dir, "e".repeat(64));
        LevelCheckpoint checkpoint = new LevelCheckpoint(store, t -> "h", 3_600_000);
        checkpoint.taskDone(2, outcomes.subList(0, 3));
        Thread.sleep(100);
        assertThat(lines(dir.resolve("level-002.jsonl"))).isEmpty();
        checkpoint.levelDone(2, outcomes);
        checkpoint.close();
        assertThat(store.entries()).extracting(FragmentStore.Entry::label)
                .containsExactlyElementsOf(outcomes.stream().map(o -> o.task().label()).toList());
    }
}
