package org.qcmb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qcmb.common.InputException;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.qcschema.AtomicCodec;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;
import org.qcmb.qcschema.ErrorClass;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.SchemaVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qcmb compute ATOMIC_INPUT.json [--engine builtin] [--output FILE]}: one QCSchema calculation, result
 * JSON to stdout or FILE. Exit 0 on success, 2 for input errors, 1 for failed calculations (the result JSON with
 * its error is written in every case the input could be read).
 */
@Command(name = "compute", mixinStandardHelpOptions = true,
        description = "Run one QCSchema AtomicInput (JSON, geometry in bohr; QCSchema v1 or v2) and write the"
                + " AtomicResult JSON in the input's version. External point charges: extras.external_charges"
                + " (v2: specification.extras.external_charges) = [[q, x, y, z], ...] (bohr).")
public final class ComputeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ATOMIC_INPUT.json", description = "QCSchema AtomicInput JSON file")
    Path input;

    @Option(names = "--engine", defaultValue = "builtin",
            description = "engine (program): builtin, psi4 or synthetic (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the result here instead of stdout")
    Path output;

    @Mixin
    SharedOptions.Verbose verbose;

    @Override
    public Integer call() throws IOException {
        JsonNode root = QcJson.readTree(input);
        SchemaVersion version;
        AtomicInput in;
        try {
            version = AtomicCodec.version(root);
            in = AtomicCodec.readInput(root);
        } catch (InputException e) {
            throw new InputException(input + ": " + e.getMessage(), e);
        }
        FragmentEngine eng = Engines.registry(1).engine(engine);
        eng.checkAvailable();
        AtomicResult r = eng.compute(in);
        String json = QcJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                AtomicCodec.writeResult(in, r, version)) + System.lineSeparator();
        if (output != null) {
            Files.writeString(output, json);
        } else {
            System.out.print(json);
            System.out.flush();
        }
        if (r.success()) {
            return 0;
        }
        System.err.println("qcmb: " + (r.error().errorClass() == ErrorClass.INPUT_ERROR ? "error" : "failed") + ": "
                + r.error().message());
        return r.error().errorClass() == ErrorClass.INPUT_ERROR ? Main.EXIT_INPUT : Main.EXIT_FAILED;
    }
}
