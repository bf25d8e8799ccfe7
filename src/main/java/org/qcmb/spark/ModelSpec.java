package org.qcmb.spark;

import java.io.Serializable;
import java.util.Map;
import org.qcmb.engine.Model;

/** How one model chemistry is computed: program, method/basis and program keywords. */
public record ModelSpec(String program, Model model, Map<String, Object> keywords) implements Serializable {
    public ModelSpec {
        keywords = keywords == null ? Map.of() : Map.copyOf(keywords);
    }
}
