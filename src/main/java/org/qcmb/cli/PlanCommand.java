package org.qcmb.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.qcmb.common.InputException;
import org.qcmb.io.InputReader;
import org.qcmb.io.XyzOptions;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.ExpansionSpec;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.KeptTerms;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.ScreeningSpec;
import org.qcmb.mbe.TaskFamily;
import org.qcmb.run.ModelChemistryEngines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plan INPUT [--list]}: the tasks a many-body expansion needs, counted by level; nothing is computed. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plan a many-body expansion: count the fragment calculations per n-body level (number of real"
                + " fragments) and treatment, and the distinct tasks. Nothing is computed; Spark is not started.",
                "INPUT is a ManyBodyInput in JSON or YAML, or an XYZ file (angstrom, '--' between fragments) with"
                        + " the options below."})
public final class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "ManyBodyInput .json/.yaml, or .xyz")
    Path input;

    @Option(names = "--list", description = "Also list every task label, grouped by level.")
    boolean list;

    @Mixin
    SharedOptions.Verbose verbose;

    @Mixin
    XyzOptionsMixin xyz;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        XyzOptions options = xyz.toOptions();
        ManyBodyInput in = InputReader.read(input, options, note -> System.err.println("qcmb: note: " + note));
        ExpansionSpec spec = in.expansionSpec();
        Plan plan = in.plan();
        if (InputReader.isXyz(input) && !options.missingForRun().isEmpty()) {
            System.err.println("qcmb: warning: " + String.join(" and ", options.missingForRun()) + " not given: the"
                    + " plan is counted, but nothing can run without --method and --basis");
        } else {
            try { // the checks run makes before Spark starts, as a warning: planning needs no engine
                ModelChemistryEngines.resolve(in, plan, Engines.registry(1));
            } catch (InputException e) {
                System.err.println("qcmb: warning: run would refuse this input: " + e.getMessage());
            }
        }
        StringBuilder sb = new StringBuilder(4096);
        int n = spec.nFragments();
        sb.append("Input:            ").append(input).append('\n');
        sb.append("Molecule:         ").append(in.molecule().atomCount()).append(" atoms, ").append(n)
                .append(" fragments, charge ").append(in.molecule().molecularCharge()).append(", multiplicity ")
                .append(in.molecule().molecularMultiplicity()).append('\n');
        sb.append("Driver:           ").append(in.driver().schemaName()).append('\n');
        sb.append("BSSE treatments:  ").append(names(in.bsseTypes())).append(" (effective: ")
                .append(names(plan.effectiveBsse())).append("; returned: ")
                .append(in.bsseTypes().get(0).label()).append(")\n");
        sb.append("max_nbody:        ").append(spec.maxNbody()).append('\n');
        sb.append("Flags:            return_total_data ").append(spec.returnTotalData()).append(", supersystem_ie_only ")
                .append(spec.supersystemIeOnly()).append(in.embeddingCharges() != null ? ", embedding charges" : "")
                .append('\n');
        sb.append("Model chemistries:\n");
        for (ExpansionSpec.McLevels m : spec.modelChemistries()) {
            sb.append("  ").append(m.mc()).append(": levels ").append(range(m.levels())).append(describe(in, m.mc()))
                    .append('\n');
        }
        if (spec.supersystemMc() != null) {
            sb.append("  ").append(spec.supersystemMc()).append(": supersystem")
                    .append(describe(in, spec.supersystemMc())).append('\n');
        }
        if (plan.screening() != null) {
            screening(sb, plan);
        }
        TreeSet<Integer> levels = new TreeSet<>(plan.tasksByLevel().keySet());
        sb.append("\nTasks per level (level = number of real fragments; one Spark stage each):\n");
        int w = 12;
        sb.append(String.format(Locale.ROOT, "  %-28s", "model chemistry / treatment"));
        for (int lv : levels) {
            sb.append(String.format(Locale.ROOT, "%" + w + "s", "level " + lv));
        }
        sb.append(String.format(Locale.ROOT, "%" + w + "s%n", "total"));
        for (Map.Entry<String, Map<TaskFamily, long[]>> e : plan.familyCounts().entrySet()) {
            for (Map.Entry<TaskFamily, long[]> f : e.getValue().entrySet()) {
                long tot = 0;
                sb.append(String.format(Locale.ROOT, "  %-28s", shorten(e.getKey(), 14) + " / " + f.getKey().title()));
                for (int lv : levels) {
                    long c = lv < f.getValue().length ? f.getValue()[lv] : 0;
                    tot += c;
                    sb.append(String.format(Locale.ROOT, "%" + w + "d", c));
                }
                sb.append(String.format(Locale.ROOT, "%" + w + "d%n", tot));
            }
        }
        sb.append(String.format(Locale.ROOT, "  %-28s", "distinct tasks"));
        for (int lv : levels) {
            sb.append(String.format(Locale.ROOT, "%" + w + "d", plan.tasksByLevel().get(lv).size()));
        }
        sb.append(String.format(Locale.ROOT, "%" + w + "d%n", plan.taskCount()));
        sb.append("\nTotal distinct tasks: ").append(plan.taskCount()).append('\n');
        out.print(sb);
        if (list) {
            StringBuilder lb = new StringBuilder(1 << 16);
            for (Map.Entry<Integer, List<FragmentTask>> e : plan.tasksByLevel().entrySet()) {
                lb.append("\n# level ").append(e.getKey()).append(": ").append(e.getValue().size()).append(" tasks\n");
                for (FragmentTask t : e.getValue()) {
                    lb.append(t.label()).append('\n');
                    if (lb.length() > (1 << 20)) {
                        out.print(lb);
                        lb.setLength(0);
                    }
                }
            }
            out.print(lb);
        }
        out.flush();
        return 0;
    }

    /** The screening rule and, per order decided before the run, the kept and screened terms. */
    private static void screening(StringBuilder sb, Plan plan) {
        ScreeningSpec rule = plan.screening().spec();
        sb.append("Screening:\n");
        if (!rule.distance().isEmpty()) {
            sb.append("  distance cutoffs (").append(rule.metric().label()).append(", angstrom): ")
                    .append(rule.distance()).append('\n');
        }
        if (rule.energyScreened()) {
            sb.append("  energy thresholds (hartree, on the sum of |increment| of the (n-1)-subsets): ")
                    .append(rule.energy()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "  %-8s%14s%14s%14s%n", "order", "candidates", "kept", "screened"));
        KeptTerms kept = plan.kept();
        for (int k = 1; k <= kept.through(); k++) {
            sb.append(String.format(Locale.ROOT, "  %-8d%14d%14d%14d%n", k, kept.candidates(k), kept.kept(k),
                    kept.candidates(k) - kept.kept(k)));
        }
        for (int k = kept.through() + 1; k <= plan.spec().maxNbody(); k++) {
            sb.append(String.format(Locale.ROOT, "  %-8d%14d%28s%n", k, kept.candidates(k),
                    "depends on results"));
        }
        if (!plan.complete()) {
            sb.append("  Orders ").append(kept.through() + 1).append("..").append(plan.spec().maxNbody())
                    .append(" are energy-screened: each is planned during the run from the previous order's"
                            + " increments, so their counts depend on results and the tasks below stop at order ")
                    .append(kept.through()).append(".\n");
        }
    }

    private static String describe(ManyBodyInput in, String mc) {
        AtomicSpecification s = in.specifications().get(mc);
        if (s == null) {
            return "";
        }
        return " (program " + s.program() + ", method " + (s.method() == null ? "-" : s.method()) + ", basis "
                + (s.basis() == null ? "-" : s.basis()) + ")";
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "~";
    }

    private static String range(int[] levels) {
        return levels.length == 1 ? String.valueOf(levels[0]) : levels[0] + "-" + levels[levels.length - 1];
    }

    private static String names(List<BsseType> bts) {
        List<String> s = new ArrayList<>();
        bts.forEach(b -> s.add(b.label()));
        return String.join(", ", s);
    }
}
