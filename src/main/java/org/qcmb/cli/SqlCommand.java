package org.qcmb.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.qcmb.common.InputException;
import org.qcmb.spark.SparkSessions;
import org.qcmb.tables.QueryPrinter;
import org.qcmb.tables.TableReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one Spark SQL query over every table of a tables directory and prints the result on stdout. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Query the benchmark and result tables with Spark SQL.",
                "Every folder of the tables directory (runs, fragments, tasks, stages, nbody, hosts, memory,"
                        + " benchmarks) is a view. Logs go to stderr; only the result goes to stdout.",
                "Example: qcmb sql \"SELECT level, percentile(duration_ms, 0.5) FROM tasks GROUP BY level\""})
public final class SqlCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "QUERY", description = "the SQL query")
    String query;

    @Mixin
    SharedOptions.Tables tables;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv or json (default: ${DEFAULT-VALUE})",
            defaultValue = "table")
    String format;

    @Mixin
    SharedOptions.Master master;

    @Mixin
    SharedOptions.Verbose verbose;

    @Override
    public Integer call() {
        QueryPrinter.Format fmt = QueryPrinter.Format.parse(format);
        if (!Files.isDirectory(tables.dir)) {
            throw new InputException("--tables " + tables.dir + ": no such directory (runs write it with --tables DIR;"
                    + " the default is ./qcmb-tables)");
        }
        boolean ownSession = SparkSession.getDefaultSession().isEmpty(); // tests and notebooks share theirs
        SparkSession spark = SparkSessions.start(master.url, null, Map.of("spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "4"));
        try {
            List<String> views = TableReader.registerViews(spark, tables.dir);
            if (views.isEmpty()) {
                throw new InputException("--tables " + tables.dir + " holds no tables yet");
            }
            Dataset<Row> result;
            List<Row> rows;
            try {
                result = spark.sql(query);
                rows = result.collectAsList();
            } catch (Exception e) {
                // Spark's AnalysisException (and ParseException) is checked in Java's eyes but undeclared
                if (e instanceof AnalysisException || e.getClass().getName().startsWith("org.apache.spark.sql")) {
                    throw new InputException("SQL error: " + e.getMessage().strip() + "\n(views: " + views + ")");
                }
                throw e;
            }
            PrintStream out = System.out;
            QueryPrinter.print(result.schema(), rows, fmt, out);
            out.flush();
            return 0;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }
}
