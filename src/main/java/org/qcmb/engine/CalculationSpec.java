package org.qcmb.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.qcmb.common.Driver;
import org.qcmb.molecule.Element;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.Model;

/**
 * What an engine will be asked to compute under one model chemistry, known before any work: what
 * {@link FragmentEngine#validate} checks. A run builds one per model chemistry from its plan (before Spark starts);
 * a single calculation gives one with {@link #of(AtomicInput)}.
 *
 * @param driver          energy, gradient or Hessian
 * @param model           method and basis as the input wrote them (either may be null when not given)
 * @param keywords        the program keywords as given (defaults an engine adds are not included)
 * @param elements        every element of the molecule, ghost atoms included (their basis functions are needed)
 * @param states          the distinct charge/multiplicity states of the sub-molecules that will be computed
 * @param externalCharges whether some calculations carry external point charges (embedding)
 */
public record CalculationSpec(Driver driver, Model model, Map<String, Object> keywords, SortedSet<Element> elements,
        List<ChargeState> states, boolean externalCharges) implements Serializable {

    /**
     * A charge and multiplicity that some computed sub-molecule has; {@code example} says which one (e.g.
     * "fragment 2" or "fragments 1+2") so a refusal can name it.
     */
    public record ChargeState(int charge, int multiplicity, String example) implements Serializable {
        /** Closed shell: a singlet (fragments are validated, so a singlet has an even electron count). */
        public boolean closedShell() {
            return multiplicity == 1;
        }
    }

    public CalculationSpec {
        keywords = keywords == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
        elements = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(elements));
        states = List.copyOf(states);
    }

    /** The spec of one calculation (e.g. {@code compute}): its molecule's elements and its own charge state. */
    public static CalculationSpec of(AtomicInput input) {
        Molecule m = input.molecule();
        SortedSet<Element> elements = new TreeSet<>();
        List<ChargeState> states = new ArrayList<>();
        if (m != null && m.symbols() != null) {
            for (String s : m.symbols()) {
                try {
                    elements.add(Element.of(s));
                } catch (IllegalArgumentException unknown) {
                    // the engine's molecule check names the atom
                }
            }
            states.add(new ChargeState(m.molecularCharge(), m.molecularMultiplicity(), "the molecule"));
        }
        return new CalculationSpec(input.driver() == null ? Driver.ENERGY : input.driver(), input.model(),
                input.keywords(), elements, states, !input.externalCharges().isEmpty());
    }

    /** This spec with other keywords (e.g. an engine's defaults merged in). */
    public CalculationSpec withKeywords(Map<String, Object> other) {
        return new CalculationSpec(driver, model, other, elements, states, externalCharges);
    }
}
