package org.qcmb.engine;

import java.util.LinkedHashMap;
import java.util.Map;

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
    public AtomicResult compute(AtomicInput input) {
        Map<String, Object> keywords = new LinkedHashMap<>(defaults);
        keywords.putAll(input.keywords());
        return engine.compute(new AtomicInput(input.molecule(), input.driver(), input.model(), keywords,
                input.externalCharges()));
    }
}
