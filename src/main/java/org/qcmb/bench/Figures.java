package org.qcmb.bench;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Benchmark figures as a console table and as rows of the benchmarks table. */
public final class Figures {
    /** How a figure whose value is under its measurement's noise floor is shown (value NaN, notes start so). */
    public static final String BELOW_RESOLUTION = "below resolution";

    private Figures() {
    }

    /** The figures of one category as a text table, one line each, under the category's title. */
    public static String table(Category category, List<Figure> figures) {
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append("== ").append(category.title()).append('\n');
        sb.append(String.format(Locale.ROOT, "%-28s %-26s %-24s %14s %-8s %5s %7s  %s%n", "case", "variant", "metric",
                "value", "unit", "cores", "tasks", "notes"));
        for (Figure f : figures) {
            if (f.category() == category) {
                boolean belowResolution = Double.isNaN(f.value()) && f.notes() != null
                        && f.notes().startsWith(BELOW_RESOLUTION);
                sb.append(String.format(Locale.ROOT, "%-28s %-26s %-24s %14s %-8s %5d %7d  %s%n", f.caseName(),
                        f.variant(), f.metric().label(), belowResolution ? BELOW_RESOLUTION : format(f.value()),
                        f.unit(), f.cores(), f.nTasks(), f.notes() == null ? "" : f.notes()));
            }
        }
        return sb.toString();
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

    /** Rows of the benchmarks table (schema {@link org.qcmb.tables.TableSchemas#BENCHMARKS}). */
    static List<Row> rows(String runId, long startedMs, List<Figure> figures) {
        List<Row> rows = new ArrayList<>();
        for (Figure f : figures) {
            rows.add(RowFactory.create(runId, new Timestamp(startedMs), f.category().label(), f.caseName(),
                    f.variant(), f.metric().label(), Double.isNaN(f.value()) ? null : f.value(), f.unit(), f.cores(),
                    f.nTasks(), f.notes()));
        }
        return rows;
    }
}
