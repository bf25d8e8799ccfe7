package org.qcmb.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * Runs one list of work items as one Spark job (one stage): items sorted by estimated cost, longest first, so
 * the last task of a stage is not the biggest; one item per partition unless items are tiny, in which case
 * neighbouring (similar-cost) items share a partition. Results come back in the sorted item order, whatever
 * order tasks finish in; each partition's results are also handed to a listener on the driver as soon as that
 * task finishes (so a long stage can keep what it has computed).
 */
public final class FragmentStage {
    /** Below this estimated cost per item, items are batched (see {@link #partitionsFor}). */
    private final long tinyCost;
    private final int maxItemsPerPartition;

    public FragmentStage(long tinyCost, int maxItemsPerPartition) {
        this.tinyCost = tinyCost;
        this.maxItemsPerPartition = Math.max(1, maxItemsPerPartition);
    }

    /** An item and its estimated cost (any monotone measure, e.g. basis functions to the fourth power). */
    public record Costed<T>(T item, long cost) implements Serializable {
    }

    /** Sorts longest first; ties keep the given order (stable), so the schedule is reproducible. */
    public static <T> List<Costed<T>> longestFirst(List<Costed<T>> items) {
        List<Costed<T>> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingLong((Costed<T> c) -> c.cost()).reversed());
        return sorted;
    }

    /**
     * Number of partitions for sorted items: one per item, except that items cheaper than tinyCost are
     * grouped up to maxItemsPerPartition, but never fewer partitions than 4 x the cores (load balance).
     */
    public int partitionsFor(List<? extends Costed<?>> sorted, int cores) {
        int n = sorted.size();
        if (n == 0) {
            return 1;
        }
        long tiny = sorted.stream().filter(c -> c.cost() < tinyCost).count();
        if (tiny * 2 < n) {
            return n;
        }
        int batched = (int) Math.ceil(n / (double) maxItemsPerPartition);
        return Math.min(n, Math.max(batched, 4 * Math.max(1, cores)));
    }

    /** Runs fn over the items as one job with the given description; returns results in sorted-item order. */
    public <T extends Serializable, R extends Serializable> List<R> run(
            JavaSparkContext sc, String description, List<Costed<T>> sortedItems, int partitions, Function<T, R> fn) {
        return run(sc, description, sortedItems, partitions, fn, part -> { });
    }

    /**
     * As {@link #run(JavaSparkContext, String, List, int, Function)}; {@code finished} receives each partition's
     * results on the driver when its task succeeds, in completion order (called from Spark's scheduler thread: keep
     * it short). The returned list does not depend on that order.
     */
    @SuppressWarnings("unchecked")
    public <T extends Serializable, R extends Serializable> List<R> run(JavaSparkContext sc, String description,
            List<Costed<T>> sortedItems, int partitions, Function<T, R> fn, Consumer<List<R>> finished) {
        List<T> plain = new ArrayList<>(sortedItems.size());
        for (Costed<T> c : sortedItems) {
            plain.add(c.item());
        }
        sc.setJobDescription(description);
        try {
            // parallelize slices contiguously: partition p holds items [p*n/P, (p+1)*n/P) of the sorted list, and
            // Spark launches partitions in index order, so the costliest run first.
            JavaRDD<R> rdd = sc.parallelize(plain, Math.max(1, partitions)).map(fn);
            // filled on Spark's scheduler thread, read here after the job
            AtomicReferenceArray<List<R>> parts = new AtomicReferenceArray<>(rdd.getNumPartitions());
            // one job, as collect() would run, but with a handler per finished partition
            scala.Function2<TaskContext, scala.collection.Iterator<R>, ArrayList<R>> collect =
                    (scala.Function2<TaskContext, scala.collection.Iterator<R>, ArrayList<R>> & Serializable)
                            (tc, it) -> {
                                ArrayList<R> out = new ArrayList<>();
                                while (it.hasNext()) {
                                    out.add(it.next());
                                }
                                return out;
                            };
            scala.Function2<Object, ArrayList<R>, BoxedUnit> handler = (index, part) -> {
                parts.set((Integer) index, part);
                finished.accept(part);
                return BoxedUnit.UNIT;
            };
            ClassTag<ArrayList<R>> tag = (ClassTag<ArrayList<R>>) (ClassTag<?>) ClassTag$.MODULE$.apply(ArrayList.class);
            sc.sc().runJob(rdd.rdd(), collect, handler, tag);
            List<R> results = new ArrayList<>(plain.size());
            for (int p = 0; p < parts.length(); p++) {
                results.addAll(parts.get(p));
            }
            return results;
        } finally {
            sc.setJobDescription(null);
        }
    }
}
