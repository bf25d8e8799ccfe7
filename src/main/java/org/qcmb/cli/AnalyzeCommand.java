package org.qcmb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qcmb.io.AnalysisCase;
import org.qcmb.io.AtomicFile;
import org.qcmb.mbe.Assembler;
import org.qcmb.mbe.ComponentResult;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyResult;
import org.qcmb.mbe.Plan;
import org.qcmb.mbe.Planner;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.SchemaVersion;
import org.qcmb.qcschema.manybody.ManyBodyResultCodec;
import org.qcmb.qcschema.manybody.ResultShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--with-components",
            description = "Also write the given component results (energy, gradient, hessian) as component_results.")
    boolean withComponents;

    @Mixin
    SharedOptions.Verbose verbose;

    @Override
    public Integer call() {
        AnalysisCase c = AnalysisCase.read(file);
        Plan plan = Planner.plan(c.spec());
        ManyBodyResult r = Assembler.assemble(plan, c.driver(), c.results());
        Map<FragmentTask, JsonNode> given = null;
        if (withComponents) {
            given = new LinkedHashMap<>();
            for (Map.Entry<FragmentTask, ComponentResult> e : c.results().entrySet()) {
                given.put(e.getKey(), ManyBodyResultCodec.numbers(e.getValue()));
            }
        }
        String json = QcJson.document(ManyBodyResultCodec.document(r, c.molecule(),
                new ResultShape(SchemaVersion.V1, withComponents), c.results(), given));
        if (output == null) {
            System.out.print(json);
            System.out.flush();
        } else {
            AtomicFile.write(output, json);
        }
        return 0;
    }
}
