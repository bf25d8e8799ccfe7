package org.qcmb.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.qcmb.io.TableReader;

/**
 * PNG plots of the metric tables (JFreeChart, headless). Every chart reads the temporary views that
 * {@link TableReader#registerViews} registers (runs, tasks, stages, nbody, memory, benchmarks) and uses only the
 * columns documented in {@link org.qcmb.io.TableSchemas}. A chart whose table is missing or has no matching rows is
 * {@link Optional#empty()}; {@link #writeAll} then skips it with a note.
 */
public final class Plots {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 540;

    /** A colour-blind friendly palette (Okabe-Ito, then Tableau greys), used in order for the series of a chart. */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000),
        new Color(0x7F7F7F)};

    private Plots() {
    }

    /** {@code Plots TABLES_DIR OUT_DIR [RUN_ID]}: writes the PNG plots of a tables directory and lists them. */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: org.qcmb.report.Plots TABLES_DIR OUT_DIR [RUN_ID]");
            System.exit(2);
        }
        SparkSession spark = org.qcmb.notebook.Notebook.spark();
        try {
            for (Path p : writeAll(spark, Path.of(args[0]), args.length == 3 ? args[2] : null, Path.of(args[1]))) {
                System.out.println(p);
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * Registers the tables of tablesDir and writes every plot that has data into outDir: speedup.png,
     * efficiency.png, level-times.png, and for one run (runIdOrNull, else the newest run with rows in each table)
     * timeline-RUN.png, memory-RUN.png, nbody-convergence-RUN.png. Returns the files written; skipped plots are
     * noted on stderr.
     */
    public static List<Path> writeAll(SparkSession spark, Path tablesDir, String runIdOrNull, Path outDir) {
        return writeAll(spark, tablesDir, runIdOrNull, outDir, note -> System.err.println("plots: " + note));
    }

    /** As {@link #writeAll(SparkSession, Path, String, Path)}, with the notes about skipped plots sent to notes. */
    public static List<Path> writeAll(SparkSession spark, Path tablesDir, String runIdOrNull, Path outDir,
            Consumer<String> notes) {
        System.setProperty("java.awt.headless", "true");
        TableReader.registerViews(spark, tablesDir);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir + ": " + e.getMessage(), e);
        }
        Map<String, Optional<JFreeChart>> charts = new LinkedHashMap<>();
        charts.put("speedup.png", speedup(spark));
        charts.put("efficiency.png", efficiency(spark));
        charts.put("level-times.png", levelTimes(spark));
        String tasksRun = runIdOrNull != null ? runIdOrNull : latestRun(spark, "tasks");
        String memoryRun = runIdOrNull != null ? runIdOrNull : latestRun(spark, "memory");
        String nbodyRun = runIdOrNull != null ? runIdOrNull : latestRun(spark, "nbody");
        charts.put("timeline-" + fileSafe(tasksRun) + ".png", timeline(spark, tasksRun));
        charts.put("memory-" + fileSafe(memoryRun) + ".png", memory(spark, memoryRun));
        charts.put("nbody-convergence-" + fileSafe(nbodyRun) + ".png", convergence(spark, nbodyRun));
        List<Path> written = new ArrayList<>();
        charts.forEach((name, chart) -> {
            if (chart.isPresent()) {
                Path file = outDir.resolve(name);
                writePng(chart.get(), file, WIDTH, HEIGHT);
                written.add(file);
            } else {
                notes.accept("skipped " + name + ": no rows in its table");
            }
        });
        return written;
    }

    // ---------------------------------------------------------------- charts of the tables

    /** Speed-up against cores from benchmarks (metric 'speedup' of category 'scaling'), one line per case/variant. */
    public static Optional<JFreeChart> speedup(SparkSession spark) {
        return scalingChart(spark, "speedup", "Speed-up against cores", "speed-up (T1 / Tn)", true);
    }

    /** Parallel efficiency against cores from benchmarks (metric 'efficiency' of category 'scaling'). */
    public static Optional<JFreeChart> efficiency(SparkSession spark) {
        return scalingChart(spark, "efficiency", "Parallel efficiency against cores", "efficiency (speed-up / cores)",
                false);
    }

    private static Optional<JFreeChart> scalingChart(SparkSession spark, String metric, String title, String yLabel,
            boolean ideal) {
        if (!hasView(spark, "benchmarks")) {
            return Optional.empty();
        }
        Dataset<Row> rows = spark.sql("SELECT concat(case_name, coalesce(concat(' (', variant, ')'), '')) AS series, "
                + "cores AS x, avg(value) AS y FROM benchmarks WHERE metric = '" + metric + "' AND category = 'scaling' "
                + "AND cores IS NOT NULL AND value IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2");
        XYSeriesCollection data = xySeries(rows);
        if (data.getSeriesCount() == 0) {
            return Optional.empty();
        }
        double maxCores = data.getDomainUpperBound(false);
        XYSeries ref = new XYSeries("ideal", false, true);
        ref.add(1, 1);
        ref.add(maxCores, ideal ? maxCores : 1);
        data.addSeries(ref);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "cores", yLabel, data, PlotOrientation.VERTICAL, true,
                false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int idealIndex = data.getSeriesCount() - 1;
        r.setSeriesPaint(idealIndex, Color.GRAY);
        r.setSeriesShapesVisible(idealIndex, false);
        r.setSeriesStroke(idealIndex, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        for (int i = 0; i < idealIndex; i++) {
            r.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        plot.setRenderer(r);
        plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        style(chart);
        return Optional.of(chart);
    }

    /** Stage wall time per n-body level (sum over a level's stages), one bar per run, from stages. */
    public static Optional<JFreeChart> levelTimes(SparkSession spark) {
        if (!hasView(spark, "stages")) {
            return Optional.empty();
        }
        Dataset<Row> rows = spark.sql("SELECT concat(run_id, ' (', coalesce(max(cores), '?'), ' core(s))') AS series, "
                + "concat('level ', level) AS category, sum(wall_s) AS value FROM stages "
                + "WHERE level IS NOT NULL AND wall_s IS NOT NULL GROUP BY run_id, level ORDER BY run_id, level");
        DefaultCategoryDataset data = categories(rows);
        if (data.getRowCount() == 0) {
            return Optional.empty();
        }
        JFreeChart chart = ChartFactory.createBarChart("Stage wall time per n-body level", "n-body level",
                "wall time (s)", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        return Optional.of(chart);
    }

    /**
     * Gantt-like task timeline of one run from tasks: one row per executor task slot (tasks that overlap on an
     * executor go to separate lanes), bars from launch to finish in seconds since the first launch, coloured by
     * level; failed attempts in red.
     */
    public static Optional<JFreeChart> timeline(SparkSession spark, String runId) {
        if (runId == null || !hasView(spark, "tasks")) {
            return Optional.empty();
        }
        List<Row> rows = spark.sql("SELECT executor_id, level, launch_ms, finish_ms, successful FROM tasks "
                + "WHERE run_id = '" + sqlString(runId) + "' AND launch_ms IS NOT NULL AND finish_ms IS NOT NULL "
                + "ORDER BY launch_ms, finish_ms").collectAsList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        long t0 = rows.stream().mapToLong(r -> r.getLong(2)).min().getAsLong();
        // lanes: per executor, the finish time of the last task of each lane
        Map<String, List<Long>> lanes = new LinkedHashMap<>();
        rows.stream().map(r -> r.isNullAt(0) ? "?" : r.getString(0)).distinct().sorted(Plots::compareExecutors)
                .forEach(e -> lanes.put(e, new ArrayList<>()));
        List<int[]> laneOf = new ArrayList<>();
        for (Row r : rows) {
            List<Long> l = lanes.get(r.isNullAt(0) ? "?" : r.getString(0));
            int lane = 0;
            while (lane < l.size() && l.get(lane) > r.getLong(2)) {
                lane++;
            }
            if (lane == l.size()) {
                l.add(r.getLong(3));
            } else {
                l.set(lane, r.getLong(3));
            }
            laneOf.add(new int[] {lane});
        }
        List<String> labels = new ArrayList<>();
        Map<String, Integer> firstRow = new LinkedHashMap<>();
        lanes.forEach((e, l) -> {
            firstRow.put(e, labels.size());
            for (int i = 0; i < l.size(); i++) {
                labels.add("executor " + e + (l.size() > 1 ? " / slot " + (i + 1) : ""));
            }
        });
        Map<String, XYIntervalSeries> series = new LinkedHashMap<>(); // levels of successful tasks, in order
        rows.stream().filter(r -> r.isNullAt(4) || r.getBoolean(4)).map(r -> r.isNullAt(1) ? -1 : r.getInt(1))
                .distinct().sorted().forEach(level -> series.put(levelName(level), new XYIntervalSeries(levelName(level))));
        XYIntervalSeries failed = new XYIntervalSeries("failed");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = firstRow.get(r.isNullAt(0) ? "?" : r.getString(0)) + laneOf.get(i)[0];
            double start = (r.getLong(2) - t0) / 1000.0;
            double end = (r.getLong(3) - t0) / 1000.0;
            boolean ok = r.isNullAt(4) || r.getBoolean(4);
            XYIntervalSeries s = ok ? series.get(levelName(r.isNullAt(1) ? -1 : r.getInt(1))) : failed;
            s.add(y, y - 0.36, y + 0.36, start, start, end);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        series.values().forEach(data::addSeries);
        if (failed.getItemCount() > 0) {
            data.addSeries(failed);
        }
        SymbolAxis rowsAxis = new SymbolAxis(null, labels.toArray(new String[0]));
        rowsAxis.setGridBandsVisible(false);
        NumberAxis timeAxis = new NumberAxis("seconds since the first task launch");
        XYBarRenderer r = new XYBarRenderer();
        r.setUseYInterval(true);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(true);
        r.setDefaultOutlinePaint(Color.WHITE);
        if (failed.getItemCount() > 0) {
            r.setSeriesPaint(data.getSeriesCount() - 1, Color.RED);
        }
        XYPlot plot = new XYPlot(data, rowsAxis, timeAxis, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        rowsAxis.setInverted(true);
        JFreeChart chart = new JFreeChart("Task timeline of run " + runId, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(rows.size() + " tasks on " + lanes.size() + " executor(s)"));
        style(chart);
        return Optional.of(chart);
    }

    /** Memory profile of one run from memory: resident set size and heap used (MiB) against elapsed seconds. */
    public static Optional<JFreeChart> memory(SparkSession spark, String runId) {
        if (runId == null || !hasView(spark, "memory")) {
            return Optional.empty();
        }
        String who = "concat(coalesce(role, '?'), CASE WHEN executor_id IS NULL OR executor_id = role THEN '' "
                + "ELSE concat(' ', executor_id) END)";
        String where = " FROM memory WHERE run_id = '" + sqlString(runId) + "' AND elapsed_s IS NOT NULL";
        Dataset<Row> rows = spark.sql("SELECT * FROM ("
                + "SELECT concat(" + who + ", ' RSS') AS series, elapsed_s AS x, rss_bytes / 1048576.0 AS y" + where
                + " AND rss_bytes IS NOT NULL UNION ALL "
                + "SELECT concat(" + who + ", ' heap used') AS series, elapsed_s AS x, heap_used_bytes / 1048576.0 AS y"
                + where + " AND heap_used_bytes IS NOT NULL) ORDER BY series, x");
        XYSeriesCollection data = xySeries(rows);
        if (data.getSeriesCount() == 0) {
            return Optional.empty();
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Memory profile of run " + runId, "elapsed (s)", "MiB",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        List<String> processes = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String key = data.getSeriesKey(i).toString();
            boolean heap = key.endsWith("heap used");
            String process = key.substring(0, key.lastIndexOf(heap ? " heap used" : " RSS"));
            if (!processes.contains(process)) {
                processes.add(process);
            }
            r.setSeriesPaint(i, PALETTE[processes.indexOf(process) % PALETTE.length]);
            r.setSeriesStroke(i, heap ? new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {5f, 3f}, 0f) : new BasicStroke(2.2f));
        }
        chart.getXYPlot().setRenderer(r);
        style(chart);
        return Optional.of(chart);
    }

    /** n-body convergence of one run from nbody: interaction energy (kcal/mol) against order, one line per treatment. */
    public static Optional<JFreeChart> convergence(SparkSession spark, String runId) {
        if (runId == null || !hasView(spark, "nbody")) {
            return Optional.empty();
        }
        Dataset<Row> rows = spark.sql("SELECT treatment AS series, nbody AS x, "
                + "coalesce(interaction_energy_kcalmol, interaction_energy * " + org.qcmb.molecule.Units.HARTREE_TO_KCALMOL + ") AS y "
                + "FROM nbody WHERE run_id = '" + sqlString(runId) + "' AND nbody IS NOT NULL ORDER BY series, x");
        XYSeriesCollection data = xySeries(rows);
        if (data.getSeriesCount() == 0) {
            return Optional.empty();
        }
        JFreeChart chart = ChartFactory.createXYLineChart("n-body convergence of run " + runId, "n-body order",
                "interaction energy (kcal/mol)", data, PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        chart.getXYPlot().setRenderer(r);
        chart.getXYPlot().getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        style(chart);
        return Optional.of(chart);
    }

    // ---------------------------------------------------------------- generic charts (notebook cells)

    /** A line chart of a query result with columns (x, y) or (series, x, y); empty when there are no rows. */
    public static Optional<JFreeChart> lineChart(Dataset<Row> rows, String title, String xLabel, String yLabel) {
        XYSeriesCollection data = xySeries(rows);
        if (data.getSeriesCount() == 0) {
            return Optional.empty();
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                data.getSeriesCount() > 1, false, false);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        style(chart);
        return Optional.of(chart);
    }

    /** A bar chart of a query result with columns (category, value) or (series, category, value). */
    public static Optional<JFreeChart> barChart(Dataset<Row> rows, String title, String categoryLabel,
            String valueLabel) {
        DefaultCategoryDataset data = categories(rows);
        if (data.getRowCount() == 0) {
            return Optional.empty();
        }
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data,
                PlotOrientation.VERTICAL, data.getRowCount() > 1, false, false);
        style(chart);
        return Optional.of(chart);
    }

    // ---------------------------------------------------------------- output

    /** Renders chart to an RGB image (what the notebook kernel displays as PNG). */
    public static BufferedImage image(JFreeChart chart, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return img;
    }

    public static void writePng(JFreeChart chart, Path file, int width, int height) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!ImageIO.write(image(chart, width, height), "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The run id of the newest run that has rows in table (by runs.started_at, else the largest run id), or null. */
    public static String latestRun(SparkSession spark, String table) {
        if (!hasView(spark, table)) {
            return null;
        }
        String q = hasView(spark, "runs")
                ? "SELECT t.run_id FROM (SELECT DISTINCT run_id FROM " + table + ") t LEFT JOIN "
                        + "(SELECT run_id, max(started_at) AS started_at FROM runs GROUP BY run_id) r "
                        + "ON t.run_id = r.run_id ORDER BY r.started_at DESC NULLS LAST, t.run_id DESC LIMIT 1"
                : "SELECT max(run_id) FROM " + table;
        List<Row> r = spark.sql(q).collectAsList();
        return r.isEmpty() || r.get(0).isNullAt(0) ? null : r.get(0).getString(0);
    }

    public static boolean hasView(SparkSession spark, String name) {
        return spark.catalog().tableExists(name);
    }

    static XYSeriesCollection xySeries(Dataset<Row> rows) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        int n = rows.columns().length;
        if (n != 2 && n != 3) {
            throw new IllegalArgumentException("expected columns (x, y) or (series, x, y), got " + n);
        }
        for (Row r : rows.collectAsList()) {
            int off = n - 2;
            if (r.isNullAt(off) || r.isNullAt(off + 1)) {
                continue;
            }
            String key = n == 3 ? String.valueOf(r.get(0)) : rows.columns()[1];
            series.computeIfAbsent(key, k -> new XYSeries(k, true, true))
                    .add(number(r.get(off)), number(r.get(off + 1)));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        return data;
    }

    static DefaultCategoryDataset categories(Dataset<Row> rows) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int n = rows.columns().length;
        if (n != 2 && n != 3) {
            throw new IllegalArgumentException("expected columns (category, value) or (series, category, value), got "
                    + n);
        }
        for (Row r : rows.collectAsList()) {
            int off = n - 2;
            if (r.isNullAt(off + 1)) {
                continue;
            }
            String series = n == 3 ? String.valueOf(r.get(0)) : rows.columns()[1];
            data.addValue(number(r.get(off + 1)), series, String.valueOf(r.get(off)));
        }
        return data;
    }

    private static double number(Object o) {
        if (o instanceof Number num) {
            return num.doubleValue();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.getTime() / 1000.0;
        }
        return Double.parseDouble(String.valueOf(o));
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot p && p.getRenderer() != null) {
            for (int i = 0; i < p.getSeriesCount(); i++) {
                if (p.getRenderer().getSeriesPaint(i) == null) {
                    p.getRenderer().setSeriesPaint(i, PALETTE[i % PALETTE.length]);
                }
            }
        } else if (chart.getPlot() instanceof CategoryPlot p && p.getRenderer() != null) {
            for (int i = 0; i < p.getDataset().getRowCount(); i++) {
                if (p.getRenderer().getSeriesPaint(i) == null) {
                    p.getRenderer().setSeriesPaint(i, PALETTE[i % PALETTE.length]);
                }
            }
        }
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(new Color(0xDDDDDD));
            p.setRangeGridlinePaint(new Color(0xDDDDDD));
            p.setOutlineVisible(false);
        } else if (chart.getPlot() instanceof CategoryPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setRangeGridlinePaint(new Color(0xDDDDDD));
            p.setOutlineVisible(false);
            if (p.getRenderer() instanceof BarRenderer br) {
                br.setBarPainter(new StandardBarPainter());
                br.setShadowVisible(false);
                br.setItemMargin(0.05);
            }
        }
    }

    private static String levelName(int level) {
        return level < 0 ? "level ?" : "level " + level;
    }

    private static int compareExecutors(String a, String b) {
        boolean da = a.equals("driver");
        boolean db = b.equals("driver");
        if (da != db) {
            return da ? -1 : 1;
        }
        if (a.matches("\\d+") && b.matches("\\d+")) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }

    static String sqlString(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }

    static String fileSafe(String s) {
        return s == null ? "none" : s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
