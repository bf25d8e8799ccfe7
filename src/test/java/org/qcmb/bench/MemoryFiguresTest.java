package org.qcmb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Probe finding: bench printed "bytes_per_task -290.2 B"; a heap difference under its noise floor has no value. */
class MemoryFiguresTest {
    @Test
    void aHeapDifferenceBelowTheNoiseFloorIsReportedAsBelowResolution() {
        // 16 waters nocp4 plans 2,516 tasks; -290 B per task was a heap difference of -730 kB
        Figure noise = MemoryBenchmark.heapFigure("16 H2O plan only, nocp4", "planner", Metric.BYTES_PER_TASK,
                -730_000, 2516, 1, 2516, "retained heap / tasks");
        assertThat(noise.value()).isNaN();
        assertThat(noise.notes()).startsWith("below resolution: under the 2 MiB noise floor");
        Figure real = MemoryBenchmark.heapFigure("64 H2O plan only, nocp4", "planner", Metric.BYTES_PER_TASK,
                56_000_000, 679_120, 1, 679_120, "retained heap / tasks");
        assertThat(real.value()).isEqualTo(56_000_000 / 679_120.0);
        String table = Figures.table(Category.MEMORY, List.of(noise, real));
        assertThat(table).containsPattern("bytes_per_task +below resolution B").contains("82.5")
                .doesNotContain("-290").doesNotContain(" -");
    }
}
