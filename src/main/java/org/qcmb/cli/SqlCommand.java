package org.qcmb.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.qcmb.common.InputException;
import org.qcmb.spark.SparkSessions;
import org.qcmb.tables.QueryPrinter;
import org.qcmb.tables.TableQueries;
import org.qcmb.tables.TableReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs Spark SQL over every table of a tables directory and prints the results on stdout: one query given on the
 * command line, or, without one, every query read from stdin on one warm Spark session.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Query the benchmark and result tables with Spark SQL.",
                "Every table (runs, fragments, tasks, stages, nbody, hosts, memory, benchmarks) is a view, empty"
                        + " until rows are written; the views of a run's tables show committed runs only. Results"
                        + " go to stdout, errors (one line each) and logs to stderr.",
                "Without QUERY, queries are read from stdin, one Spark session for all of them: one per line, or"
                        + " each ended by ';' (piped input with a ';' is cut at ';' only, so queries may span lines);"
                        + " 'quit' or the end of the input stops. Exit code 2 if any query failed.",
                "Example: qcmb sql \"SELECT level, percentile(duration_ms, 0.5) FROM tasks GROUP BY level\""})
public final class SqlCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY",
            description = "the SQL query (none: read queries from stdin)")
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
    public Integer call() throws IOException {
        QueryPrinter.Format fmt = QueryPrinter.Format.parse(format);
        if (!Files.isDirectory(tables.dir)) {
            throw new InputException("--tables " + tables.dir + ": no such directory (runs write it with --tables DIR;"
                    + " the default is ./qcmb-tables)");
        }
        boolean ownSession = SparkSession.getDefaultSession().isEmpty(); // tests and notebooks share theirs
        SparkSession spark = SparkSessions.startForQueries(master.url);
        try {
            TableQueries queries = new TableQueries(spark, tables.dir);
            if (query != null) {
                print(queries.run(query), fmt);
                return 0;
            }
            return interactive(queries, fmt);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    private static void print(TableQueries.Answer answer, QueryPrinter.Format fmt) {
        PrintStream out = System.out;
        QueryPrinter.print(answer.schema(), answer.rows(), fmt, out);
        out.flush();
    }

    /** Queries from stdin, one at a time; a failed query prints its error line and the next one runs. */
    private int interactive(TableQueries queries, QueryPrinter.Format fmt) throws IOException {
        PrintStream err = System.err;
        boolean terminal = System.console() != null;
        if (terminal) {
            TableReader.Views views = queries.refreshViews();
            err.printf(Locale.ROOT, "qcmb sql on %s: views %s. End a query with ';' or a new line; 'quit' or"
                    + " Ctrl-D stops.%n", tables.dir, String.join(", ", views.names()));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean semicolons = false;
        if (!terminal) { // piped: with a ';' anywhere, queries end at ';' only and may span lines
            String all = in.lines().collect(Collectors.joining("\n"));
            semicolons = StatementReader.hasSemicolon(all);
            in = new BufferedReader(new StringReader(all));
        }
        StatementReader reader = new StatementReader(in, queries::incomplete, continued -> {
            if (terminal) {
                err.print(continued ? "   -> " : "qcmb> ");
                err.flush();
            }
        }, semicolons);
        int failed = 0;
        while (true) {
            String statement = reader.next();
            if (statement == null || statement.equalsIgnoreCase("quit") || statement.equalsIgnoreCase("exit")
                    || statement.equals("\\q")) {
                break;
            }
            try {
                print(queries.run(statement), fmt);
            } catch (TableQueries.QueryException e) {
                failed++;
                if (verbose.verbose) {
                    e.printStackTrace();
                }
                err.println("qcmb: " + (e.userError() ? "error: " : "failed: ") + e.getMessage());
                err.flush();
            }
        }
        return failed == 0 ? 0 : Main.EXIT_INPUT;
    }
}
