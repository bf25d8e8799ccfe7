package org.qcmb.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.qcmb.common.InputException;
import org.qcmb.engine.CalculationSpec;
import org.qcmb.engine.EngineException;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.FragmentTask;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.mbe.Plan;
import org.qcmb.molecule.Element;
import org.qcmb.molecule.Molecule;
import org.qcmb.qcschema.Model;

/**
 * Each model chemistry's engine, resolved and checked on the driver before any Spark stage starts: the one place
 * where a run asks every engine whether it can compute what the plan will hand it ({@link CalculationSpec}), so
 * that Spark never sees a fragment its engine must refuse.
 */
public final class ModelChemistryEngines {
    private ModelChemistryEngines() {
    }

    /**
     * The engine of every model chemistry of the input. Each must exist, accept its specification ({@link
     * FragmentEngine#validate}) and then run here ({@link FragmentEngine#checkAvailable}); the first
     * problem is an {@link InputException} naming the model chemistry and the field.
     */
    public static Map<String, FragmentEngine> resolve(ManyBodyInput in, Plan plan, EngineRegistry registry) {
        Map<String, FragmentEngine> engines = new LinkedHashMap<>();
        Map<String, String> wheres = new LinkedHashMap<>();
        Map<String, CalculationSpec> specs = specifications(in, plan);
        boolean single = in.specifications().size() == 1 && in.specifications().containsKey(ManyBodyInput.AUTO);
        for (Map.Entry<String, AtomicSpecification> e : in.specifications().entrySet()) {
            AtomicSpecification s = e.getValue();
            String path = single ? "specification.specification" : "specification.specification." + e.getKey();
            if (s.method() == null || s.method().isBlank()) {
                throw InputException.field(path + ".model.method", "is missing (e.g. \"hf\" or \"mp2\")");
            }
            if (s.basis() == null || s.basis().isBlank()) {
                throw InputException.field(path + ".model.basis", "is missing (e.g. \"cc-pvdz\")");
            }
            String where = (single ? "" : "model chemistry '" + e.getKey() + "' ") + "(program " + s.program()
                    + ", method " + s.method() + ", basis " + s.basis() + ")";
            FragmentEngine engine;
            try {
                engine = registry.engine(s.program());
                engine.validate(specs.get(e.getKey()));
            } catch (EngineException ex) {
                throw new InputException(where + ": " + ex.getMessage());
            }
            engines.put(e.getKey(), engine);
            wheres.put(e.getKey(), where);
        }
        // availability last: it may start programs (Psi4's warm workers), which a refused input should not
        for (Map.Entry<String, FragmentEngine> e : engines.entrySet()) {
            try {
                e.getValue().checkAvailable();
            } catch (EngineException ex) {
                throw new InputException(wheres.get(e.getKey()) + ": " + ex.getMessage());
            }
        }
        return engines;
    }

    /**
     * What each model chemistry's engine will be asked: the driver, model and keywords of its specification, every
     * element of the molecule, and the charge/multiplicity states of the sub-molecules the plan computes under it.
     * A sub-molecule's state follows from its real fragments alone (charge = sum, multiplicity = 1 + sum(m_f - 1)),
     * so the states of planned tasks are exact; an order k an energy-screened plan has not decided yet contributes the
     * states of every subset of at most k fragments (a small dynamic programme over charge and spin sums).
     */
    static Map<String, CalculationSpec> specifications(ManyBodyInput in, Plan plan) {
        Molecule mol = in.molecule();
        SortedSet<Element> elements = new TreeSet<>();
        for (String s : mol.symbols()) {
            elements.add(Element.of(s));
        }
        Map<String, Map<Long, CalculationSpec.ChargeState>> states = new HashMap<>();
        for (FragmentTask t : plan.tasks()) {
            int charge = 0;
            int spin = 0;
            for (int f : t.real()) {
                charge += mol.fragmentCharges()[f - 1];
                spin += mol.fragmentMultiplicities()[f - 1] - 1;
            }
            long key = key(charge, spin);
            Map<Long, CalculationSpec.ChargeState> byState = states.computeIfAbsent(t.mc(),
                    k -> new LinkedHashMap<>());
            if (!byState.containsKey(key)) {
                byState.put(key, new CalculationSpec.ChargeState(charge, spin + 1, fragments(t.real())));
            }
        }
        if (!plan.complete()) {
            int decided = plan.kept().through();
            for (Map.Entry<Integer, String> level : in.levels().entrySet()) {
                if (level.getKey() > decided) {
                    Map<Long, CalculationSpec.ChargeState> byState = states.computeIfAbsent(level.getValue(),
                            k -> new LinkedHashMap<>());
                    subsetStates(mol, level.getKey()).forEach(byState::putIfAbsent);
                }
            }
        }
        Map<String, CalculationSpec> out = new LinkedHashMap<>();
        boolean embedded = in.embeddingCharges() != null;
        in.specifications().forEach((mc, s) -> {
            List<CalculationSpec.ChargeState> list = new ArrayList<>(states.getOrDefault(mc, Map.of()).values());
            list.sort(java.util.Comparator.comparingInt(CalculationSpec.ChargeState::multiplicity)); // stable: plan order
            out.put(mc, new CalculationSpec(in.driver(), new Model(s.method(), s.basis()), s.keywords(), elements,
                    list, embedded));
        });
        return out;
    }

    /** The charge/multiplicity states of every subset of 1..k fragments, with the first subset that has each. */
    private static Map<Long, CalculationSpec.ChargeState> subsetStates(Molecule mol, int k) {
        // reach.get(j): state key -> an example subset of j fragments
        List<Map<Long, int[]>> reach = new ArrayList<>();
        for (int j = 0; j <= k; j++) {
            reach.add(new LinkedHashMap<>());
        }
        reach.get(0).put(key(0, 0), new int[0]);
        for (int f = 1; f <= mol.fragmentCount(); f++) {
            int q = mol.fragmentCharges()[f - 1];
            int s = mol.fragmentMultiplicities()[f - 1] - 1;
            for (int j = Math.min(k, f); j >= 1; j--) {
                for (Map.Entry<Long, int[]> e : new ArrayList<>(reach.get(j - 1).entrySet())) {
                    long next = key(charge(e.getKey()) + q, spin(e.getKey()) + s);
                    if (!reach.get(j).containsKey(next)) {
                        int[] subset = java.util.Arrays.copyOf(e.getValue(), j);
                        subset[j - 1] = f;
                        reach.get(j).put(next, subset);
                    }
                }
            }
        }
        Map<Long, CalculationSpec.ChargeState> out = new LinkedHashMap<>();
        for (int j = 1; j <= k; j++) { // the level-k model chemistry also computes the lower-order terms it needs
            reach.get(j).forEach((key, subset) -> out.putIfAbsent(key,
                    new CalculationSpec.ChargeState(charge(key), spin(key) + 1, fragments(subset))));
        }
        return out;
    }

    private static long key(int charge, int spin) {
        return ((long) charge << 32) | (spin & 0xffffffffL);
    }

    private static int charge(long key) {
        return (int) (key >> 32);
    }

    private static int spin(long key) {
        return (int) key;
    }

    private static String fragments(int[] real) {
        if (real.length == 1) {
            return "fragment " + real[0];
        }
        StringBuilder sb = new StringBuilder("fragments ");
        for (int i = 0; i < real.length; i++) {
            sb.append(i == 0 ? "" : "+").append(real[i]);
        }
        return sb.toString();
    }
}
