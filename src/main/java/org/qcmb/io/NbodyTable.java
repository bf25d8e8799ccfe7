package org.qcmb.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import org.qcmb.mbe.BsseType;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.molecule.Units;

/**
 * The per-treatment, per-level energies of a result (QCManyBody's result properties): total energy,
 * interaction energy and n-body contribution, as rows for the console summary and the nbody table.
 */
public final class NbodyTable {
    /** One treatment at one level; NaN where the property does not exist (e.g. cp totals without monomers). */
    public record Row(String treatment, int nbody, double total, double interaction, double contribution) {
    }

    private NbodyTable() {
    }

    public static List<Row> rows(ManyBodyResult r, int maxNbody) {
        SortedMap<String, double[]> p = r.results();
        List<Row> rows = new ArrayList<>();
        for (BsseType bt : r.effectiveBsse()) {
            String b = bt.label();
            for (int n = 1; n <= maxNbody; n++) {
                double total = get(p, b + "_corrected_total_energy_through_" + n + "_body");
                double ie = get(p, b + "_corrected_interaction_energy_through_" + n + "_body");
                double contrib = n == 1 ? Double.NaN : get(p, b + "_corrected_" + n + "_body_contribution_to_energy");
                if (Double.isNaN(total) && Double.isNaN(ie) && Double.isNaN(contrib)) {
                    continue;
                }
                rows.add(new Row(b, n, total, ie, contrib));
            }
        }
        return rows;
    }

    private static double get(SortedMap<String, double[]> p, String key) {
        double[] v = p.get(key);
        return v == null ? Double.NaN : v[0];
    }

    /** A readable table: energies in Eh, interaction and contribution also in kcal/mol. */
    public static String format(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        String head = String.format(Locale.ROOT, "%-9s %3s %20s %16s %16s %14s %14s%n", "treatment", "n",
                "total energy [Eh]", "interaction [Eh]", "contrib. [Eh]", "IE [kcal/mol]", "contrib [kcal/mol]");
        sb.append(head).append("-".repeat(head.length() - 1)).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-9s %3d %20s %16s %16s %14s %14s%n", r.treatment(), r.nbody(),
                    num(r.total(), 12), num(r.interaction(), 10), num(r.contribution(), 10),
                    num(r.interaction() * Units.HARTREE_TO_KCALMOL, 4),
                    num(r.contribution() * Units.HARTREE_TO_KCALMOL, 4)));
        }
        return sb.toString();
    }

    private static String num(double v, int digits) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
