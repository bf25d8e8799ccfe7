package org.qcmb.qcschema;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.qcmb.common.Driver;
import org.qcmb.molecule.Molecule;

/**
 * One fragment calculation, QCSchema-like: a molecule (ghost atoms have {@code real == false}),
 * the driver, the model, program keywords (Psi4 names) and optional external point charges (bohr).
 */
public record AtomicInput(
        Molecule molecule,
        Driver driver,
        Model model,
        Map<String, Object> keywords,
        List<PointCharge> externalCharges) implements Serializable {

    public AtomicInput {
        keywords = keywords == null ? Map.of() : Map.copyOf(keywords);
        externalCharges = externalCharges == null ? List.of() : List.copyOf(externalCharges);
    }
}
