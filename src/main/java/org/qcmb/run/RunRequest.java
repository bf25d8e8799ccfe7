package org.qcmb.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.qcmb.common.InputException;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.qcschema.manybody.ResultShape;

/**
 * What a caller asks of a run. Built with {@link #builder}; every setting but the input and the engines has a
 * default: output folder {@code qcmb-out} (which must hold no results: {@link OutputMode#NEW}), no tables, plots of
 * this run only, the master spark-submit set (else the embedded default), one thread per fragment calculation, the
 * result in QCSchema v1, nothing reported as it goes.
 */
public record RunRequest(
        ManyBodyInput input,
        EngineRegistry engines,
        ResultShape shape,
        String inputName,
        Path out,
        Path tables,
        Path plots,
        boolean plotAllRuns,
        String master,
        OutputMode output,
        int engineThreads,
        Map<String, String> sparkConf,
        RunObserver observer) {

    public RunRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(output, "output");
        if (engineThreads < 1) {
            throw new IllegalArgumentException("engine threads must be at least 1, not " + engineThreads);
        }
        if (plots != null && tables == null) {
            throw new IllegalArgumentException("plots are drawn from the tables: give a tables directory");
        }
        sparkConf = Map.copyOf(sparkConf);
    }

    public static Builder builder(ManyBodyInput input, EngineRegistry engines) {
        return new Builder(input, engines);
    }

    /** Builds a {@link RunRequest}; each setter returns the builder. */
    public static final class Builder {
        private final ManyBodyInput input;
        private final EngineRegistry engines;
        private ResultShape shape = ResultShape.DEFAULT;
        private String inputName = "input";
        private Path out = Path.of("qcmb-out");
        private Path tables;
        private Path plots;
        private boolean plotAllRuns;
        private String master;
        private boolean resume;
        private boolean acceptChangedInput;
        private boolean overwrite;
        private int engineThreads = 1;
        private final Map<String, String> sparkConf = new LinkedHashMap<>();
        private RunObserver observer = RunObserver.SILENT;

        private Builder(ManyBodyInput input, EngineRegistry engines) {
            this.input = input;
            this.engines = engines;
        }

        /** The result document's QCSchema version and protocols (from the input document). */
        public Builder shape(ResultShape shape) {
            this.shape = shape;
            return this;
        }

        /** The name the runs table records (e.g. the input file's name). */
        public Builder inputName(String inputName) {
            this.inputName = inputName;
            return this;
        }

        /** The output folder: result.json, fragments/ (for resume), spark-events/. */
        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        /** The tables directory the run's metrics are appended to; null writes none. */
        public Builder tables(Path tables) {
            this.tables = tables;
            return this;
        }

        /** A folder for PNG plots of this run (drawn from the tables); null draws none. */
        public Builder plots(Path plots) {
            this.plots = plots;
            return this;
        }

        /** Plot every successful run of the tables folder rather than this run only. */
        public Builder plotAllRuns(boolean plotAllRuns) {
            this.plotAllRuns = plotAllRuns;
            return this;
        }

        /** The Spark master; null keeps what spark-submit set, else the embedded default. */
        public Builder master(String master) {
            this.master = master;
            return this;
        }

        /** Reuse the fragment results stored in the output folder by an earlier run of the same input. */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** With resume: also reuse stored results of a changed input wherever a fragment's content hash is equal. */
        public Builder acceptChangedInput(boolean acceptChangedInput) {
            this.acceptChangedInput = acceptChangedInput;
            return this;
        }

        /** Compute everything again into a folder that holds results; they are replaced once the run succeeds. */
        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** Threads per fragment calculation; Spark reserves as many cores per task. */
        public Builder engineThreads(int engineThreads) {
            this.engineThreads = engineThreads;
            return this;
        }

        /** A Spark setting for a session the run starts itself. */
        public Builder sparkConf(String key, String value) {
            this.sparkConf.put(key, value);
            return this;
        }

        /** Who is told how the run goes (the console); the default tells no one. */
        public Builder observer(RunObserver observer) {
            this.observer = observer;
            return this;
        }

        /** The request; --resume with --overwrite, or --accept-changed-input without --resume, is an input error. */
        public RunRequest build() {
            if (overwrite && resume) {
                throw new InputException("--overwrite and --resume exclude each other: --resume reuses what --out"
                        + " holds, --overwrite computes everything again");
            }
            if (acceptChangedInput && !resume) {
                throw new InputException("--accept-changed-input goes with --resume");
            }
            return new RunRequest(input, engines, shape, inputName, out, tables, plots, plotAllRuns, master,
                    OutputMode.of(resume, acceptChangedInput, overwrite), engineThreads, sparkConf, observer);
        }
    }
}
