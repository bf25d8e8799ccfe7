package org.qcmb.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.molecule.Molecule;
import org.qcmb.molecule.XyzReader;
import org.qcmb.qcschema.QcJson;
import org.qcmb.qcschema.manybody.InputDocument;
import org.qcmb.qcschema.manybody.ManyBodyInputCodec;
import org.qcmb.qcschema.manybody.ResultShape;

/**
 * Reads a many-body request from a file: QCManyBody's ManyBodyInput (QCSchema v1 or v2) in JSON or YAML
 * ({@link ManyBodyInputCodec}), or an XYZ file plus {@link XyzOptions}. Every problem is an
 * {@link InputException} naming the file and field (unknown fields too).
 */
public final class InputReader {
    private InputReader() {
    }

    /** Reads the input; notes for the user (e.g. atoms reordered) are dropped. */
    public static ManyBodyInput read(Path file, XyzOptions options) {
        return readDocument(file, options, note -> { }).input();
    }

    /** Reads the input; notes for the user (e.g. atoms reordered) go to {@code notes}. */
    public static ManyBodyInput read(Path file, XyzOptions options, Consumer<String> notes) {
        return readDocument(file, options, notes).input();
    }

    /** Whether a file is read as XYZ (by its extension), so that the command-line options describe it. */
    public static boolean isXyz(Path file) {
        return file.toString().toLowerCase(Locale.ROOT).endsWith(".xyz");
    }

    /** Reads the input and the shape its result must take (an XYZ input gets the default shape). */
    public static InputDocument readDocument(Path file, XyzOptions options, Consumer<String> notes) {
        XyzOptions opt = options == null ? XyzOptions.none() : options;
        String name = file.toString();
        if (isXyz(file)) {
            return new InputDocument(readXyz(file, opt, notes), ResultShape.DEFAULT);
        }
        if (opt.anyGiven()) {
            throw new InputException(name + ": options such as --bsse, --max-nbody, --method, --basis, --program,"
                    + " --driver, --keyword, --auto-fragments and --screen-* apply to XYZ input only; set them in the file's"
                    + " specification");
        }
        return ManyBodyInputCodec.read(QcJson.readTree(file), name);
    }

    private static ManyBodyInput readXyz(Path file, XyzOptions opt, Consumer<String> notes) {
        String name = file.toString();
        String text = QcJson.readText(file);
        XyzReader.Result r = XyzReader.read(text, name, opt.autoFragments());
        r.notes().forEach(notes);
        Molecule mol = r.molecule();
        if (mol.fragmentCount() < 2) {
            throw new InputException(name + ": the molecule has one fragment; separate fragments with '--' lines"
                    + " or use --auto-fragments");
        }
        Driver driver = ManyBodyInputCodec.driver(opt.driver() == null ? "energy" : opt.driver(), "--driver");
        String program = opt.program() == null ? ManyBodyInputCodec.DEFAULT_PROGRAM : opt.program();
        AtomicSpecification spec = new AtomicSpecification(program, opt.method(), opt.basis(), opt.keywords(),
                Map.of(), Map.of());
        try {
            Map<String, Object> screening = opt.screening() == null ? null : opt.screening().block();
            return ManyBodyInput.create(mol, driver, opt.bsse(), null, opt.maxNbody(), opt.returnTotalData(), null,
                    null, Map.of(ManyBodyInput.AUTO, spec), screening, "");
        } catch (InputException e) {
            String msg = XyzOptions.ScreeningFlags.rename(e.getMessage().replace("'bsse_type", "'--bsse")
                    .replace("'max_nbody", "'--max-nbody").replace("'return_total_data", "'--return-total-data"));
            throw new InputException(name + ": " + msg, e);
        }
    }
}
