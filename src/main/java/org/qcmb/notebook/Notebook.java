package org.qcmb.notebook;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.jfree.chart.JFreeChart;
import org.qcmb.report.Charts;
import org.qcmb.report.TableData;
import org.qcmb.spark.SparkSessions;
import org.qcmb.tables.TableReader;
import org.qcmb.tables.TableSchemas;

/**
 * Static helpers for notebook cells (the rapaio Java kernel imports them with {@code import static
 * org.qcmb.notebook.Notebook.*;}). A cell's value is displayed by the kernel: a String as HTML, a
 * {@link BufferedImage} as PNG. So {@code sql("SELECT ...")} shows a table and {@code speedupPlot()} a chart.
 */
public final class Notebook {
    /** Rows shown by {@link #sql(String)} and {@link #show(Dataset)} before "... more rows". */
    public static final int MAX_ROWS = 100;
    public static final int WIDTH = 860;
    public static final int HEIGHT = 480;

    /**
     * Strong references: java.util.logging forgets loggers nobody holds, and the kernel raises the JUL levels so
     * that Spark's generated-code compiler (Janino) logs ~40 KB per query unless its loggers are kept at INFO.
     */
    private static final List<Logger> KEPT_LOGGERS = List.of(Logger.getLogger("org.codehaus.janino"),
            Logger.getLogger("org.codehaus.commons.compiler"));

    private static SparkSession spark;

    private Notebook() {
    }

    /** The shared local SparkSession of the notebook: local[2], no UI, quiet logs. */
    public static synchronized SparkSession spark() {
        if (spark == null || spark.sparkContext().isStopped()) {
            System.setProperty("java.awt.headless", "true");
            KEPT_LOGGERS.forEach(l -> l.setLevel(Level.INFO));
            spark = SparkSessions.start("local[2]", null, Map.of(
                    "spark.app.name", "qcmb-notebook",
                    "spark.ui.enabled", "false",
                    "spark.sql.shuffle.partitions", "2",
                    "spark.sql.session.timeZone", "UTC",
                    "spark.sql.debug.maxToStringFields", "200"));
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }

    /** The value of environment variable name, or def when it is unset or blank. */
    public static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }

    /**
     * Registers every table folder of dir as a temporary view and returns the names of the views with rows. Each
     * documented table ({@link TableSchemas#ALL}) without rows is an empty view of its schema, so queries and plots
     * of it show "no rows" instead of failing (a tables directory from {@code qcmb run} alone has no benchmarks).
     */
    public static List<String> tables(String dir) {
        TableReader.Views views = TableReader.registerViews(spark(), Path.of(dir));
        if (!views.empty().isEmpty()) {
            System.out.println("no rows under " + Path.of(dir).toAbsolutePath() + " for "
                    + String.join(", ", views.empty()) + " (registered empty)");
        }
        return views.withRows();
    }

    /** True when a view (table) of that name is registered. */
    public static boolean has(String view) {
        return TableData.hasView(spark(), view);
    }

    /** A query result as a Spark Dataset (for further processing in a cell). */
    public static Dataset<Row> df(String query) {
        return spark().sql(query);
    }

    /** Runs a query and returns its result as an HTML table (the first {@link #MAX_ROWS} rows). */
    public static String sql(String query) {
        return show(df(query), MAX_ROWS);
    }

    /** Runs a query and returns its first maxRows rows as an HTML table. */
    public static String sql(String query, int maxRows) {
        return show(df(query), maxRows);
    }

    /** The first {@link #MAX_ROWS} rows of a Dataset as an HTML table. */
    public static String show(Dataset<Row> rows) {
        return show(rows, MAX_ROWS);
    }

    /** The first maxRows rows of a Dataset as an HTML table. */
    public static String show(Dataset<Row> rows, int maxRows) {
        List<Row> head = rows.limit(maxRows + 1).collectAsList();
        StructField[] fields = rows.schema().fields();
        StringBuilder sb = new StringBuilder("<table class=\"qcmb\" border=\"1\" style=\"border-collapse:collapse\">");
        sb.append("<thead><tr>");
        for (StructField f : fields) {
            sb.append("<th style=\"padding:2px 6px\">").append(escape(f.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int i = 0; i < Math.min(maxRows, head.size()); i++) {
            Row r = head.get(i);
            sb.append("<tr>");
            for (int c = 0; c < fields.length; c++) {
                Object v = r.get(c);
                boolean num = v instanceof Number;
                sb.append(num ? "<td style=\"text-align:right;padding:2px 6px\">" : "<td style=\"padding:2px 6px\">")
                        .append(v == null ? "<i>null</i>" : escape(format(v))).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        if (head.isEmpty()) {
            sb.append("<p><i>no rows</i></p>");
        } else if (head.size() > maxRows) {
            sb.append("<p><i>first ").append(maxRows).append(" rows shown</i></p>");
        }
        return sb.toString();
    }

    // ------------------------------------------------------------ plots (each a PNG image, or an HTML note)

    /** Speed-up against cores (benchmarks, category scaling). */
    public static Object speedupPlot() {
        return render(Charts.speedup(TableData.scaling(spark(), "speedup")), "benchmarks: no scaling speed-up rows");
    }

    /** Parallel efficiency against cores (benchmarks, category scaling). */
    public static Object efficiencyPlot() {
        return render(Charts.efficiency(TableData.scaling(spark(), "efficiency")),
                "benchmarks: no scaling efficiency rows");
    }

    /** Stage wall time per n-body level, one bar per run (stages). */
    public static Object levelTimesPlot() {
        return render(Charts.levelTimes(TableData.levelTimes(spark(), null)), "stages: no rows");
    }

    /** Gantt-like timeline of the tasks of one run, one row per executor slot (tasks). */
    public static Object timelinePlot(String runId) {
        return render(Charts.timeline(runId, TableData.tasks(spark(), runId)), "tasks: no rows for run " + runId);
    }

    /** Memory profile of one run (memory). */
    public static Object memoryPlot(String runId) {
        return render(Charts.memory(runId, TableData.memory(spark(), runId)), "memory: no rows for run " + runId);
    }

    /** Interaction energy against n-body order per treatment for one run (nbody). */
    public static Object convergencePlot(String runId) {
        return render(Charts.convergence(runId, TableData.convergence(spark(), runId)),
                "nbody: no rows for run " + runId);
    }

    /** A line chart of a query with columns (x, y) or (series, x, y). */
    public static Object lineChart(String query, String title, String xLabel, String yLabel) {
        return render(Charts.lineChart(TableData.series(df(query)), title, xLabel, yLabel),
                "no rows: " + query);
    }

    /** A bar chart of a query with columns (category, value) or (series, category, value). */
    public static Object barChart(String query, String title, String categoryLabel, String valueLabel) {
        return render(Charts.barChart(TableData.bars(df(query)), title, categoryLabel, valueLabel),
                "no rows: " + query);
    }

    /** The newest run with rows in table (by runs.started_at), or null. */
    public static String latestRun(String table) {
        return TableData.latestRun(spark(), table);
    }

    /** Renders a chart for display: a BufferedImage (shown as PNG by the kernel). */
    public static BufferedImage image(JFreeChart chart) {
        return Charts.image(chart, WIDTH, HEIGHT);
    }

    private static Object render(Optional<JFreeChart> chart, String emptyNote) {
        return chart.<Object>map(Notebook::image).orElse("<p><i>" + escape(emptyNote) + "</i></p>");
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            double a = Math.abs(d);
            if (d.isNaN() || d.isInfinite()) {
                return d.toString();
            }
            return a != 0 && (a < 1e-4 || a >= 1e9) ? String.format(java.util.Locale.ROOT, "%.8e", d)
                    : String.format(java.util.Locale.ROOT, "%.10f", d)
                    .replaceAll("0+$", "").replaceAll("\\.$", ".0");
        }
        if (v instanceof Float f) {
            return format(f.doubleValue());
        }
        return String.valueOf(v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
