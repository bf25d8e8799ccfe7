package org.qcmb.bench;

/**
 * One measured figure: a metric of a case (workload) under a variant (how it ran), with the cores it had and the
 * fragment calculations it did. value is NaN when it could not be measured.
 */
public record Figure(Category category, String caseName, String variant, Metric metric, double value, int cores,
        int nTasks, String notes) {
    public String unit() {
        return metric.unit();
    }
}
