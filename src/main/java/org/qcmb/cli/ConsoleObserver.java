package org.qcmb.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.qcmb.io.NbodyTable;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.run.FailureReport;
import org.qcmb.run.ManyBodyRun;
import org.qcmb.run.RunObserver;
import org.qcmb.run.RunReport;

/**
 * How {@code run} talks on the console: the plan on stdout, progress per level on stderr, then the n-body table
 * and the timings on stdout (before the tables are written, so the answer is not delayed), or the failed
 * fragments on stderr.
 */
final class ConsoleObserver implements RunObserver {
    private final PrintStream out;
    private final PrintStream err;

    ConsoleObserver(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void planned(RunReport report, int stored) {
        out.printf(Locale.ROOT, "qcmb run %s: %d atoms, %d fragments, %d fragment calculations in %d levels%s%n",
                report.runId(), report.input().molecule().atomCount(), report.input().molecule().fragmentCount(),
                report.plan().taskCount(), report.plan().tasksByLevel().size(),
                stored == 0 ? "" : " (" + stored + " stored, resuming)");
        out.flush();
    }

    @Override
    public PrintStream progress() {
        return err;
    }

    @Override
    public void finished(ManyBodyRun.Result result, Path resultFile, Path failureFile) {
        RunReport r = result.report();
        if (!result.succeeded()) {
            err.print(FailureReport.text(result.failures()));
            err.flush();
            return;
        }
        ManyBodyResult mb = result.result();
        out.println();
        out.print(NbodyTable.format(NbodyTable.rows(mb, r.plan().spec().maxNbody())));
        out.println();
        out.printf(Locale.ROOT, "Return energy (%s): %.12f Eh%n", r.input().bsseTypes().get(0).label(),
                mb.retEnergy());
        out.println("Result:        " + resultFile);
        out.printf(Locale.ROOT, "Fragments:     %d computed, %d reused from an earlier run%n", r.computed(),
                r.reused());
        out.printf(Locale.ROOT, "Time:          %.1f s total (Spark start-up %.1f s, stages %.1f s)%n",
                r.wallTimeMs() / 1000.0, r.sparkStartupMs() / 1000.0, r.stageTimeMs() / 1000.0);
        out.flush();
    }

    @Override
    public void tablesWritten(Path tables, String runId, long writeMs) {
        out.printf(Locale.ROOT, "Tables:        %s (run_id %s, written in %.2f s)%n", tables, runId, writeMs / 1000.0);
    }

    @Override
    public void tablesFailed(Path tables, RuntimeException error) {
        out.flush();
        err.println("qcmb: tables not written (the result is kept; exit code " + Main.EXIT_TABLES + "): "
                + error.getMessage());
        err.flush();
    }

    @Override
    public void plotsWritten(List<Path> files, Path folder) {
        out.println("Plots:         " + files.size() + " PNG files in " + folder);
    }
}
