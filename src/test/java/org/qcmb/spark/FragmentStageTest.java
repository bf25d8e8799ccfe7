package org.qcmb.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FragmentStageTest {
    static SparkSession spark;
    static JavaSparkContext sc;
    static final MetricsRecord RECORD = new MetricsRecord();

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2]", null, Map.of("spark.ui.enabled", "false"));
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.sc().addSparkListener(new MetricsListener(RECORD));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void sortsLongestFirstAndKeepsTiesInGivenOrder() {
        List<FragmentStage.Costed<String>> items = List.of(
                new FragmentStage.Costed<>("a", 1), new FragmentStage.Costed<>("b", 9),
                new FragmentStage.Costed<>("c", 1), new FragmentStage.Costed<>("d", 5));
        assertThat(FragmentStage.longestFirst(items)).extracting(FragmentStage.Costed::item)
                .containsExactly("b", "d", "a", "c");
    }

    @Test
    void onePartitionPerItemUnlessItemsAreTiny() {
        FragmentStage stage = new FragmentStage(100, 8);
        List<FragmentStage.Costed<Integer>> big = new ArrayList<>();
        List<FragmentStage.Costed<Integer>> tiny = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            big.add(new FragmentStage.Costed<>(i, 1000));
            tiny.add(new FragmentStage.Costed<>(i, 10));
        }
        assertThat(stage.partitionsFor(big, 2)).isEqualTo(200);
        assertThat(stage.partitionsFor(tiny, 2)).isEqualTo(25); // 200 items / 8 per partition
        assertThat(stage.partitionsFor(tiny.subList(0, 20), 2)).isEqualTo(8); // at least 4 x cores
    }

    @Test
    void resultsComeBackInItemOrderAndEveryTaskIsRecorded() {
        List<FragmentStage.Costed<Integer>> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(new FragmentStage.Costed<>(i, 100 - i));
        }
        List<FragmentStage.Costed<Integer>> sorted = FragmentStage.longestFirst(items);
        sc.setLocalProperty(MetricsListener.LEVEL_PROPERTY, "7");
        List<Integer> squares = new FragmentStage(0, 1).run(sc, "MBE level 7/7: 12 test items", sorted, 12, i -> {
            Thread.sleep((11 - i) * 3L); // later items finish first: order must not depend on it
            return i * i;
        });
        sc.setLocalProperty(MetricsListener.LEVEL_PROPERTY, null);
        MetricsListener.drain(sc.sc());

        assertThat(squares).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121);
        List<TaskRecord> level7 = RECORD.tasks().stream().filter(t -> t.level() == 7).toList();
        assertThat(level7).hasSize(12).allMatch(TaskRecord::successful);
        assertThat(level7).extracting(TaskRecord::partition).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                10, 11);
        StageRecord stage = RECORD.stages().stream().filter(s -> s.level() == 7).findFirst().orElseThrow();
        assertThat(stage.numTasks()).isEqualTo(12);
        assertThat(stage.description()).isEqualTo("MBE level 7/7: 12 test items");
        assertThat(level7).allMatch(t -> t.launchTime() >= stage.submissionTime()
                && t.finishTime() <= stage.completionTime());
    }

    @Test
    void eachFinishedTaskIsHandedOverOnceWhileTheJobRuns() {
        List<FragmentStage.Costed<Integer>> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(new FragmentStage.Costed<>(i, 10)); // tiny: batched, 3 or 4 items per partition
        }
        List<List<Integer>> handed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> handedAt = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.currentTimeMillis();
        List<Integer> out = new FragmentStage(100, 4).run(sc, "handler test", items, 3, i -> {
            Thread.sleep(i == 9 ? 1500 : 1); // the last partition finishes long after the others
            return -i;
        }, part -> {
            handed.add(part);
            handedAt.add(System.currentTimeMillis() - t0);
        });
        long total = System.currentTimeMillis() - t0;
        assertThat(out).containsExactly(0, -1, -2, -3, -4, -5, -6, -7, -8, -9);
        assertThat(handed).hasSize(3);
        assertThat(handed.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(out);
        // the partitions without item 9 arrived before the job ended, i.e. while the slow task still ran
        assertThat(handedAt.stream().sorted().toList().get(0)).isLessThan(total - 1000);
    }
}
