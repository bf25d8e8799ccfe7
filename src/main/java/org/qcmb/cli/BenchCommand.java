package org.qcmb.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.qcmb.bench.BenchmarkSuite;
import org.qcmb.bench.Category;
import org.qcmb.bench.Figure;
import org.qcmb.bench.Figures;
import org.qcmb.run.RunObserver;
import org.qcmb.spark.HostFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: the benchmark suite ({@link BenchmarkSuite}); prints one table per category. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark suite: fixed costs, overhead, scaling, memory, optimisations, the 16-water end-to-end"
                + " run and the accuracy of screened expansions and runs of 10^5 fragments (these two only with --only:"
                + " they take hours).",
                "Each category prints a table and appends rows to the 'benchmarks' table. The full suite takes about"
                        + " 10 minutes on 2 cores; --quick about 1-2 minutes."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "a small subset (about a minute)")
    boolean quick;

    @Mixin
    SharedOptions.Tables tables;

    @Option(names = "--only", split = ",", paramLabel = "CATEGORY",
            description = "categories to run: fixedcosts, overhead, scaling, memory, optimisations, endtoend,"
                    + " accuracy, scale (default: all but accuracy and scale, which take hours)")
    List<String> only;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "also write PNG plots (speed-up, efficiency) from the benchmarks table into DIR")
    Path plots;

    @Option(names = "--no-cluster", description = "skip the standalone-cluster scaling point")
    boolean noCluster;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "qcmb-bench-cache",
            description = "where the accuracy category keeps its unscreened reference runs (fragment results), so a"
                    + " later or interrupted benchmark reuses them (default: ${DEFAULT-VALUE})")
    Path cache;

    @Option(names = "--accuracy-cases", split = ",", paramLabel = "CASE",
            description = "accuracy category: the cases to run, e.g. water16-mbe4-nocp-hf-sto-3g (default: every"
                    + " water16/water32 case except the cp ones in 6-31G* and water32 cp, which take days here;"
                    + " --quick: water16-mbe3-nocp-hf-sto-3g)")
    List<String> accuracyCases;

    @Mixin
    SharedOptions.Verbose verbose;

    @Override
    public Integer call() throws Exception {
        Set<Category> categories = BenchmarkSuite.defaults();
        if (only != null) {
            categories = EnumSet.noneOf(Category.class);
            for (String name : only) {
                categories.add(Category.parse(name));
            }
        }
        RunCommand.checkTables(tables.dir);
        PrintStream out = System.out;
        Path home = Path.of(System.getenv().getOrDefault("QCMB_HOME", "."));
        BenchmarkSuite.Outcome outcome = new BenchmarkSuite().run(new BenchmarkSuite.Settings(quick, categories,
                !noCluster, home, tables.dir, plots, Engines.registry(1), cache, accuracyCases, new RunObserver() {
                    @Override
                    public PrintStream progress() {
                        return System.err;
                    }
                }), new BenchmarkSuite.Observer() {
                    @Override
                    public void started(String runId, HostFacts host, int cores) {
                        out.printf(Locale.ROOT, "qcmb bench %s%s on %s (%d logical cores, %.1f GiB), %s%n", runId,
                                quick ? " --quick" : "", host.cpuModel(), cores, host.memoryBytes() / 1073741824.0,
                                host.jvm());
                    }

                    @Override
                    public void categoryDone(Category category, List<Figure> figures) {
                        out.print(Figures.table(category, figures));
                        out.flush();
                    }

                    @Override
                    public void plotsWritten(List<Path> files, Path folder) {
                        out.println("Plots:         " + files.size() + " PNG files in " + folder);
                    }
                });
        out.println();
        out.println("Benchmarks:    " + tables.dir.resolve("benchmarks") + " (run_id " + outcome.runId() + ")");
        return 0;
    }
}
