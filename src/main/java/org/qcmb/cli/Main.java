package org.qcmb.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.qcmb.common.InputException;
import org.qcmb.engine.EngineException;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.tables.TableQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/** Entry point of every command (and the main class for spark-submit). */
@Command(name = "qcmb", mixinStandardHelpOptions = true, version = "qcmb 0.1.0",
        description = "Many-body expansion (MBE) quantum chemistry on Apache Spark.")
public final class Main implements Runnable {

    /**
     * The subcommands in usage order. Registered programmatically: a command line naming one builds only that one,
     * since picocli introspects every registered command's annotations at start-up (60 ms of a 0.4 s compute).
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("help", CommandLine.HelpCommand::new);
        m.put("plan", PlanCommand::new);
        m.put("analyze", AnalyzeCommand::new);
        m.put("run", RunCommand::new);
        m.put("sql", SqlCommand::new);
        m.put("bench", BenchCommand::new);
        m.put("compute", ComputeCommand::new);
        return m;
    }

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
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) { // SIGTERM or Ctrl-C: one line, then quiet while Spark's own hooks stop it
                boolean run = java.util.Arrays.asList(args).contains("run");
                System.err.println("qcmb: stopped by a signal" + (run ? "; a run keeps the fragment results it has"
                        + " computed (stored every 30 s and at the end of each level) in --out: run it again with"
                        + " --resume to continue" : ""));
                System.err.flush();
                System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                try {
                    org.apache.logging.log4j.core.config.Configurator.setRootLevel(
                            org.apache.logging.log4j.Level.OFF);
                } catch (LinkageError e) {
                    // compute starts without Spark's jars (log4j among them): nothing to silence
                }
            }
        }, "qcmb-signal"));
        int code = execute(args);
        finished.set(true);
        System.exit(code);
    }

    /** The command line for these arguments: the subcommand they name only, or all of them. */
    static CommandLine commandLine(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        boolean one = SUBCOMMANDS.containsKey(first) && !first.equals("help");
        SUBCOMMANDS.forEach((name, command) -> {
            if (!one || name.equals(first)) {
                cmd.addSubcommand(name, command.get());
            }
        });
        return cmd;
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cmd = commandLine(args);
        cmd.setExecutionExceptionHandler((ex, line, parseResult) -> {
            boolean verbose = verbose(parseResult);
            if (verbose) {
                ex.printStackTrace();
            }
            String msg = oneLine(ex);
            if (isUserError(ex)) {
                System.err.println("qcmb: error: " + msg);
                return EXIT_INPUT;
            }
            System.err.println("qcmb: failed: " + msg + (verbose ? "" : " (--verbose shows the stack trace)"));
            return EXIT_FAILED;
        });
        cmd.setExitCodeExceptionMapper(ex -> EXIT_INPUT);
        try {
            return cmd.execute(args);
        } catch (Error e) { // picocli hands on Errors (out of memory, a Hadoop FSError): still one line
            boolean verbose = java.util.Arrays.asList(args).contains(SharedOptions.Verbose.NAME);
            if (verbose) {
                e.printStackTrace();
            }
            System.err.println("qcmb: failed: " + (e instanceof OutOfMemoryError ? "out of memory (JVM heap "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; QCMB_JAVA_OPTS=-Xmx... gives more): " : "")
                    + oneLine(e) + (verbose ? "" : " (--verbose shows the stack trace)"));
            return EXIT_FAILED;
        }
    }

    /** A message on one line: the first line of the message (Spark's carry plans and traces), at most 500 chars. */
    static String oneLine(Throwable ex) {
        String msg = ex.getMessage() == null || ex.getMessage().isBlank() ? ex.getClass().getSimpleName()
                : ex.getMessage().strip();
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl).strip() + " ...";
        }
        return msg.length() > 500 ? msg.substring(0, 500) + " ..." : msg;
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
