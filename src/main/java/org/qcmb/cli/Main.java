package org.qcmb.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.qcmb.common.InputException;
import org.qcmb.engine.EngineException;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.tables.TableQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/** Entry point of every command (and the main class for spark-submit). */
@Command(name = "qcmb", mixinStandardHelpOptions = true, version = "qcmb 0.1.0",
        description = "Many-body expansion (MBE) quantum chemistry on Apache Spark.",
        subcommands = {
                CommandLine.HelpCommand.class,
                PlanCommand.class,
                AnalyzeCommand.class,
                RunCommand.class,
                SqlCommand.class,
                BenchCommand.class,
                ComputeCommand.class,
        })
public final class Main implements Runnable {

    /** Exit code for problems the user can fix (bad file, bad field, bad option). */
    public static final int EXIT_INPUT = 2;
    /** Exit code for failed calculations. */
    public static final int EXIT_FAILED = 1;
    /** Exit code of a run whose result is written but whose rows could not be written to the tables. */
    public static final int EXIT_TABLES = 3;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler((ex, line, parseResult) -> {
            boolean verbose = verbose(parseResult);
            if (verbose) {
                ex.printStackTrace();
            }
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            if (isUserError(ex)) {
                System.err.println("qcmb: error: " + msg);
                return EXIT_INPUT;
            }
            System.err.println("qcmb: failed: " + msg + (verbose ? "" : " (--verbose shows the stack trace)"));
            return EXIT_FAILED;
        });
        cmd.setExitCodeExceptionMapper(ex -> EXIT_INPUT);
        return cmd.execute(args);
    }

    /** Whether the command that ran (or a parent) was given {@code --verbose}. */
    static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(SharedOptions.Verbose.NAME)) {
                return true;
            }
        }
        return false;
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof InputException
                || (ex instanceof TableQueries.QueryException q && q.userError())
                || ex instanceof NoSuchFileException
                || ex instanceof FileNotFoundException
                || (ex instanceof EngineException ee && ee.errorClass() == ErrorClass.INPUT_ERROR)
                || (ex instanceof IOException && ex.getCause() instanceof InputException);
    }
}
