package org.qcmb.tables;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Spark SQL over the views of a tables directory, with Spark's failures turned into one-line errors. The views are
 * registered again before every query, so runs committed while a session is open show up in the next query.
 */
public final class TableQueries {
    private final SparkSession spark;
    private final Path tablesDir;
    private TableReader.Views views;

    public TableQueries(SparkSession spark, Path tablesDir) {
        this.spark = spark;
        this.tablesDir = tablesDir;
    }

    /** A query's columns and rows. */
    public record Answer(StructType schema, List<Row> rows) {
    }

    /**
     * A query that failed, with a one-line message. {@link #userError()} when the query itself is wrong (syntax, an
     * unknown table or column, a type or value error); otherwise reading the tables failed.
     */
    public static final class QueryException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean userError;

        QueryException(String message, boolean userError, Throwable cause) {
            super(message, cause);
            this.userError = userError;
        }

        public boolean userError() {
            return userError;
        }
    }

    /** Registers (again) the views of the tables directory. */
    public TableReader.Views refreshViews() {
        views = TableReader.registerViews(spark, tablesDir);
        return views;
    }

    public TableReader.Views views() {
        return views == null ? refreshViews() : views;
    }

    /** Runs one query over fresh views. */
    public Answer run(String query) {
        refreshViews();
        try {
            Dataset<Row> result = spark.sql(query);
            return new Answer(result.schema(), result.collectAsList());
        } catch (Exception e) { // Spark's checked AnalysisException is undeclared in Java's eyes
            throw failure(e);
        }
    }

    /**
     * Whether text is the beginning of a statement that continues on a later line: it does not parse, and the parser
     * stopped at its end (an empty text is no statement).
     */
    public boolean incomplete(String text) {
        if (text.isBlank()) {
            return false;
        }
        try {
            spark.sessionState().sqlParser().parsePlan(text);
            return false;
        } catch (Exception e) { // ParseException is checked in Java's eyes
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return m.contains("end of input") || m.contains("<eof>");
        }
    }

    private QueryException failure(Exception e) {
        Throwable t = e;
        while (!(t instanceof SparkThrowable) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String condition = t instanceof SparkThrowable st ? st.getCondition() : null;
        String state = t instanceof SparkThrowable st ? st.getSqlState() : null;
        // SQLSTATE classes of a wrong query: 42 syntax or access rule, 22 data exception, 0A unsupported feature
        boolean user = state != null && (state.startsWith("42") || state.startsWith("22") || state.startsWith("0A"));
        String line = oneLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        if ("TABLE_OR_VIEW_NOT_FOUND".equals(condition)) {
            line += " Views: " + String.join(", ", views().names()) + ".";
        }
        return new QueryException("SQL: " + line, user, e);
    }

    /**
     * The first line of Spark's message (the rest is the query text with a caret, or a plan), with the position that
     * a parse error gives on a later line kept.
     */
    static String oneLine(String message) {
        String[] lines = message.strip().split("\\R");
        String first = lines[0].strip();
        for (String l : lines) {
            String s = l.strip();
            if (s.startsWith("== SQL (line") && s.endsWith("==")) { // runtime errors: "== SQL (line 1, position 8) =="
                return first + " (" + s.substring(8, s.length() - 4) + ")";
            }
        }
        return first;
    }
}
