package org.qcmb.engine.builtin;

import java.util.ArrayList;
import java.util.List;
import org.qcmb.common.Driver;
import org.qcmb.common.InputException;
import org.qcmb.common.Method;
import org.qcmb.engine.CalculationSpec;
import org.qcmb.engine.EngineException;
import org.qcmb.engine.builtin.basis.BasisLibrary;
import org.qcmb.engine.builtin.basis.GbsFile;
import org.qcmb.molecule.Element;
import org.qcmb.qcschema.ErrorClass;

/**
 * What the builtin engine can compute, decided in one place: before a run ({@link BuiltinEngine#validate}, on the
 * plan's specification, before Spark starts) and again by every calculation ({@link BuiltinEngine#compute}), so
 * the two can never disagree. In order: the method, the keywords, the driver for that method, the basis set and
 * every element in it, and closed shells. Each problem is an {@link EngineException} of class
 * {@link ErrorClass#INPUT_ERROR} that names the method, keyword, basis, element or fragment and what to use
 * instead.
 */
final class BuiltinSupport {
    private BuiltinSupport() {
    }

    /** What a checked specification asks for: the method family and the parsed keywords. */
    record Checked(Method method, BuiltinKeywords keywords) {
    }

    static Checked check(CalculationSpec spec) {
        Method method = method(spec);
        BuiltinKeywords keywords = BuiltinKeywords.parse(spec.keywords());
        driver(method, spec.driver());
        basis(spec);
        closedShells(spec);
        return new Checked(method, keywords);
    }

    private static Method method(CalculationSpec spec) {
        String name = spec.model() == null ? null : spec.model().method();
        if (name == null || name.isBlank()) {
            throw input("the method is missing: use hf or mp2");
        }
        Method m = Method.of(name);
        if (m == Method.OTHER) {
            throw input("method '" + name + "' is not supported by the builtin engine: use hf or mp2, or program"
                    + " psi4");
        }
        return m;
    }

    private static void driver(Method method, Driver driver) {
        if (method == Method.MP2 && driver != Driver.ENERGY) {
            throw input("MP2 " + driver.schemaName() + "s are not supported by the builtin engine: use driver"
                    + " energy, method hf, or program psi4");
        }
    }

    /** The orbital basis exists and holds every element (ghosts too: their functions are part of the basis). */
    private static void basis(CalculationSpec spec) {
        String name = spec.model().basis();
        GbsFile file;
        try {
            file = BasisLibrary.load(name);
        } catch (InputException e) {
            throw input(e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        for (Element e : spec.elements()) {
            if (file.shells(e.symbol()) == null) {
                missing.add(e.symbol());
            }
        }
        if (!missing.isEmpty()) {
            throw input((missing.size() == 1 ? "element " + missing.get(0) + " is" : "elements "
                    + String.join(", ", missing) + " are") + " not in basis set '" + name + "' (ghost atoms"
                    + " included): choose a basis set that covers every element, or program psi4");
        }
    }

    /** Closed-shell RHF only: every computed sub-molecule must be a singlet. */
    private static void closedShells(CalculationSpec spec) {
        for (CalculationSpec.ChargeState s : spec.states()) {
            if (!s.closedShell()) {
                throw input("multiplicity " + s.multiplicity() + " of " + s.example() + " (charge " + s.charge()
                        + ") is an open shell: the builtin engine does closed-shell RHF only (every sub-molecule"
                        + " the expansion computes must be a singlet): fix the fragment multiplicities or use"
                        + " program psi4");
            }
        }
    }

    private static EngineException input(String message) {
        return new EngineException(ErrorClass.INPUT_ERROR, message);
    }
}
