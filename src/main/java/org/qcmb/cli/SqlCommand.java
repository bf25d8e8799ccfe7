package org.qcmb.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.qcmb.io.ResultTablePrinter;
import org.qcmb.io.TableReader;
import org.qcmb.common.InputException;
import org.qcmb.spark.SparkSessions;
import picocli.CommandLine.Command;
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

    @Option(names = "--tables", paramLabel = "DIR", description = "tables directory (default: ${DEFAULT-VALUE})",
            defaultValue = "qcmb-tables")
    Path tables;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv or json (default: ${DEFAULT-VALUE})",
            defaultValue = "table")
    String format;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*])")
    String master;

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() {
        ResultTablePrinter.Format fmt = ResultTablePrinter.Format.parse(format);
        if (!Files.isDirectory(tables)) {
            throw new InputException("--tables " + tables + ": no such directory (runs write it with --tables DIR;"
                    + " the default is ./qcmb-tables)");
        }
        boolean ownSession = SparkSession.getDefaultSession().isEmpty(); // tests and notebooks share theirs
        SparkSession spark = SparkSessions.start(master, null, Map.of("spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "4"));
        try {
            List<String> views = TableReader.registerViews(spark, tables);
            if (views.isEmpty()) {
                throw new InputException("--tables " + tables + " holds no tables yet");
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
            ResultTablePrinter.print(result.schema(), rows, fmt, out);
            out.flush();
            return 0;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }
}
