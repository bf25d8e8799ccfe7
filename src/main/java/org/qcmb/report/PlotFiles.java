package org.qcmb.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.jfree.chart.JFreeChart;
import org.qcmb.tables.TableReader;

/** The PNG plots of a tables directory: {@link TableData} reads, {@link Charts} draws, this writes the files. */
public final class PlotFiles {
    private PlotFiles() {
    }

    /**
     * Registers the tables of tablesDir and writes every plot that has data into outDir. For one run (runIdOrNull,
     * else the newest run with rows in each table): timeline-RUN.png, memory-RUN.png, nbody-convergence-RUN.png, and
     * level-times.png of that run. With allRuns, level-times.png shows every successful run instead, and the
     * benchmark history is drawn too (speedup.png, efficiency.png). Returns the files written; each skipped plot is a
     * note.
     */
    public static List<Path> writeAll(SparkSession spark, Path tablesDir, String runIdOrNull, boolean allRuns,
            Path outDir, Consumer<String> notes) {
        TableReader.registerViews(spark, tablesDir);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir + ": " + e.getMessage(), e);
        }
        Map<String, Optional<JFreeChart>> charts = new LinkedHashMap<>();
        if (allRuns) {
            charts.put("speedup.png", Charts.speedup(TableData.scaling(spark, "speedup")));
            charts.put("efficiency.png", Charts.efficiency(TableData.scaling(spark, "efficiency")));
        }
        String stagesRun = allRuns ? null : runIdOrNull != null ? runIdOrNull : TableData.latestRun(spark, "stages");
        charts.put("level-times.png", Charts.levelTimes(allRuns || stagesRun != null
                ? TableData.levelTimes(spark, stagesRun) : List.of()));
        String tasksRun = runIdOrNull != null ? runIdOrNull : TableData.latestRun(spark, "tasks");
        String memoryRun = runIdOrNull != null ? runIdOrNull : TableData.latestRun(spark, "memory");
        String nbodyRun = runIdOrNull != null ? runIdOrNull : TableData.latestRun(spark, "nbody");
        charts.put("timeline-" + fileSafe(tasksRun) + ".png",
                Charts.timeline(tasksRun, TableData.tasks(spark, tasksRun)));
        charts.put("memory-" + fileSafe(memoryRun) + ".png",
                Charts.memory(memoryRun, TableData.memory(spark, memoryRun)));
        charts.put("nbody-convergence-" + fileSafe(nbodyRun) + ".png",
                Charts.convergence(nbodyRun, TableData.convergence(spark, nbodyRun)));
        List<Path> written = new ArrayList<>();
        charts.forEach((name, chart) -> {
            if (chart.isPresent()) {
                Path file = outDir.resolve(name);
                Charts.writePng(chart.get(), file, Charts.WIDTH, Charts.HEIGHT);
                written.add(file);
            } else {
                notes.accept("skipped " + name + ": no rows in its table");
            }
        });
        return written;
    }

    static String fileSafe(String s) {
        return s == null ? "none" : s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
