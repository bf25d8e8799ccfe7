package org.qcmb.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.qcmb.qcschema.ErrorClass;

/** Maps program names ("builtin", "psi4") to engines. */
public final class EngineRegistry {
    private final Map<String, Supplier<FragmentEngine>> engines = new LinkedHashMap<>();

    public EngineRegistry register(String program, Supplier<FragmentEngine> factory) {
        engines.put(program.toLowerCase(Locale.ROOT), factory);
        return this;
    }

    public Set<String> programs() {
        return engines.keySet();
    }

    /** The engine for a program; an unknown program is an input error naming the known ones. */
    public FragmentEngine engine(String program) {
        Supplier<FragmentEngine> f = engines.get(program == null ? "" : program.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new EngineException(ErrorClass.INPUT_ERROR,
                    "unknown program '" + program + "': known programs are " + engines.keySet());
        }
        return f.get();
    }
}
