package org.qcmb.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qcmb.notebook.Notebook;
import org.qcmb.testing.SampleTables;

class PlotFilesTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path tables;

    @BeforeAll
    static void sampleTables() {
        spark = Notebook.spark();
        tables = tmp.resolve("tables");
        SampleTables.write(tables);
    }

    @Test
    void writesEveryPlotOfTheSampleTablesAsNonBlankPngs() throws Exception {
        Path out = tmp.resolve("plots");
        List<String> notes = new ArrayList<>();
        List<Path> files = PlotFiles.writeAll(spark, tables, null, true, out, notes::add);

        assertThat(notes).isEmpty();
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("speedup.png", "efficiency.png",
                "level-times.png", "timeline-sample-cluster2.png", "memory-sample-cluster2.png",
                "nbody-convergence-sample-cluster2.png");
        for (Path f : files) {
            assertThat(f).isRegularFile();
            BufferedImage img = ImageIO.read(f.toFile());
            assertThat(img).as(f.toString()).isNotNull();
            assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
            assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
            assertThat(variance(img)).as("pixel variance of " + f.getFileName()).isGreaterThan(100.0);
            assertThat(colours(img)).as("distinct colours of " + f.getFileName()).isGreaterThan(8);
        }
    }

    /** Probe finding: run --plots drew every run of the tables folder; it draws this run only. */
    @Test
    void oneRunOnRequest() {
        List<Path> files = PlotFiles.writeAll(spark, tables, "sample-local1", false, tmp.resolve("one"), n -> { });
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("level-times.png",
                "timeline-sample-local1.png", "memory-sample-local1.png", "nbody-convergence-sample-local1.png");
        assertThat(TableData.levelTimes(spark, "sample-local1")).isNotEmpty()
                .allMatch(b -> b.series().startsWith("sample-local1 "));
    }

    @Test
    void allRunsMeansEverySuccessfulRun() {
        SparkSession s = spark.newSession();
        s.sql("SELECT * FROM VALUES ('ok', 'success'), ('bad', 'failed') AS t(run_id, status)")
                .createOrReplaceTempView("runs");
        s.sql("SELECT * FROM VALUES ('ok', 1, 2.0, 1), ('ok', 2, 3.0, 1), ('bad', 1, 9.0, 1) "
                + "AS t(run_id, level, wall_s, cores)").createOrReplaceTempView("stages");
        assertThat(TableData.levelTimes(s, null)).extracting(TableData.Bar::series).containsOnly("ok (1 core(s))");
        assertThat(TableData.levelTimes(s, "bad")).extracting(TableData.Bar::value).containsExactly(9.0);
    }

    @Test
    void skipsPlotsWhoseTablesAreEmptyWithANote() throws Exception {
        Path empty = tmp.resolve("no-tables");
        Files.createDirectories(empty);
        SparkSession fresh = spark.newSession(); // no views registered
        List<String> notes = new ArrayList<>();
        List<Path> files = PlotFiles.writeAll(fresh, empty, "nope", true, tmp.resolve("none"), notes::add);
        assertThat(files).isEmpty();
        assertThat(notes).hasSize(6).allMatch(n -> n.startsWith("skipped "));
    }

    @Test
    void overlappingTasksOfAnExecutorGoToSeparateSlots() {
        SparkSession s = spark.newSession();
        s.sql("SELECT * FROM VALUES ('r', 'driver', 1, 0L, 100L, true), ('r', 'driver', 1, 10L, 60L, true), "
                + "('r', 'driver', 1, 70L, 90L, true), ('r', '1', 2, 120L, 200L, false) "
                + "AS t(run_id, executor_id, level, launch_ms, finish_ms, successful)").createOrReplaceTempView("tasks");
        JFreeChart chart = Charts.timeline("r", TableData.tasks(s, "r")).orElseThrow();
        assertThat(((SymbolAxis) chart.getXYPlot().getDomainAxis()).getSymbols())
                .containsExactly("executor driver / slot 1", "executor driver / slot 2", "executor 1");
        assertThat(chart.getXYPlot().getDataset().getSeriesCount()).isEqualTo(2); // level 1, failed
        assertThat(chart.getXYPlot().getDataset().getSeriesKey(1)).isEqualTo("failed");
    }

    /** Variance of the grey level over all pixels: 0 for a blank image. */
    static double variance(BufferedImage img) {
        double sum = 0;
        double sq = 0;
        long n = (long) img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                double g = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
                sum += g;
                sq += g * g;
            }
        }
        double mean = sum / n;
        return sq / n - mean * mean;
    }

    static int colours(BufferedImage img) {
        java.util.Set<Integer> set = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                set.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return set.size();
    }
}
