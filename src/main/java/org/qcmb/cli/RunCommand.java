package org.qcmb.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qcmb.common.InputException;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.psi4.Psi4Engine;
import org.qcmb.io.InputReader;
import org.qcmb.io.XyzOptions;
import org.qcmb.qcschema.manybody.InputDocument;
import org.qcmb.run.ManyBodyRun;
import org.qcmb.run.RunRequest;
import org.qcmb.spark.EngineWarmUp;
import org.qcmb.tables.TableWriter;
import org.qcmb.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code run INPUT}: the many-body calculation on Spark (also the main class's command under spark-submit). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a many-body expansion: one Spark stage per n-body level, fragment calculations on the"
                + " executors, results assembled exactly as QCManyBody does.",
                "Writes DIR/result.json (only on success, in the input's QCSchema version), DIR/fragments/ (for"
                        + " --resume), DIR/spark-events/, and appends the run's metrics to the tables directory."})
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "ManyBodyInput .json/.yaml, or .xyz with options")
    Path input;

    @Mixin
    SharedOptions.Master master;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "qcmb-out",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    SharedOptions.Tables tables;

    @Option(names = "--no-tables", description = "do not write metrics tables")
    boolean noTables;

    @Option(names = "--resume", description = "reuse the fragment results stored in DIR by an earlier run of this"
            + " input (an interrupted or failed one, or a finished one: nothing is recomputed)")
    boolean resume;

    @Option(names = "--accept-changed-input", description = "with --resume: also reuse stored results of a changed"
            + " input, wherever a fragment's calculation is identical (same per-fragment hash); listed in"
            + " DIR/reused-fragments.txt")
    boolean acceptChangedInput;

    @Option(names = "--overwrite", description = "compute everything again although DIR holds results; they are"
            + " replaced only when the new run succeeds")
    boolean overwrite;

    @Option(names = "--engine-threads", paramLabel = "N", defaultValue = "1",
            description = "threads per fragment calculation; Spark reserves as many cores per task (default: 1)")
    int engineThreads;

    @Option(names = "--psi4-mode", paramLabel = "MODE", defaultValue = "worker",
            converter = Psi4ModeConverter.class,
            description = "how the psi4 engine runs: worker (a warm psi4 process per core, reused from fragment to"
                    + " fragment) or process (a new psi4 process per fragment) (default: ${DEFAULT-VALUE})")
    Psi4Engine.Mode psi4Mode;

    @Option(names = "--plots", description = "also write PNG plots of this run (timeline, memory, n-body"
            + " convergence, time per level) into DIR/plots")
    boolean plots;

    @Option(names = "--plots-all-runs", description = "with --plots: the time-per-level plot shows every successful"
            + " run of the tables directory, not only this one")
    boolean plotsAllRuns;

    @Mixin
    SharedOptions.Verbose verbose;

    @Mixin
    XyzOptionsMixin xyz;

    /** Engines by program name; tests replace it. */
    EngineRegistry engines;

    /** --tables is checked before any work: a file or a folder that cannot be written is an input error. */
    static void checkTables(Path dir) {
        try {
            TableWriter.checkWritable(dir);
        } catch (InputException e) {
            throw new InputException("--tables " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        if (engineThreads < 1) {
            throw new InputException("--engine-threads must be at least 1, not " + engineThreads);
        }
        if (plots && noTables) {
            throw new InputException("--plots draws from the tables: it cannot be combined with --no-tables");
        }
        if (plotsAllRuns && !plots) {
            throw new InputException("--plots-all-runs goes with --plots");
        }
        if (!noTables) {
            checkTables(tables.dir);
        }
        XyzOptions options = xyz.toOptions();
        InputDocument doc = InputReader.readDocument(input, options,
                note -> System.err.println("qcmb: note: " + note));
        if (InputReader.isXyz(input) && !options.missingForRun().isEmpty()) {
            throw new InputException(String.join(" and ", options.missingForRun()) + (options.missingForRun().size()
                    == 1 ? " is" : " are") + " missing: an XYZ input runs with --method and --basis, e.g. --method hf"
                    + " --basis sto-3g");
        }
        RunRequest request = RunRequest.builder(doc.input(),
                        engines != null ? engines : Engines.registry(engineThreads, psi4Mode,
                                Engines.localSlots(effectiveMaster(), engineThreads)))
                .shape(doc.shape())
                .inputName(input.getFileName().toString())
                .out(out)
                .tables(noTables ? null : tables.dir)
                .plots(plots ? out.resolve("plots") : null)
                .plotAllRuns(plotsAllRuns)
                .master(master.url)
                .resume(resume)
                .acceptChangedInput(acceptChangedInput)
                .overwrite(overwrite)
                .engineThreads(engineThreads)
                .observer(new ConsoleObserver(System.out, System.err))
                .build();
        EngineWarmUp.startIfLocal(master.url, doc.input(), request.engines());
        ManyBodyRun.Result r = new ManyBodyRun().execute(request);
        if (!r.succeeded()) {
            return Main.EXIT_FAILED;
        }
        return r.tablesError() == null ? 0 : Main.EXIT_TABLES;
    }

    /** The master Spark will use: --master, else what spark-submit set, else the embedded default. */
    private String effectiveMaster() {
        return master.url != null ? master.url : System.getProperty("spark.master", SparkSessions.DEFAULT_MASTER);
    }

    /** "worker" or "process"; anything else is a one-line usage error naming the option. */
    static final class Psi4ModeConverter implements ITypeConverter<Psi4Engine.Mode> {
        @Override
        public Psi4Engine.Mode convert(String value) {
            try {
                return Psi4Engine.Mode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("must be worker or process, not '" + value + "'");
            }
        }
    }
}
