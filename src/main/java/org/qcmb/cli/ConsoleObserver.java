package org.qcmb.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qcmb.io.NbodyTable;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ExpansionSpec;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.ScreeningSpec;
import org.qcmb.molecule.Units;
import org.qcmb.run.FailureReport;
import org.qcmb.run.ManyBodyRun;
import org.qcmb.run.OutputMode;
import org.qcmb.run.RunObserver;
import org.qcmb.run.RunReport;
import org.qcmb.spark.ManyBodyJob;

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
    public void planned(RunReport report, int stored, OutputMode mode) {
        Plan plan = report.plan();
        // an energy-screened plan knows only the orders below its first threshold until results arrive
        int next = plan.complete() ? 0 : plan.kept().through() + 1;
        int top = plan.spec().maxNbody();
        String later = plan.complete() ? "" : " so far; " + (next == top ? "level " + top + " is" : "levels " + next
                + "-" + top + " are") + " energy-screened and planned from the previous level's results";
        int levels = plan.tasksByLevel().size();
        String resume = stored == 0 ? "" : mode == OutputMode.RESUME_CHANGED_INPUT
                ? " (" + stored + " stored results; those whose calculation is unchanged are reused)"
                : " (" + stored + " stored, resuming)";
        out.printf(Locale.ROOT, "qcmb run %s: %d atoms, %d fragments, %s in %d level%s%s%s%n", report.runId(),
                report.input().molecule().atomCount(), report.input().molecule().fragmentCount(),
                ManyBodyJob.calculations(plan.taskCount()), levels, levels == 1 ? "" : "s", later, resume);
        out.println(modelChemistry(report.input()));
        out.flush();
    }

    /** "Model chemistry: hf/sto-3g (builtin), energy" or one line per model chemistry with its levels. */
    static String modelChemistry(ManyBodyInput in) {
        ExpansionSpec spec = in.expansionSpec();
        List<String> parts = new ArrayList<>();
        for (ExpansionSpec.McLevels m : spec.modelChemistries()) {
            int[] lv = m.levels();
            parts.add(describe(in.specification(m.mc())) + (spec.modelChemistries().size() == 1
                    && spec.supersystemMc() == null ? "" : " for level" + (lv.length == 1 ? " " + lv[0]
                    : "s " + lv[0] + "-" + lv[lv.length - 1])));
        }
        if (spec.supersystemMc() != null) {
            parts.add(describe(in.specification(spec.supersystemMc())) + " for the supersystem");
        }
        return (parts.size() == 1 ? "Model chemistry: " : "Model chemistries: ") + String.join("; ", parts) + ", "
                + in.driver().schemaName() + ", bsse " + String.join(", ", in.bsseTypes().stream()
                .map(b -> b.label()).toList()) + ", through " + spec.maxNbody() + "-body";
    }

    private static String describe(AtomicSpecification s) {
        return s.method() + "/" + s.basis() + " (" + s.program() + ")";
    }

    @Override
    public PrintStream progress() {
        return err;
    }

    @Override
    public void finished(ManyBodyRun.Result result, Path resultFile, Path failureFile) {
        RunReport r = result.report();
        if (!result.succeeded()) {
            err.print(FailureReport.text(result.failures(), failureFile.getParent()));
            err.flush();
            return;
        }
        ManyBodyResult mb = result.result();
        out.println();
        out.print(NbodyTable.format(NbodyTable.rows(mb, r.plan().spec().maxNbody())));
        out.println();
        out.println(returnEnergy(r.input(), mb));
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

    /** "Return energy: cp interaction energy through 3-body = ... Eh (... kcal/mol)" or the total energy. */
    static String returnEnergy(ManyBodyInput in, ManyBodyResult mb) {
        ExpansionSpec spec = in.expansionSpec();
        String through = "through " + spec.maxNbody() + "-body" + (spec.supersystemMc() != null
                ? " with the supersystem" : "");
        String bt = in.bsseTypes().get(0).label();
        if (spec.returnTotalData()) {
            return String.format(Locale.ROOT, "Return energy: %s total energy %s = %.12f Eh", bt, through,
                    mb.retEnergy());
        }
        return String.format(Locale.ROOT, "Return energy: %s interaction energy %s = %.12f Eh (%.4f kcal/mol)", bt,
                through, mb.retEnergy(), mb.retEnergy() * Units.HARTREE_TO_KCALMOL);
    }

    @Override
    public void reusedByContent(int count, Path file) {
        out.println("Reused:        " + count + " stored fragment result" + (count == 1 ? "" : "s")
                + " of an earlier input whose calculation is unchanged (listed in " + file + ")");
    }

    @Override
    public void otherEngineVersion(int count) {
        out.println("Recomputed:    " + count + " stored fragment result" + (count == 1 ? "" : "s")
                + " of another engine version (its numbers may differ from this version's)");
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
