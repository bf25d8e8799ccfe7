package org.qcmb.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qcmb.io.AnalysisCase;
import org.qcmb.io.ResultWriter;
import org.qcmb.mbe.Assembler;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.Planner;
import org.qcmb.mbe.ResultDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code analyze CASE.json}: assemble given component results into the many-body result document. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Assemble component results into a many-body result document (QCSchema many-body result,"
                + " QCManyBody property names), without computing anything.",
                "CASE.json holds 'input' (molecule, bsse_type, the full levels map {\"1\": mc, ..., \"M\": mc,"
                        + " optional \"supersystem\": mc}, return_total_data, supersystem_ie_only) and"
                        + " 'component_results' (label [\"mc\", [real], [basis]] -> energy, gradient, hessian)."
                        + " The driver is the highest derivative present."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CASE.json", description = "input + component_results")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the document to FILE (overwritten) instead of standard output.")
    Path output;

    @Option(names = "--with-components", description = "Include the component results, keyed by label.")
    boolean withComponents;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        AnalysisCase c = AnalysisCase.read(file);
        Plan plan = Planner.plan(c.spec());
        ManyBodyResult r = Assembler.assemble(plan, c.driver(), c.results());
        Map<String, Object> doc = ResultDocument.build(r, c.molecule().nuclearRepulsionEnergy(),
                withComponents ? c.results() : null);
        if (output == null) {
            System.out.print(ResultWriter.toJson(doc));
            System.out.flush();
        } else {
            ResultWriter.write(doc, output);
        }
        return 0;
    }
}
