package org.qcmb.mbe;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;

/**
 * Assembles component results into the many-body result (semantics §4), for energies, gradients and Hessians,
 * nocp/cp/vmfc, multi-level and supersystem. The order of every sum is fixed by the plan (families and
 * lexicographic fragment order), never by the order results arrived, so results do not depend on scheduling:
 * <ol>
 *   <li>scalar level sums S_k, V_k and the monomer sum are exactly rounded ({@link ExactSum}, like math.fsum);
 *       array level sums are left-to-right in lexicographic task order;</li>
 *   <li>body(n) = 0.0 + c_1 S_1 + c_2 S_2 + ... (ascending k); cp then subtracts bsse = S^cp_1 - mono;</li>
 *   <li>Delta(n) = body_m(n)(n) - body_m(n)(n-1), with both terms from the mc owning level n;</li>
 *   <li>ret = sum of Delta from the highest level down, plus the supersystem correction; rtd=false subtracts
 *       body_ret(1);</li>
 *   <li>reported body_bt(n) = left-to-right sums of Delta(1..n).</li>
 * </ol>
 * A screened plan (kept terms, docs/screening.md) takes its Delta(n) from the kept n-mers' increments instead
 * ({@link #assembleScreened}); steps 3-5 are shared. Unscreened plans never touch that path.
 */
public final class Assembler {
    private final Plan plan;
    private final ExpansionSpec spec;
    private final int[] sizes;
    private final int[] offsets;
    private final int nat;
    private final Map<FragmentTask, ComponentResult> results;

    private Assembler(Plan plan, Map<FragmentTask, ComponentResult> results) {
        this.plan = plan;
        this.spec = plan.spec();
        this.sizes = spec.fragmentSizes();
        this.offsets = new int[sizes.length];
        int a = 0;
        for (int f = 0; f < sizes.length; f++) {
            offsets[f] = a;
            a += sizes[f];
        }
        this.nat = a;
        this.results = results;
    }

    /**
     * Assembles the result for the given driver. Energy is always assembled; the gradient when the driver is
     * gradient or Hessian (or when every task has one), the Hessian for the Hessian driver.
     *
     * @param results one entry per task of the plan (extra entries are ignored)
     */
    public static ManyBodyResult assemble(Plan plan, Driver driver, Map<FragmentTask, ComponentResult> results) {
        if (!plan.complete()) {
            throw new IllegalArgumentException("the energy-screened plan is decided only through order "
                    + plan.kept().through() + " of " + plan.spec().maxNbody() + ": extend it (Planner.extend) first");
        }
        return new Assembler(plan, results).run(driver);
    }

    private ManyBodyResult run(Driver driver) {
        for (FragmentTask t : plan.tasks()) {
            if (!results.containsKey(t)) {
                throw new InputException("component_results: no result for task " + t.label() + " (the plan has "
                        + plan.taskCount() + " tasks)");
            }
        }
        List<Property> props = new ArrayList<>();
        props.add(Property.ENERGY);
        if (driver != Driver.ENERGY || allHave(Property.GRADIENT)) {
            props.add(Property.GRADIENT);
        }
        if (driver == Driver.HESSIAN) {
            props.add(Property.HESSIAN);
        }
        Map<Property, double[]> ret = new EnumMap<>(Property.class);
        Map<Property, Map<BsseType, SortedMap<Integer, double[]>>> bodies = new EnumMap<>(Property.class);
        SortedMap<String, double[]> named = new TreeMap<>();
        for (Property p : props) {
            if (p != Property.ENERGY && !allHave(p)) {
                if (p == Property.GRADIENT && driver == Driver.HESSIAN) {
                    continue; // a Hessian run whose tasks did not report gradients: no return_gradient
                }
                FragmentTask missing = plan.tasks().stream().filter(t -> get(t, p) == null).findFirst().orElseThrow();
                throw new InputException("component_results: task " + missing.label() + " has no " + p.label()
                        + ", which the " + driver.schemaName() + " driver needs");
            }
            PropertyResult r = assembleProperty(p);
            ret.put(p, r.ret);
            bodies.put(p, r.body);
            named.putAll(ResultProperties.of(p, r.body, spec, plan.effectiveBsse()));
        }
        return new ManyBodyResult(driver, plan.effectiveBsse(), plan.taskCount(), spec.modelChemistryCount(),
                spec.nFragments(), nat, ret, bodies, named, plan.screeningExtras());
    }

    private boolean allHave(Property p) {
        for (FragmentTask t : plan.tasks()) {
            if (get(t, p) == null) {
                return false;
            }
        }
        return !plan.tasks().isEmpty();
    }

    private double[] get(FragmentTask t, Property p) {
        ComponentResult r = results.get(t);
        return switch (p) {
            case ENERGY -> new double[] {r.energy()};
            case GRADIENT -> r.gradient();
            case HESSIAN -> r.hessian();
        };
    }

    private record PropertyResult(double[] ret, Map<BsseType, SortedMap<Integer, double[]>> body) {
    }

    /** A level sum: exactly rounded for scalars, left-to-right (scatter-added at full size) for arrays. */
    private final class LevelSum {
        final Property p;
        final ExactSum exact;
        final double[] arr;

        LevelSum(Property p) {
            this.p = p;
            this.exact = p == Property.ENERGY ? new ExactSum() : null;
            this.arr = p == Property.ENERGY ? null : new double[p.size(nat)];
        }

        void add(FragmentTask t, double sign) {
            ComponentResult r = results.get(t);
            if (r == null) {
                throw new InputException("component_results: no result for task " + t.label());
            }
            if (p == Property.ENERGY) {
                exact.add(sign * r.energy());
                return;
            }
            scatter(t, r, sign);
        }

        /** Adds w times the task's value; energies exactly (the product's rounding error is added too). */
        void addTimes(FragmentTask t, long w) {
            ComponentResult r = results.get(t);
            if (r == null) {
                throw new InputException("component_results: no result for task " + t.label());
            }
            double c = w;
            if (p == Property.ENERGY) {
                double prod = c * r.energy();
                exact.add(prod);
                exact.add(Math.fma(c, r.energy(), -prod));
                return;
            }
            scatter(t, r, c);
        }

        /** Adds sign times a gradient or Hessian, expanded to full size (spec 4.2). */
        private void scatter(FragmentTask t, ComponentResult r, double sign) {
            int[] map = atomMap(t.basis());
            int nb = map.length;
            if (p == Property.GRADIENT) {
                double[] g = r.gradient();
                if (g.length != 3 * nb) {
                    throw shape(t, "gradient", g.length, 3 * nb);
                }
                for (int i = 0; i < nb; i++) {
                    for (int c = 0; c < 3; c++) {
                        arr[3 * map[i] + c] += sign * g[3 * i + c];
                    }
                }
            } else {
                double[] h = r.hessian();
                int d = 3 * nb;
                if (h.length != d * d) {
                    throw shape(t, "hessian", h.length, d * d);
                }
                int dn = 3 * nat;
                for (int i = 0; i < nb; i++) {
                    for (int a = 0; a < 3; a++) {
                        int row = (3 * i + a) * d;
                        int prow = (3 * map[i] + a) * dn;
                        for (int j = 0; j < nb; j++) {
                            for (int b = 0; b < 3; b++) {
                                arr[prow + 3 * map[j] + b] += sign * h[row + 3 * j + b];
                            }
                        }
                    }
                }
            }
        }

        double[] value() {
            return p == Property.ENERGY ? new double[] {exact.value()} : arr.clone();
        }
    }

    private static InputException shape(FragmentTask t, String what, int got, int want) {
        return new InputException("component_results: " + what + " of task " + t.label() + " has " + got
                + " numbers, but its " + (want) + " are needed (All values in data dictionary must have the same"
                + " shape)");
    }

    /** Task atom -> parent atom, for basis fragments B (ascending, 1-based). */
    private int[] atomMap(int[] basis) {
        int n = 0;
        for (int f : basis) {
            n += sizes[f - 1];
        }
        int[] map = new int[n];
        int r = 0;
        for (int f : basis) {
            for (int a = 0; a < sizes[f - 1]; a++) {
                map[r++] = offsets[f - 1] + a;
            }
        }
        return map;
    }

    private PropertyResult assembleProperty(Property p) {
        if (plan.kept() != null) {
            return assembleScreened(p);
        }
        int n = spec.nFragments();
        int mMax = spec.maxNbody();
        boolean sio = spec.supersystemIeOnly();
        boolean rtd = spec.returnTotalData();
        List<BsseType> eff = plan.effectiveBsse();
        int dim = p.size(nat);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i + 1;
        }
        // per-mc body values: mc -> bt -> body[0..T]
        Map<String, Map<BsseType, double[][]>> mcBody = new LinkedHashMap<>();
        for (ExpansionSpec.McLevels m : spec.modelChemistries()) {
            String mc = m.mc();
            int top = m.top();
            Map<BsseType, double[][]> body = new EnumMap<>(BsseType.class);
            double[] mono = new double[dim];
            if (m.owns(1) && (rtd || (eff.contains(BsseType.NOCP) && !sio))) {
                LevelSum s = new LevelSum(p);
                Combinations.forEach(n, 1, x -> s.add(new FragmentTask(mc, x, x), 1.0));
                mono = s.value();
            }
            if (eff.contains(BsseType.NOCP)) {
                double[][] s = new double[top + 1][];
                for (int k = 1; k <= top; k++) {
                    s[k] = new double[dim];
                }
                for (int k : Planner.sizes(sio, top, n)) {
                    LevelSum ls = new LevelSum(p);
                    Combinations.forEach(n, k, x -> ls.add(new FragmentTask(mc, x, x), 1.0));
                    s[k] = ls.value();
                }
                double[][] b = new double[top + 1][];
                b[0] = new double[dim];
                for (int k = 1; k <= top; k++) {
                    b[k] = mbe(s, k, n, dim);
                }
                body.put(BsseType.NOCP, b);
            }
            if (eff.contains(BsseType.CP)) {
                double[][] s = new double[top + 1][];
                for (int k = 1; k <= top; k++) {
                    s[k] = new double[dim];
                }
                if (sio || top >= 2) {
                    for (int k : Planner.sizes(sio, top, n)) {
                        LevelSum ls = new LevelSum(p);
                        Combinations.forEach(n, k, x -> ls.add(new FragmentTask(mc, x, k == n ? x : all), 1.0));
                        s[k] = ls.value();
                    }
                }
                double[] bsse = sub(s[1], mono);
                double[][] b = new double[top + 1][];
                b[0] = new double[dim];
                b[1] = mono.clone();
                for (int k = 2; k <= top; k++) {
                    b[k] = sub(mbe(s, k, n, dim), bsse);
                }
                body.put(BsseType.CP, b);
            }
            if (eff.contains(BsseType.VMFC)) {
                double[][] v = new double[top + 1][];
                for (int k = 1; k <= top; k++) {
                    if (m.owns(k)) {
                        LevelSum ls = new LevelSum(p);
                        final int kk = k;
                        Combinations.forEach(n, k, bb -> Combinations.forEachSubset(bb, x -> ls.add(
                                new FragmentTask(mc, x.length == bb.length ? bb : x, bb),
                                ((kk - x.length) % 2 == 0) ? 1.0 : -1.0)));
                        v[k] = ls.value();
                    } else {
                        v[k] = new double[dim];
                    }
                }
                double[][] b = new double[top + 1][];
                b[0] = new double[dim];
                double[] run = new double[dim];
                for (int k = 1; k <= top; k++) {
                    run = add(run, v[k]);
                    b[k] = m.owns(k) ? run.clone() : new double[dim];
                }
                body.put(BsseType.VMFC, b);
            }
            mcBody.put(mc, body);
        }
        // combine: Delta_bt(n) from the mc owning n
        Map<BsseType, TreeMap<Integer, double[]>> delta = new EnumMap<>(BsseType.class);
        for (BsseType bt : eff) {
            TreeMap<Integer, double[]> d = new TreeMap<>();
            for (int lv = 1; lv <= mMax; lv++) {
                double[][] b = mcBody.get(spec.levels().get(lv)).get(bt);
                d.put(lv, sub(b[lv], b[lv - 1]));
            }
            delta.put(bt, d);
        }
        double[] corr = null;
        if (spec.supersystemMc() != null) {
            String mc = spec.supersystemMc();
            double[][] s = new double[n + 1][];
            for (int k = 1; k <= n; k++) {
                s[k] = new double[dim];
            }
            for (int k = 1; k <= mMax; k++) {
                LevelSum ls = new LevelSum(p);
                Combinations.forEach(n, k, x -> ls.add(new FragmentTask(mc, x, x), 1.0));
                s[k] = ls.value();
            }
            LevelSum full = new LevelSum(p);
            full.add(new FragmentTask(mc, all, all), 1.0);
            double[] eFull = full.value();
            s[n] = eFull;
            corr = sub(eFull, mbe(s, mMax, n, dim));
        }
        return combine(delta, corr, dim);
    }

    /**
     * The common tail of both assemblies (spec 4.6-4.8): ret = sum of the return treatment's Delta from the highest
     * level down, plus the supersystem correction, which also becomes every treatment's Delta(N); body values are
     * left-to-right sums of Delta; rtd = false subtracts body_ret(1).
     */
    private PropertyResult combine(Map<BsseType, TreeMap<Integer, double[]>> delta, double[] corr, int dim) {
        int n = spec.nFragments();
        int mMax = spec.maxNbody();
        boolean rtd = spec.returnTotalData();
        List<BsseType> eff = plan.effectiveBsse();
        BsseType retBt = eff.get(0);
        double[] ret = new double[dim];
        for (int lv = mMax; lv >= 1; lv--) {
            ret = add(ret, delta.get(retBt).get(lv));
        }
        if (corr != null) {
            ret = add(ret, corr);
            for (BsseType bt : eff) {
                delta.get(bt).put(n, corr);
            }
        }
        Map<BsseType, SortedMap<Integer, double[]>> body = new EnumMap<>(BsseType.class);
        for (BsseType bt : eff) {
            SortedMap<Integer, double[]> b = new TreeMap<>();
            double[] run = new double[dim];
            for (Map.Entry<Integer, double[]> e : delta.get(bt).entrySet()) {
                run = add(run, e.getValue());
                b.put(e.getKey(), run.clone());
            }
            body.put(bt, b);
        }
        if (!rtd) {
            ret = sub(ret, body.get(retBt).get(1));
        }
        Map<BsseType, SortedMap<Integer, double[]>> ordered = new LinkedHashMap<>();
        for (BsseType bt : eff) {
            ordered.put(bt, body.get(bt));
        }
        return new PropertyResult(ret, ordered);
    }

    /**
     * A screened expansion over the kept terms K (closed under subsets; docs/screening.md): the n-body increment of
     * each treatment is the sum of the increments of the kept n-mers, each by inclusion-exclusion over its subsets,
     * at the mc owning level n. Written per computed task, with cnt_n(U) = number of kept n-mers containing U:
     * <pre>
     * nocp  Delta(n) = sum over U in K, |U| <= n, of (-1)^(n-|U|) cnt_n(U) E(U@U)
     * cp    Delta(1) = monomers in their own basis (as unscreened); Delta(n >= 2) = the same sum over E(U@F)
     * vmfc  Delta(n) = sum over B in K, |B| = n, of sum over x subset of B of (-1)^(n-|x|) E(x@B)
     * </pre>
     * The supersystem correction is E_s(F@F) minus the screened nocp total through M at the supersystem mc. Energies
     * are exactly rounded sums of exact products; arrays are summed in kept-term order.
     */
    private PropertyResult assembleScreened(Property p) {
        KeptTerms kept = plan.kept();
        int n = spec.nFragments();
        int mMax = spec.maxNbody();
        List<BsseType> eff = plan.effectiveBsse();
        int dim = p.size(nat);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i + 1;
        }
        int[][] cnt = kept.supersetCounts();
        boolean mono = spec.returnTotalData() || eff.contains(BsseType.NOCP);
        Map<BsseType, TreeMap<Integer, double[]>> delta = new EnumMap<>(BsseType.class);
        for (BsseType bt : eff) {
            TreeMap<Integer, double[]> d = new TreeMap<>();
            for (int lv = 1; lv <= mMax; lv++) {
                String mc = spec.levels().get(lv);
                final int level = lv;
                LevelSum ls = new LevelSum(p);
                switch (bt) {
                    case NOCP -> weighted(kept, cnt, lv, (u, w) -> ls.addTimes(new FragmentTask(mc, u, u), w));
                    case CP -> {
                        if (lv == 1) {
                            if (mono) {
                                kept.order(1).forEach(x -> ls.addTimes(new FragmentTask(mc, x, x), 1));
                            }
                        } else {
                            weighted(kept, cnt, lv, (u, w) -> ls.addTimes(new FragmentTask(mc, u,
                                    u.length == n ? u : all), w));
                        }
                    }
                    case VMFC -> kept.order(lv).forEach(b -> Combinations.forEachSubset(b, x -> ls.addTimes(
                            new FragmentTask(mc, x.length == b.length ? b : x, b), (level - x.length) % 2 == 0 ? 1 : -1)));
                }
                d.put(lv, ls.value());
            }
            delta.put(bt, d);
        }
        double[] corr = null;
        if (spec.supersystemMc() != null) {
            String mc = spec.supersystemMc();
            LevelSum total = new LevelSum(p);
            for (int k = 1; k <= mMax; k++) {
                for (int[] u : kept.order(k)) {
                    long w = 0;
                    for (int j = k; j <= mMax; j++) {
                        w += ((j - k) % 2 == 0 ? 1 : -1) * (long) cnt[kept.id(u)][j];
                    }
                    total.addTimes(new FragmentTask(mc, u, u), w);
                }
            }
            LevelSum full = new LevelSum(p);
            full.add(new FragmentTask(mc, all, all), 1.0);
            corr = sub(full.value(), total.value());
        }
        return combine(delta, corr, dim);
    }

    /** Calls {@code add(U, (-1)^(n-|U|) cnt_n(U))} for every kept U with |U| <= n inside some kept n-mer. */
    private static void weighted(KeptTerms kept, int[][] cnt, int n, java.util.function.ObjLongConsumer<int[]> add) {
        for (int k = 1; k <= n; k++) {
            for (int[] u : kept.order(k)) {
                int c = cnt[kept.id(u)][n];
                if (c != 0) {
                    add.accept(u, (n - k) % 2 == 0 ? c : -c);
                }
            }
        }
    }

    /** Truncated MBE through order k as a total: S_N if k = N, else 0.0 + sum_j (-1)^(k-j) C(N-j-1, k-j) S_j. */
    private static double[] mbe(double[][] s, int k, int n, int dim) {
        if (k == n) {
            return s[n].clone();
        }
        double[] out = new double[dim];
        for (int j = 1; j <= k; j++) {
            double c = (double) Combinations.binomial(n - j - 1, k - j) * (((k - j) % 2 == 0) ? 1 : -1);
            double[] sj = s[j];
            for (int i = 0; i < dim; i++) {
                out[i] += c * sj[i];
            }
        }
        return out;
    }

    /** Element-wise a - b (shared with ResultProperties). */
    static double[] sub(double[] a, double[] b) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i] - b[i];
        }
        return o;
    }

    private static double[] add(double[] a, double[] b) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i] + b[i];
        }
        return o;
    }
}
