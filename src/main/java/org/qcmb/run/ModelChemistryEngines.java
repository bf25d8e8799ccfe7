package org.qcmb.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qcmb.common.InputException;
import org.qcmb.engine.EngineException;
import org.qcmb.engine.EngineRegistry;
import org.qcmb.engine.FragmentEngine;
import org.qcmb.mbe.AtomicSpecification;
import org.qcmb.mbe.ManyBodyInput;
import org.qcmb.qcschema.Model;

/** Each model chemistry's engine, resolved and checked on the driver before any Spark stage starts. */
public final class ModelChemistryEngines {
    private ModelChemistryEngines() {
    }

    /**
     * The engine of every model chemistry of the input. Each must exist, run here ({@link
     * FragmentEngine#checkAvailable}) and accept its specification ({@link FragmentEngine#validate}); the first
     * problem is an {@link InputException} naming the model chemistry.
     */
    public static Map<String, FragmentEngine> resolve(ManyBodyInput in, EngineRegistry registry) {
        Map<String, FragmentEngine> engines = new LinkedHashMap<>();
        for (Map.Entry<String, AtomicSpecification> e : in.specifications().entrySet()) {
            AtomicSpecification s = e.getValue();
            String where = "specification for model chemistry '" + e.getKey() + "'";
            if (s.method() == null || s.method().isBlank()) {
                throw new InputException(where + ": 'model.method' is missing (e.g. \"hf\" or \"mp2\")");
            }
            if (s.basis() == null || s.basis().isBlank()) {
                throw new InputException(where + ": 'model.basis' is missing (e.g. \"cc-pvdz\")");
            }
            FragmentEngine engine;
            try {
                engine = registry.engine(s.program());
                engine.checkAvailable();
                engine.validate(in.driver(), new Model(s.method(), s.basis()), s.keywords());
            } catch (EngineException ex) {
                throw new InputException(where + ": " + ex.getMessage());
            }
            engines.put(e.getKey(), engine);
        }
        return engines;
    }
}
