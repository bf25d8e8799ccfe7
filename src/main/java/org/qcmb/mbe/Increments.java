package org.qcmb.mbe;

import java.util.Map;

/**
 * The energy increments of the kept terms of one order, as the energy rule of a screened expansion reads them:
 * Delta E(T) of the return treatment (the plan's first bsse type) at the model chemistry that owns the order,
 * by inclusion-exclusion over the subsets of T (every one of them is kept and computed):
 * <pre>
 * nocp: sum over U subset of T of (-1)^(|T|-|U|) E(U@U)
 * cp:   sum over U subset of T of (-1)^(|T|-|U|) E(U@F)
 * vmfc: sum over x subset of T of (-1)^(|T|-|x|) E(x@T)
 * </pre>
 * Each is an exactly rounded sum.
 */
final class Increments {
    private final Plan plan;
    private final String mc;
    private final BsseType bt;
    private final int order;
    private final int[] all;
    private final Map<FragmentTask, Double> energies;

    Increments(Plan plan, int order, Map<FragmentTask, Double> energies) {
        this.plan = plan;
        this.order = order;
        this.mc = plan.spec().levels().get(order);
        this.bt = plan.effectiveBsse().get(0);
        this.energies = energies;
        int n = plan.spec().nFragments();
        this.all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i + 1;
        }
    }

    /** |Delta E(T)| for a kept term T of this order. */
    double absolute(int[] t) {
        return Math.abs(of(t));
    }

    /** Delta E(T) for a kept term T of this order. */
    double of(int[] t) {
        if (t.length != order) {
            throw new IllegalArgumentException("term of " + t.length + " fragments, increments are of order " + order);
        }
        ExactSum sum = new ExactSum();
        Combinations.forEachSubset(t, u -> {
            double sign = ((t.length - u.length) % 2 == 0) ? 1.0 : -1.0;
            FragmentTask task = switch (bt) {
                case NOCP -> new FragmentTask(mc, u.length == t.length ? t : u, u.length == t.length ? t : u);
                case CP -> new FragmentTask(mc, u.length == t.length ? t : u, u.length == all.length ? u : all);
                case VMFC -> new FragmentTask(mc, u.length == t.length ? t : u, t);
            };
            Double e = energies.get(task);
            if (e == null) {
                throw new IllegalArgumentException("no energy for task " + task.label() + ", which the " + bt.label()
                        + " increment of " + java.util.Arrays.toString(t) + " needs (plan of "
                        + plan.taskCount() + " tasks)");
            }
            sum.add(sign * e);
        });
        return sum.value();
    }
}
