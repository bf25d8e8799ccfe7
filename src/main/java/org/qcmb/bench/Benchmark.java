package org.qcmb.bench;

import java.util.List;

/** One benchmark category: it measures side by side and returns its figures. */
interface Benchmark {
    Category category();

    List<Figure> run(BenchContext context) throws Exception;
}
