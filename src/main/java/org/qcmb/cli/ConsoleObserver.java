package org.qcmb.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qcmb.io.NbodyTable;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.ScreeningSpec;
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
    private long finishedNanos; // when the summary was printed: the tables are written after it

    ConsoleObserver(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void planned(RunReport report, int stored) {
        Plan plan = report.plan();
        // an energy-screened plan knows only the orders below its first threshold until results arrive
        int next = plan.complete() ? 0 : plan.kept().through() + 1;
        int top = plan.spec().maxNbody();
        String later = plan.complete() ? "" : " so far; " + (next == top ? "level " + top + " is" : "levels " + next
                + "-" + top + " are") + " energy-screened and planned from the previous level's results";
        out.printf(Locale.ROOT, "qcmb run %s: %d atoms, %d fragments, %d fragment calculations in %d levels%s%s%n",
                report.runId(), report.input().molecule().atomCount(), report.input().molecule().fragmentCount(),
                plan.taskCount(), plan.tasksByLevel().size(), later,
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
        if (r.plan().screening() != null) {
            out.print(screening(r.plan()));
        }
        out.printf(Locale.ROOT, "Time:          %.1f s total (Spark start-up %.1f s, stages %.1f s, assembly %.1f s,"
                + " result written in %.1f s)%n", r.wallTimeMs() / 1000.0, r.sparkStartupMs() / 1000.0,
                r.stageTimeMs() / 1000.0, r.assembleMs() / 1000.0, r.resultWriteMs() / 1000.0);
        out.flush();
        finishedNanos = System.nanoTime();
    }

    /** The rule, then per level the candidates, kept and screened terms (and those the energy rule dropped). */
    static String screening(Plan plan) {
        ScreeningSpec rule = plan.screening().spec();
        StringBuilder sb = new StringBuilder("Screening:    ");
        if (!rule.distance().isEmpty()) {
            sb.append(" distance ").append(orders(rule.distance())).append(" angstrom (")
                    .append(rule.metric().label()).append(')').append(rule.energyScreened() ? ";" : "");
        }
        if (rule.energyScreened()) {
            sb.append(" energy ").append(orders(rule.energy())).append(" hartree");
        }
        sb.append(String.format(Locale.ROOT, "%n  %-7s%12s%12s%12s%12s%n", "level", "candidates", "kept", "screened",
                "by energy"));
        for (Plan.OrderCount c : plan.orderCounts()) {
            sb.append(String.format(Locale.ROOT, "  %-7d%12d%12d%12d%12s%n", c.order(), c.candidates(), c.kept(),
                    c.screened(), c.screenedByEnergy() == null ? "-" : c.screenedByEnergy().toString()));
        }
        return sb.toString();
    }

    private static String orders(Map<Integer, Double> byOrder) {
        StringBuilder sb = new StringBuilder();
        byOrder.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    @Override
    public void tablesWritten(Path tables, String runId) {
        out.printf(Locale.ROOT, "Tables:        %s (run_id %s), written in %.1f s%n", tables, runId,
                (System.nanoTime() - finishedNanos) / 1e9);
    }

    @Override
    public void plotsWritten(List<Path> files, Path folder) {
        out.println("Plots:         " + files.size() + " PNG files in " + folder);
    }
}
