package org.qcmb.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qcmb.qcschema.AtomicInput;
import org.qcmb.qcschema.AtomicResult;

/** An engine whose inputs get default keywords (e.g. num_threads from --engine-threads) unless they set their own. */
public final class WithDefaultKeywords implements FragmentEngine {
    private static final long serialVersionUID = 1L;

    private final FragmentEngine engine;
    private final Map<String, Object> defaults;

    public WithDefaultKeywords(FragmentEngine engine, Map<String, Object> defaults) {
        this.engine = engine;
        this.defaults = Map.copyOf(defaults);
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public String version() {
        return engine.version();
    }

    @Override
    public void checkAvailable() {
        engine.checkAvailable();
    }

    @Override
    public void validate(CalculationSpec spec) {
        engine.validate(spec.withKeywords(withDefaults(spec.keywords())));
    }

    @Override
    public AtomicResult compute(AtomicInput input) {
        return engine.compute(new AtomicInput(input.molecule(), input.driver(), input.model(),
                withDefaults(input.keywords()), input.externalCharges()));
    }

    private Map<String, Object> withDefaults(Map<String, Object> keywords) {
        Map<String, Object> all = new LinkedHashMap<>(defaults);
        all.putAll(keywords);
        return all;
    }
}
