package org.qcmb.cli;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Collects benchmark figures as rows of the benchmarks table and prints each category as a table. */
final class BenchRecorder {
    record Figure(String category, String caseName, String variant, String metric, double value, String unit,
            int cores, int nTasks, String notes) {
    }

    private final String runId;
    private final long started;
    private final PrintStream out;
    private final List<Figure> figures = new ArrayList<>();

    BenchRecorder(String runId, PrintStream out) {
        this.runId = runId;
        this.started = System.currentTimeMillis();
        this.out = out;
    }

    void add(String category, String caseName, String variant, String metric, double value, String unit, int cores,
            int nTasks, String notes) {
        figures.add(new Figure(category, caseName, variant, metric, value, unit, cores, nTasks, notes));
    }

    /** Prints the figures of one category, one line each. */
    void print(String category, String title) {
        out.println();
        out.println("== " + title);
        out.printf(Locale.ROOT, "%-28s %-26s %-24s %14s %-8s %5s %7s  %s%n", "case", "variant", "metric", "value",
                "unit", "cores", "tasks", "notes");
        for (Figure f : figures) {
            if (f.category().equals(category)) {
                out.printf(Locale.ROOT, "%-28s %-26s %-24s %14s %-8s %5d %7d  %s%n", f.caseName(), f.variant(),
                        f.metric(), format(f.value()), f.unit(), f.cores(), f.nTasks(), f.notes() == null ? ""
                                : f.notes());
            }
        }
        out.flush();
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        return a >= 1000 || a == 0 ? String.format(Locale.ROOT, "%.0f", v)
                : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : a >= 0.01 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.2e", v);
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Figure f : figures) {
            rows.add(RowFactory.create(runId, new Timestamp(started), f.category(), f.caseName(), f.variant(),
                    f.metric(), Double.isNaN(f.value()) ? null : f.value(), f.unit(), f.cores(), f.nTasks(),
                    f.notes()));
        }
        return rows;
    }
}
