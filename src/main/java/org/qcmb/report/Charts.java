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
import javax.imageio.ImageIO;
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

/**
 * The charts of the metric tables, drawn with JFreeChart from the plain values of {@link TableData}: no data
 * access here. A chart without data is {@link Optional#empty()}.
 */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 540;

    /** A colour-blind friendly palette (Okabe-Ito, then Tableau greys), used in order for the series of a chart. */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000),
        new Color(0x7F7F7F)};

    private Charts() {
    }

    // ---------------------------------------------------------------- charts of the tables

    /** Speed-up against cores (benchmarks, metric 'speedup' of category 'scaling'), with the ideal line. */
    public static Optional<JFreeChart> speedup(List<TableData.Series> series) {
        return scalingChart(series, "Speed-up against cores", "speed-up (T1 / Tn)", true);
    }

    /** Parallel efficiency against cores (benchmarks, metric 'efficiency' of category 'scaling'). */
    public static Optional<JFreeChart> efficiency(List<TableData.Series> series) {
        return scalingChart(series, "Parallel efficiency against cores", "efficiency (speed-up / cores)", false);
    }

    private static Optional<JFreeChart> scalingChart(List<TableData.Series> series, String title, String yLabel,
            boolean ideal) {
        XYSeriesCollection data = xySeries(series);
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

    /** Stage wall time per n-body level, one bar per run (stages). */
    public static Optional<JFreeChart> levelTimes(List<TableData.Bar> bars) {
        DefaultCategoryDataset data = categories(bars);
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
    public static Optional<JFreeChart> timeline(String runId, List<TableData.TaskSpan> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        long t0 = rows.stream().mapToLong(TableData.TaskSpan::launchMs).min().getAsLong();
        // lanes: per executor, the finish time of the last task of each lane
        Map<String, List<Long>> lanes = new LinkedHashMap<>();
        rows.stream().map(TableData.TaskSpan::executor).distinct().sorted(Charts::compareExecutors)
                .forEach(e -> lanes.put(e, new ArrayList<>()));
        List<int[]> laneOf = new ArrayList<>();
        for (TableData.TaskSpan r : rows) {
            List<Long> l = lanes.get(r.executor());
            int lane = 0;
            while (lane < l.size() && l.get(lane) > r.launchMs()) {
                lane++;
            }
            if (lane == l.size()) {
                l.add(r.finishMs());
            } else {
                l.set(lane, r.finishMs());
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
        rows.stream().filter(TableData.TaskSpan::successful).map(TableData.TaskSpan::level).distinct().sorted()
                .forEach(level -> series.put(levelName(level), new XYIntervalSeries(levelName(level))));
        XYIntervalSeries failed = new XYIntervalSeries("failed");
        for (int i = 0; i < rows.size(); i++) {
            TableData.TaskSpan r = rows.get(i);
            int y = firstRow.get(r.executor()) + laneOf.get(i)[0];
            double start = (r.launchMs() - t0) / 1000.0;
            double end = (r.finishMs() - t0) / 1000.0;
            XYIntervalSeries s = r.successful() ? series.get(levelName(r.level())) : failed;
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

    /** Memory profile of one run: resident set size and heap used (MiB) against elapsed seconds (memory). */
    public static Optional<JFreeChart> memory(String runId, List<TableData.Series> series) {
        XYSeriesCollection data = xySeries(series);
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

    /** n-body convergence of one run: interaction energy (kcal/mol) against order, one line per treatment. */
    public static Optional<JFreeChart> convergence(String runId, List<TableData.Series> series) {
        XYSeriesCollection data = xySeries(series);
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

    /** A line chart of series; empty when there are none. */
    public static Optional<JFreeChart> lineChart(List<TableData.Series> series, String title, String xLabel,
            String yLabel) {
        XYSeriesCollection data = xySeries(series);
        if (data.getSeriesCount() == 0) {
            return Optional.empty();
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                data.getSeriesCount() > 1, false, false);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        style(chart);
        return Optional.of(chart);
    }

    /** A bar chart of bars; empty when there are none. */
    public static Optional<JFreeChart> barChart(List<TableData.Bar> bars, String title, String categoryLabel,
            String valueLabel) {
        DefaultCategoryDataset data = categories(bars);
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

    /** Writes chart as a PNG file, creating missing folders. */
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

    static XYSeriesCollection xySeries(List<TableData.Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (TableData.Series one : series) {
            XYSeries xy = new XYSeries(one.name(), true, true);
            one.points().forEach(p -> xy.add(p[0], p[1]));
            data.addSeries(xy);
        }
        return data;
    }

    static DefaultCategoryDataset categories(List<TableData.Bar> bars) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        bars.forEach(b -> data.addValue(b.value(), b.series(), b.category()));
        return data;
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
}
