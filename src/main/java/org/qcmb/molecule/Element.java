package org.qcmb.molecule;

import java.util.Locale;

/** Chemical elements H..Kr by atomic number; symbols are matched case-insensitively. */
public enum Element {
    H, He, Li, Be, B, C, N, O, F, Ne, Na, Mg, Al, Si, P, S, Cl, Ar,
    K, Ca, Sc, Ti, V, Cr, Mn, Fe, Co, Ni, Cu, Zn, Ga, Ge, As, Se, Br, Kr;

    /** Atomic number Z (nuclear charge). */
    public int atomicNumber() {
        return ordinal() + 1;
    }

    public String symbol() {
        return name();
    }

    /** Looks up an element by symbol ("o", "O", "HE"); throws {@link IllegalArgumentException} naming it if unknown. */
    public static Element of(String symbol) {
        String s = symbol == null ? "" : symbol.trim();
        if (!s.isEmpty()) {
            String title = s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            for (Element e : values()) {
                if (e.name().equals(title)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("unknown element symbol '" + symbol + "'");
    }

    public static Element ofAtomicNumber(int z) {
        if (z < 1 || z > values().length) {
            throw new IllegalArgumentException("no element with atomic number " + z);
        }
        return values()[z - 1];
    }
}
